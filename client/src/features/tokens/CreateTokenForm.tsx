import { useState } from "react";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/FormModal";
import { useRunMutation } from "../../lib/mutations";
import { useCreateApiTokenMutation } from "./useTokenMutations";

/** Scopes an integration typically asks for; others may be typed in. */
const SUGGESTED_SCOPES = ["catalogue:read", "network:read", "cases:read", "cases:write"];

interface TokenValues {
  name: string;
  scopes: string[];
  expiresInDays?: number | null;
}

/** Creates an API token; its secret is shown exactly once, with a copy button. */
export function CreateTokenForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [create] = useCreateApiTokenMutation();
  const run = useRunMutation();
  const [secret, setSecret] = useState<string>();

  const submit = async (values: TokenValues) => {
    const { expiresInDays, ...rest } = values;
    const input = expiresInDays === undefined || expiresInDays === null ? rest : { ...rest, expiresInDays };
    const result = await run(() => create({ variables: { input } }));
    const payload = result?.data?.createApiToken;
    if (payload?.created) setSecret(payload.created.secret);
    return payload?.userErrors;
  };

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      void message.success(t("admin.tokens.copied"));
    } catch {
      void message.error(t("admin.tokens.copyFailed"));
    }
  };

  return (
    <>
      <FormModal<TokenValues>
        name="token"
        title={t("admin.tokens.createTitle")}
        open={open}
        onClose={onClose}
        okText={t("admin.tokens.create")}
        submit={submit}
        initialValues={{ scopes: ["catalogue:read"], expiresInDays: 90 }}
      >
        <Form.Item label={t("admin.tokens.name")} name="name" rules={[{ required: true, message: t("common.required") }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.scopes")} name="scopes" rules={[{ required: true, message: t("common.required") }]}>
          <Select mode="tags" options={SUGGESTED_SCOPES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.expiresInDays")} name="expiresInDays" extra={t("admin.tokens.expiresHelp")}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
      </FormModal>
      <Modal
        title={t("admin.tokens.secretTitle")}
        open={!!secret}
        onCancel={() => setSecret(undefined)}
        footer={<Button onClick={() => setSecret(undefined)}>{t("admin.tokens.secretDone")}</Button>}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={t("admin.tokens.secretOnce")} />
        <Space.Compact className="secret-box">
          <Input readOnly value={secret} aria-label={t("admin.tokens.secret")} />
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
            {t("admin.tokens.copy")}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary">{t("admin.tokens.secretUse")}</Typography.Paragraph>
      </Modal>
    </>
  );
}
