import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button} from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { AssessmentUnitType } from "../../gql/graphql";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { EChart } from "../../components/EChart";
import { refusals, pct, lastQuarter } from "./assessment-shared";
import { RatesCharts } from "./RatesCharts";
import "./assessment.css";

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

const UNIT_TYPES: AssessmentUnitType[] = ["WINDOW", "DEPARTMENT", "TOWNSHIP", "STAFF"];

/** S3/S8: a period's ranking (published figures, or computed from the records), red flags and grades; C4 by kind. */
export function RankingPanel({ canPublish }: { canPublish: boolean }) {
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
