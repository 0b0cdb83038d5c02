import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import { LoadMore } from "../../../components/LoadMore";
import { QueryState } from "../../../components/QueryState";
import { SimpleTable } from "../../../components/SimpleTable";
import { casePath, chinaDateTime } from "../format";

const DecidedByMeDocument = graphql(`
  query DecidedByMe($first: Int!, $after: String) {
    decidedByMe(first: $first, after: $after) {
      nodes {
        id
        outcome
        decidedAt
        sealCode
        case {
          id
          number
          status
          item {
            id
            name
          }
          applicant {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MyJointOpinionsDocument = graphql(`
  query MyJointOpinions($first: Int!, $after: String) {
    myJointOpinions(first: $first, after: $after) {
      nodes {
        id
        opinion
        reasons
        answeredAt
        case {
          id
          number
          status
          item {
            id
            name
            department {
              id
              name
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE = 20;

/** "Decided by me": the signed-in head's own decisions, newest first, each opening its case (no total: a head decides tens of thousands). */
export function DecidedByMe() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(DecidedByMeDocument, { variables: { first: PAGE }, fetchPolicy: "cache-and-network" });
  const page = (data ?? previousData)?.decidedByMe;
  if (!page) return <QueryState loading={loading} error={error} />;
  return (
    <>
      <SimpleTable
        rows={page.nodes}
        rowKey={(d) => d.id}
        caption={t("workspace.decided.title")}
        empty={t("workspace.decided.empty")}
        columns={[
          { key: "number", title: t("cases.field.number"), render: (d) => <Link to={casePath(d.case.number)}>{d.case.number}</Link> },
          { key: "item", title: t("cases.field.item"), render: (d) => d.case.item.name },
          { key: "applicant", title: t("cases.field.applicant"), render: (d) => d.case.applicant.name },
          { key: "outcome", title: t("workspace.decided.outcome"), render: (d) => t(`cases.outcome.${d.outcome}`) },
          { key: "at", title: t("cases.field.decidedAt"), render: (d) => chinaDateTime(d.decidedAt) },
          { key: "status", title: t("workspace.decided.now"), render: (d) => t(`cases.status.${d.case.status}`) },
        ]}
      />
      <LoadMore shown={page.nodes.length} hasNextPage={page.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: page.pageInfo.endCursor } })} />
    </>
  );
}

/** "My joint opinions": the opinions the signed-in person gave for the department, newest first. */
export function MyJointOpinions() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(MyJointOpinionsDocument, { variables: { first: PAGE }, fetchPolicy: "cache-and-network" });
  const page = (data ?? previousData)?.myJointOpinions;
  if (!page) return <QueryState loading={loading} error={error} />;
  return (
    <>
      <SimpleTable
        rows={page.nodes}
        rowKey={(n) => n.id}
        caption={t("workspace.opinions.title")}
        empty={t("workspace.opinions.empty")}
        columns={[
          { key: "number", title: t("cases.field.number"), render: (n) => <Link to={casePath(n.case.number)}>{n.case.number}</Link> },
          { key: "item", title: t("cases.field.item"), render: (n) => n.case.item.name },
          { key: "lead", title: t("cases.joint.lead"), render: (n) => n.case.item.department.name },
          { key: "opinion", title: t("workspace.opinions.opinion"), render: (n) => (n.opinion ? t(`cases.opinion.${n.opinion}`) : "—") },
          { key: "reasons", title: t("workspace.opinions.reasons"), render: (n) => n.reasons ?? "—" },
          { key: "at", title: t("workspace.opinions.at"), render: (n) => chinaDateTime(n.answeredAt) },
          { key: "status", title: t("workspace.decided.now"), render: (n) => t(`cases.status.${n.case.status}`) },
        ]}
      />
      <LoadMore shown={page.nodes.length} hasNextPage={page.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: page.pageInfo.endCursor } })} />
    </>
  );
}
