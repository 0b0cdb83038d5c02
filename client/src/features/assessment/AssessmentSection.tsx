import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, InputNumber, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { graphql } from "../../gql";
import type { AssessmentUnitType } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import type { UserErrorLike } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { chinaDateTime } from "../cases/format";
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
      }
    }
  }
`);

const AssessmentDocument = graphql(`
  query Assessment($period: String!, $unitType: AssessmentUnitType!) {
    assessment(period: $period, unitType: $unitType) {
      period
      label
      formulaVersion
      recomputed
      published {
        period
        publishedAt
      }
      rows {
        unitCode
        unitName
        cases
        closed
        decided
        onTime
        evaluations
        satisfied
        upheldComplaints
        faults
        inspection
        score
        rank
        redFlag
        serviceModel
        grade
      }
    }
  }
`);

const PublishAssessmentDocument = graphql(`
  mutation PublishAssessment($input: PeriodInput!) {
    publishAssessment(input: $input) {
      assessment {
        period
      }
      userErrors {
        field
        message
        code
        rule
        reason
      }
    }
  }
`);

const KindStatisticsDocument = graphql(`
  query CaseKindStatistics($period: String!) {
    caseKindStatistics(period: $period) {
      period
      total
      kinds {
        kind
        count
        share
      }
    }
  }
`);

const BulletinsDocument = graphql(`
  query StaffBulletins {
    bulletins {
      id
      kind
      period
      title
      pdfUrl
      generatedAt
      publishedAt
    }
  }
`);

const GenerateBulletinDocument = graphql(`
  mutation GenerateBulletin($input: PeriodInput!) {
    generateBulletin(input: $input) {
      bulletin {
        id
      }
      userErrors {
        field
        message
        code
        rule
        reason
      }
    }
  }
`);

const PublishBulletinDocument = graphql(`
  mutation PublishBulletin($input: BulletinIdInput!) {
    publishBulletin(input: $input) {
      bulletin {
        id
        publishedAt
      }
      userErrors {
        field
        message
        code
        rule
        reason
      }
    }
  }
`);

/** The server's refusals in the reader's language, by their stable reason code. */
function refusals(errors: readonly (UserErrorLike & { reason?: string | null })[] | undefined, t: TFunction) {
  return errors?.map((e) => (e.reason ? { ...e, rule: null, message: t(`assessment.refusals.${e.reason}`, { defaultValue: e.message }) } : e));
}

const pct = (part: number, whole: number) => (whole ? `${((part * 100) / whole).toFixed(1)}%` : "—");

/** The quarter before today's, e.g. 2026Q3 in November 2026. */
function lastQuarter(): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}Q4` : `${now.getUTCFullYear()}Q${q}`;
}

const WEIGHTS = ["weightOnTime", "weightCompletion", "weightSatisfaction", "weightComplaints", "weightFaults", "weightInspection"] as const;
const OTHER_NUMBERS = ["complaintDeduction", "faultDeduction", "redFlagCount", "serviceModelCount", "excellentFrom", "goodFrom", "passFrom"] as const;
type FormulaValues = Record<(typeof WEIGHTS)[number] | (typeof OTHER_NUMBERS)[number], number> & { note?: string };

