import { useQuery } from "@apollo/client/react";
import { Alert } from "antd";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Page } from "../../components/Page";
import { RequireRole } from "../../components/RequireRole";
import { QueryState } from "../../components/QueryState";
import { RatingForm } from "../../features/supervision/RatingForm";
import "../../features/supervision/supervision.css";

const EvaluateScreenDocument = graphql(`
  query EvaluateScreen($number: String!) {
    case(number: $number) {
      id
      number
      status
      rateable
      queryCode
      item {
        id
        name
      }
      evaluation {
        id
        rating
      }
    }
  }
`);

/**
 * The second screen at the counter (S2): the clerk opens it for the applicant, who rates the case
 * there. It sends the case's query code, which only the staff who print its notices receive.
 */
export default function EvaluateRoute() {
  const { t } = useTranslation();
  const { number = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(EvaluateScreenDocument, { variables: { number } });
  const c = data?.case;
  return (
    <RequireRole roles={["WINDOW_CLERK", "TOWNSHIP_CLERK", "VILLAGE_AGENT"]} title={t("supervision.rating.screenTitle")}>
      <Page title={t("supervision.rating.screenTitle")} subtitle={t("supervision.rating.screenSubtitle", { number })}>
        {!c ? (
          <QueryState loading={loading} error={error} />
        ) : c.evaluation ? (
          <Alert type="info" showIcon title={t("supervision.rating.given", { grade: t(`supervision.rating.${c.evaluation.rating}`) })} />
        ) : c.status !== "CLOSED" || !c.queryCode ? (
          <Alert type="warning" showIcon title={t("supervision.rating.notClosed")} />
        ) : !c.rateable ? (
          <Alert type="warning" showIcon title={t("supervision.notRateable")} />
        ) : (
          <>
            <p>{c.item.name}</p>
            <RatingForm caseNumber={c.number} queryCode={c.queryCode} large onRated={() => void refetch()} />
          </>
        )}
      </Page>
    </RequireRole>
  );
}
