import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { Role } from "../../gql/graphql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { DecideDialog, type DecisionSubject } from "./acts/DecideDialog";
import { useMyLetters } from "./letters/useMyLetters";
import { chinaDate } from "./format";
import { DeparturesNotice, useDepartures } from "./workspace/Departed";

const DecisionsAwaitingDocument = graphql(`
  query DecisionsAwaiting($first: Int!, $after: String) {
    decisionsAwaiting(first: $first, after: $after) {
      nodes {
        id
        number
        applicant {
          name
        }
        item {
          id
          code
          name
        }
        decisionLetter {
          id
          number
          seal {
            id
            code
          }
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
type Choice = { number: string; approve: boolean; subject: DecisionSubject };

/**
 * A3: the cases waiting for the signed-in person's decision under their letters, nearest deadline
 * first, each with approve and refuse (a confirmation dialog; refusals state their reasons).
 */
export function DecisionsAwaiting({ role }: { role: Role }) {
  const { t } = useTranslation();
  const letters = useMyLetters(role);
  const { data, previousData, loading, error, fetchMore } = useQuery(DecisionsAwaitingDocument, { variables: { first: PAGE } });
  const [choice, setChoice] = useState<Choice>();
  const [open, setOpen] = useState(false);
  const departures = useDepartures();
  const waiting = (data ?? previousData)?.decisionsAwaiting;
  const active = letters.filter((l) => l.active);

  const choose = (c: NonNullable<typeof waiting>["nodes"][number], approve: boolean) => {
    const letter = c.decisionLetter;
    setChoice({
      number: c.number,
      approve,
      subject: { itemName: c.item.name, applicantName: c.applicant.name, letterNumber: letter?.number, sealCode: letter?.seal.code },
    });
    setOpen(true);
  };

  return (
    <>
      <p>
        {active.length
          ? t("cases.decisions.letters", {
              list: active.map((l) => `${l.number}（${l.allItems ? t("cases.letters.allItems") : l.items.map((i) => i.code).join("、")}，${t("cases.letters.until", { day: chinaDate(l.validTo) })}）`).join("；"),
            })
          : t("cases.decisions.noLetters")}
      </p>
      <DeparturesNotice gone={departures.gone} onDismiss={departures.dismiss} />
      {!waiting ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={waiting.nodes}
            columns={["number", "item", "applicant", "kind", "deadline"]}
            caption={t("cases.decisions.title")}
            empty={t("cases.decisions.empty")}
            actions={(row) => {
              const c = waiting.nodes.find((n) => n.id === row.id)!;
              return (
                <Space size="small" wrap>
                  <Button size="small" type="primary" onClick={() => choose(c, true)} aria-label={t("cases.acts.decide.approveNamed", { number: c.number })}>
                    {t("cases.acts.decide.approve")}
                  </Button>
                  <Button size="small" danger onClick={() => choose(c, false)} aria-label={t("cases.acts.decide.refuseNamed", { number: c.number })}>
                    {t("cases.acts.decide.refuse")}
                  </Button>
                </Space>
              );
            }}
          />
          <LoadMore
            shown={waiting.nodes.length}
            total={waiting.totalCount}
            hasNextPage={waiting.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: waiting.pageInfo.endCursor } })}
          />
        </>
      )}
      {choice &&
        departures.track(choice.number, <DecideDialog caseNumber={choice.number} open={open} onClose={() => setOpen(false)} approve={choice.approve} subject={choice.subject} />)}
    </>
  );
}
