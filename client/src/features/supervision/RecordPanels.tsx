import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input, InputNumber, Radio } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormModal } from "../../components/FormModal";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { casePath } from "../cases/format";
import { translated } from "./refusals";
import { DayPicker } from "../../components/DayPicker";

const SupervisionDashboardDocument = graphql(`
  query SupervisionDashboard {
    supervisionDashboard {
      registered
      closed
      completionRate
      byKind {
        kind
        count
      }
      evaluations
      evaluationAverage
      rectifications
      complaints
      complaintsUpheld
      faults
    }
  }
`);

/** §2: the record's figures, computed by the server from the records. */
export function DashboardPanel() {
  const { t, i18n } = useTranslation();
  const { data, loading, error } = useQuery(SupervisionDashboardDocument, { fetchPolicy: "cache-and-network" });
  const d = data?.supervisionDashboard;
  const n = (v: number) => v.toLocaleString(i18n.language);
  if (!d) return <QueryState loading={loading} error={error} />;
  const figures: [string, string][] = [
    [t("supervision.dashboard.registered"), n(d.registered)],
    [t("supervision.dashboard.closed"), n(d.closed)],
    [t("supervision.dashboard.completionRate"), `${d.completionRate.toFixed(1)} %`],
    [t("supervision.dashboard.evaluations"), `${n(d.evaluations)}${d.evaluationAverage != null ? ` · ${t("supervision.dashboard.evaluationAverage")} ${d.evaluationAverage.toFixed(2)}` : ""}`],
    [t("supervision.dashboard.rectifications"), n(d.rectifications)],
    [t("supervision.dashboard.complaints"), `${n(d.complaints)}（${t("supervision.dashboard.complaintsUpheld")} ${n(d.complaintsUpheld)}）`],
    [t("supervision.dashboard.faults"), n(d.faults)],
  ];
  return (
    <Section title={t("supervision.dashboard.title")}>
      <dl className="dashboard-figures" data-testid="supervision-dashboard">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {t("supervision.dashboard.byKind")}：
        {d.byKind.map((k) => `${k.kind ? t(`enums.CaseKind.${k.kind}`) : t("supervision.dashboard.noKind")} ${n(k.count)}`).join("，")}
      </p>
    </Section>
  );
}

const FollowUpDrawsDocument = graphql(`
  query FollowUpDraws {
    followUpDraws {
      id
      week
      seed
      perUnit
      candidates
      visits {
        id
        reached
        satisfied
        problem
        complaintNumber
        case {
          id
          number
        }
        window {
          id
          code
          name
        }
      }
    }
  }
`);

