import { App, message as staticMessage } from "antd";
import { useCallback, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "./errors";

/**
 * Gives message toasts to the forms below it. Only screens that change data use it, so the
 * toast and dialog code is not part of the first download of the public pages.
 */
export function WithFeedback({ children }: { children: ReactNode }) {
  return <App component={false}>{children}</App>;
}

/**
 * Runs a mutation and turns a thrown error (network, FORBIDDEN, …) into a message; business
 * refusals come back as `userErrors` in the payload and are left to the form.
 */
export function useRunMutation() {
  const { message: contextMessage } = App.useApp();
  // Outside <WithFeedback> antd's context has no toast functions; the static one still shows the error.
  const message = typeof contextMessage.error === "function" ? contextMessage : staticMessage;
  const { t } = useTranslation();
  return useCallback(
    async <T,>(run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        void message.error(describeError(error, t));
        return undefined;
      }
    },
    [message, t],
  );
}
