import { useQuery } from "@apollo/client/react";
import { Descriptions } from "antd";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { FoldedSection, Page } from "../components/Page";
import { LoadMore } from "../components/LoadMore";
import { NotFound, PartialError, RouteState } from "../components/QueryState";
import { useMe } from "../lib/auth";
import { yesNo } from "../lib/format";
import { WindowsTable } from "../features/windows/WindowsTable";
import { ItemsTable } from "../features/catalogue/ItemsTable";
import { DelegationsTable } from "../features/catalogue/DelegationsTable";
import { StaffTable } from "../features/staff/StaffTable";
import { DepartmentCases } from "../features/cases/LazyWorkspaces";
import { HallDesk } from "../features/cases/LazyHallDesk";
import { DepartmentFees } from "../features/fees/LazyFees";
import { UnitSupervisionBlock } from "../features/supervision/LazyUnitSupervision";

const DepartmentWorkspaceDocument = graphql(`
  query DepartmentWorkspace($code: String!, $first: Int!, $after: String, $signedIn: Boolean!) {
    department(code: $code) {
      id
      code
      name
      shortName
      approvalSection
      active
      windows {
        ...WindowsTable_window
      }
      items(first: $first, after: $after) {
        nodes {
          ...ItemsTable_item
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
      delegations {
        ...DelegationsTable_delegation
      }
      staff @include(if: $signedIn) {
        ...StaffTable_staff
      }
    }
  }
`);

const PAGE = 20;

/** A stationed department's workspace (进驻部门): its approval section, windows, items, delegations. */
export default function DepartmentRoute() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const { me } = useMe();
  const { data, loading, error, fetchMore } = useQuery(DepartmentWorkspaceDocument, {
    variables: { code, first: PAGE, signedIn: !!me },
    skip: me === undefined,
    errorPolicy: "all",
  });
  const d = data?.department;

  if (!data) return <RouteState title={t("department.title")} loading={loading || me === undefined} error={error} />;
  if (!d) return <NotFound title={t("department.title")} />;

  return (
    <Page title={d.name} subtitle={t("department.subtitle")}>
      <PartialError error={error} />
      {/* The work first: counts, decisions and opinions, fees; panels of the department's work go here, one line each. */}
      <HallDesk me={me} departmentCode={d.code} />
      <DepartmentCases me={me} departmentCode={d.code} />
      <DepartmentFees me={me} department={{ code: d.code, name: d.name }} />
      <UnitSupervisionBlock me={me} mine={!!(me?.department?.code === d.code && ["SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR"].includes(me.role))} />
      <FoldedSection title={t("workspace.about.department")} open={!me}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("department.code")}>{d.code}</Descriptions.Item>
          <Descriptions.Item label={t("department.shortName")}>{d.shortName ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("department.approvalSection")}>{d.approvalSection}</Descriptions.Item>
          <Descriptions.Item label={t("common.active")}>{yesNo(d.active, t)}</Descriptions.Item>
        </Descriptions>
      </FoldedSection>
      <FoldedSection title={t("department.windows")} open={!me}>
        <WindowsTable windows={d.windows} showPoint />
      </FoldedSection>
      <FoldedSection title={t("department.items")} open={!me}>
        <ItemsTable items={d.items.nodes} />
        <LoadMore
          shown={d.items.nodes.length}
          total={d.items.totalCount}
          hasNextPage={d.items.pageInfo.hasNextPage}
          onLoadMore={() => fetchMore({ variables: { after: d.items.pageInfo.endCursor } })}
        />
      </FoldedSection>
      <FoldedSection title={t("department.delegations")} open={!me}>
        <DelegationsTable delegations={d.delegations} show="item" />
      </FoldedSection>
      {d.staff && (
        <FoldedSection title={t("department.staff")}>
          <StaffTable staff={d.staff} />
        </FoldedSection>
      )}
    </Page>
  );
}
