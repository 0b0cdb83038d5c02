import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../../features/cases/ActDialog";
import { casePath } from "../../features/cases/format";
import { useApproveTicketVoidMutation } from "../../features/fees/useFeeMutations";

const TicketVoidRequestsDocument = graphql(`
  query TicketVoidRequests {
    ticketVoidRequests {
      id
      number
      amountFen
      voidReason
      voidRequestedBy {
        id
        displayName
      }
      payment {
        id
        number
        case {
          id
          number
        }
        department {
          id
          name
        }
      }
    }
  }
`);

/** F4: the second person's approval of a void; the number stays, with its void, never reused. */
function ApproveDialog({ ticket, open, onClose }: { ticket: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [approve] = useApproveTicketVoidMutation();
  return (
    <ActDialog
      name="act-approve-void"
      title={t("fees.admin.approveTitle", { ticket })}
      okText={t("fees.admin.approveOk")}
      danger
      open={open}
      onClose={onClose}
      preview={<p className="dialog-warning">{t("fees.admin.approveHelp")}</p>}
      submit={async () => (await run(() => approve({ variables: { input: { ticketNumber: ticket } } })))?.data?.approveTicketVoid.userErrors}
    />
  );
}

export function VoidsAdmin() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(TicketVoidRequestsDocument);
  const [approving, setApproving] = useState<string>();
  if (!data) return <QueryState loading={loading} error={error} />;
  const rows = data.ticketVoidRequests;
  type Row = (typeof rows)[number];
  return (
    <>
      <SimpleTable<Row>
        rows={rows}
        rowKey={(r) => r.id}
        caption={t("fees.admin.voidsCaption")}
        empty={t("fees.admin.voidsEmpty")}
        columns={[
          { key: "ticket", title: t("fees.field.ticket"), render: (r) => r.number },
          { key: "case", title: t("fees.field.case"), render: (r) => <Link to={casePath(r.payment.case.number)}>{r.payment.case.number}</Link> },
          { key: "department", title: t("fees.field.department"), render: (r) => r.payment.department.name },
          { key: "amount", title: t("fees.field.amount"), align: "right", render: (r) => formatFen(r.amountFen) },
          { key: "reason", title: t("fees.field.reason"), render: (r) => r.voidReason ?? "—" },
          { key: "by", title: t("fees.field.requestedBy"), render: (r) => r.voidRequestedBy?.displayName ?? "—" },
          {
            key: "act",
            title: t("common.actions"),
            render: (r) => (
              <Button size="small" danger aria-label={t("fees.admin.approveNamed", { ticket: r.number })} onClick={() => setApproving(r.number)}>
                {t("fees.admin.approve")}
              </Button>
            ),
          },
        ]}
      />
      {approving && <ApproveDialog ticket={approving} open={!!approving} onClose={() => setApproving(undefined)} />}
    </>
  );
}
