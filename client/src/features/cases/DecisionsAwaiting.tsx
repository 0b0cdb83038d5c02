import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { Role } from "../../gql/graphql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { useMyLetters } from "./letters/useMyLetters";
import { casePath, chinaDate } from "./format";
import { DepartmentCasesChangedDocument } from "./ImmediateDesk";
import { useLiveRefetch } from "./useLiveRefetch";

/** Department heads hear their department's cases live (a township clerk's list refreshes with its page). */
const HEADS: readonly Role[] = ["DEPUTY_DIRECTOR", "DIRECTOR"];
const NO_VARIABLES = {};

const DecisionsAwaitingDocument = graphql(`
  query DecisionsAwaiting($first: Int!, $after: String) {
    decisionsAwaiting(first: $first, after: $after) {
      nodes {
        id
        number
        ...CaseTable_case
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const PAGE = 20;

/**
 * A3: the cases waiting for the signed-in person's decision under their letters, nearest deadline
 * first. A row only opens the case: a decision is taken on the case page, with its materials, review
 * and timeline in view — never from the list.
 */
export function DecisionsAwaiting({ role }: { role: Role }) {
  const { t } = useTranslation();
  const letters = useMyLetters(role);
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(DecisionsAwaitingDocument, { variables: { first: PAGE } });
  useLiveRefetch(DepartmentCasesChangedDocument, NO_VARIABLES, refetch, !HEADS.includes(role));
  const waiting = (data ?? previousData)?.decisionsAwaiting;
  const active = letters.filter((l) => l.active);

  return (
    <>
      <p>
        {active.length
          ? t("cases.decisions.letters", {
              list: active.map((l) => `${l.number}（${l.allItems ? t("cases.letters.allItems") : l.items.map((i) => i.code).join("、")}，${t("cases.letters.until", { day: chinaDate(l.validTo) })}）`).join("；"),
            })
          : t("cases.decisions.noLetters")}
      </p>
      {!waiting ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={waiting.nodes}
            columns={["number", "item", "applicant", "kind", "deadline"]}
            caption={t("cases.decisions.title")}
            empty={t("cases.decisions.empty")}
            actions={(row) => (
              <Link to={casePath(row.number)} aria-label={t("hall.desk.open", { number: row.number })}>
                {t("hall.desk.openShort")}
              </Link>
            )}
          />
          <LoadMore
            shown={waiting.nodes.length}
            total={waiting.totalCount}
            hasNextPage={waiting.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: waiting.pageInfo.endCursor } })}
          />
        </>
      )}
    </>
  );
}
