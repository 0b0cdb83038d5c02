import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tooltip, Typography } from "antd";
import { CopyOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormModal } from "../../components/FormModal";
import { StatusMark } from "../../features/admin/StatusMark";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { useAdminOptions } from "../../features/admin/options";
import { useRunMutation } from "../../lib/mutations";
import { formatDateTime } from "../../lib/format";



const WebhookEndpointsDocument = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
      eventTypes
      pointCodes
      active
      heldDeliveries
      secretHint
      createdAt
    }
  }
`);

const WebhookDeliveriesDocument = graphql(`
  query WebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      nodes {
        id
        eventId
        eventType
        caseNumber
        status
        attempts
        lastStatusCode
        lastError
        nextAttemptAt
        deliveredAt
        log {
          id
          attempt
          statusCode
          error
          durationMs
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const RegisterWebhookEndpointDocument = graphql(`
  mutation RegisterWebhookEndpoint($input: RegisterWebhookEndpointInput!) {
    registerWebhookEndpoint(input: $input) {
      registered {
        secret
        endpoint {
          id
        }
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const SetWebhookEndpointActiveDocument = graphql(`
  mutation SetWebhookEndpointActive($id: ID!, $active: Boolean!) {
    setWebhookEndpointActive(id: $id, active: $active) {
      endpoint {
        id
        active
        heldDeliveries
      }
      userErrors {
        message
      }
    }
  }
`);

const RedeliverWebhookDocument = graphql(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) {
      delivery {
        id
        status
        attempts
        nextAttemptAt
      }
      userErrors {
        message
      }
    }
  }
`);


/** Event types an integration usually follows; others may be typed in. */
const SUGGESTED_TYPES = ["REGISTERED", "ACCEPTED", "SUPPLEMENT_REQUESTED", "RETURNED", "DECIDED", "CLOSED", "WITHDRAWN", "PAID"];

interface EndpointValues {
  url: string;
  secret?: string;
  eventTypes?: string[];
  pointCodes?: string[];
}

/** 回调推送: the admin registers webhook endpoints, reads each one's delivery log and redelivers. */
export function WebhooksAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const options = useAdminOptions();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(WebhookEndpointsDocument);
  const [registering, setRegistering] = useState(false);
  const [secret, setSecret] = useState<string>();
  const [selected, setSelected] = useState<{ id: string; url: string }>();
  const [register] = useMutation(RegisterWebhookEndpointDocument, { refetchQueries: [WebhookEndpointsDocument] });
  const [setActive] = useMutation(SetWebhookEndpointActiveDocument, { refetchQueries: ["WebhookDeliveries"] });

  const endpoints = data?.webhookEndpoints ?? [];
  type Row = (typeof endpoints)[number];

  const submit = async (values: EndpointValues) => {
    const input = { url: values.url.trim(), eventTypes: values.eventTypes ?? [], pointCodes: values.pointCodes ?? [], ...(values.secret ? { secret: values.secret } : {}) };
    const result = await run(() => register({ variables: { input } }));
    const payload = result?.data?.registerWebhookEndpoint;
    if (payload?.registered) setSecret(payload.registered.secret);
    return payload?.userErrors;
  };

  const toggle = async (row: Row, active: boolean) => {
    const result = await run(() => setActive({ variables: { id: row.id, active } }));
    const userErrors = result?.data?.setWebhookEndpointActive.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      void message.success(t("webhooks.copied"));
    } catch {
      void message.error(t("webhooks.copyFailed"));
    }
  };

  const all = t("webhooks.all");
  return (
    <>
      <Space className="toolbar">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setRegistering(true)}>
          {t("webhooks.register")}
        </Button>
      </Space>
      {!data ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <Table<Row>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={endpoints}
          locale={{ emptyText: t("webhooks.empty") }}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("webhooks.url"), dataIndex: "url", render: (url: string) => <code>{url}</code> },
            { title: t("webhooks.eventTypes"), dataIndex: "eventTypes", render: (types: string[]) => (types.length ? types.join(", ") : all) },
            { title: t("webhooks.points"), dataIndex: "pointCodes", render: (codes: string[]) => (codes.length ? codes.join(", ") : all) },
            { title: t("webhooks.secretHint"), dataIndex: "secretHint", render: (hint: string) => <code>{hint}</code> },
            { title: t("webhooks.createdAt"), dataIndex: "createdAt", render: formatDateTime },
            {
              title: t("webhooks.active"),
              key: "active",
              render: (_, row) => (
                <Space size="small" wrap>
                  <Switch
                    className="webhook-switch"
                    checked={row.active}
                    checkedChildren={t("webhooks.on")}
                    unCheckedChildren={t("webhooks.off")}
                    aria-label={t(row.active ? "webhooks.disableNamed" : "webhooks.enableNamed", { url: row.url })}
                    onChange={(checked) => toggle(row, checked)}
                  />
                  {!row.active && (
                    <Tooltip title={t("webhooks.heldHelp")}>
                      <span className="webhook-held" tabIndex={0}>
                        <StatusMark tone="warn">{t("webhooks.held", { count: row.heldDeliveries })}</StatusMark>
                      </span>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            {
              title: t("webhooks.showLog"),
              key: "log",
              render: (_, row) => (
                <Button size="small" aria-label={t("webhooks.showLogNamed", { url: row.url })} onClick={() => setSelected({ id: row.id, url: row.url })}>
                  {t("webhooks.showLog")}
                </Button>
              ),
            },
          ]}
        />
      )}
      {selected && <DeliveryLog endpoint={selected} />}
      <FormModal<EndpointValues>
        name="webhook"
        title={t("webhooks.registerTitle")}
        open={registering}
        onClose={() => setRegistering(false)}
        okText={t("webhooks.register")}
        submit={submit}
        doneText={false}
        initialValues={{ eventTypes: [], pointCodes: [] }}
      >
        <Form.Item label={t("webhooks.url")} name="url" extra={t("webhooks.urlHelp")} rules={[{ required: true, message: t("common.required") }]}>
          <Input maxLength={500} inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item label={t("webhooks.secret")} name="secret" extra={t("webhooks.secretHelp")}>
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t("webhooks.eventTypes")} name="eventTypes" extra={t("webhooks.eventTypesHelp")}>
          <Select mode="tags" options={SUGGESTED_TYPES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item label={t("webhooks.points")} name="pointCodes" extra={t("webhooks.pointsHelp")}>
          <Select mode="multiple" options={options.points} optionFilterProp="label" />
        </Form.Item>
      </FormModal>
      <Modal
        title={t("webhooks.secretTitle")}
        open={!!secret}
        onCancel={() => setSecret(undefined)}
        footer={<Button onClick={() => setSecret(undefined)}>{t("webhooks.secretDone")}</Button>}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={t("webhooks.secretOnce")} />
        <Space.Compact className="secret-box">
          <Input readOnly value={secret} aria-label={t("webhooks.secret")} />
          <Button icon={<CopyOutlined aria-hidden />} onClick={copy}>
            {t("webhooks.copy")}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary">{t("webhooks.secretUse")}</Typography.Paragraph>
      </Modal>
    </>
  );
}

