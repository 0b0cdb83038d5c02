import { useState } from "react";
import { Button, Form, Input } from "antd";
import { BankOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Me } from "../../lib/auth";
import { Section } from "../../components/Page";
import { WithFeedback, useRunMutation } from "../../lib/mutations";
import { ActDialog } from "../cases/ActDialog";
import { formatFen } from "../../lib/format";
import { chinaToday, yuanRule, yuanToFen } from "./money";
import { PaymentsAwaiting } from "./PaymentsAwaiting";
import { PaymentsTaken } from "./PaymentsTaken";
import { Reconciliation } from "./Reconciliation";
import { useRecordDepositMutation } from "./useFeeMutations";
import "./fees.css";
import { DayPicker } from "../../components/DayPicker";

/** F6: money of the day paid into the centre's designated account (专户), by its bank slip. */
function DepositDialog({ windowCode, day, open, onClose }: { windowCode: string; day: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [record] = useRecordDepositMutation();
  const [amount, setAmount] = useState<number>();
  return (
    <ActDialog<{ amountYuan: string; bankReference: string }>
      name="act-deposit"
      title={t("fees.finance.depositTitle")}
      okText={t("fees.finance.depositOk")}
      open={open}
      onClose={onClose}
      preview={<p>{t("fees.finance.depositHelp")}</p>}
      submit={async (v) =>
        (await run(() => record({ variables: { input: { windowCode, day, amountFen: yuanToFen(v.amountYuan)!, bankReference: v.bankReference.trim() } } })))?.data
          ?.recordDeposit.userErrors
      }
    >
      <Form.Item
        label={t("fees.finance.depositAmount")}
        name="amountYuan"
        rules={[{ required: true, message: t("common.required") }, yuanRule(t("fees.invalidYuan"))]}
        extra={amount !== undefined ? formatFen(amount) : undefined}
      >
        <Input inputMode="decimal" onChange={(e) => setAmount(yuanToFen(e.target.value))} />
      </Form.Item>
      <Form.Item label={t("fees.field.bankReference")} name="bankReference" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
    </ActDialog>
  );
}

/**
 * 金融窗口 (F3–F6): cases waiting for payment, today's takings with their tickets, deposits and the
 * day's reconciliation. The window's finance clerk takes money; the admin and the supervisor read.
 */
export function FinanceWorkspace({ me, windowCode }: { me: Me | null | undefined; windowCode: string }) {
  const { t } = useTranslation();
  const [depositing, setDepositing] = useState(false);
  const [day, setDay] = useState(chinaToday);
  if (!me) return null;
  const clerk = me.role === "FINANCE_CLERK" && me.window?.code === windowCode;
  const oversees = me.role === "CENTER_ADMIN" || me.role === "SUPERVISOR";
  if (!clerk && !oversees) return null;

  return (
    <WithFeedback>
      <Section title={t("fees.finance.awaiting")}>
        <PaymentsAwaiting windowCode={windowCode} canTake={clerk} />
      </Section>
      <Section
        title={t("fees.finance.today")}
        extra={
          <div className="filter-field fee-day">
            <label htmlFor="fee-day">{t("fees.finance.pickDay")}</label>
            <DayPicker id="fee-day" value={day} max={chinaToday()} onChange={(v) => setDay(v || chinaToday())} />
          </div>
        }
      >
        <PaymentsTaken windowCode={windowCode} day={day} canVoid={clerk} />
      </Section>
      <Section
        title={t("fees.finance.reconciliation")}
        extra={
          clerk && (
            <Button icon={<BankOutlined aria-hidden />} onClick={() => setDepositing(true)}>
              {t("fees.finance.deposit")}
            </Button>
          )
        }
      >
        <Reconciliation day={day} windowCode={windowCode} canClose={me.role === "CENTER_ADMIN"} />
      </Section>
      {clerk && <DepositDialog windowCode={windowCode} day={day} open={depositing} onClose={() => setDepositing(false)} />}
    </WithFeedback>
  );
}
