import { Checkbox, Col, Form, Input, InputNumber, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/FormModal";
import { adminRefusals } from "../admin/refusals";
import { useRunMutation } from "../../lib/mutations";
import { useUpdateMaterialMutation } from "./useMaterialEdit";

interface EditedMaterial {
  id: string;
  name: string;
  description?: string | null;
  originals: number;
  copies: number;
  required: boolean;
}

interface Values {
  name: string;
  description?: string;
  originals: number;
  copies: number;
  required: boolean;
}

/** Edit one material of the published list (same document, new wording or counts): the guide gets a new version. */
export function MaterialEditForm({ material, onClose }: { material: EditedMaterial | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const [update] = useUpdateMaterialMutation();
  const run = useRunMutation();

  const submit = async (values: Values) => {
    if (!material) return [];
    const input = { id: material.id, ...values, description: values.description?.trim() || null, required: !!values.required };
    const result = await run(() => update({ variables: { input } }));
    return adminRefusals(result?.data?.updateMaterial.userErrors);
  };

  return (
    <FormModal<Values>
      name="editMaterial"
      title={t("adminScreens.materials.editTitle")}
      open={!!material}
      onClose={onClose}
      submit={submit}
      initialValues={material ? { name: material.name, description: material.description ?? "", originals: material.originals, copies: material.copies, required: material.required } : undefined}
    >
      <Typography.Paragraph type="secondary">{t("adminScreens.materials.newVersion")}</Typography.Paragraph>
      <Form.Item label={t("material.name")} name="name" rules={[{ required: true, message: t("common.required") }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("material.description")} name="description">
        <Input.TextArea maxLength={1000} rows={2} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label={t("material.originals")} name="originals" rules={[{ required: true, message: t("common.required") }]}>
            <InputNumber min={0} max={20} precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label={t("material.copies")} name="copies" rules={[{ required: true, message: t("common.required") }]}>
            <InputNumber min={0} max={20} precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="required" valuePropName="checked" className="checkbox-after-label">
            <Checkbox>{t("material.required")}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
