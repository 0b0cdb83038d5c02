import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { DeliveryChannel } from "../../gql/graphql";
import { Section } from "../../components/Page";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { CloseDialog, HandBackDialog, HandOverDialog } from "./acts/RouteActs";
import { PointCasesChangedDocument, useLiveRefetch } from "./useLiveRefetch";
import { DeparturesNotice, useDepartures } from "./workspace/Departed";

const PointInboxDocument = graphql(`
  query PointInbox($pointCode: String!, $first: Int!, $after: String) {
    casesAtPoint(pointCode: $pointCode, first: $first, after: $after) {
      nodes {
        id
        number
        status
        registeredPoint {
          id
          code
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

const PAGE = 20;
type RowAct = "handOver" | "handBack" | "close";

interface PointInboxProps {
  pointCode: string;
  /** How results are delivered here when the case is closed (C7). */
  channel: DeliveryChannel;
  upTitle: string;
  downTitle: string;
}

/**
 * Files now at a point (C2): registered cases to pass up towards their window, and decided
 * results to pass down or to deliver and close. Refreshes itself on the point's live hints.
 */
export function PointInbox({ pointCode, channel, upTitle, downTitle }: PointInboxProps) {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(PointInboxDocument, { variables: { pointCode, first: PAGE } });
  useLiveRefetch(PointCasesChangedDocument, { pointCode }, () => refetch());
  const [act, setAct] = useState<RowAct>();
  const departures = useDepartures();
  // The number stays while the dialog fades out, so its title does not flicker.
  const [number, setNumber] = useState("");
  const openAct = (next: RowAct, caseNumber: string) => {
    setNumber(caseNumber);
    setAct(next);
  };
  const inbox = (data ?? previousData)?.casesAtPoint;
  if (!inbox) return <QueryState loading={loading} error={error} />;

  const up = inbox.nodes.filter((c) => c.status === "REGISTERED");
  const down = inbox.nodes.filter((c) => c.status === "DECIDED");
  const close = () => setAct(undefined);

  return (
    <>
      <DeparturesNotice gone={departures.gone} onDismiss={departures.dismiss} />
      <Section title={upTitle}>
        <CaseTable
          cases={up}
          columns={["number", "item", "applicant", "registeredPoint", "registeredAt"]}
          caption={upTitle}
          empty={t("cases.inbox.noneUp")}
          actions={(c) => (
            <Button size="small" type="primary" onClick={() => openAct("handOver", c.number)} aria-label={t("cases.acts.handOver.named", { number: c.number })}>
              {t("cases.acts.handOver.button")}
            </Button>
          )}
        />
      </Section>
      <Section title={downTitle}>
        <CaseTable
          cases={down}
          columns={["number", "item", "applicant", "registeredPoint", "status"]}
          caption={downTitle}
          empty={t("cases.inbox.noneDown")}
          actions={(c) =>
            c.registeredPoint.code === pointCode ? (
              <Button size="small" type="primary" onClick={() => openAct("close", c.number)} aria-label={t("cases.acts.close.named", { number: c.number })}>
                {t("cases.acts.close.button")}
              </Button>
            ) : (
              <Button size="small" onClick={() => openAct("handBack", c.number)} aria-label={t("cases.acts.handBack.named", { number: c.number })}>
                {t("cases.acts.handBack.button")}
              </Button>
            )
          }
        />
      </Section>
      <LoadMore
        shown={inbox.nodes.length}
        total={inbox.totalCount}
        hasNextPage={inbox.pageInfo.hasNextPage}
        onLoadMore={() => fetchMore({ variables: { after: inbox.pageInfo.endCursor } })}
      />
      {departures.track(
        number,
        <>
          <HandOverDialog caseNumber={number} open={act === "handOver"} onClose={close} />
          <HandBackDialog caseNumber={number} open={act === "handBack"} onClose={close} />
          <CloseDialog caseNumber={number} open={act === "close"} onClose={close} defaultChannel={channel} />
        </>,
      )}
    </>
  );
}
