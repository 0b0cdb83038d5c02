import { useState, type ReactNode } from "react";
import { Form, Modal } from "antd";
import type { FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { applyUserErrors, type UserErrorLike } from "../../lib/errors";
import { FormErrors } from "../../components/FormErrors";
import { useToasts } from "../../lib/mutations";
import { useActDone } from "./workspace/Departed";

export interface ActDialogProps<V> {
  /** Form name: prefixes the field ids and names the `<form>`. */
  name: string;
  title: string;
  open: boolean;
  onClose: () => void;
  okText: string;
  danger?: boolean;
  initialValues?: Partial<V>;
  /** Shown above the fields: what the act will do, the list that will be sent … */
  preview?: ReactNode;
  /** The toast once the server agreed; by default "<title>：已办理。" (no act ends silently). */
  doneText?: string;
  /**
   * Sends the act. Resolves to the payload's user errors (empty on success), or `undefined` when
   * the request itself failed (already reported as a message).
   */
  submit: (values: V, form: FormInstance<V>) => Promise<readonly UserErrorLike[] | undefined>;
  children?: ReactNode;
}

const FOCUSABLE = "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])";

/**
 * The dialog of one act on a case. Nothing changes on screen before the server agrees (acts are
 * legal records, never optimistic); refusals show their message and the rule (e.g. "C3.6") in the
 * dialog, which stays open; a success is told in a toast. It focuses its first field (or its confirm button) when it opens, and Esc closes it.
 */
export function ActDialog<V extends object>({ name, title, open, onClose, okText, danger, initialValues, preview, doneText, submit, children }: ActDialogProps<V>) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const done = useActDone();

  const onFinish = async (values: V) => {
    setBusy(true);
    setErrors([]);
    try {
      const userErrors = await submit(values, form);
      if (!userErrors) return;
      if (userErrors.length) setErrors(applyUserErrors(form, userErrors));
      else {
        // Every act says it was done (a toast), and a list the case leaves says so (workspace/Departed.tsx).
        void toasts.success(doneText ?? t("common.actDone", { act: title }));
        done?.(title);
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  const focusFirstField = (visible: boolean) => {
    if (!visible) {
      setErrors([]);
      return;
    }
    // After the dialog's own focus handling: the first field, or the confirm button of a dialog without fields.
    setTimeout(() => {
      const form = document.getElementById(name);
      const first = form?.querySelector<HTMLInputElement>(FOCUSABLE);
      // In a radio group the chosen option takes the focus, as the arrow keys expect.
      const chosen = first?.type === "radio" ? form?.querySelector<HTMLElement>(`input[type=radio][name="${first.name}"]:checked`) : null;
      const target = chosen ?? first ?? form?.closest(".ant-modal")?.querySelector<HTMLElement>(".ant-modal-footer .ant-btn-primary");
      target?.focus();
    }, 0);
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      destroyOnHidden
      keyboard
      afterOpenChange={focusFirstField}
    >
      <FormErrors messages={errors} />
      {preview && <div className="dialog-preview">{preview}</div>}
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
