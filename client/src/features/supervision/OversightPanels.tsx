import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input, Radio } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { FaultKind, RectificationStatus } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { DeadlineMark } from "../cases/DeadlineMark";
import { casePath, chinaDateTime } from "../cases/format";
import { DueMark } from "./DueMark";
import { translated } from "./refusals";

const PAGE = 20;

const SupervisorRectificationsDocument = graphql(`
  query SupervisorRectifications($status: RectificationStatus, $first: Int!, $after: String) {
    rectifications(status: $status, first: $first, after: $after) {
      nodes {
        id
        status
        dueOn
        dueOnProvisional
        deadlineState
        response
        checkNote
        case {
          id
          number
        }
        department {
          id
          name
        }
        window {
          id
          code
        }
        evaluation {
          id
          rating
          comment
          channel
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const CheckRectificationDocument = graphql(`
  mutation CheckRectification($input: CheckRectificationInput!) {
    checkRectification(input: $input) {
      rectification {
        id
        status
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

const RECT_STATUSES: RectificationStatus[] = ["OPEN", "ANSWERED", "VERIFIED"];

/** S2 for the supervisor: rectifications of poor ratings; those answered wait for the check. */
export function RectificationsPanel() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [status, setStatus] = useState<RectificationStatus | undefined>("ANSWERED");
  const { data, previousData, loading, error, fetchMore } = useQuery(SupervisorRectificationsDocument, { variables: { status, first: PAGE }, fetchPolicy: "cache-and-network" });
  const [check] = useMutation(CheckRectificationDocument, { refetchQueries: [SupervisorRectificationsDocument] });
  const [checking, setChecking] = useState<{ id: string; number: string }>();
  const list = (data ?? previousData)?.rectifications;

  return (
    <Section title={t("supervision.panel.rectifications")}>
      <div className="filters">
        <NativeSelect
          id="rectification-status"
          label={t("supervision.panel.statusFilter")}
          value={status}
          onChange={(v) => setStatus(v as RectificationStatus | undefined)}
          options={RECT_STATUSES.map((s) => ({ value: s, label: t(`supervision.enums.RectificationStatus.${s}`) }))}
        />
      </div>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={list.nodes}
            rowKey={(r) => r.id}
            caption={t("supervision.panel.rectifications")}
            empty={t("supervision.panel.rectificationsEmpty")}
            columns={[
              { key: "case", title: t("cases.field.number"), render: (r) => (r.case ? <Link to={casePath(r.case.number)}>{r.case.number}</Link> : "—") },
              { key: "unit", title: t("supervision.panel.unit"), render: (r) => `${r.department.name} / ${r.window.code}` },
              {
                key: "rating",
                title: t("supervision.panel.rating"),
                render: (r) => (
                  <>
                    {t(`supervision.rating.${r.evaluation.rating}`)}（{t(`supervision.enums.EvaluationChannel.${r.evaluation.channel}`)}）
                    {r.evaluation.comment && <div className="muted plain-text">{r.evaluation.comment}</div>}
                  </>
                ),
              },
              { key: "response", title: t("supervision.panel.response"), render: (r) => <span className="plain-text">{r.response ?? "—"}</span> },
              { key: "status", title: t("supervision.complaint.status"), render: (r) => t(`supervision.enums.RectificationStatus.${r.status}`) },
              { key: "due", title: t("supervision.complaint.dueOn"), render: (r) => <DueMark dueOn={r.dueOn} provisional={r.dueOnProvisional} state={r.deadlineState} /> },
              {
                key: "actions",
                title: t("common.actions"),
                render: (r) =>
                  r.status === "ANSWERED" ? (
                    <Button size="small" type="primary" onClick={() => setChecking({ id: r.id, number: r.case?.number ?? r.id })} aria-label={t("supervision.panel.checkNamed", { number: r.case?.number ?? r.id })}>
                      {t("supervision.panel.check")}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <LoadMore shown={list.nodes.length} total={list.totalCount} hasNextPage={list.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: list.pageInfo.endCursor } })} />
        </>
      )}
      <FormModal<{ passed: boolean; note: string }>
        name="check-rectification"
        title={t("supervision.panel.checkNamed", { number: checking?.number ?? "" })}
        open={!!checking}
        onClose={() => setChecking(undefined)}
        initialValues={{ passed: true }}
        submit={async (v) => translated((await run(() => check({ variables: { input: { id: checking!.id, passed: v.passed, note: v.note } } })))?.data?.checkRectification.userErrors, t)}
      >
        <Form.Item label={t("supervision.panel.check")} name="passed">
          <Radio.Group options={[{ value: true, label: t("supervision.panel.passed") }, { value: false, label: t("supervision.panel.failed") }]} />
        </Form.Item>
        <Form.Item label={t("supervision.panel.checkNote")} name="note" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Section>
  );
}

const SupervisorFaultsDocument = graphql(`
  query SupervisorFaults($kind: FaultKind, $departmentCode: String, $windowCode: String, $from: String, $to: String, $first: Int!, $after: String) {
    faultRecords(kind: $kind, departmentCode: $departmentCode, windowCode: $windowCode, from: $from, to: $to, first: $first, after: $after) {
      nodes {
        id
        recordNo
        kind
        at
        note
        department {
          id
          name
        }
        window {
          id
          code
        }
        staff {
          id
          displayName
        }
        case {
          id
          number
        }
        complaint {
          id
          number
        }
        reversalOf {
          id
          recordNo
        }
        reversedBy {
          id
          recordNo
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const ReverseFaultDocument = graphql(`
  mutation ReverseFault($input: ReverseFaultInput!) {
    reverseFault(input: $input) {
      fault {
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

const KINDS: FaultKind[] = ["OVERDUE", "DEEMED_APPROVAL", "DEEMED_AGREE", "LATE_FORWARD", "UPHELD_COMPLAINT", "LATE_RECTIFICATION"];

interface FaultFilter {
  kind?: FaultKind;
  departmentCode?: string;
  windowCode?: string;
  from?: string;
  to?: string;
}

/** S5: fault records, newest first, filtered by unit, kind and period; a reversal is a new record with its reason. */
export function FaultsPanel({ canReverse }: { canReverse: boolean }) {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [filter, setFilter] = useState<FaultFilter>({});
  const [draft, setDraft] = useState<FaultFilter>({});
  const { data, previousData, loading, error, fetchMore } = useQuery(SupervisorFaultsDocument, { variables: { ...filter, first: PAGE }, fetchPolicy: "cache-and-network" });
  const [reverse] = useMutation(ReverseFaultDocument, { refetchQueries: [SupervisorFaultsDocument] });
  const [reversing, setReversing] = useState<string>();
  const list = (data ?? previousData)?.faultRecords;
  const text = (key: keyof FaultFilter, label: string, type = "text") => (
    <div className="filter-field">
      <label htmlFor={`fault-${key}`}>{label}</label>
      <input
        id={`fault-${key}`}
        type={type}
        className="native-input"
        value={draft[key] ?? ""}
        maxLength={30}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value.trim() || undefined })}
      />
    </div>
  );

  return (
    <Section title={t("supervision.panel.faults")}>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        <NativeSelect
          id="fault-kind"
          label={t("supervision.panel.kind")}
          value={draft.kind}
          onChange={(v) => setDraft({ ...draft, kind: v as FaultKind | undefined })}
          options={KINDS.map((k) => ({ value: k, label: t(`supervision.enums.FaultKind.${k}`) }))}
        />
        {text("departmentCode", t("supervision.panel.department"))}
        {text("windowCode", t("supervision.panel.window"))}
        {text("from", t("supervision.panel.from"), "date")}
        {text("to", t("supervision.panel.to"), "date")}
        <Button htmlType="submit">{t("supervision.panel.filter")}</Button>
      </form>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={list.nodes}
            rowKey={(f) => f.id}
            caption={t("supervision.panel.faults")}
            empty={t("supervision.panel.faultsEmpty")}
            columns={[
              { key: "id", title: "#", render: (f) => f.id },
              { key: "kind", title: t("supervision.panel.kind"), render: (f) => t(`supervision.enums.FaultKind.${f.kind}`) },
              { key: "unit", title: t("supervision.panel.unit"), render: (f) => [f.department?.name, f.window?.code].filter(Boolean).join(" / ") || "—" },
              { key: "person", title: t("supervision.panel.person"), render: (f) => f.staff?.displayName ?? "—" },
              {
                key: "subject",
                title: t("cases.field.number"),
                render: (f) => (f.case ? <Link to={casePath(f.case.number)}>{f.case.number}</Link> : (f.complaint?.number ?? "—")),
              },
              { key: "at", title: t("supervision.panel.at"), render: (f) => chinaDateTime(f.at) },
              {
                key: "note",
                title: t("supervision.panel.note2"),
                render: (f) => (
                  <>
                    {f.reversalOf && <strong>{t("supervision.panel.reversalOf", { id: f.reversalOf.recordNo })}：</strong>}
                    <span className="plain-text">{f.note}</span>
                    {f.reversedBy && <div className="muted">{t("supervision.panel.reversed")}（#{f.reversedBy.recordNo}）</div>}
                  </>
                ),
              },
              {
                key: "actions",
                title: t("common.actions"),
                render: (f) =>
                  canReverse && !f.reversalOf && !f.reversedBy ? (
                    <Button size="small" onClick={() => setReversing(f.id)} aria-label={t("supervision.panel.reverseNamed", { id: f.recordNo })}>
                      {t("supervision.panel.reverse")}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <LoadMore shown={list.nodes.length} total={list.totalCount} hasNextPage={list.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: list.pageInfo.endCursor } })} />
        </>
      )}
      <FormModal<{ reason: string }>
        name="reverse-fault"
        title={t("supervision.panel.reverseNamed", { id: reversing ?? "" })}
        open={!!reversing}
        onClose={() => setReversing(undefined)}
        submit={async (v) => translated((await run(() => reverse({ variables: { input: { id: reversing!, reason: v.reason } } })))?.data?.reverseFault.userErrors, t)}
      >
        <Form.Item label={t("supervision.panel.reason")} name="reason" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Section>
  );
}

const DeadlineWarningsDocument = graphql(`
  query DeadlineWarnings {
    deadlineWarnings {
      yellow
      red
      window {
        id
        code
        name
        point {
          id
          name
        }
      }
    }
  }
`);

/** C5 per unit: each window's yellow (≤ 2 working days left) and red (overdue) cases, most red first. */
export function DeadlineWarningsPanel() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(DeadlineWarningsDocument, { fetchPolicy: "cache-and-network" });
  const list = data?.deadlineWarnings;
  return (
    <Section title={t("supervision.panel.warnings")}>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <SimpleTable
          rows={list}
          rowKey={(w) => w.window.id}
          caption={t("supervision.panel.warnings")}
          empty={t("supervision.panel.warningsEmpty")}
          columns={[
            { key: "window", title: t("supervision.panel.window"), render: (w) => `${w.window.name}（${w.window.code}）` },
            { key: "point", title: t("supervision.panel.point"), render: (w) => w.window.point.name },
            { key: "yellow", title: t("supervision.panel.yellow"), align: "right", render: (w) => <span className="count-yellow">{w.yellow}</span> },
            { key: "red", title: t("supervision.panel.red"), align: "right", render: (w) => <span className="count-red">{w.red}</span> },
          ]}
        />
      )}
    </Section>
  );
}

