import { SimpleTable } from "../../components/SimpleTable";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { yesNo } from "../../lib/format";

export const PointsTableFragment = graphql(`
  fragment PointsTable_point on ServicePoint {
    id
    code
    name
    level
    childCount
    active
  }
`);

export function PointsTable(props: { points: FragmentType<typeof PointsTableFragment>[] }) {
  const { t } = useTranslation();
  const points = getFragmentData(PointsTableFragment, props.points);
  return (
    <SimpleTable
      rows={points}
      rowKey={(p) => p.id}
      empty={t("point.noChildren")}
      columns={[
        { key: "code", title: t("point.code"), render: (p) => p.code },
        {
          key: "name",
          title: t("point.name"),
          render: (p) => <Link to={`/points/${encodeURIComponent(p.code)}`}>{p.name}</Link>,
        },
        { key: "level", title: t("point.level"), render: (p) => t(`enums.PointLevel.${p.level}`) },
        { key: "children", title: t("point.childCount"), render: (p) => p.childCount, align: "right" },
        { key: "active", title: t("common.active"), render: (p) => yesNo(p.active, t) },
      ]}
    />
  );
}