const DrawFollowUpsDocument = graphql(`
  mutation DrawFollowUps($input: DrawFollowUpsInput!) {
    drawFollowUps(input: $input) {
      draw {
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

const RecordFollowUpDocument = graphql(`
  mutation RecordFollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) {
      visit {
        id
        reached
        satisfied
        complaintNumber
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

/** S6: the latest weekly sample and its calls. */
export function FollowUpPanel() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(FollowUpDrawsDocument, { fetchPolicy: "cache-and-network" });
  const [draw, { loading: drawing }] = useMutation(DrawFollowUpsDocument, { refetchQueries: [FollowUpDrawsDocument] });
  const [record] = useMutation(RecordFollowUpDocument, { refetchQueries: [FollowUpDrawsDocument] });
  const [calling, setCalling] = useState<{ id: string; number: string }>();
  const [drawErrors, setDrawErrors] = useState<string[]>([]);
  const latest = data?.followUpDraws[0];

  const drawNow = async () => {
    const result = await run(() => draw({ variables: { input: {} } }));
    setDrawErrors(translated(result?.data?.drawFollowUps.userErrors, t)?.map((e) => e.message) ?? []);
  };

  return (
    <Section
      title={t("supervision.followUp.title")}
      extra={
        <Button onClick={drawNow} loading={drawing}>
          {t("supervision.followUp.draw")}
        </Button>
      }
    >
      {drawErrors.map((m) => (
        <p key={m} role="alert" className="form-error">
          {m}
        </p>
      ))}
      {!data ? (
        <QueryState loading={loading} error={error} />
      ) : !latest ? (
        <p className="muted">{t("supervision.followUp.empty")}</p>
      ) : (
        <>
          <p className="muted">
            {t("supervision.followUp.week")} {latest.week} · {t("supervision.followUp.candidates")} {latest.candidates} · {t("supervision.followUp.perUnit")} {latest.perUnit} ·{" "}
            {t("supervision.followUp.seed")} {latest.seed}
          </p>
          <SimpleTable
            rows={latest.visits}
            rowKey={(v) => v.id}
            caption={t("supervision.followUp.title")}
            empty={t("supervision.followUp.visitsEmpty")}
            columns={[
              { key: "case", title: t("supervision.followUp.case"), render: (v) => <Link to={casePath(v.case.number)}>{v.case.number}</Link> },
              { key: "unit", title: t("supervision.followUp.unit"), render: (v) => `${v.window.code} ${v.window.name}` },
              {
                key: "result",
                title: t("supervision.followUp.result"),
                render: (v) =>
                  v.reached === null || v.reached === undefined ? (
                    t("supervision.followUp.pending")
                  ) : (
                    <>
                      {v.reached ? t("supervision.followUp.reachedYes") : t("supervision.followUp.reachedNo")}
                      {v.reached && `，${v.satisfied ? t("supervision.followUp.satisfiedYes") : t("supervision.followUp.satisfiedNo")}`}
                      {v.complaintNumber && <div className="muted">{t("supervision.followUp.complaint", { number: v.complaintNumber })}</div>}
                    </>
                  ),
              },
              {
                key: "actions",
                title: t("common.actions"),
                render: (v) =>
                  v.reached === null || v.reached === undefined ? (
                    <Button size="small" type="primary" onClick={() => setCalling({ id: v.id, number: v.case.number })} aria-label={t("supervision.followUp.recordNamed", { number: v.case.number })}>
                      {t("supervision.followUp.record")}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </>
      )}
      <FormModal<{ reached: boolean; satisfied?: boolean; problem?: string }>
        name="record-follow-up"
        title={t("supervision.followUp.recordNamed", { number: calling?.number ?? "" })}
        open={!!calling}
        onClose={() => setCalling(undefined)}
        initialValues={{ reached: true, satisfied: true }}
        submit={async (v) =>
          translated(
            (
              await run(() =>
                record({ variables: { input: { id: calling!.id, reached: v.reached, satisfied: v.reached ? (v.satisfied ?? null) : null, problem: v.reached ? v.problem?.trim() || null : null } } }),
              )
            )?.data?.recordFollowUp.userErrors,
            t,
          )
        }
      >
        <Form.Item label={t("supervision.followUp.reached")} name="reached">
          <Radio.Group options={[{ value: true, label: t("supervision.followUp.reachedYes") }, { value: false, label: t("supervision.followUp.reachedNo") }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.reached !== b.reached}>
          {({ getFieldValue }) =>
            getFieldValue("reached") ? (
              <>
                <Form.Item label={t("supervision.followUp.satisfied")} name="satisfied">
                  <Radio.Group options={[{ value: true, label: t("supervision.followUp.satisfiedYes") }, { value: false, label: t("supervision.followUp.satisfiedNo") }]} />
                </Form.Item>
                <Form.Item label={t("supervision.followUp.problem")} name="problem">
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </>
            ) : null
          }
        </Form.Item>
      </FormModal>
    </Section>
  );
}

const InspectionsDocument = graphql(`
  query Inspections {
    inspections {
      id
      inspectedOn
      total
      passed
      findings
      inspector
      point {
        id
        code
        name
      }
    }
    townshipInspectionScores {
      township {
        id
        code
        name
      }
      centreScore
      stationsAverage
      stationsInspected
      score
      latestOn
    }
  }
`);

const RecordInspectionDocument = graphql(`
  mutation RecordInspection($input: RecordInspectionInput!) {
    recordInspection(input: $input) {
      inspection {
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

const CHECKLIST = { organization: 15, premises: 20, staffing: 20, itemsMovedIn: 20, operation: 15, publicReview: 10 } as const;
type Heading = keyof typeof CHECKLIST;

/** S7: inspections of township centres and village stations, and each township's standing. */
export function InspectionPanel() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, loading, error } = useQuery(InspectionsDocument, { fetchPolicy: "cache-and-network" });
  const [recordInspection] = useMutation(RecordInspectionDocument, { refetchQueries: [InspectionsDocument] });
  const [open, setOpen] = useState(false);
  const headings = Object.keys(CHECKLIST) as Heading[];

  return (
    <Section title={t("supervision.inspection.title")} extra={<Button onClick={() => setOpen(true)}>{t("supervision.inspection.record")}</Button>}>
      {!data ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={data.inspections}
            rowKey={(i) => i.id}
            caption={t("supervision.inspection.title")}
            empty={t("supervision.inspection.empty")}
            columns={[
              { key: "point", title: t("supervision.inspection.point"), render: (i) => `${i.point.name}（${i.point.code}）` },
              { key: "day", title: t("supervision.inspection.inspectedOn"), render: (i) => i.inspectedOn },
              { key: "total", title: t("supervision.inspection.total"), align: "right", render: (i) => `${i.total}（${i.passed ? t("supervision.inspection.passed") : t("supervision.inspection.failed")}）` },
              { key: "findings", title: t("supervision.inspection.findings"), render: (i) => <span className="plain-text">{i.findings}</span> },
            ]}
          />
          <h3>{t("supervision.inspection.standings")}</h3>
          <SimpleTable
            rows={data.townshipInspectionScores}
            rowKey={(s) => s.township.id}
            caption={t("supervision.inspection.standings")}
            empty={t("supervision.inspection.empty")}
            columns={[
              { key: "township", title: t("supervision.inspection.township"), render: (s) => s.township.name },
              { key: "centre", title: t("supervision.inspection.centre"), align: "right", render: (s) => s.centreScore ?? "—" },
              { key: "stations", title: t("supervision.inspection.stations"), align: "right", render: (s) => (s.stationsAverage != null ? `${s.stationsAverage}（${s.stationsInspected}）` : "—") },
              { key: "score", title: t("supervision.inspection.score"), align: "right", render: (s) => s.score ?? "—" },
            ]}
          />
        </>
      )}
      <FormModal<Record<Heading, number> & { pointCode: string; inspectedOn: string; findings: string }>
        name="record-inspection"
        title={t("supervision.inspection.record")}
        open={open}
        onClose={() => setOpen(false)}
        initialValues={{ ...CHECKLIST }}
        submit={async (v) => translated((await run(() => recordInspection({ variables: { input: { ...v, pointCode: v.pointCode.trim(), inspectedOn: v.inspectedOn.trim() } } })))?.data?.recordInspection.userErrors, t)}
      >
        <Form.Item label={t("supervision.inspection.point")} name="pointCode" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t("supervision.inspection.inspectedOn")} name="inspectedOn" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t("common.required") }]}>
          <DayPicker />
        </Form.Item>
        {headings.map((h) => (
          <Form.Item key={h} label={`${t(`supervision.inspection.${h}`)}（${t("supervision.inspection.max", { max: CHECKLIST[h] })}）`} name={h} rules={[{ required: true, message: t("common.required") }]}>
            <InputNumber min={0} max={CHECKLIST[h]} precision={0} />
          </Form.Item>
        ))}
        <Form.Item label={t("supervision.inspection.findings")} name="findings" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Section>
  );
}
