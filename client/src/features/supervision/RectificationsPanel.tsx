import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input, Radio } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { RectificationStatus } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { casePath } from "../cases/format";
import { DueMark } from "./DueMark";
import { translated } from "./refusals";

import { PAGE } from "./OversightPanels";

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
