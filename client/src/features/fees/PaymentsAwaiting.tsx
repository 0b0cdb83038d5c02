import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Descriptions, Form, Input, Radio, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { PaymentMethod } from "../../gql/graphql";
import { SimpleTable } from "../../components/SimpleTable";
import { QueryState } from "../../components/QueryState";
import { formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { casePath, newKey } from "../cases/format";
import { useTakePaymentMutation } from "./useFeeMutations";

const PaymentsAwaitingDocument = graphql(`
  query PaymentsAwaiting($windowCode: String!) {
    paymentsAwaiting(windowCode: $windowCode) {
      id
      number
      applicant {
        name
      }
      item {
        id
        name
        department {
          id
          name
        }
      }
      charges {
        id
        status
        quantity
        amountFen
        reductionFen
        standard {
          id
          name
          unit
        }
      }
    }
  }
`);

const METHODS: PaymentMethod[] = ["CASH", "CARD", "TRANSFER"];

interface Due {
  number: string;
  itemName: string;
  departmentName: string;
  applicantName: string;
  charges: { id: string; label: string; dueFen: number }[];
}

interface Taken {
  caseNumber: string;
  amountFen: number;
  ticket: string;
  pdfUrl: string;
}

/**
 * F3/F4: take the payment of a case's unpaid charges. A money act: the dialog shows what is paid,
 * asks for a confirmation, and waits for the server. One idempotency key per opening of the dialog,
 * kept across retries, so a retry after a lost answer returns the first payment and never takes it twice.
 */
function TakePaymentDialog({ due, open, onClose, onTaken }: { due: Due; open: boolean; onClose: () => void; onTaken: (t: Taken) => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [take] = useTakePaymentMutation();
  const [key, setKey] = useState(newKey);
  const [method, setMethod] = useState<PaymentMethod>("CASH");
  const close = () => {
    setKey(newKey());
    setMethod("CASH");
    onClose();
  };
  const total = due.charges.reduce((sum, c) => sum + c.dueFen, 0);

  return (
    <ActDialog<{ method: PaymentMethod; reference?: string }>
      name="act-take-payment"
      title={t("fees.finance.takeTitle", { number: due.number })}
      okText={t("fees.finance.takeOk")}
      open={open}
      onClose={close}
      initialValues={{ method: "CASH" }}
      preview={
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("fees.field.case")}>{due.number}</Descriptions.Item>
            <Descriptions.Item label={t("cases.field.item")}>{due.itemName}</Descriptions.Item>
            <Descriptions.Item label={t("fees.field.department")}>{due.departmentName}</Descriptions.Item>
            <Descriptions.Item label={t("fees.field.applicant")}>{due.applicantName}</Descriptions.Item>
            <Descriptions.Item label={t("fees.field.charges")}>
              <ul className="case-list">
                {due.charges.map((c) => (
                  <li key={c.id}>
                    {c.label}：{formatFen(c.dueFen)}
                  </li>
                ))}
              </ul>
            </Descriptions.Item>
            <Descriptions.Item label={t("fees.field.total")}>
              <strong>{formatFen(total)}</strong>
            </Descriptions.Item>
          </Descriptions>
          <p className="dialog-warning">{t("fees.finance.takeConfirm")}</p>
        </>
      }
      submit={async ({ method, reference }) => {
        const result = await run(() =>
          take({
            variables: {
              input: { caseNumber: due.number, chargeIds: due.charges.map((c) => c.id), method, reference: reference?.trim() || null, idempotencyKey: key },
            },
          }),
        );
        const payload = result?.data?.takePayment;
        if (payload?.payment && payload.ticket && !payload.userErrors.length) {
          onTaken({ caseNumber: due.number, amountFen: payload.payment.amountFen, ticket: payload.ticket.number, pdfUrl: payload.ticket.pdfUrl });
        }
        return payload?.userErrors;
      }}
    >
      <Form.Item label={t("fees.field.method")} name="method" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group onChange={(e) => setMethod(e.target.value as PaymentMethod)} options={METHODS.map((m) => ({ value: m, label: t(`fees.method.${m}`) }))} />
      </Form.Item>
      {method !== "CASH" && (
        <Form.Item
          label={t("fees.field.reference")}
          name="reference"
          extra={t("fees.finance.referenceHelp")}
          rules={[{ required: true, whitespace: true, message: t("fees.finance.referenceRequired") }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
      )}
    </ActDialog>
  );
}

/** The cases of the finance window's point with unpaid charges (F3), each with 收款. */
export function PaymentsAwaiting({ windowCode, canTake }: { windowCode: string; canTake: boolean }) {
  const { t } = useTranslation();
  const { data, previousData, loading, error } = useQuery(PaymentsAwaitingDocument, { variables: { windowCode } });
  const [open, setOpen] = useState<Due>();
  const [taken, setTaken] = useState<Taken>();
  const cases = (data ?? previousData)?.paymentsAwaiting;
  if (!cases) return <QueryState loading={loading} error={error} />;

  const rows: Due[] = cases.map((c) => ({
    number: c.number,
    itemName: c.item.name,
    departmentName: c.item.department.name,
    applicantName: c.applicant.name,
    charges: c.charges
      .filter((ch) => ch.status === "UNPAID")
      .map((ch) => ({ id: ch.id, label: `${ch.standard.name} × ${ch.quantity}`, dueFen: ch.amountFen - ch.reductionFen })),
  }));

  return (
    <>
      {taken && (
        <Alert
          type="success"
          showIcon
          role="status"
          className="fee-alert"
          title={t("fees.finance.taken", { amount: formatFen(taken.amountFen), ticket: taken.ticket })}
          action={
            <Button href={taken.pdfUrl} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />} aria-label={t("fees.finance.printTicketNamed", { ticket: taken.ticket })}>
              {t("fees.finance.printTicket")}
            </Button>
          }
        />
      )}
      <SimpleTable<Due>
        rows={rows}
        rowKey={(r) => r.number}
        caption={t("fees.finance.awaitingCaption", { code: windowCode })}
        empty={t("fees.finance.awaitingEmpty")}
        columns={[
          { key: "number", title: t("fees.field.case"), render: (r) => <Link to={casePath(r.number)}>{r.number}</Link> },
          { key: "item", title: t("cases.field.item"), render: (r) => r.itemName },
          { key: "department", title: t("fees.field.department"), render: (r) => r.departmentName },
          { key: "applicant", title: t("fees.field.applicant"), render: (r) => r.applicantName },
          {
            key: "charges",
            title: t("fees.field.charges"),
            render: (r) => (
              <ul className="case-list">
                {r.charges.map((c) => (
                  <li key={c.id}>
                    {c.label}：{formatFen(c.dueFen)}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: "total", title: t("fees.field.total"), align: "right", render: (r) => formatFen(r.charges.reduce((s, c) => s + c.dueFen, 0)) },
          ...(canTake
            ? [
                {
                  key: "act",
                  title: t("common.actions"),
                  render: (r: Due) => (
                    <Space size="small">
                      <Button type="primary" size="small" aria-label={t("fees.finance.takeNamed", { number: r.number })} onClick={() => setOpen(r)}>
                        {t("fees.finance.take")}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {open && <TakePaymentDialog due={open} open={!!open} onClose={() => setOpen(undefined)} onTaken={setTaken} />}
    </>
  );
}
