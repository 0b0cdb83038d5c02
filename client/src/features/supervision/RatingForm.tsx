import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Alert, Button, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormErrors } from "../../components/FormErrors";
import { applyUserErrors } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { translated } from "./refusals";

const EvaluateCaseDocument = graphql(`
  mutation EvaluateCase($input: EvaluateCaseInput!) {
    evaluateCase(input: $input) {
      evaluation {
        id
        rating
        comment
        channel
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const GRADES = [5, 4, 3, 2, 1] as const;

/**
 * 好差评 (S2): five grades, best first, and optional words; sent once with the case's query code.
 * The server refuses a second, different rating; the form then says so in the reader's language.
 */
export function RatingForm({ caseNumber, queryCode, large, onRated }: { caseNumber: string; queryCode: string; large?: boolean; onRated?: () => void }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const [evaluate, { loading }] = useMutation(EvaluateCaseDocument);
  const [errors, setErrors] = useState<string[]>([]);
  const [rated, setRated] = useState<number>();

  if (rated) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        title={t("supervision.rating.done")}
        description={rated <= 2 ? t("supervision.rating.poorNote") : t("supervision.rating.given", { grade: t(`supervision.rating.${rated}`) })}
      />
    );
  }

  const submit = async ({ rating, comment }: { rating: number; comment?: string }) => {
    setErrors([]);
    const result = await run(() => evaluate({ variables: { input: { caseNumber, queryCode, rating, comment: comment?.trim() || null } } }), { form });
    const payload = result?.data?.evaluateCase;
    if (!payload) return;
    if (payload.userErrors.length) setErrors(applyUserErrors(form, translated(payload.userErrors, t) ?? []));
    else {
      setRated(payload.evaluation?.rating ?? rating);
      onRated?.();
    }
  };

  return (
    <Form form={form} name="rating" layout="vertical" onFinish={submit} className={large ? "rating-form large" : "rating-form"}>
      <FormErrors messages={errors} />
      <Form.Item label={t("supervision.rating.legend")} name="rating" rules={[{ required: true, message: t("common.required") }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size={large ? "large" : "middle"}
          options={GRADES.map((g) => ({ value: g, label: t(`supervision.rating.${g}`) }))}
        />
      </Form.Item>
      <Form.Item label={t("supervision.rating.comment")} name="comment">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading} size={large ? "large" : "middle"}>
        {t("supervision.rating.submit")}
      </Button>
    </Form>
  );
}
