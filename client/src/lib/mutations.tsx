import { App, message as staticMessage, type FormInstance } from "antd";
import { useCallback, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { applyFieldErrors, describeError, submittingFormNow } from "./errors";

/**
 * Gives message toasts to the forms below it. Only screens that change data use it, so the
 * toast and dialog code is not part of the first download of the public pages.
 */
export function WithFeedback({ children }: { children: ReactNode }) {
  return <App component={false}>{children}</App>;
}

/**
 * Runs a mutation and turns a thrown error (network, FORBIDDEN, …) into a message; business
 * refusals come back as `userErrors` in the payload and are left to the form. Given the form, the
 * field problems of a BAD_USER_INPUT error (`extensions.fields`) are shown under their fields.
 */
export function useRunMutation() {
  const { message: contextMessage } = App.useApp();
  // Outside <WithFeedback> antd's context has no toast functions; the static one still shows the error.
  const message = typeof contextMessage.error === "function" ? contextMessage : staticMessage;
  const { t } = useTranslation();
  return useCallback(
    async <T,>(run: () => Promise<T>, options: { form?: FormInstance } = {}): Promise<T | undefined> => {
      try {
        return await run();
      } catch (error) {
        // Field problems land under their fields; the toast then only points at them.
        const landed = applyFieldErrors(options.form ?? submittingFormNow(), error);
        void message.error(landed ? t("errors.BAD_USER_INPUT_MARKED") : describeError(error, t));
        return undefined;
      }
    },
    [message, t],
  );
}
