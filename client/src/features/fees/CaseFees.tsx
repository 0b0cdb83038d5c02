import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Form, Input, InputNumber, Radio, Space } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FeeTag, type Tone } from "./FeeTag";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { ChargeStatus, FeeStatus } from "../../gql/graphql";
import { SimpleTable } from "../../components/SimpleTable";
import { formatFen } from "../../lib/format";
import { useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { chinaDateTime } from "../cases/format";
import { yuanRule, yuanToFen } from "./money";
import { useChargeCaseMutation, useReduceChargeMutation } from "./useFeeMutations";

export const CaseFeesFragment = graphql(`
  fragment CaseFees_case on Case {
    number
    acceptedOn
    feeStatus
    availableActs
    item {
      id
      code
    }
    charges {
      id
      quantity
      amountFen
      reductionFen
      reductionBasis
      reductionReason
      status
      standard {
        id
        name
        version
        unit
        amountFen
        legalBasis
      }
    }
    payments {
      id
      number
      amountFen
      method
      takenAt
      ticket {
        id
        number
        status
        pdfUrl
      }
    }
  }
`);

const FeeStandardsAsOfDocument = graphql(`
  query FeeStandardsAsOf($itemCode: String!, $asOf: String) {
    feeStandards(itemCode: $itemCode, asOf: $asOf) {
      id
      name
      version
      unit
      amountFen
      legalBasis
    }
  }
`);

const STATUS_COLOR: Record<FeeStatus, Tone> = { NONE: "default", UNPAID: "orange", PAID: "green" };
const CHARGE_COLOR: Record<ChargeStatus, Tone> = { UNPAID: "orange", PAID: "green", VOIDED: "default", REFUNDED: "purple" };

/** F2: charge the case at a standard in force on its acceptance day; the amount is the standard × quantity. */
function ChargeDialog({ caseNumber, itemCode, acceptedOn, open, onClose }: { caseNumber: string; itemCode: string; acceptedOn?: string | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [charge] = useChargeCaseMutation();
  const { data } = useQuery(FeeStandardsAsOfDocument, { variables: { itemCode, asOf: acceptedOn }, skip: !open });
  const standards = data?.feeStandards ?? [];
  const [picked, setPicked] = useState<{ standardId?: string; quantity?: number }>({ quantity: 1 });
  const standard = standards.find((s) => s.id === picked.standardId);
  const amount = standard && picked.quantity ? standard.amountFen * picked.quantity : undefined;
  const required = { required: true, message: t("common.required") };

  return (
    <ActDialog<{ standardId: string; quantity: number }>
      name="act-charge"
      title={t("fees.charge.title", { number: caseNumber })}
      okText={t("fees.charge.ok")}
      open={open}
      onClose={onClose}
      initialValues={{ quantity: 1, standardId: standards.length === 1 ? standards[0].id : undefined }}
      preview={
        <>
          <p>{t("fees.charge.help", { day: acceptedOn ?? "—" })}</p>
          {data && !standards.length && <Alert type="warning" showIcon title={t("fees.charge.noStandard")} />}
        </>
      }
      submit={async ({ standardId, quantity }) => {
        const s = standards.find((x) => x.id === standardId);
        if (!s) return [];
        return (await run(() => charge({ variables: { input: { caseNumber, standardId, quantity, amountFen: s.amountFen * quantity } } })))?.data?.chargeCase.userErrors;
      }}
    >
      <Form.Item label={t("fees.field.standard")} name="standardId" rules={[required]}>
        <Radio.Group
          className="vertical-radios"
          onChange={(e) => setPicked((p) => ({ ...p, standardId: e.target.value as string }))}
          options={standards.map((s) => ({
            value: s.id,
            label: `${t("fees.caseSection.standardVersion", { name: s.name, version: s.version, amount: formatFen(s.amountFen), unit: s.unit })} · ${s.legalBasis}`,
          }))}
        />
      </Form.Item>
      <Form.Item label={t("fees.field.quantity")} name="quantity" rules={[required]}>
        <InputNumber min={1} max={10000} precision={0} onChange={(v) => setPicked((p) => ({ ...p, quantity: typeof v === "number" ? v : undefined }))} />
      </Form.Item>
      {amount !== undefined && <p className="strong" role="status">{t("fees.charge.amount", { amount: formatFen(amount) })}</p>}
    </ActDialog>
  );
}

/** F2, A2: a reduction or exemption (减免) with its legal basis and reason, by a holder of a letter for the item. */
function ReduceDialog({ charge, open, onClose }: { charge: { id: string; name: string; amountFen: number }; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [reduce] = useReduceChargeMutation();
  const required = { required: true, whitespace: true, message: t("common.required") };
  return (
    <ActDialog<{ reductionYuan: string; legalBasis: string; reason: string }>
      name="act-reduce"
      title={t("fees.reduce.title", { name: charge.name })}
      okText={t("fees.reduce.ok")}
      open={open}
      onClose={onClose}
      preview={
        <>
          <p>{t("fees.reduce.help")}</p>
          <p>
            {t("fees.field.amount")}：{formatFen(charge.amountFen)}
          </p>
        </>
      }
      submit={async (v) =>
        (
          await run(() =>
            reduce({
              variables: { input: { chargeId: charge.id, reductionFen: yuanToFen(v.reductionYuan)!, legalBasis: v.legalBasis.trim(), reason: v.reason.trim() } },
            }),
          )
        )?.data?.reduceCharge.userErrors
      }
    >
      <Form.Item label={t("fees.reduce.amount")} name="reductionYuan" rules={[{ required: true, message: t("common.required") }, yuanRule(t("fees.invalidYuan"))]}>
        <Input inputMode="decimal" />
      </Form.Item>
      <Form.Item label={t("fees.reduce.basis")} name="legalBasis" rules={[required]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item label={t("fees.reduce.reason")} name="reason" rules={[required]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}

/** The case's fees: charges with the standard version and basis, the fee status, payments and their tickets. */
export function CaseFees(props: { case: FragmentType<typeof CaseFeesFragment> }) {
  const { t } = useTranslation();
  const c = getFragmentData(CaseFeesFragment, props.case);
  const [charging, setCharging] = useState(false);
  const [reducing, setReducing] = useState<{ id: string; name: string; amountFen: number }>();
  const charges = c.charges;
  type ChargeRow = (typeof charges)[number];
  const canCharge = c.availableActs.includes("CHARGE");
  const canReduce = c.availableActs.includes("REDUCE_CHARGE");

  return (
    <>
      <p>
        {t("fees.field.status")}：<FeeTag tone={STATUS_COLOR[c.feeStatus]}>{t(`fees.status.${c.feeStatus}`)}</FeeTag>
      </p>
      {c.feeStatus === "UNPAID" && <Alert type="warning" showIcon className="fee-alert" title={t("fees.caseSection.waitsForPayment")} />}
      {canCharge && (
        <Space wrap className="case-actions">
          <Button type="primary" onClick={() => setCharging(true)}>
            {t("fees.charge.button")}
          </Button>
        </Space>
      )}
      {charges.length === 0 ? (
        <p className="case-muted">{t("fees.caseSection.none")}</p>
      ) : (
        <SimpleTable<ChargeRow>
          rows={charges}
          rowKey={(r) => r.id}
          caption={t("fees.caseSection.chargesCaption")}
          columns={[
            {
              key: "standard",
              title: t("fees.field.standard"),
              render: (r) => t("fees.caseSection.standardVersion", { name: r.standard.name, version: r.standard.version, amount: formatFen(r.standard.amountFen), unit: r.standard.unit }),
            },
            { key: "basis", title: t("fees.field.basis"), render: (r) => r.standard.legalBasis },
            { key: "quantity", title: t("fees.field.quantity"), align: "right", render: (r) => r.quantity },
            { key: "amount", title: t("fees.field.amount"), align: "right", render: (r) => formatFen(r.amountFen) },
            {
              key: "reduction",
              title: t("fees.field.reduction"),
              render: (r) =>
                r.reductionFen ? t("fees.caseSection.reduced", { amount: formatFen(r.reductionFen), basis: r.reductionBasis ?? "", reason: r.reductionReason ?? "" }) : "—",
            },
            { key: "due", title: t("fees.field.due"), align: "right", render: (r) => formatFen(r.amountFen - r.reductionFen) },
            { key: "status", title: t("fees.field.status"), render: (r) => <FeeTag tone={CHARGE_COLOR[r.status]}>{t(`fees.chargeStatus.${r.status}`)}</FeeTag> },
            ...(canReduce
              ? [
                  {
                    key: "act",
                    title: t("common.actions"),
                    render: (r: ChargeRow) =>
                      r.status === "UNPAID" ? (
                        <Button size="small" aria-label={t("fees.reduce.buttonNamed", { name: r.standard.name })} onClick={() => setReducing({ id: r.id, name: r.standard.name, amountFen: r.amountFen })}>
                          {t("fees.reduce.button")}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {c.payments.length > 0 && (
        <SimpleTable
          rows={c.payments}
          rowKey={(p) => p.id}
          caption={t("fees.caseSection.paymentsCaption")}
          columns={[
            { key: "number", title: t("fees.field.payment"), render: (p) => p.number },
            { key: "amount", title: t("fees.field.amount"), align: "right", render: (p) => formatFen(p.amountFen) },
            { key: "method", title: t("fees.field.method"), render: (p) => t(`fees.method.${p.method}`) },
            { key: "at", title: t("fees.field.takenAt"), render: (p) => chinaDateTime(p.takenAt) },
            {
              key: "ticket",
              title: t("fees.field.ticket"),
              render: (p) =>
                p.ticket ? (
                  <Space size="small" wrap>
                    <span>{p.ticket.number}</span>
                    <FeeTag>{t(`fees.ticketStatus.${p.ticket.status}`)}</FeeTag>
                    <Button size="small" href={p.ticket.pdfUrl} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />} aria-label={t("fees.finance.printTicketNamed", { ticket: p.ticket.number })}>
                      {t("fees.finance.printTicket")}
                    </Button>
                  </Space>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      )}
      <ChargeDialog caseNumber={c.number} itemCode={c.item.code} acceptedOn={c.acceptedOn} open={charging} onClose={() => setCharging(false)} />
      {reducing && <ReduceDialog charge={reducing} open={!!reducing} onClose={() => setReducing(undefined)} />}
    </>
  );
}
