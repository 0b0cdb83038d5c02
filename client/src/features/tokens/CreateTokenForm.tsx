import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import { CopyOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../components/FormModal";
import { useRunMutation } from "../../lib/mutations";
import { graphql } from "../../gql";
import { useCreateApiTokenMutation } from "./useTokenMutations";

/** The scopes the server issues (case-policy.ts TOKEN_SCOPES); an unknown one is refused there too. */
export const TOKEN_SCOPES = ["cases:read", "cases:write", "cases:export", "complaints:write", "evaluations:write", "events:read", "network:read", "catalogue:read", "staff:read"] as const;

const TokenPointsDocument = graphql(`
  query TokenPoints {
    city: servicePoints(first: 1, level: CITY) {
      nodes {
        code
        name
      }
    }
    townships: servicePoints(first: 100, level: TOWNSHIP) {
      nodes {
        code
        name
      }
    }
    villages: servicePoints(first: 100, level: VILLAGE) {
      nodes {
        code
        name
      }
    }
  }
`);

interface TokenValues {
  name: string;
  owner?: string;
  scopes: string[];
  pointCodes?: string[];
  expiresInDays?: number | null;
  rateLimitPerMinute?: number | null;
}

/** Creates an API token; its secret is shown exactly once, with a copy button. */
export function CreateTokenForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [create] = useCreateApiTokenMutation();
  const run = useRunMutation();
  const [secret, setSecret] = useState<string>();
  const { data: pointData } = useQuery(TokenPointsDocument, { skip: !open });
  const pointOptions = [...(pointData?.city.nodes ?? []), ...(pointData?.townships.nodes ?? []), ...(pointData?.villages.nodes ?? [])].map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }));

  const submit = async (values: TokenValues) => {
    const { expiresInDays, rateLimitPerMinute, owner, ...rest } = values;
    const input = {
      ...rest,
      pointCodes: rest.pointCodes ?? [],
      ...(owner ? { owner } : {}),
      ...(expiresInDays === undefined || expiresInDays === null ? {} : { expiresInDays }),
      ...(rateLimitPerMinute === undefined || rateLimitPerMinute === null ? {} : { rateLimitPerMinute }),
    };
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
        initialValues={{ scopes: ["cases:read"], pointCodes: [], expiresInDays: 90 }}
      >
        <Form.Item label={t("admin.tokens.name")} name="name" rules={[{ required: true, message: t("common.required") }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.owner")} name="owner" extra={t("admin.tokens.ownerHelp")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.scopes")} name="scopes" rules={[{ required: true, message: t("common.required") }]}>
          <Select mode="multiple" options={TOKEN_SCOPES.map((s) => ({ value: s, label: `${s} · ${t(`admin.tokens.scopeLabels.${s}`)}` }))} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.points")} name="pointCodes" extra={t("admin.tokens.pointsHelp")}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={pointOptions} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.expiresInDays")} name="expiresInDays" extra={t("admin.tokens.expiresHelp")}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
        <Form.Item label={t("admin.tokens.rateLimit")} name="rateLimitPerMinute" extra={t("admin.tokens.rateLimitHelp")}>
          <InputNumber min={1} max={100000} precision={0} />
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
