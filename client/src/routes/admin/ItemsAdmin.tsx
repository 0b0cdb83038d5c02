import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { App, Button, Form, Input, Popconfirm, Select, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData } from "../../gql";
import type { ItemLevel } from "../../gql/graphql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { ITEM_LEVELS, ItemForm, type EditedItem } from "../../features/catalogue/ItemForm";
import { ItemDrawer } from "../../features/catalogue/ItemDrawer";
import { AdminItemFragment, useDeactivateServiceItemMutation } from "../../features/catalogue/useItemMutations";
import { useRunMutation } from "../../lib/mutations";
import { yesNo } from "../../lib/format";

const AdminItemsDocument = graphql(`
  query AdminItems($first: Int!, $after: String, $search: String, $level: ItemLevel) {
    serviceItems(first: $first, after: $after, search: $search, level: $level, includeInactive: true) {
      nodes {
        ...AdminItem_item
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export function ItemsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState<string>();
  const [level, setLevel] = useState<ItemLevel>();
  const { data, loading, error, fetchMore } = useQuery(AdminItemsDocument, {
    variables: { first: 20, search, level },
  });
  const [editing, setEditing] = useState<EditedItem | "new">();
  const [detail, setDetail] = useState<string>();
  const [deactivate] = useDeactivateServiceItemMutation();
  const run = useRunMutation();

  const connection = data?.serviceItems;
  const items = getFragmentData(AdminItemFragment, connection?.nodes ?? []);
  type Row = (typeof items)[number];

  const deactivateItem = async (code: string) => {
    const result = await run(() => deactivate({ variables: { code } }));
    const userErrors = result?.data?.deactivateServiceItem.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  return (
    <>
      <Space wrap className="toolbar" align="end">
        <Form layout="inline">
          <Form.Item label={t("guide.searchLabel")} htmlFor="admin-item-search">
            <Input.Search id="admin-item-search" allowClear enterButton={t("guide.searchButton")}
              onSearch={(v) => setSearch(v.trim() || undefined)} />
          </Form.Item>
          <Form.Item label={t("item.level")} htmlFor="admin-item-level">
            <Select id="admin-item-level" className="filter-select" allowClear placeholder={t("guide.all")} value={level}
              onChange={setLevel} options={ITEM_LEVELS.map((l) => ({ value: l, label: t(`enums.ItemLevel.${l}`) }))} />
          </Form.Item>
        </Form>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing("new")}>
          {t("admin.items.create")}
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
            dataSource={items}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("item.code"), dataIndex: "code" },
              { title: t("item.name"), key: "name", render: (_, i) => <Link to={`/guide/${encodeURIComponent(i.code)}`}>{i.name}</Link> },
              { title: t("item.level"), dataIndex: "level", render: (l: string) => t(`enums.ItemLevel.${l}`) },
              { title: t("item.department"), key: "department", render: (_, i) => i.department.name },
              { title: t("item.category"), dataIndex: "category" },
              { title: t("item.version"), dataIndex: "version" },
              { title: t("common.active"), dataIndex: "active", render: (a: boolean) => yesNo(a, t) },
              {
                title: t("common.actions"),
                key: "actions",
                render: (_, i) => (
                  <Space size="small" wrap>
                    <Button size="small" onClick={() => setEditing(i)} aria-label={t("admin.items.editNamed", { code: i.code })}>
                      {t("common.edit")}
                    </Button>
                    <Button size="small" onClick={() => setDetail(i.code)} aria-label={t("admin.items.detailsNamed", { code: i.code })}>
                      {t("admin.items.details")}
                    </Button>
                    {i.active && (
                      <Popconfirm title={t("admin.items.deactivateConfirm", { code: i.code })} onConfirm={() => deactivateItem(i.code)}>
                        <Button size="small" danger aria-label={t("admin.items.deactivateNamed", { code: i.code })}>
                          {t("common.deactivate")}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <LoadMore
            shown={items.length}
            total={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </>
      )}
      <ItemForm open={editing !== undefined} onClose={() => setEditing(undefined)} item={editing === "new" ? undefined : editing} />
      <ItemDrawer code={detail} onClose={() => setDetail(undefined)} />
    </>
  );
}
