import { useQuery } from "@apollo/client/react";
import { Alert, Button, Descriptions } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { Page, Section } from "../components/Page";
import { NotFound, PartialError, RouteState } from "../components/QueryState";
import { ItemDisclosure } from "../features/catalogue/ItemDisclosure";
import { DelegationsTable } from "../features/catalogue/DelegationsTable";
import { WindowsTable } from "../features/windows/WindowsTable";

const GuideItemDocument = graphql(`
  query GuideItem($code: String!) {
    serviceItem(code: $code) {
      id
      code
      name
      level
      category
      active
      version
      department {
        id
        code
        name
        approvalSection
      }
      ...ItemDisclosure_item
      acceptingWindows {
        ...WindowsTable_window
      }
      delegations {
        ...DelegationsTable_delegation
      }
    }
  }
`);

/** The printable guide of one item (五公开), public without login. */
export function GuideItemRoute() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const { data, loading, error } = useQuery(GuideItemDocument, { variables: { code }, errorPolicy: "all" });
  const item = data?.serviceItem;

  if (!data) return <RouteState title={t("guide.itemTitle")} loading={loading} error={error} />;
  if (!item) return <NotFound title={t("guide.itemTitle")} />;

  return (
    <Page
      title={item.name}
      subtitle={`${t("item.code")}：${item.code} · ${t(`enums.ItemLevel.${item.level}`)} · ${item.category}`}
      actions={
        <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t("guide.print")}
        </Button>
      }
    >
      <PartialError error={error} />
      {!item.active && <Alert type="warning" showIcon title={t("guide.inactive")} className="partial-error" />}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="item-owner">
        <Descriptions.Item label={t("item.department")}>
          <Link to={`/departments/${encodeURIComponent(item.department.code)}`}>{item.department.name}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t("department.approvalSection")}>{item.department.approvalSection}</Descriptions.Item>
      </Descriptions>
      <ItemDisclosure item={item} />
      <Section title={t("guide.acceptingWindows")}>
        <WindowsTable windows={item.acceptingWindows} showPoint showDepartment />
      </Section>
      <Section title={t("guide.delegations")}>
        <DelegationsTable delegations={item.delegations} show="township" />
      </Section>
    </Page>
  );
}
