import { useState, type ReactNode } from "react";
import { Form, Modal } from "antd";
import type { FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { applyUserErrors, submittingForm, type UserErrorLike } from "../lib/errors";
import { FormErrors } from "./FormErrors";
import { useToasts } from "../lib/mutations";

interface FormModalProps<V> {
  /** Prefixes the field ids, so two forms on one page never share an id. */
  name: string;
  title: string;
  open: boolean;
  onClose: () => void;
  initialValues?: Partial<V>;
  okText?: string;
  /** The toast once the server agreed (default 已保存); false for none. */
  doneText?: string | false;
  /**
   * Sends the form. Resolves to the payload's user errors (empty on success), or `undefined`
   * when the request itself failed (already reported).
   */
  submit: (values: V, form: FormInstance<V>) => Promise<readonly UserErrorLike[] | undefined>;
  children: ReactNode;
}

/** A modal form that waits for the server: nothing is shown as done before the server agrees. */
export function FormModal<V extends object>({ name, title, open, onClose, initialValues, okText, doneText, submit, children }: FormModalProps<V>) {
  const { t } = useTranslation();
  const toasts = useToasts();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const onFinish = async (values: V) => {
    setBusy(true);
    setErrors([]);
    try {
      const userErrors = await submittingForm(form, () => submit(values, form));
      if (!userErrors) return;
      if (userErrors.length) setErrors(applyUserErrors(form, userErrors));
      else {
        if (doneText !== false) void toasts.success(doneText ?? t("common.saved"));
        onClose();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      destroyOnHidden
      forceRender={false}
    >
      <FormErrors messages={errors} />
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
