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
/** antd's toasts: the context's inside <WithFeedback>, else the static ones (outside it the context has none). */
export function useToasts() {
  const { message: contextMessage } = App.useApp();
  return typeof contextMessage.error === "function" ? contextMessage : staticMessage;
}

export function useRunMutation() {
  const message = useToasts();
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
