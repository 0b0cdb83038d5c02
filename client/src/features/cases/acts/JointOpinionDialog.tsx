import { Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { JointOpinion } from "../../../gql/graphql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useGiveJointOpinionMutation } from "../useCaseMutations";
import type { ActProps } from "./WindowActs";

const OPINIONS: JointOpinion[] = ["AGREE", "DISAGREE", "AGREE_REPORT_UP"];

/**
 * C3.3: the co-department's answer. A disagreement needs its reasons: without them the server
 * counts it as DEEMED_AGREE against the department, so the form asks for them.
 */
export function JointOpinionDialog({ caseNumber, open, onClose, dueOn }: ActProps & { dueOn?: string }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [give] = useGiveJointOpinionMutation();
  return (
    <ActDialog<{ opinion: JointOpinion; reasons?: string }>
      name="act-opinion"
      title={t("cases.acts.opinion.title", { number: caseNumber })}
      okText={t("cases.acts.opinion.ok")}
      open={open}
      onClose={onClose}
      preview={dueOn ? <p>{t("cases.acts.opinion.due", { day: dueOn })}</p> : undefined}
      submit={async ({ opinion, reasons }) =>
        (await run(() => give({ variables: { input: { caseNumber, opinion, reasons: reasons?.trim() || null } } })))?.data?.giveJointOpinion.userErrors
      }
    >
      <Form.Item label={t("cases.acts.opinion.opinion")} name="opinion" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group options={OPINIONS.map((o) => ({ value: o, label: t(`cases.opinion.${o}`) }))} />
      </Form.Item>
      <Form.Item
        label={t("cases.acts.opinion.reasons")}
        name="reasons"
        dependencies={["opinion"]}
        extra={t("cases.acts.opinion.reasonsHelp")}
        rules={[
          ({ getFieldValue }) => ({
            required: getFieldValue("opinion") === "DISAGREE",
            whitespace: true,
            message: t("cases.acts.opinion.reasonsRequired"),
          }),
        ]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}
