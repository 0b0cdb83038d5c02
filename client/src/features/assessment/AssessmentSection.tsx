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
import { userErrorMessage, type UserErrorLike } from "../../lib/errors";
import { useRunMutation } from "../../lib/mutations";
import { EChart } from "../../components/EChart";
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
        params {
          name
          value
        }
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
        params {
          name
          value
        }
      }
    }
  }
`);

const RateTrendDocument = graphql(`
  query RateTrend($p1: String!, $p2: String!, $p3: String!, $p4: String!, $unitType: AssessmentUnitType!) {
    q1: assessment(period: $p1, unitType: $unitType) {
      period
      label
      rows {
        unitCode
        cases
        closed
        decided
        onTime
      }
    }
    q2: assessment(period: $p2, unitType: $unitType) {
      period
      label
      rows {
        unitCode
        cases
        closed
        decided
        onTime
      }
    }
    q3: assessment(period: $p3, unitType: $unitType) {
      period
      label
      rows {
        unitCode
        cases
        closed
        decided
        onTime
      }
    }
    q4: assessment(period: $p4, unitType: $unitType) {
      period
      label
      rows {
        unitCode
        cases
        closed
        decided
        onTime
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
        params {
          name
          value
        }
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
        params {
          name
          value
        }
      }
    }
  }
`);

/** The server's refusals in the reader's language, by their stable reason code. */
function refusals(errors: readonly (UserErrorLike & { reason?: string | null })[] | undefined, t: TFunction) {
  return errors?.map((e) => ({ ...e, rule: null, message: e.reason ? userErrorMessage({ ...e, rule: null }) : t("errors.BAD_USER_INPUT") }));
}

const pct = (part: number, whole: number) => (whole ? `${((part * 100) / whole).toFixed(1)}%` : "—");
/** A rate in percent with one decimal for a chart; null (no bar) when there is nothing to count. */
const rate = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

/** The four quarters ending with a quarter (2026Q3 → 2025Q4 … 2026Q3), or a year's four quarters. */
export function quartersUpTo(period: string): string[] | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) return [1, 2, 3, 4].map((q) => `${year[1]}Q${q}`);
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return null;
  let [y, q] = [Number(m[1]), Number(m[2])];
  const list: string[] = [];
  for (let i = 0; i < 4; i++) {
    list.unshift(`${y}Q${q}`);
    [y, q] = q === 1 ? [y - 1, 4] : [y, q - 1];
  }
  return list;
}

const percentAxis = { type: "value" as const, min: 0, max: 100, axisLabel: { formatter: "{value}%" } };

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
      <RatesCharts period={period} unitType={unitType} rows={view?.rows} />
      <Section title={t("assessment.byKind")}>
        {!stats ? (
          <QueryState loading={kinds.loading} error={kinds.error} />
        ) : (
          <>
            <p className="muted">{t("assessment.total", { count: stats.total })}</p>
            <EChart
              label={t("assessment.charts.byKind", { period })}
              height={240}
              option={{
                tooltip: { trigger: "axis" },
                grid: { left: 48, right: 16, top: 16, bottom: 32 },
                xAxis: { type: "category", data: stats.kinds.map((k) => t(`enums.CaseKind.${k.kind}`)) },
                yAxis: { type: "value", minInterval: 1 },
                series: [{ type: "bar", name: t("assessment.count"), data: stats.kinds.map((k) => k.count), label: { show: true, position: "top" } }],
              }}
            />
            <SimpleTable
              rows={stats.kinds}
              rowKey={(k) => k.kind}
              caption={t("assessment.byKind")}
              columns={[
                { key: "kind", title: t("assessment.kind"), render: (k) => t(`enums.CaseKind.${k.kind}`) },
                { key: "count", title: t("assessment.count"), align: "right", render: (k) => k.count },
                { key: "share", title: t("assessment.share"), align: "right", render: (k) => `${k.share.toFixed(1)}%` },
              ]}
            />
          </>
        )}
      </Section>
    </>
  );
}

type RateRow = { unitCode: string; unitName?: string; cases: number; closed: number; decided: number; onTime: number; rank?: number };

/** C7, S3: completion and on-time rates by unit (the period's ranking, units with cases) and by period (four quarters). */
function RatesCharts({ period, unitType, rows }: { period: string; unitType: AssessmentUnitType; rows: readonly RateRow[] | undefined }) {
  const { t } = useTranslation();
  const quarters = quartersUpTo(period);
  const trend = useQuery(RateTrendDocument, {
    variables: quarters ? { p1: quarters[0], p2: quarters[1], p3: quarters[2], p4: quarters[3], unitType } : { p1: "", p2: "", p3: "", p4: "", unitType },
    skip: !quarters,
  });
  const units = (rows ?? []).filter((r) => r.cases > 0).slice(0, 15);
  const periods = trend.data ? [trend.data.q1, trend.data.q2, trend.data.q3, trend.data.q4] : [];
  const sum = (list: readonly RateRow[], key: "cases" | "closed" | "decided" | "onTime") => list.reduce((s, r) => s + r[key], 0);
  const labels = { completion: t("assessment.completionRate"), onTime: t("assessment.onTimeRate") };
  return (
    <Section title={t("assessment.charts.rates")}>
      {units.length > 0 ? (
        <EChart
          label={t("assessment.charts.ratesByUnit", { period })}
          height={Math.max(200, 60 + units.length * 36)}
          option={{
            tooltip: { trigger: "axis" },
            legend: { data: [labels.completion, labels.onTime] },
            grid: { left: 200, right: 24, top: 32, bottom: 24 },
            xAxis: percentAxis,
            yAxis: { type: "category", inverse: true, data: units.map((r) => r.unitName ?? r.unitCode), axisLabel: { width: 180, overflow: "truncate" } },
            series: [
              { type: "bar", name: labels.completion, data: units.map((r) => rate(r.closed, r.cases)) },
              { type: "bar", name: labels.onTime, data: units.map((r) => rate(r.onTime, r.decided)) },
            ],
          }}
        />
      ) : (
        <p className="muted">{t("assessment.empty")}</p>
      )}
      {periods.length > 0 && (
        <>
          <EChart
            label={t("assessment.charts.ratesByPeriod")}
            height={240}
            option={{
              tooltip: { trigger: "axis" },
              legend: { data: [labels.completion, labels.onTime] },
              grid: { left: 56, right: 24, top: 32, bottom: 32 },
              xAxis: { type: "category", data: periods.map((p) => p.label) },
              yAxis: percentAxis,
              series: [
                { type: "line", name: labels.completion, data: periods.map((p) => rate(sum(p.rows, "closed"), sum(p.rows, "cases"))), label: { show: true, formatter: "{c}%" } },
                { type: "line", name: labels.onTime, data: periods.map((p) => rate(sum(p.rows, "onTime"), sum(p.rows, "decided"))), label: { show: true, formatter: "{c}%" } },
              ],
            }}
          />
          <SimpleTable
            rows={periods}
            rowKey={(p) => p.period}
            caption={t("assessment.charts.ratesByPeriod")}
            columns={[
              { key: "period", title: t("assessment.period"), render: (p) => p.label },
              { key: "cases", title: t("assessment.cases"), align: "right", render: (p) => sum(p.rows, "cases").toLocaleString("zh-CN") },
              { key: "completion", title: labels.completion, align: "right", render: (p) => pct(sum(p.rows, "closed"), sum(p.rows, "cases")) },
              { key: "onTime", title: labels.onTime, align: "right", render: (p) => pct(sum(p.rows, "onTime"), sum(p.rows, "decided")) },
            ]}
          />
        </>
      )}
    </Section>
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
