import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Section } from "../../components/Page";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { casePath } from "./format";
import { DepartmentCasesChangedDocument } from "./ImmediateDesk";
import { useLiveRefetch } from "./useLiveRefetch";

const ReviewsAwaitingDocument = graphql(`
  query ReviewsAwaiting($first: Int!, $after: String) {
    reviewsAwaiting(first: $first, after: $after) {
      nodes {
        id
        number
        item {
          id
          reviewRequired
        }
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

const NO_VARIABLES = {};
const PAGE = 20;

/**
 * A4: the section chief's COMMITTED and JOINT cases waiting for the review opinion (审查), nearest
 * deadline first, live. Each row opens the case, where the review is given.
 */
export function ReviewsAwaiting() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(ReviewsAwaitingDocument, { variables: { first: PAGE } });
  useLiveRefetch(DepartmentCasesChangedDocument, NO_VARIABLES, refetch);
  const waiting = (data ?? previousData)?.reviewsAwaiting;
  const required = new Map(waiting?.nodes.map((n) => [n.id, n.item.reviewRequired]) ?? []);

  return (
    <Section title={t("hall.reviews.title")}>
      <p>{t("hall.reviews.intro")}</p>
      {!waiting ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={waiting.nodes}
            columns={["number", "item", "applicant", "kind", "deadline"]}
            caption={t("hall.reviews.caption")}
            empty={t("hall.reviews.empty")}
            actions={(row) => (
              <>
                <span className="case-muted">{t(required.get(row.id) ? "hall.reviews.required" : "hall.reviews.optional")}</span>{" "}
                <Link to={casePath(row.number)} aria-label={t("hall.reviews.open", { number: row.number })}>
                  {t("hall.reviews.openShort")}
                </Link>
              </>
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
    </Section>
  );
}
