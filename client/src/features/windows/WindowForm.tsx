import { Form, Input, InputNumber, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { WindowKind } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { useAdminOptions } from "../admin/options";
import { useRunMutation } from "../../lib/mutations";
import { useCreateServiceWindowMutation, useUpdateServiceWindowMutation } from "./useWindowMutations";

export const WINDOW_KINDS: WindowKind[] = ["PERMANENT", "PERIODIC", "AGENCY", "FINANCE"];

interface WindowValues {
  code: string;
  pointCode: string;
  number: number;
  name: string;
  kind: WindowKind;
  departmentCode?: string;
}

export interface EditedWindow {
  code: string;
  name: string;
  kind: WindowKind;
  department?: { code: string } | null;
}

/** Create a window, or rename / change the kind or department of one (`window` given). */
export function WindowForm({ open, onClose, window }: { open: boolean; onClose: () => void; window?: EditedWindow }) {
  const { t } = useTranslation();
  const { points, departments } = useAdminOptions();
  const [create] = useCreateServiceWindowMutation();
  const [update] = useUpdateServiceWindowMutation();
  const run = useRunMutation();

  const submit = async (values: WindowValues) => {
    const departmentCode = values.departmentCode ?? null;
    if (window) {
      const result = await run(() =>
        update({ variables: { input: { code: window.code, name: values.name, kind: values.kind, departmentCode } } }),
      );
      return result?.data?.updateServiceWindow.userErrors;
    }
    const result = await run(() => create({ variables: { input: { ...values, departmentCode } } }));
    return result?.data?.createServiceWindow.userErrors;
  };

  return (
    <FormModal<WindowValues>
      name="window"
      title={window ? t("admin.windows.editTitle", { code: window.code }) : t("admin.windows.createTitle")}
      open={open}
      onClose={onClose}
      submit={submit}
      initialValues={
        window ? { name: window.name, kind: window.kind, departmentCode: window.department?.code } : { kind: "PERMANENT" }
      }
    >
      {!window && (
        <Form.Item label={t("window.point")} name="pointCode" rules={[{ required: true, message: t("common.required") }]}>
          <Select options={points} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
      )}
      {!window && (
        <Form.Item label={t("window.code")} name="code" rules={[{ required: true, message: t("common.required") }]}>
          <Input maxLength={20} />
        </Form.Item>
      )}
      {!window && (
        <Form.Item label={t("window.number")} name="number" rules={[{ required: true, message: t("common.required") }]}>
          <InputNumber min={1} max={999} precision={0} />
        </Form.Item>
      )}
      <Form.Item label={t("window.name")} name="name" rules={[{ required: true, message: t("common.required") }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item label={t("window.kind")} name="kind" rules={[{ required: true, message: t("common.required") }]}>
        <Select options={WINDOW_KINDS.map((k) => ({ value: k, label: t(`enums.WindowKind.${k}`) }))} />
      </Form.Item>
      <Form.Item label={t("window.department")} name="departmentCode">
        <Select allowClear options={departments} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
    </FormModal>
  );
}
