import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { FaultKind } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { casePath, chinaDateTime } from "../cases/format";
import { translated } from "./refusals";

import { PAGE } from "./OversightPanels";

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
