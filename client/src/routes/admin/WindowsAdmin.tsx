import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { App, Button, Form, Popconfirm, Select, Space, Table } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData } from "../../gql";
import type { WindowKind } from "../../gql/graphql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { useAdminOptions } from "../../features/admin/options";
import { WINDOW_KINDS, WindowForm, type EditedWindow } from "../../features/windows/WindowForm";
import { ScheduleEditor } from "../../features/windows/ScheduleEditor";
import { AdminWindowFragment, useDeactivateServiceWindowMutation } from "../../features/windows/useWindowMutations";
import { useRunMutation } from "../../lib/mutations";
import { weekdayName, yesNo } from "../../lib/format";

const AdminWindowsDocument = graphql(`
  query AdminWindows($first: Int!, $after: String, $pointCode: String, $kind: WindowKind) {
    serviceWindows(first: $first, after: $after, pointCode: $pointCode, kind: $kind) {
      nodes {
        ...AdminWindow_window
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export function WindowsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { points } = useAdminOptions();
  const [pointCode, setPointCode] = useState<string>();
  const [kind, setKind] = useState<WindowKind>();
  const { data, loading, error, fetchMore } = useQuery(AdminWindowsDocument, {
    variables: { first: 50, pointCode, kind },
  });
  const [editing, setEditing] = useState<EditedWindow | "new">();
  const [scheduling, setScheduling] = useState<string>();
  const [deactivate] = useDeactivateServiceWindowMutation();
  const run = useRunMutation();

  const connection = data?.serviceWindows;
  const windows = getFragmentData(AdminWindowFragment, connection?.nodes ?? []);
  type Row = (typeof windows)[number];
  const scheduled = windows.find((w) => w.code === scheduling);

  const deactivateWindow = async (code: string) => {
    const result = await run(() => deactivate({ variables: { code } }));
    const userErrors = result?.data?.deactivateServiceWindow.userErrors ?? [];
    if (userErrors.length) void message.error(userErrors.map((e) => e.message).join("；"));
  };

  return (
    <>
      <Space wrap className="toolbar" align="end">
        <Form layout="inline">
          <Form.Item label={t("window.point")} htmlFor="admin-window-point">
            <Select id="admin-window-point" className="filter-select wide" allowClear placeholder={t("guide.all")}
              value={pointCode} onChange={setPointCode} options={points} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item label={t("window.kind")} htmlFor="admin-window-kind">
            <Select id="admin-window-kind" className="filter-select" allowClear placeholder={t("guide.all")} value={kind}
              onChange={setKind} options={WINDOW_KINDS.map((k) => ({ value: k, label: t(`enums.WindowKind.${k}`) }))} />
          </Form.Item>
        </Form>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing("new")}>
          {t("admin.windows.create")}
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
            dataSource={windows}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("window.code"), key: "code", render: (_, w) => <Link to={`/windows/${encodeURIComponent(w.code)}`}>{w.code}</Link> },
              { title: t("window.number"), dataIndex: "number" },
              { title: t("window.name"), dataIndex: "name" },
              { title: t("window.kind"), dataIndex: "kind", render: (k: string) => t(`enums.WindowKind.${k}`) },
              { title: t("window.point"), key: "point", render: (_, w) => w.point.name },
              { title: t("window.department"), key: "department", render: (_, w) => w.department?.name ?? "—" },
              {
                title: t("window.schedule"),
                key: "schedule",
                render: (_, w) =>
                  w.schedules.filter((s) => s.active).map((s) => `${weekdayName(s.weekday, t)} ${s.startTime}–${s.endTime}`).join("；") || "—",
              },
              { title: t("common.active"), dataIndex: "active", render: (a: boolean) => yesNo(a, t) },
              {
                title: t("common.actions"),
                key: "actions",
                render: (_, w) => (
                  <Space size="small" wrap>
                    <Button size="small" onClick={() => setEditing(w)} aria-label={t("admin.windows.editNamed", { code: w.code })}>
                      {t("common.edit")}
                    </Button>
                    {w.kind === "PERIODIC" && (
                      <Button size="small" onClick={() => setScheduling(w.code)} aria-label={t("admin.windows.scheduleNamed", { code: w.code })}>
                        {t("window.schedule")}
                      </Button>
                    )}
                    {w.active && (
                      <Popconfirm title={t("admin.windows.deactivateConfirm", { code: w.code })} onConfirm={() => deactivateWindow(w.code)}>
                        <Button size="small" danger aria-label={t("admin.windows.deactivateNamed", { code: w.code })}>
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
            shown={windows.length}
            total={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        </>
      )}
      <WindowForm
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        window={editing === "new" ? undefined : editing}
      />
      <ScheduleEditor window={scheduled} onClose={() => setScheduling(undefined)} />
    </>
  );
}
