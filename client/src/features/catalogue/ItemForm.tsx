import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { CaseKind, ItemLevel } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { useRunMutation } from "../../lib/mutations";
import { useAdminOptions } from "../admin/options";
import { useCreateServiceItemMutation, useUpdateServiceItemMutation } from "./useItemMutations";

export const CASE_KINDS: CaseKind[] = ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP", "RETURNED", "SUPPLEMENT"];
export const ITEM_LEVELS: ItemLevel[] = ["CITY", "TOWNSHIP"];

interface ItemValues {
  code: string;
  name: string;
  level: ItemLevel;
  departmentCode: string;
  category: string;
  defaultKind: CaseKind;
  legalLimitDays: number;
  promisedLimitDays: number;
  content: string;
  legalBasis: string;
  higherAuthority?: string;
  overdueCountsAsApproval: boolean;
  reviewRequired: boolean;
  coDepartmentCodes?: string[];
}

export interface EditedItem extends Omit<ItemValues, "departmentCode" | "higherAuthority" | "coDepartmentCodes"> {
  version: number;
  higherAuthority?: string | null;
  department: { code: string };
}

/** Create a catalogue item (G1), or edit one at the version it was read (`item` given). */
export function ItemForm({ open, onClose, item }: { open: boolean; onClose: () => void; item?: EditedItem }) {
  const { t } = useTranslation();
  const { departments } = useAdminOptions();
  const [create] = useCreateServiceItemMutation();
  const [update] = useUpdateServiceItemMutation();
  const run = useRunMutation();
  const required = [{ required: true, message: t("common.required") }];

  const submit = async (values: ItemValues) => {
    const common = { ...values, higherAuthority: values.higherAuthority || null, overdueCountsAsApproval: !!values.overdueCountsAsApproval, reviewRequired: !!values.reviewRequired };
    if (item) {
      // Code, level and departments are fixed once an item exists.
      const { code: _code, level: _level, departmentCode: _dept, coDepartmentCodes: _co, ...changes } = common;
      const result = await run(() =>
        update({ variables: { input: { code: item.code, version: item.version, ...changes } } }),
      );
      return result?.data?.updateServiceItem.userErrors.map((e) =>
        e.code === "STALE_VERSION" ? { ...e, message: t("admin.items.staleVersion") } : e,
      );
    }
    const result = await run(() => create({ variables: { input: common } }));
    return result?.data?.createServiceItem.userErrors;
  };

  const initialValues: Partial<ItemValues> = item
    ? { ...item, departmentCode: item.department.code, higherAuthority: item.higherAuthority ?? undefined }
    : { level: "CITY", defaultKind: "COMMITTED", overdueCountsAsApproval: false, reviewRequired: false };

  return (
    <FormModal<ItemValues>
      name="item"
      title={item ? t("admin.items.editTitle", { code: item.code, version: item.version }) : t("admin.items.createTitle")}
      open={open}
      onClose={onClose}
      submit={submit}
      initialValues={initialValues}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t("item.code")} name="code" rules={required}>
            <Input maxLength={40} disabled={!!item} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t("item.level")} name="level" rules={required}>
            <Select disabled={!!item} options={ITEM_LEVELS.map((l) => ({ value: l, label: t(`enums.ItemLevel.${l}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t("item.name")} name="name" rules={required}>
        <Input maxLength={120} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t("item.department")} name="departmentCode" rules={required}>
            <Select disabled={!!item} options={departments} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t("item.category")} name="category" rules={required}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label={t("item.defaultKind")} name="defaultKind" rules={required}>
            <Select options={CASE_KINDS.map((k) => ({ value: k, label: t(`enums.CaseKind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item label={t("item.legalLimitDays")} name="legalLimitDays" rules={required}>
            <InputNumber min={1} max={365} precision={0} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            label={t("item.promisedLimitDays")}
            name="promisedLimitDays"
            dependencies={["legalLimitDays"]}
            rules={[
              ...required,
              ({ getFieldValue }) => ({
                validator: (_, value?: number) =>
                  value === undefined || value <= (getFieldValue("legalLimitDays") as number)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("admin.items.promisedOverLegal"))),
              }),
            ]}
          >
            <InputNumber min={0} max={365} precision={0} />
          </Form.Item>
        </Col>
      </Row>
      {!item && (
        <Form.Item label={t("item.coDepartments")} name="coDepartmentCodes" extra={t("admin.items.coDepartmentsHelp")}>
          <Select mode="multiple" options={departments} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
      )}
      <Form.Item label={t("item.content")} name="content" rules={required}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t("item.legalBasis")} name="legalBasis" rules={required}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item label={t("item.higherAuthority")} name="higherAuthority">
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="overdueCountsAsApproval" valuePropName="checked">
        <Checkbox>{t("item.overdueCountsAsApproval")}</Checkbox>
      </Form.Item>
      <Form.Item name="reviewRequired" valuePropName="checked" extra={t("hall.item.reviewRequiredHelp")}>
        <Checkbox>{t("hall.item.reviewRequired")}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