const OverdueCasesDocument = graphql(`
  query OverdueCases($first: Int!, $after: String) {
    overdueCases(first: $first, after: $after) {
      nodes {
        id
        number
        deadline
        deadlineProvisional
        deadlineState
        remainingWorkingDays
        item {
          id
          name
          department {
            id
            name
          }
        }
        window {
          id
          code
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

/** Red cases across the network: in review past their limit, earliest first. */
export function OverduePanel() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, fetchMore } = useQuery(OverdueCasesDocument, { variables: { first: PAGE }, fetchPolicy: "cache-and-network" });
  const list = (data ?? previousData)?.overdueCases;
  return (
    <Section title={t("supervision.panel.overdue")}>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={list.nodes}
            rowKey={(c) => c.id}
            caption={t("supervision.panel.overdue")}
            empty={t("supervision.panel.overdueEmpty")}
            columns={[
              { key: "number", title: t("cases.field.number"), render: (c) => <Link to={casePath(c.number)}>{c.number}</Link> },
              { key: "item", title: t("cases.field.item"), render: (c) => c.item.name },
              { key: "unit", title: t("supervision.panel.unit"), render: (c) => `${c.item.department.name} / ${c.window.code}` },
              { key: "deadline", title: t("supervision.panel.deadline"), render: (c) => <DeadlineMark deadline={c.deadline} state={c.deadlineState} remaining={c.remainingWorkingDays} provisional={c.deadlineProvisional} /> },
            ]}
          />
          <LoadMore shown={list.nodes.length} total={list.totalCount} hasNextPage={list.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: list.pageInfo.endCursor } })} />
        </>
      )}
    </Section>
  );
}
