import { useState } from "react";
import { Descriptions, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { newKey } from "../format";
import { useDecideCaseMutation } from "../useCaseMutations";
import type { ActProps } from "./WindowActs";

export interface DecisionSubject {
  itemName: string;
  applicantName: string;
  /** The letter the decision will be made under, when the page knows it (A2). */
  letterNumber?: string;
  sealCode?: string;
}

/**
 * A2: approve (准予) or refuse (不予, with reasons) under the caller's authorization letter. It is a
 * legal act: the dialog names the case, the item, the applicant and the letter, and asks for a
 * confirmation; nothing shows as decided until the server answers. One idempotency key per
 * opening, kept across retries, so a retry after a lost answer never decides twice.
 */
export function DecideDialog({ caseNumber, open, onClose, approve, subject }: ActProps & { approve: boolean; subject: DecisionSubject }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [decide] = useDecideCaseMutation();
  const [key, setKey] = useState(newKey);
  const close = () => {
    setKey(newKey());
    onClose();
  };
  const verb = approve ? "approve" : "refuse";

  return (
    <ActDialog<{ reason?: string }>
      name={`act-${verb}`}
      title={t(`cases.acts.decide.${verb}Title`, { number: caseNumber })}
      okText={t(`cases.acts.decide.${verb}Ok`)}
      danger={!approve}
      open={open}
      onClose={close}
      preview={
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("cases.field.number")}>{caseNumber}</Descriptions.Item>
            <Descriptions.Item label={t("cases.field.item")}>{subject.itemName}</Descriptions.Item>
            <Descriptions.Item label={t("cases.field.applicant")}>{subject.applicantName}</Descriptions.Item>
            {subject.letterNumber && <Descriptions.Item label={t("cases.decision.letter")}>{subject.letterNumber}</Descriptions.Item>}
            {subject.sealCode && <Descriptions.Item label={t("cases.decision.seal")}>{subject.sealCode}</Descriptions.Item>}
          </Descriptions>
          <p className="dialog-warning">{t(`cases.acts.decide.${verb}Confirm`)}</p>
        </>
      }
      submit={async ({ reason }) =>
        (
          await run(() =>
            decide({ variables: { input: { caseNumber, approve, reason: reason?.trim() || null, idempotencyKey: key } } }),
          )
        )?.data?.decideCase.userErrors
      }
    >
      <Form.Item
        label={t(approve ? "cases.acts.decide.noteOptional" : "cases.acts.decide.reason")}
        name="reason"
        rules={approve ? [] : [{ required: true, whitespace: true, message: t("cases.acts.decide.reasonRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </ActDialog>
  );
}
