import { useQuery } from "@apollo/client/react";
import { Descriptions, Typography } from "antd";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { FoldedSection, Page } from "../components/Page";
import { LoadMore } from "../components/LoadMore";
import { NotFound, PartialError, RouteState } from "../components/QueryState";
import { useMe } from "../lib/auth";
import { WithFeedback } from "../lib/mutations";
import { yesNo } from "../lib/format";
import { PointsTable } from "../features/network/PointsTable";
import { VillageChecklist } from "../features/network/VillageChecklist";
import { ChecklistEditor } from "../features/network/ChecklistEditor";
import { WindowsTable } from "../features/windows/WindowsTable";
import { PointCases } from "../features/cases/LazyWorkspaces";
import { UnitSupervisionBlock } from "../features/supervision/LazyUnitSupervision";

const PointWorkspaceDocument = graphql(`
  query PointWorkspace($code: String!, $first: Int!, $after: String, $signedIn: Boolean!) {
    servicePoint(code: $code) {
      id
      code
      name
      level
      address
      phone
      active
      childCount
      parent {
        id
        code
        name
        level
      }
      children(first: $first, after: $after) {
        nodes {
          ...PointsTable_point
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
      windows {
        ...WindowsTable_window
      }
      checklist {
        ...VillageChecklist_checklist
        ...ChecklistEditor_checklist
      }
      agent @include(if: $signedIn) {
        id
        displayName
        username
      }
    }
  }
`);

const PAGE = 20;

/** A service point (city centre, township centre or village station) and what hangs off it. */
export default function PointRoute() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const { me } = useMe();
  const { data, loading, error, fetchMore } = useQuery(PointWorkspaceDocument, {
    variables: { code, first: PAGE, signedIn: !!me },
    skip: me === undefined,
    errorPolicy: "all",
  });
  const p = data?.servicePoint;

  if (!data) return <RouteState title={t("point.title")} loading={loading || me === undefined} error={error} />;
  if (!p) return <NotFound title={t("point.title")} />;

  return (
    <Page title={p.name} subtitle={t(`enums.PointLevel.${p.level}`)}>
      <PartialError error={error} />
      {/* The work first (counts, files here, decisions, ledger); what the point is folds below for signed-in staff. */}
      <PointCases me={me} point={{ code: p.code, level: p.level }} />
      <UnitSupervisionBlock me={me} mine={!!(me?.role === "TOWNSHIP_CLERK" && me.point.code === p.code)} />
      <FoldedSection title={t("workspace.about.point")} open={!me}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("point.code")}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t("point.level")}>{t(`enums.PointLevel.${p.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t("point.parent")}>
            {p.parent ? <Link to={`/points/${encodeURIComponent(p.parent.code)}`}>{p.parent.name}</Link> : "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("common.active")}>{yesNo(p.active, t)}</Descriptions.Item>
          <Descriptions.Item label={t("point.address")}>{p.address ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={t("point.phone")}>{p.phone ?? "—"}</Descriptions.Item>
        </Descriptions>
      </FoldedSection>
      {p.level === "VILLAGE" && (
        <FoldedSection title={t("checklist.title")} open={!me}>
          {p.checklist ? (
            <>
              <VillageChecklist checklist={p.checklist} />
              {me?.role === "CENTER_ADMIN" && (
                <WithFeedback>
                  <ChecklistEditor pointCode={p.code} checklist={p.checklist} />
                </WithFeedback>
              )}
            </>
          ) : (
            <Typography.Paragraph>{t("checklist.none")}</Typography.Paragraph>
          )}
          {p.agent !== undefined && (
            <Typography.Paragraph>
              {t("point.agent")}：{p.agent ? `${p.agent.displayName}（${p.agent.username}）` : t("point.noAgent")}
            </Typography.Paragraph>
          )}
        </FoldedSection>
      )}
      {p.level !== "VILLAGE" && (
        <FoldedSection title={t("point.children", { count: p.childCount })} open={!me}>
          <PointsTable points={p.children.nodes} />
          <LoadMore
            shown={p.children.nodes.length}
            total={p.children.totalCount}
            hasNextPage={p.children.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: p.children.pageInfo.endCursor } })}
          />
        </FoldedSection>
      )}
      {p.level !== "VILLAGE" && (
        <FoldedSection title={t("point.windows")} open={!me}>
          <WindowsTable windows={p.windows} showDepartment />
        </FoldedSection>
      )}
    </Page>
  );
}
