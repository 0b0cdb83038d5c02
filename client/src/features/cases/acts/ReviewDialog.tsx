import { Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { ReviewConclusion } from "../../../gql/graphql";
import { useRunMutation } from "../../../lib/mutations";
import { ActDialog } from "../ActDialog";
import { useReviewCaseMutation } from "../useCaseMutations";
import type { ActProps } from "./WindowActs";

const CONCLUSIONS: ReviewConclusion[] = ["PROPOSE_APPROVE", "PROPOSE_REFUSE"];

/** A4: the approval section chief's review opinion (审查) before the deputy decides; given once, never edited. */
export function ReviewDialog({ caseNumber, open, onClose }: ActProps) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [review] = useReviewCaseMutation();
  return (
    <ActDialog<{ conclusion: ReviewConclusion; opinion: string }>
      name="act-review"
      title={t("hall.act.title", { number: caseNumber })}
      okText={t("hall.act.ok")}
      open={open}
      onClose={onClose}
      preview={<p>{t("hall.act.help")}</p>}
      submit={async ({ conclusion, opinion }) =>
        (await run(() => review({ variables: { input: { caseNumber, conclusion, opinion: opinion.trim() } } })))?.data?.reviewCase.userErrors
      }
    >
      <Form.Item label={t("hall.review.conclusion")} name="conclusion" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group options={CONCLUSIONS.map((c) => ({ value: c, label: t(`hall.review.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t("hall.review.opinion")} name="opinion" rules={[{ required: true, whitespace: true, min: 2, message: t("hall.act.opinionRequired") }]}>
        <Input.TextArea rows={4} maxLength={1000} />
      </Form.Item>
    </ActDialog>
  );
}
