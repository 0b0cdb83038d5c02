import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Page, Section } from "../../components/Page";
import { NotFound, RouteState } from "../../components/QueryState";
import { RequireRole } from "../../components/RequireRole";
import { useMe } from "../../lib/auth";
import { WithFeedback } from "../../lib/mutations";
import { CaseHeader } from "../../features/cases/case/CaseHeader";
import { CaseIntegrity } from "../../features/cases/case/CaseIntegrity";
import { CaseRecords } from "../../features/cases/case/CaseRecords";
import { CaseTimeline } from "../../features/cases/case/CaseTimeline";
import { CaseDocuments } from "../../features/cases/case/CaseDocuments";
import { CaseActions } from "../../features/cases/case/CaseActions";
import { NextStep } from "../../features/cases/case/NextStep";
import { CaseFees } from "../../features/fees/CaseFees";
import { useCaseLive } from "../../features/cases/case/useCaseLive";
import "../../features/fees/fees.css";

const CasePageDocument = graphql(`
  query CasePage($number: String!) {
    case(number: $number) {
      id
      number
      status
      queryCode
      item {
        id
        name
      }
      evaluation {
        id
        rating
      }
      ...CaseIntegrity_case
      ...CaseHeader_case
      ...CaseActions_case
      ...NextStep_case
      ...CaseFees_case
      ...CaseDocuments_case
      ...CaseRecords_case
      ...CaseTimeline_case
    }
  }
`);

function CasePage({ number }: { number: string }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const { data, loading, error, refetch } = useQuery(CasePageDocument, { variables: { number } });
  useCaseLive(number, refetch, !data?.case);
  const title = t("cases.page.title", { number });
  if (!data) return <RouteState title={title} loading={loading} error={error} />;
  const c = data.case;
  if (!c) return <NotFound title={title} />;

  return (
    <Page title={title} subtitle={c.item.name}>
      <CaseIntegrity case={c} />
      <CaseHeader case={c} />
      {me && (
        <Section title={t("cases.page.actions")}>
          <NextStep case={c} />
          <CaseActions case={c} me={me} />
          {c.status === "CLOSED" && c.queryCode && !c.evaluation && (
            <p>
              <Link to={`/cases/${encodeURIComponent(c.number)}/evaluate`}>{t("supervision.rating.openScreen")}</Link>
            </p>
          )}
          {c.evaluation && <p>{t("supervision.rating.given", { grade: t(`supervision.rating.${c.evaluation.rating}`) })}</p>}
        </Section>
      )}
      {me && (
        <Section title={t("fees.caseSection.title")}>
          <CaseFees case={c} />
        </Section>
      )}
      <Section title={t("cases.page.documents")}>
        <CaseDocuments case={c} />
      </Section>
      <CaseRecords case={c} />
      <Section title={t("cases.page.timeline")}>
        <CaseTimeline case={c} />
      </Section>
    </Page>
  );
}

/** 办件: one case from registration to close-out, with the acts its state allows. */
export default function CaseRoute() {
  const { t } = useTranslation();
  const { number = "" } = useParams();
  return (
    <RequireRole title={t("cases.page.title", { number })}>
      <WithFeedback>
        <CasePage number={number} />
      </WithFeedback>
    </RequireRole>
  );
}
