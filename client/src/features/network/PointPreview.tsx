import { useQuery } from "@apollo/client/react";
import { Card, Descriptions, Spin, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { QueryState } from "../../components/QueryState";
import { VillageChecklist } from "./VillageChecklist";

const PointPreviewDocument = graphql(`
  query PointPreview($code: String!) {
    servicePoint(code: $code) {
      id
      code
      name
      level
      address
      phone
      childCount
      windows {
        id
      }
      checklist {
        ...VillageChecklist_checklist
      }
    }
  }
`);

/** What the network tree shows for the selected point; a village shows its six-ones checklist. */
export function PointPreview({ code }: { code: string }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(PointPreviewDocument, { variables: { code } });
  const p = data?.servicePoint;
  if (!data) return loading ? <Spin description={t("common.loading")} /> : <QueryState loading={false} error={error} />;
  if (!p) return <Typography.Paragraph>{t("common.notFound")}</Typography.Paragraph>;
  return (
    <Card
      size="small"
      title={<Typography.Title level={3} className="card-title">{p.name}</Typography.Title>}
      extra={<Link to={`/points/${encodeURIComponent(p.code)}`}>{t("network.openPoint")}</Link>}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t("point.code")}>{p.code}</Descriptions.Item>
        <Descriptions.Item label={t("point.level")}>{t(`enums.PointLevel.${p.level}`)}</Descriptions.Item>
        {p.level !== "VILLAGE" && (
          <Descriptions.Item label={t("point.childCount")}>{p.childCount}</Descriptions.Item>
        )}
        {p.level !== "VILLAGE" && (
          <Descriptions.Item label={t("point.windowCount")}>{p.windows.length}</Descriptions.Item>
        )}
        <Descriptions.Item label={t("point.address")}>{p.address ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("point.phone")}>{p.phone ?? "—"}</Descriptions.Item>
      </Descriptions>
      {p.level === "VILLAGE" && (
        <>
          <Typography.Title level={4} className="card-title">
            {t("checklist.title")}
          </Typography.Title>
          {p.checklist ? (
            <VillageChecklist checklist={p.checklist} />
          ) : (
            <Typography.Paragraph>{t("checklist.none")}</Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
