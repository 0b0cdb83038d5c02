import { useState } from "react";
import { Button, Form, Input, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DelegationMode } from "../../gql/graphql";
import { FormErrors } from "../../components/FormErrors";
import { FormModal } from "../../components/FormModal";
import { applyUserErrors } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { useAdminOptions } from "../admin/options";
import { useDelegateItemMutation, useRevokeItemDelegationMutation } from "./useItemMutations";

interface DelegationRow {
  id: string;
  mode: DelegationMode;
  effectiveFrom: string;
  revokedAt?: string | null;
  revokeReason?: string | null;
  township: { code: string; name: string };
}

interface DelegateValues {
  townshipCode: string;
  mode: DelegationMode;
}

const MODES: DelegationMode[] = ["HANDLE", "PROXY"];

/** 事项下放 (G4): hand a city item down to a township, or take it back with a reason. */
export function DelegationEditor({ itemCode, delegations }: { itemCode: string; delegations: DelegationRow[] }) {
  const { t } = useTranslation();
  const { townships } = useAdminOptions();
  const [form] = Form.useForm<DelegateValues>();
  const [delegate, { loading }] = useDelegateItemMutation();
  const [revoke] = useRevokeItemDelegationMutation();
  const run = useRunMutation();
  const [errors, setErrors] = useState<string[]>([]);
  const [revoking, setRevoking] = useState<DelegationRow>();

  const submit = async (values: DelegateValues) => {
    const result = await run(() => delegate({ variables: { input: { itemCode, ...values } } }));
    const payload = result?.data?.delegateItem;
    if (!payload) return;
    setErrors(applyUserErrors(form, payload.userErrors));
    if (!payload.userErrors.length) form.resetFields();
  };

  return (
    <>
      <Table<DelegationRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={delegations}
        columns={[
          { title: t("delegation.township"), key: "township", render: (_, d) => d.township.name },
          { title: t("delegation.mode"), dataIndex: "mode", render: (m: string) => t(`enums.DelegationMode.${m}`) },
          { title: t("delegation.effectiveFrom"), dataIndex: "effectiveFrom", render: formatDate },
          {
            title: t("delegation.status"),
            key: "status",
            render: (_, d) =>
              d.revokedAt ? (
                t("delegation.revokedOn", { date: formatDate(d.revokedAt), reason: d.revokeReason ?? "—" })
              ) : (
                <Button size="small" danger onClick={() => setRevoking(d)}>
                  {t("admin.delegations.revokeNamed", { township: d.township.name })}
                </Button>
              ),
          },
        ]}
      />
      <Typography.Title level={4} className="section-title">
        {t("admin.delegations.add")}
      </Typography.Title>
      <FormErrors messages={errors} />
      <Form<DelegateValues> name="delegate" form={form} layout="vertical" onFinish={submit} initialValues={{ mode: "HANDLE" }}>
        <Form.Item label={t("delegation.township")} name="townshipCode" rules={[{ required: true, message: t("common.required") }]}>
          <Select options={townships} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item label={t("delegation.mode")} name="mode" rules={[{ required: true }]}>
          <Select options={MODES.map((m) => ({ value: m, label: t(`enums.DelegationMode.${m}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("admin.delegations.add")}
        </Button>
      </Form>
      <FormModal<{ reason: string }>
        name="revokeDelegation"
        title={t("admin.delegations.revokeTitle", { township: revoking?.township.name ?? "" })}
        open={!!revoking}
        onClose={() => setRevoking(undefined)}
        okText={t("admin.delegations.revoke")}
        submit={async ({ reason }) => {
          if (!revoking) return [];
          const result = await run(() => revoke({ variables: { input: { id: revoking.id, reason } } }));
          return result?.data?.revokeItemDelegation.userErrors;
        }}
      >
        <Form.Item label={t("admin.delegations.reason")} name="reason" rules={[{ required: true, message: t("common.required") }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </>
  );
}
