import { Descriptions } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { yesNo } from "../../lib/format";

export const WindowSummaryFragment = graphql(`
  fragment WindowSummary_window on ServiceWindow {
    id
    code
    number
    name
    kind
    active
    point {
      id
      code
      name
      level
    }
    department {
      id
      code
      name
      approvalSection
    }
  }
`);

export function WindowSummary(props: { window: FragmentType<typeof WindowSummaryFragment> }) {
  const { t } = useTranslation();
  const w = getFragmentData(WindowSummaryFragment, props.window);
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t("window.code")}>{w.code}</Descriptions.Item>
      <Descriptions.Item label={t("window.number")}>{w.number}</Descriptions.Item>
      <Descriptions.Item label={t("window.kind")}>{t(`enums.WindowKind.${w.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t("common.active")}>{yesNo(w.active, t)}</Descriptions.Item>
      <Descriptions.Item label={t("window.point")}>
        <Link to={`/points/${encodeURIComponent(w.point.code)}`}>{w.point.name}</Link>（
        {t(`enums.PointLevel.${w.point.level}`)}）
      </Descriptions.Item>
      <Descriptions.Item label={t("window.department")}>
        {w.department ? (
          <Link to={`/departments/${encodeURIComponent(w.department.code)}`}>{w.department.name}</Link>
        ) : (
          t("window.noDepartment")
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}