/** S3: the formula's published versions; the supervisor publishes a new one (weights summing to 100). */
function FormulasPanel({ canPublish }: { canPublish: boolean }) {
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

const UNIT_TYPES: AssessmentUnitType[] = ["WINDOW", "DEPARTMENT", "TOWNSHIP", "STAFF"];

/** S3/S8: a period's ranking (published figures, or computed from the records), red flags and grades; C4 by kind. */
function RankingPanel({ canPublish }: { canPublish: boolean }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [draft, setDraft] = useState(lastQuarter());
  const [period, setPeriod] = useState(lastQuarter());
  const [unitType, setUnitType] = useState<AssessmentUnitType>("WINDOW");
  const [refusal, setRefusal] = useState<string>();
  const { data, loading, error } = useQuery(AssessmentDocument, { variables: { period, unitType }, fetchPolicy: "cache-and-network" });
  const kinds = useQuery(KindStatisticsDocument, { variables: { period } });
  const [publish, { loading: publishing }] = useMutation(PublishAssessmentDocument, { refetchQueries: [AssessmentDocument] });
  const view = data?.assessment;
  const stats = kinds.data?.caseKindStatistics;

  return (
    <>
      <Section title={t("assessment.ranking")}>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setRefusal(undefined);
            setPeriod(draft.trim());
          }}
        >
          <label className="field-label">
            {t("assessment.period")}
            <input className="native-input" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={7} aria-describedby="period-hint" />
            <span id="period-hint" className="muted">
              {t("assessment.periodHint")}
            </span>
          </label>
          <NativeSelect id="unit-type" label={t("assessment.unitType")} value={unitType} onChange={(v) => setUnitType((v as AssessmentUnitType) ?? "WINDOW")} options={UNIT_TYPES.map((u) => ({ value: u, label: t(`assessment.unitTypes.${u}`) }))} />
          <Button htmlType="submit">{t("assessment.show")}</Button>
          {canPublish && view && !view.published && (
            <Button
              type="primary"
              loading={publishing}
              onClick={async () => {
                const errors = refusals((await run(() => publish({ variables: { input: { period } } })))?.data?.publishAssessment.userErrors, t);
                setRefusal(errors?.[0]?.message);
              }}
            >
              {t("assessment.publishPeriod")}
            </Button>
          )}
        </form>
        {refusal && (
          <p role="alert" className="form-refusal">
            {refusal}
          </p>
        )}
        {!view ? (
          <QueryState loading={loading} error={error} />
        ) : (
          <>
            <p className="muted">
              {view.label} · {view.published ? t("assessment.publishedBy", { version: view.formulaVersion }) : t("assessment.computed", { version: view.formulaVersion })}
            </p>
            <SimpleTable
              rows={view.rows}
              rowKey={(r) => r.unitCode}
              caption={`${view.label} ${t(`assessment.unitTypes.${unitType}`)} ${t("assessment.ranking")}`}
              empty={t("assessment.empty")}
              columns={[
                { key: "rank", title: t("assessment.rank"), align: "right", render: (r) => r.rank },
                { key: "unit", title: t("assessment.unit"), render: (r) => r.unitName },
                { key: "cases", title: t("assessment.cases"), align: "right", render: (r) => r.cases },
                { key: "completion", title: t("assessment.completionRate"), align: "right", render: (r) => pct(r.closed, r.cases) },
                { key: "onTime", title: t("assessment.onTimeRate"), align: "right", render: (r) => pct(r.onTime, r.decided) },
                { key: "satisfaction", title: t("assessment.satisfaction"), align: "right", render: (r) => pct(r.satisfied, r.evaluations) },
                { key: "upheld", title: t("assessment.upheld"), align: "right", render: (r) => r.upheldComplaints },
                { key: "faults", title: t("assessment.faults"), align: "right", render: (r) => r.faults },
                ...(unitType === "TOWNSHIP"
                  ? [{ key: "inspection", title: t("assessment.inspection"), align: "right" as const, render: (r: (typeof view.rows)[number]) => (r.inspection == null ? "—" : r.inspection.toFixed(1)) }]
                  : []),
                { key: "score", title: t("assessment.score"), align: "right", render: (r) => r.score.toFixed(2) },
                {
                  key: "honours",
                  title: t("assessment.honours"),
                  render: (r) => (
                    <>
                      {r.redFlag && <span className="honour red-flag">{t("assessment.redFlag")}</span>}
                      {r.serviceModel && <span className="honour">{t("assessment.serviceModel")}</span>}
                      {r.grade && <span>{t(`assessment.grades.${r.grade}`)}</span>}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
      </Section>
      <Section title={t("assessment.byKind")}>
        {!stats ? (
          <QueryState loading={kinds.loading} error={kinds.error} />
        ) : (
          <>
            <p className="muted">{t("assessment.total", { count: stats.total })}</p>
            <SimpleTable
              rows={stats.kinds}
              rowKey={(k) => k.kind}
              caption={t("assessment.byKind")}
              columns={[
                { key: "kind", title: t("assessment.kind"), render: (k) => t(`enums.CaseKind.${k.kind}`) },
                { key: "count", title: t("assessment.count"), align: "right", render: (k) => k.count },
                {
                  key: "share",
                  title: t("assessment.share"),
                  render: (k) => (
                    <span className="share-bar">
                      <span className="share-fill" style={{ width: `${k.share}%` }} aria-hidden="true" />
                      <span className="share-text">{k.share.toFixed(1)}%</span>
                    </span>
                  ),
                },
              ]}
            />
          </>
        )}
      </Section>
    </>
  );
}

/** S4: bulletins, generated as drafts and published to /bulletins. */
function BulletinsPanel({ canPublish }: { canPublish: boolean }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(BulletinsDocument);
  const [generate, { loading: generating }] = useMutation(GenerateBulletinDocument, { refetchQueries: [BulletinsDocument] });
  const [publish] = useMutation(PublishBulletinDocument, { refetchQueries: [BulletinsDocument] });
  const [period, setPeriod] = useState(lastQuarter());
  const [refusal, setRefusal] = useState<string>();
  const list = data?.bulletins;
  return (
    <Section title={t("assessment.bulletins")}>
      {canPublish && (
        <form
          className="filters"
          onSubmit={async (e) => {
            e.preventDefault();
            const errors = refusals((await run(() => generate({ variables: { input: { period: period.trim() } } })))?.data?.generateBulletin.userErrors, t);
            setRefusal(errors?.[0]?.message);
          }}
        >
          <label className="field-label">
            {t("assessment.bulletinPeriod")}
            <input className="native-input" value={period} onChange={(e) => setPeriod(e.target.value)} maxLength={7} aria-describedby="bulletin-hint" />
            <span id="bulletin-hint" className="muted">
              {t("assessment.bulletinHint")}
            </span>
          </label>
          <Button htmlType="submit" loading={generating}>
            {t("assessment.generate")}
          </Button>
        </form>
      )}
      {refusal && (
        <p role="alert" className="form-refusal">
          {refusal}
        </p>
      )}
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(b) => b.id}
          caption={t("assessment.bulletins")}
          empty={t("assessment.empty")}
          columns={[
            { key: "title", title: t("assessment.bulletins"), render: (b) => b.title },
            { key: "kind", title: t("assessment.kind"), render: (b) => t(`assessment.bulletinKinds.${b.kind}`) },
            { key: "state", title: t("assessment.publishedAt"), render: (b) => (b.publishedAt ? `${t("assessment.published")} ${chinaDateTime(b.publishedAt)}` : t("assessment.draft")) },
            {
              key: "actions",
              title: t("common.actions"),
              render: (b) => (
                <>
                  <a href={b.pdfUrl} target="_blank" rel="noopener" aria-label={t("assessment.downloadNamed", { title: b.title })}>
                    {t("assessment.download")}
                  </a>
                  {canPublish && !b.publishedAt && (
                    <Button size="small" type="primary" className="inline-action" aria-label={t("assessment.publishNamed", { title: b.title })} onClick={() => void run(() => publish({ variables: { input: { id: b.id } } }))}>
                      {t("assessment.publish")}
                    </Button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}

/** The assessment part of /supervision (S3, S4, S8, C4); loaded only when an overseer opens the page. */
export function AssessmentSection({ canPublish }: { canPublish: boolean }) {
  return (
    <>
      <RankingPanel canPublish={canPublish} />
      <FormulasPanel canPublish={canPublish} />
      <BulletinsPanel canPublish={canPublish} />
    </>
  );
}