/** The delivery log of one endpoint, newest first, each attempt listed; redeliver by hand. */
function DeliveryLog({ endpoint }: { endpoint: { id: string; url: string } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRunMutation();
  const { data, loading, error, fetchMore } = useQuery(WebhookDeliveriesDocument, { variables: { endpointId: endpoint.id, first: 20 } });
  const [redeliver] = useMutation(RedeliverWebhookDocument);
  const connection = data?.webhookDeliveries;
  type Row = NonNullable<typeof connection>["nodes"][number];

  const answer = (statusCode: number | null | undefined, code: string | null | undefined) =>
    code ? t(`webhooks.errors.${code}`, { code: statusCode ?? "" }) : statusCode ? `HTTP ${statusCode}` : "—";

  const again = async (row: Row) => {
    const result = await run(() => redeliver({ variables: { id: row.id } }));
    const userErrors = result?.data?.redeliverWebhook.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
    else if (result?.data) void message.success(t("webhooks.redelivered"));
  };

  return (
    <section aria-labelledby="webhook-log-title">
      <Typography.Title level={2} id="webhook-log-title">
        {t("webhooks.logTitle", { url: endpoint.url })}
      </Typography.Title>
      {!connection ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <Table<Row>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={connection.nodes}
            locale={{ emptyText: t("webhooks.noDeliveries") }}
            scroll={{ x: "max-content" }}
            expandable={{
              rowExpandable: (row) => row.log.length > 0,
              expandedRowRender: (row) => (
                <ol className="webhook-attempts">
                  {row.log.map((a) => (
                    <li key={a.id}>{t("webhooks.attemptsLog", { n: a.attempt, answer: answer(a.statusCode, a.error), ms: a.durationMs })}</li>
                  ))}
                </ol>
              ),
            }}
            columns={[
              { title: t("webhooks.event"), key: "event", render: (_, row) => `${row.eventId} · ${row.eventType}` },
              { title: t("webhooks.caseNumber"), dataIndex: "caseNumber" },
              {
                title: t("webhooks.status"),
                dataIndex: "status",
                render: (s: string) => (s === "FAILED" ? <strong>{t(`webhooks.statuses.${s}`)}</strong> : s === "HELD" ? <StatusMark tone="warn">{t(`webhooks.statuses.${s}`)}</StatusMark> : t(`webhooks.statuses.${s}`)),
              },
              { title: t("webhooks.attempts"), dataIndex: "attempts", align: "right" },
              { title: t("webhooks.lastAnswer"), key: "last", render: (_, row) => answer(row.lastStatusCode, row.lastError) },
              { title: t("webhooks.nextAttemptAt"), key: "next", render: (_, row) => (row.status === "PENDING" ? formatDateTime(row.nextAttemptAt) : "—") },
              { title: t("webhooks.deliveredAt"), dataIndex: "deliveredAt", render: formatDateTime },
              {
                title: t("webhooks.redeliver"),
                key: "redeliver",
                render: (_, row) => (
                  <Button size="small" aria-label={t("webhooks.redeliverNamed", { event: row.eventId })} onClick={() => again(row)}>
                    {t("webhooks.redeliver")}
                  </Button>
                ),
              },
            ]}
          />
          <LoadMore
            shown={connection.nodes.length}
            total={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </>
      )}
    </section>
  );
}
