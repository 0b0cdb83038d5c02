import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, InputNumber, Input } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormModal } from "../../components/FormModal";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { chinaDateTime } from "../cases/format";
import { refusals } from "./assessment-shared";
import "./assessment.css";

const FormulasDocument = graphql(`
  query ScoringFormulas {
    scoringFormulas {
      version
      weightOnTime
      weightCompletion
      weightSatisfaction
      weightComplaints
      weightFaults
      weightInspection
      complaintDeduction
      faultDeduction
      redFlagCount
      serviceModelCount
      excellentFrom
      goodFrom
      passFrom
      note
      publishedAt
    }
  }
`);

const PublishFormulaDocument = graphql(`
  mutation PublishScoringFormula($input: ScoringFormulaInput!) {
    publishScoringFormula(input: $input) {
      formula {
        version
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

const WEIGHTS = ["weightOnTime", "weightCompletion", "weightSatisfaction", "weightComplaints", "weightFaults", "weightInspection"] as const;
const OTHER_NUMBERS = ["complaintDeduction", "faultDeduction", "redFlagCount", "serviceModelCount", "excellentFrom", "goodFrom", "passFrom"] as const;
type FormulaValues = Record<(typeof WEIGHTS)[number] | (typeof OTHER_NUMBERS)[number], number> & { note?: string };

/** S3: the formula's published versions; the supervisor publishes a new one (weights summing to 100). */
export function FormulasPanel({ canPublish }: { canPublish: boolean }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(FormulasDocument);
  const [publish] = useMutation(PublishFormulaDocument, { refetchQueries: [FormulasDocument] });
  const [open, setOpen] = useState(false);
  const list = data?.scoringFormulas;
  const latest = list?.[0];
  return (
    <Section
      title={t("assessment.formulas")}
      extra={canPublish && latest ? <Button onClick={() => setOpen(true)}>{t("assessment.publishFormula")}</Button> : undefined}
    >
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(f) => f.version}
          caption={t("assessment.formulas")}
          columns={[
            { key: "version", title: t("assessment.formulaVersion", { version: "" }).trim(), render: (f) => t("assessment.formulaVersion", { version: f.version }) },
            ...WEIGHTS.map((w) => ({ key: w, title: t(`assessment.${w}`), align: "right" as const, render: (f: (typeof list)[number]) => `${f[w]}%` })),
            { key: "flags", title: t("assessment.redFlagCount"), align: "right", render: (f) => f.redFlagCount },
            { key: "grades", title: `${t("assessment.excellentFrom")} / ${t("assessment.goodFrom")} / ${t("assessment.passFrom")}`, render: (f) => `${f.excellentFrom} / ${f.goodFrom} / ${f.passFrom}` },
            { key: "at", title: t("assessment.publishedAt"), render: (f) => chinaDateTime(f.publishedAt) },
          ]}
        />
      )}
      {latest && (
        <FormModal<FormulaValues>
          name="publish-formula"
          title={t("assessment.publishFormula")}
          open={open}
          onClose={() => setOpen(false)}
          initialValues={{ ...latest, note: undefined }}
          submit={async (v) => {
            const input = { ...Object.fromEntries([...WEIGHTS, ...OTHER_NUMBERS].map((k) => [k, Number(v[k])])), note: v.note || null } as FormulaValues & { note: string | null };
            return refusals((await run(() => publish({ variables: { input } })))?.data?.publishScoringFormula.userErrors, t);
          }}
        >
          <fieldset className="formula-weights">
            <legend>{t("assessment.weights")}</legend>
            {WEIGHTS.map((w) => (
              <Form.Item key={w} label={t(`assessment.${w}`)} name={w} rules={[{ required: true, message: t("common.required") }]}>
                <InputNumber min={0} max={100} precision={0} />
              </Form.Item>
            ))}
          </fieldset>
          {OTHER_NUMBERS.map((k) => (
            <Form.Item key={k} label={t(`assessment.${k}`)} name={k} rules={[{ required: true, message: t("common.required") }]}>
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          ))}
          <Form.Item label={t("assessment.note")} name="note">
            <Input maxLength={500} />
          </Form.Item>
        </FormModal>
      )}
    </Section>
  );
}
