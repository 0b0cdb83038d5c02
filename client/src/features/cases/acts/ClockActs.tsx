import { Form, Input, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { PauseReason } from "../../../gql/graphql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useExtendCaseMutation, useForwardCaseMutation, usePauseCaseMutation, useRecordHigherReplyMutation, useResumeCaseMutation } from "../useCaseMutations";
import type { ActProps } from "./WindowActs";

/** Supplement pauses come with the supplement notice; these are the special procedures of art. 45. */
const PAUSE_REASONS: PauseReason[] = ["HEARING", "TESTING", "INSPECTION", "EXPERT_REVIEW", "OTHER_STATUTORY"];

/** Art. 45: stop the clock for a hearing, testing … the applicant is told in writing. */
export function PauseDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [pause] = usePauseCaseMutation();
  const required = { required: true, message: t("common.required") };
  return (
    <ActDialog<{ reason: PauseReason; note: string }>
      name="act-pause"
      title={t("cases.acts.pause.title", { number: caseNumber })}
      okText={t("cases.acts.pause.ok")}
      open={open}
      onClose={onClose}
      submit={async (v) => (await run(() => pause({ variables: { input: { caseNumber, reason: v.reason, note: v.note.trim() } } })))?.data?.pauseCase.userErrors}
    >
      <Form.Item label={t("cases.acts.pause.reason")} name="reason" rules={[required]}>
        <Select options={PAUSE_REASONS.map((r) => ({ value: r, label: t(`cases.pauseReason.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t("cases.acts.pause.note")} name="note" rules={[required, { min: 2, message: t("cases.acts.minLength", { count: 2 }) }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </ActDialog>
  );
}

/** The special procedure ended; the clock runs again. */
export function ResumeDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [resume] = useResumeCaseMutation();
  return (
    <ActDialog<object>
      name="act-resume"
      title={t("cases.acts.resume.title", { number: caseNumber })}
      okText={t("cases.acts.resume.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.resume.help")}</p>}
      submit={async () => (await run(() => resume({ variables: { input: { caseNumber } } })))?.data?.resumeCase.userErrors}
    />
  );
}

/** Art. 42: the department head extends the limit once, with a reason told to the applicant. */
export function ExtendDialog({ caseNumber, open, onClose, days }: ActProps & { days: number }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [extend] = useExtendCaseMutation();
  return (
    <ActDialog<{ reason: string }>
      name="act-extend"
      title={t("cases.acts.extend.title", { number: caseNumber })}
      okText={t("cases.acts.extend.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.extend.help", { days })}</p>}
      submit={async (v) => (await run(() => extend({ variables: { input: { caseNumber, reason: v.reason.trim() } } })))?.data?.extendCase.userErrors}
    >
      <Form.Item
        label={t("cases.acts.extend.reason")}
        name="reason"
        rules={[{ required: true, message: t("common.required") }, { min: 4, message: t("cases.acts.minLength", { count: 4 }) }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </ActDialog>
  );
}

/** C3.4: send a REPORTED_UP case to the higher authority (within 3 working days). */
export function ForwardDialog({ caseNumber, open, onClose, authority, due }: ActProps & { authority?: string | null; due?: string | null }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [forward] = useForwardCaseMutation();
  return (
    <ActDialog<object>
      name="act-forward"
      title={t("cases.acts.forward.title", { number: caseNumber })}
      okText={t("cases.acts.forward.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("cases.acts.forward.help", { authority: authority ?? "—", due: due ?? "—" })}</p>}
      submit={async () => (await run(() => forward({ variables: { input: { caseNumber } } })))?.data?.forwardCase.userErrors}
    />
  );
}

/** C3.4: the higher authority answered; the applicant must be told within 2 working days. */
export function ReplyDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [record] = useRecordHigherReplyMutation();
  const required = { required: true, message: t("common.required") };
  return (
    <ActDialog<{ approved: boolean; replyText: string }>
      name="act-reply"
      title={t("cases.acts.reply.title", { number: caseNumber })}
      okText={t("cases.acts.reply.ok")}
      open={open}
      onClose={onClose}
      submit={async (v) =>
        (await run(() => record({ variables: { input: { caseNumber, approved: v.approved, replyText: v.replyText.trim() } } })))?.data?.recordHigherReply
          .userErrors
      }
    >
      <Form.Item label={t("cases.acts.reply.approved")} name="approved" rules={[required]}>
        <Radio.Group
          options={[
            { value: true, label: t("cases.acts.reply.yes") },
            { value: false, label: t("cases.acts.reply.no") },
          ]}
        />
      </Form.Item>
      <Form.Item label={t("cases.acts.reply.text")} name="replyText" rules={[required, { min: 2, message: t("cases.acts.minLength", { count: 2 }) }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </ActDialog>
  );
}
