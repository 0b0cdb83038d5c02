import { Card, Col, Row, Statistic } from "antd";
import { SimpleTable } from "../../components/SimpleTable";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { Section } from "../../components/Page";

export const NetworkSummaryFragment = graphql(`
  fragment NetworkSummary_summary on NetworkSummary {
    totalPoints
    departments
    cityWindows
    delegatedItems
    pointsByLevel {
      level
      count
    }
    windowsByKind {
      kind
      count
    }
    itemsByLevel {
      level
      count
    }
    itemsByCategory {
      level
      category
      count
    }
  }
`);

function Figure({ title, value, detail }: { title: string; value: number; detail?: string }) {
  return (
    <Col xs={24} sm={12} lg={6}>
      <Card size="small" className="figure-card">
        <Statistic title={title} value={value} />
        {detail && <p className="figure-detail">{detail}</p>}
      </Card>
    </Col>
  );
}

/** The network in the source's numbers: 291 points, 31 departments, windows, items, delegations. */
export function NetworkSummary(props: { summary: FragmentType<typeof NetworkSummaryFragment> }) {
  const { t } = useTranslation();
  const s = getFragmentData(NetworkSummaryFragment, props.summary);
  const points = s.pointsByLevel.map((p) => `${t(`enums.PointLevel.${p.level}`)} ${p.count}`).join(" · ");
  const windows = s.windowsByKind.reduce((sum, w) => sum + w.count, 0);
  const windowDetail = [
    t("summary.cityWindows", { count: s.cityWindows }),
    ...s.windowsByKind.map((w) => `${t(`enums.WindowKind.${w.kind}`)} ${w.count}`),
  ].join(" · ");
  const items = s.itemsByLevel.reduce((sum, i) => sum + i.count, 0);
  const itemDetail = s.itemsByLevel.map((i) => `${t(`enums.ItemLevel.${i.level}`)} ${i.count}`).join(" · ");
  const categories = [...s.itemsByCategory].sort(
    (a, b) => a.level.localeCompare(b.level) || b.count - a.count || a.category.localeCompare(b.category),
  );
  return (
    <>
      <Row gutter={[16, 16]} className="figures">
        <Figure title={t("summary.points")} value={s.totalPoints} detail={points} />
        <Figure title={t("summary.departments")} value={s.departments} />
        <Figure title={t("summary.windows")} value={windows} detail={windowDetail} />
        <Figure title={t("summary.items")} value={items} detail={itemDetail} />
        <Figure title={t("summary.delegatedItems")} value={s.delegatedItems} />
      </Row>
      <Section title={t("summary.itemsByCategory")}>
        <SimpleTable
          rows={categories}
          rowKey={(c) => `${c.level}-${c.category}`}
          columns={[
            { key: "level", title: t("item.level"), render: (c) => t(`enums.ItemLevel.${c.level}`) },
            { key: "category", title: t("item.category"), render: (c) => c.category },
            { key: "count", title: t("summary.count"), render: (c) => c.count, align: "right" },
          ]}
        />
      </Section>
    </>
  );
}
