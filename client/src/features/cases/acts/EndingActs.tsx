import { Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useApproveVoidMutation, useRejectVoidMutation, useRequestVoidMutation, useWithdrawCaseMutation } from "../useCaseMutations";
import type { ActProps } from "./WindowActs";

type Reasoned = "withdraw" | "requestVoid" | "rejectVoid";

/** One reason field (2–1000 characters), as the server's EndCaseInput takes it. */
function ReasonDialog({ caseNumber, open, onClose, act, send }: ActProps & { act: Reasoned; send: (reason: string) => Promise<{ userErrors: readonly { field?: readonly string[] | null; message: string; code: string }[] } | undefined> }) {
  const { t } = useTranslation();
  return (
    <ActDialog<{ reason: string }>
      name={`act-${act}`}
      title={t(`cases.acts.${act}.title`, { number: caseNumber })}
      okText={t(`cases.acts.${act}.ok`)}
      danger={act !== "rejectVoid"}
      open={open}
      onClose={onClose}
      preview={<p>{t(`cases.acts.${act}.help`)}</p>}
      submit={async (v) => (await send(v.reason.trim()))?.userErrors}
    >
      <Form.Item label={t(`cases.acts.${act}.reason`)} name="reason" rules={[{ required: true, message: t("common.required") }, { min: 2, message: t("cases.acts.minLength", { count: 2 }) }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}

/** §6 E1: the applicant withdraws before a decision; the case ends with code 5 (退件). */
export function WithdrawDialog(props: ActProps) {
  const run = useRunMutation();
  const [withdraw] = useWithdrawCaseMutation();
  return <ReasonDialog {...props} act="withdraw" send={async (reason) => (await run(() => withdraw({ variables: { input: { caseNumber: props.caseNumber, reason } } })))?.data?.withdrawCase} />;
}

/** §6 E1: ask for a void of an erroneous registration; a second person decides. */
export function RequestVoidDialog(props: ActProps) {
  const run = useRunMutation();
  const [request] = useRequestVoidMutation();
  return <ReasonDialog {...props} act="requestVoid" send={async (reason) => (await run(() => request({ variables: { input: { caseNumber: props.caseNumber, reason } } })))?.data?.requestVoid} />;
}

/** §6 E2: the second person rejects the void; the case goes on. */
export function RejectVoidDialog(props: ActProps) {
  const run = useRunMutation();
  const [reject] = useRejectVoidMutation();
  return <ReasonDialog {...props} act="rejectVoid" send={async (reason) => (await run(() => reject({ variables: { input: { caseNumber: props.caseNumber, reason } } })))?.data?.rejectVoid} />;
}

/** §6 E2: the second person approves the void (code 2, the request's reason). */
export function ApproveVoidDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [approve] = useApproveVoidMutation();
  return (
    <ActDialog<object>
      name="act-approveVoid"
      title={t("cases.acts.approveVoid.title", { number: caseNumber })}
      okText={t("cases.acts.approveVoid.ok")}
      danger
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.approveVoid.help")}</p>}
      submit={async () => (await run(() => approve({ variables: { input: { caseNumber } } })))?.data?.approveVoid.userErrors}
    />
  );
}
