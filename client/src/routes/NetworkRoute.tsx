import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Col, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { Page, Section } from "../components/Page";
import { QueryState } from "../components/QueryState";
import { NetworkSummary } from "../features/network/NetworkSummary";
import { PointTree } from "../features/network/PointTree";
import { PointPreview } from "../features/network/PointPreview";

const NetworkSummaryDocument = graphql(`
  query NetworkOverview {
    networkSummary {
      ...NetworkSummary_summary
    }
  }
`);

/** 服务网络: the network in figures and as a tree of its 291 points. */
export default function NetworkRoute() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(NetworkSummaryDocument);
  const [selected, setSelected] = useState<string>();

  return (
    <Page title={t("network.title")} subtitle={t("network.subtitle")}>
      {data ? <NetworkSummary summary={data.networkSummary} /> : <QueryState loading={loading} error={error} />}
      <Section title={t("network.tree")}>
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Paragraph id="tree-help">{t("network.treeHelp")}</Typography.Paragraph>
            <PointTree onSelect={setSelected} />
          </Col>
          <Col xs={24} lg={12} aria-live="polite">
            {selected ? (
              <PointPreview code={selected} />
            ) : (
              <Typography.Paragraph>{t("network.selectHint")}</Typography.Paragraph>
            )}
          </Col>
        </Row>
      </Section>
    </Page>
  );
}
