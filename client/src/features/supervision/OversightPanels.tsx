import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { LoadMore } from "../../components/LoadMore";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { DeadlineMark } from "../cases/DeadlineMark";
import { casePath } from "../cases/format";


/** Rows per page of the supervisor's lists. */
export const PAGE = 20;

const DeadlineWarningsDocument = graphql(`
  query DeadlineWarnings {
    deadlineWarnings {
      yellow
      red
      window {
        id
        code
        name
        point {
          id
          name
        }
      }
    }
  }
`);

/** C5 per unit: each window's yellow (≤ 2 working days left) and red (overdue) cases, most red first. */
export function DeadlineWarningsPanel() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(DeadlineWarningsDocument, { fetchPolicy: "cache-and-network" });
  const list = data?.deadlineWarnings;
  return (
    <Section title={t("supervision.panel.warnings")}>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(w) => w.window.id}
          caption={t("supervision.panel.warnings")}
          empty={t("supervision.panel.warningsEmpty")}
          columns={[
            { key: "window", title: t("supervision.panel.window"), render: (w) => `${w.window.name}（${w.window.code}）` },
            { key: "point", title: t("supervision.panel.point"), render: (w) => w.window.point.name },
            { key: "yellow", title: t("supervision.panel.yellow"), align: "right", render: (w) => <span className="count-yellow">{w.yellow}</span> },
            { key: "red", title: t("supervision.panel.red"), align: "right", render: (w) => <span className="count-red">{w.red}</span> },
          ]}
        />
      )}
    </Section>
  );
}

const OverdueCasesDocument = graphql(`
  query OverdueCases($first: Int!, $after: String) {
    overdueCases(first: $first, after: $after) {
      nodes {
        id
        number
        deadline
        deadlineProvisional
        deadlineState
        remainingWorkingDays
        item {
          id
          name
          department {
            id
            name
          }
        }
        window {
          id
          code
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** Red cases across the network: in review past their limit, earliest first. */
export function OverduePanel() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(OverdueCasesDocument, { variables: { first: PAGE }, fetchPolicy: "cache-and-network" });
  const list = (data ?? previousData)?.overdueCases;
  return (
    <Section title={t("supervision.panel.overdue")}>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={list.nodes}
            rowKey={(c) => c.id}
            caption={t("supervision.panel.overdue")}
            empty={t("supervision.panel.overdueEmpty")}
            columns={[
              { key: "number", title: t("cases.field.number"), render: (c) => <Link to={casePath(c.number)}>{c.number}</Link> },
              { key: "item", title: t("cases.field.item"), render: (c) => c.item.name },
              { key: "unit", title: t("supervision.panel.unit"), render: (c) => `${c.item.department.name} / ${c.window.code}` },
              { key: "deadline", title: t("supervision.panel.deadline"), render: (c) => <DeadlineMark deadline={c.deadline} state={c.deadlineState} remaining={c.remainingWorkingDays} provisional={c.deadlineProvisional} /> },
            ]}
          />
          <LoadMore shown={list.nodes.length} total={list.totalCount} hasNextPage={list.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: list.pageInfo.endCursor } })} />
        </>
      )}
    </Section>
  );
}
