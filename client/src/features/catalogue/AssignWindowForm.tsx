import { useState } from "react";
import { App, Button, Form, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormErrors } from "../../components/FormErrors";
import { applyUserErrors } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import type { Option } from "../admin/options";
import { useAssignItemToWindowMutation } from "./useItemMutations";

/** "One window accepts" (N4): an item goes to exactly one window of a point; the server refuses a second. */
export function AssignWindowForm({ itemCode, windows }: { itemCode: string; windows: Option[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ windowCode: string }>();
  const [assign, { loading }] = useAssignItemToWindowMutation();
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async ({ windowCode }: { windowCode: string }) => {
    const result = await run(() => assign({ variables: { input: { itemCode, windowCode } } }), { form });
    const payload = result?.data?.assignItemToWindow;
    if (!payload) return;
    setErrors(applyUserErrors(form, payload.userErrors));
    if (!payload.userErrors.length) {
      form.resetFields();
      void message.success(t("common.saved"));
    }
  };

  return (
    <>
      <FormErrors messages={errors} />
      <Form name="assign" form={form} layout="inline" onFinish={submit}>
        <Form.Item label={t("admin.items.assignWindow")} name="windowCode" rules={[{ required: true, message: t("common.required") }]}>
          <Select className="filter-select wide" options={windows} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("admin.items.assign")}
        </Button>
      </Form>
    </>
  );
}
