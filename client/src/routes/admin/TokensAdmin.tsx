import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { App, Button, Popconfirm, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData } from "../../gql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CreateTokenForm } from "../../features/tokens/CreateTokenForm";
import { ApiTokenRowFragment, useRevokeApiTokenMutation } from "../../features/tokens/useTokenMutations";
import { useRunMutation } from "../../lib/mutations";
import { formatDateTime, formatNumber } from "../../lib/format";

const AdminTokensDocument = graphql(`
  query AdminTokens($first: Int!, $after: String) {
    apiTokens(first: $first, after: $after) {
      nodes {
        ...ApiTokenRow_token
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** API tokens for third-party systems: only a prefix is ever listed; the secret is shown once. */
export function TokensAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, loading, error, fetchMore } = useQuery(AdminTokensDocument, { variables: { first: 20 } });
  const [creating, setCreating] = useState(false);
  const [revoke] = useRevokeApiTokenMutation();
  const run = useRunMutation();

  const connection = data?.apiTokens;
  const tokens = getFragmentData(ApiTokenRowFragment, connection?.nodes ?? []);
  type Row = (typeof tokens)[number];

  const revokeToken = async (id: string) => {
    const result = await run(() => revoke({ variables: { id } }));
    const userErrors = result?.data?.revokeApiToken.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  return (
    <>
      <Space className="toolbar">
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t("admin.tokens.create")}
        </Button>
      </Space>
      {!connection ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <Table<Row>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={tokens}
            columns={[
              { title: t("admin.tokens.name"), dataIndex: "name" },
              { title: t("admin.tokens.prefix"), dataIndex: "prefix", render: (p: string) => <code>{p}…</code> },
              { title: t("admin.tokens.owner"), dataIndex: "owner" },
              { title: t("admin.tokens.scopes"), dataIndex: "scopes", render: (s: string[]) => s.join(", ") },
              {
                title: t("admin.tokens.points"),
                key: "points",
                render: (_, tok) => (tok.points.length ? tok.points.map((p) => p.name).join("、") : t("admin.tokens.allPoints")),
              },
              {
                title: t("admin.tokens.rateLimit"),
                dataIndex: "rateLimitPerMinute",
                render: (n: number | null) => (n === null ? t("admin.tokens.rateDefault") : formatNumber(n)),
              },
              { title: t("admin.tokens.createdAt"), dataIndex: "createdAt", render: formatDateTime },
              { title: t("admin.tokens.expiresAt"), dataIndex: "expiresAt", render: formatDateTime },
              { title: t("admin.tokens.lastUsedAt"), dataIndex: "lastUsedAt", render: formatDateTime },
              {
                title: t("admin.tokens.status"),
                key: "status",
                render: (_, tok) =>
                  tok.revokedAt ? (
                    t("admin.tokens.revokedAt", { date: formatDateTime(tok.revokedAt) })
                  ) : (
                    <Popconfirm title={t("admin.tokens.revokeConfirm", { name: tok.name })} onConfirm={() => revokeToken(tok.id)}>
                      <Button size="small" danger aria-label={t("admin.tokens.revokeNamed", { name: tok.name })}>
                        {t("admin.tokens.revoke")}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
          <LoadMore
            shown={tokens.length}
            total={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </>
      )}
      <CreateTokenForm open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
