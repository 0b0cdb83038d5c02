import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Button, Form, Input, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { FeeTag } from "./FeeTag";
import { graphql } from "../../gql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { casePath, chinaDateTime } from "../cases/format";
import { useRequestTicketVoidMutation } from "./useFeeMutations";

const PaymentsTakenDocument = graphql(`
  query PaymentsTaken($windowCode: String!, $day: String!) {
    paymentsTaken(windowCode: $windowCode, day: $day) {
      id
      number
      amountFen
      method
      reference
      takenAt
      case {
        id
        number
      }
      department {
        id
        name
      }
      ticket {
        id
        number
        status
        voidRequestedAt
        pdfUrl
      }
    }
  }
`);

/** F4: the first person asks, with a reason; a second person approves (never the same). */
function RequestVoidDialog({ ticket, open, onClose }: { ticket: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [request] = useRequestTicketVoidMutation();
  return (
    <ActDialog<{ reason: string }>
      name="act-request-void"
      title={t("fees.finance.voidTitle", { ticket })}
      okText={t("fees.finance.voidOk")}
      danger
      open={open}
      onClose={onClose}
      preview={<p>{t("fees.finance.voidHelp")}</p>}
      submit={async ({ reason }) => (await run(() => request({ variables: { input: { ticketNumber: ticket, reason: reason.trim() } } })))?.data?.requestTicketVoid.userErrors}
    >
      <Form.Item label={t("fees.field.reason")} name="reason" rules={[{ required: true, whitespace: true, message: t("common.required") }, { min: 4, message: t("cases.acts.minLength", { count: 4 }) }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}

/** The day's takings at a finance window, each with its ticket (print, request a void). */
export function PaymentsTaken({ windowCode, day, canVoid }: { windowCode: string; day: string; canVoid: boolean }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error } = useQuery(PaymentsTakenDocument, { variables: { windowCode, day } });
  const [voiding, setVoiding] = useState<string>();
  const payments = (data ?? previousData)?.paymentsTaken;
  if (!payments) return <QueryState loading={loading} error={error} />;
  type Row = (typeof payments)[number];
  const live = payments.filter((p) => p.ticket?.status !== "VOIDED");
  const total = live.reduce((s, p) => s + p.amountFen, 0);

  return (
    <>
      <p className="strong">{t("fees.finance.todayTotal", { amount: formatFen(total), count: live.length })}</p>
      <SimpleTable<Row>
        rows={payments}
        rowKey={(p) => p.id}
        caption={t("fees.finance.todayCaption", { day })}
        empty={t("fees.finance.todayEmpty")}
        columns={[
          { key: "ticket", title: t("fees.field.ticket"), render: (p) => p.ticket?.number ?? "—" },
          { key: "case", title: t("fees.field.case"), render: (p) => <Link to={casePath(p.case.number)}>{p.case.number}</Link> },
          { key: "department", title: t("fees.field.department"), render: (p) => p.department.name },
          { key: "amount", title: t("fees.field.amount"), align: "right", render: (p) => formatFen(p.amountFen) },
          { key: "method", title: t("fees.field.method"), render: (p) => `${t(`fees.method.${p.method}`)}${p.reference ? ` ${p.reference}` : ""}` },
          { key: "at", title: t("fees.field.takenAt"), render: (p) => chinaDateTime(p.takenAt) },
          {
            key: "status",
            title: t("fees.field.status"),
            render: (p) =>
              !p.ticket ? "—" : p.ticket.status === "ISSUED" && p.ticket.voidRequestedAt ? <FeeTag tone="orange">{t("fees.finance.voidPending")}</FeeTag> : <FeeTag tone={p.ticket.status === "VOIDED" ? "default" : "green"}>{t(`fees.ticketStatus.${p.ticket.status}`)}</FeeTag>,
          },
          {
            key: "act",
            title: t("common.actions"),
            render: (p) =>
              p.ticket && (
                <Space size="small" wrap>
                  <Button size="small" href={p.ticket.pdfUrl} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />} aria-label={t("fees.finance.printTicketNamed", { ticket: p.ticket.number })}>
                    {t("fees.finance.printTicket")}
                  </Button>
                  {canVoid && p.ticket.status === "ISSUED" && !p.ticket.voidRequestedAt && (
                    <Button size="small" danger aria-label={t("fees.finance.requestVoidNamed", { ticket: p.ticket.number })} onClick={() => setVoiding(p.ticket!.number)}>
                      {t("fees.finance.requestVoid")}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {voiding && <RequestVoidDialog ticket={voiding} open={!!voiding} onClose={() => setVoiding(undefined)} />}
    </>
  );
}
