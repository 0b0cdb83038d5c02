import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { JointOpinionDialog } from "./acts/JointOpinionDialog";
import { casePath, chinaDateTime } from "./format";
import { DeparturesNotice, useDepartures } from "./workspace/Departed";

const JointOpinionsAwaitingDocument = graphql(`
  query JointOpinionsAwaiting($first: Int!, $after: String) {
    jointOpinionsAwaiting(first: $first, after: $after) {
      nodes {
        id
        dueOn
        notifiedAt
        case {
          id
          number
          item {
            id
            name
            department {
              id
              name
            }
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
      totalCount
    }
  }
`);

const PAGE = 20;

/** C3.3: joint cases on which the department's opinion is still awaited, with the day it is due. */
export function JointOpinionsAwaiting() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(JointOpinionsAwaitingDocument, { variables: { first: PAGE } });
  const [chosen, setChosen] = useState<{ number: string; dueOn: string }>();
  const [open, setOpen] = useState(false);
  const departures = useDepartures();
  const notices = (data ?? previousData)?.jointOpinionsAwaiting;
  if (!notices) return <QueryState loading={loading} error={error} />;

  return (
    <>
      <DeparturesNotice gone={departures.gone} onDismiss={departures.dismiss} />
      <SimpleTable
        rows={notices.nodes}
        rowKey={(n) => n.id}
        caption={t("cases.joint.title")}
        empty={t("cases.joint.empty")}
        columns={[
          { key: "number", title: t("cases.field.number"), render: (n) => <Link to={casePath(n.case.number)}>{n.case.number}</Link> },
          { key: "item", title: t("cases.field.item"), render: (n) => n.case.item.name },
          { key: "lead", title: t("cases.joint.lead"), render: (n) => n.case.item.department.name },
          { key: "applicant", title: t("cases.field.applicant"), render: (n) => n.case.applicant.name },
          { key: "notified", title: t("cases.joint.notifiedAt"), render: (n) => chinaDateTime(n.notifiedAt) },
          { key: "due", title: t("cases.records.dueOn"), render: (n) => n.dueOn },
          {
            key: "actions",
            title: t("common.actions"),
            render: (n) => (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setChosen({ number: n.case.number, dueOn: n.dueOn });
                  setOpen(true);
                }}
                aria-label={t("cases.acts.jointOpinion.named", { number: n.case.number })}
              >
                {t("cases.acts.jointOpinion.button")}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore
        shown={notices.nodes.length}
        total={notices.totalCount}
        hasNextPage={notices.pageInfo.hasNextPage}
        onLoadMore={() => fetchMore({ variables: { after: notices.pageInfo.endCursor } })}
      />
      {departures.track(chosen?.number ?? "", <JointOpinionDialog caseNumber={chosen?.number ?? ""} dueOn={chosen?.dueOn} open={open} onClose={() => setOpen(false)} />)}
    </>
  );
}
