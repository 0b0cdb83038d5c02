import { useQuery } from "@apollo/client/react";
import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { GuideChange } from "../../gql/graphql";
import { QueryState } from "../../components/QueryState";
import { formatDateTime } from "../../lib/format";
import "../admin/admin.css";

const AdminGuideHistoryDocument = graphql(`
  query AdminGuideHistory($code: String!) {
    serviceItem(code: $code) {
      id
      version
      guideHistory {
        version
        change
        subject
        by
        at
        promisedLimitDays
        materials {
          id
          seq
          name
          originals
          copies
          required
        }
      }
    }
  }
`);

/** 指南版本记录: every version of the item's published guide, newest first; each row opens the materials published then. */
export function GuideHistory({ itemCode }: { itemCode: string }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(AdminGuideHistoryDocument, { variables: { code: itemCode }, fetchPolicy: "cache-and-network" });
  const history = data?.serviceItem?.guideHistory;
  if (!history) return <QueryState loading={loading} error={error} />;
  type Version = (typeof history)[number];
  return (
    <Table<Version>
      size="small"
      rowKey="version"
      pagination={false}
      dataSource={history}
      locale={{ emptyText: <Typography.Text>{t("adminScreens.guideHistory.empty")}</Typography.Text> }}
      scroll={{ x: "max-content" }}
      expandable={{
        expandedRowRender: (v) => (
          <>
            <Typography.Text strong>{t("adminScreens.guideHistory.materials")}</Typography.Text>
            <ol className="guide-history-materials">
              {v.materials.map((m) => (
                <li key={m.id}>
                  {m.name}（{t("material.originals")} {m.originals}，{t("material.copies")} {m.copies}
                  {m.required ? "" : `，${t("material.requiredNo")}`}）
                </li>
              ))}
            </ol>
            <Typography.Text>
              {t("adminScreens.guideHistory.promisedLimit")}：{t("common.workingDays", { count: v.promisedLimitDays })}
            </Typography.Text>
          </>
        ),
      }}
      columns={[
        { title: t("adminScreens.guideHistory.title"), dataIndex: "version", render: (n: number) => t("adminScreens.guideHistory.version", { version: n }) },
        {
          title: t("adminScreens.guideHistory.change"),
          key: "change",
          render: (_, v) => t(`adminScreens.guideHistory.changes.${v.change as GuideChange}`, { subject: v.subject ?? "" }),
        },
        { title: t("adminScreens.guideHistory.by"), dataIndex: "by" },
        { title: t("adminScreens.guideHistory.at"), dataIndex: "at", render: (at: string) => (at.startsWith("1970") ? "—" : formatDateTime(at)) },
      ]}
    />
  );
}
