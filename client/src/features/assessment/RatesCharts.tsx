import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { AssessmentUnitType } from "../../gql/graphql";
import { Section } from "../../components/Page";
import { SimpleTable } from "../../components/SimpleTable";
import { EChart } from "../../components/EChart";
import { pct, rate, quartersUpTo, percentAxis } from "./assessment-shared";
import "./assessment.css";

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



type RateRow = { unitCode: string; unitName?: string; cases: number; closed: number; decided: number; onTime: number; rank?: number };

/** C7, S3: completion and on-time rates by unit (the period's ranking, units with cases) and by period (four quarters). */
export function RatesCharts({ period, unitType, rows }: { period: string; unitType: AssessmentUnitType; rows: readonly RateRow[] | undefined }) {
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
