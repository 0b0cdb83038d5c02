import { useState } from "react";
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormErrors } from "../../components/FormErrors";
import { applyUserErrors } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { useAddMaterialMutation, useDeactivateMaterialMutation } from "./useItemMutations";
import { MaterialEditForm } from "./MaterialEditForm";

interface MaterialRow {
  id: string;
  seq: number;
  name: string;
  description?: string | null;
  originals: number;
  copies: number;
  required: boolean;
  active: boolean;
}

interface MaterialValues {
  name: string;
  description?: string;
  originals: number;
  copies: number;
  required: boolean;
}

/** 申报材料 of one item: the published list (G3 checks intake against it); add or retire entries. */
export function MaterialsEditor({ itemCode, materials }: { itemCode: string; materials: MaterialRow[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaterialValues>();
  const [add, { loading }] = useAddMaterialMutation();
  const [deactivate] = useDeactivateMaterialMutation();
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<MaterialRow>();

  const submit = async (values: MaterialValues) => {
    const input = { itemCode, ...values, description: values.description || null, required: !!values.required };
    const result = await run(() => add({ variables: { input } }), { form });
    const payload = result?.data?.addMaterial;
    if (!payload) return;
    setErrors(applyUserErrors(form, payload.userErrors));
    if (!payload.userErrors.length) form.resetFields();
  };

  const retire = async (id: string) => {
    const result = await run(() => deactivate({ variables: { id } }));
    const userErrors = result?.data?.deactivateMaterial.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  const active = materials.filter((m) => m.active).sort((a, b) => a.seq - b.seq);
  return (
    <>
      <Table<MaterialRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={active}
        columns={[
          { title: t("material.seq"), dataIndex: "seq", width: 56 },
          { title: t("material.name"), dataIndex: "name" },
          { title: t("material.originals"), dataIndex: "originals" },
          { title: t("material.copies"), dataIndex: "copies" },
          { title: t("material.required"), dataIndex: "required", render: (r: boolean) => (r ? t("material.requiredYes") : t("material.requiredNo")) },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_, m) => (
              <span className="row-actions">
                <Button size="small" aria-label={t("adminScreens.materials.editNamed", { name: m.name })} onClick={() => setEditing(m)}>
                  {t("common.edit")}
                </Button>
                <Popconfirm title={t("admin.materials.deactivateConfirm")} onConfirm={() => retire(m.id)}>
                  <Button size="small" danger aria-label={t("admin.materials.deactivateNamed", { name: m.name })}>
                    {t("common.deactivate")}
                  </Button>
                </Popconfirm>
              </span>
            ),
          },
        ]}
      />
      <MaterialEditForm material={editing} onClose={() => setEditing(undefined)} />
      <Typography.Title level={4} className="section-title">
        {t("admin.materials.add")}
      </Typography.Title>
      <FormErrors messages={errors} />
      <Form<MaterialValues> name="material" form={form} layout="vertical" onFinish={submit} initialValues={{ originals: 1, copies: 0, required: true }}>
        <Form.Item label={t("material.name")} name="name" rules={[{ required: true, message: t("common.required") }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item label={t("material.description")} name="description">
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label={t("material.originals")} name="originals" rules={[{ required: true }]}>
              <InputNumber min={0} max={20} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t("material.copies")} name="copies" rules={[{ required: true }]}>
              <InputNumber min={0} max={20} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="required" valuePropName="checked" className="checkbox-after-label">
              <Checkbox>{t("material.required")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("admin.materials.add")}
        </Button>
      </Form>
    </>
  );
}
