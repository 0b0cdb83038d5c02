import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { FormModal } from "../../components/FormModal";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { casePath } from "../cases/format";
import { DueMark } from "./DueMark";
import { translated } from "./refusals";

const UnitSupervisionDocument = graphql(`
  query UnitSupervision {
    complaints(first: 50, status: ASSIGNED) {
      nodes {
        id
        number
        channel
        content
        personName
        dueOn
        dueOnProvisional
        deadlineState
      }
    }
    rectifications(first: 50, status: OPEN) {
      nodes {
        id
        dueOn
        dueOnProvisional
        deadlineState
        checkNote
        case {
          id
          number
        }
        evaluation {
          id
          rating
          comment
        }
      }
    }
  }
`);

const AnswerComplaintDocument = graphql(`
  mutation AnswerComplaint($input: AnswerComplaintInput!) {
    answerComplaint(input: $input) {
      complaint {
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

const AnswerRectificationDocument = graphql(`
  mutation AnswerRectification($input: AnswerRectificationInput!) {
    answerRectification(input: $input) {
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

/**
 * A unit's part of supervision (S1, S2), on its workspace: complaints assigned to it and poor ratings
 * to rectify, each with its due day; the server lists only the caller's unit's.
 */
export function UnitSupervision() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const { data, previousData, loading, error } = useQuery(UnitSupervisionDocument, { fetchPolicy: "cache-and-network" });
  const [answerComplaint] = useMutation(AnswerComplaintDocument, { refetchQueries: [UnitSupervisionDocument] });
  const [answerRectification] = useMutation(AnswerRectificationDocument, { refetchQueries: [UnitSupervisionDocument] });
  const [complaint, setComplaint] = useState<string>();
  const [rectification, setRectification] = useState<{ id: string; number: string }>();
  const shown = data ?? previousData;
  if (!shown) return <QueryState loading={loading} error={error} />;

  return (
    <Section title={t("supervision.unit.title")}>
      <h3 className="subsection-title">{t("supervision.unit.complaints")}</h3>
      <SimpleTable
        rows={shown.complaints.nodes}
        rowKey={(k) => k.id}
        caption={t("supervision.unit.complaints")}
        empty={t("supervision.unit.complaintsEmpty")}
        columns={[
          { key: "number", title: t("supervision.complaint.number"), render: (k) => k.number },
          { key: "channel", title: t("supervision.complaint.channel"), render: (k) => t(`supervision.enums.ComplaintChannel.${k.channel}`) },
          { key: "content", title: t("supervision.complaint.content"), render: (k) => <span className="plain-text">{k.content}</span> },
          { key: "due", title: t("supervision.complaint.dueOn"), render: (k) => <DueMark dueOn={k.dueOn} provisional={k.dueOnProvisional} state={k.deadlineState} /> },
          {
            key: "actions",
            title: t("common.actions"),
            render: (k) => (
              <Button size="small" type="primary" onClick={() => setComplaint(k.number)} aria-label={t("supervision.unit.answerNamed", { number: k.number })}>
                {t("supervision.unit.answer")}
              </Button>
            ),
          },
        ]}
      />
      <h3 className="subsection-title">{t("supervision.unit.rectifications")}</h3>
      <SimpleTable
        rows={shown.rectifications.nodes}
        rowKey={(r) => r.id}
        caption={t("supervision.unit.rectifications")}
        empty={t("supervision.unit.rectificationsEmpty")}
        columns={[
          { key: "case", title: t("cases.field.number"), render: (r) => (r.case ? <Link to={casePath(r.case.number)}>{r.case.number}</Link> : "—") },
          {
            key: "rating",
            title: t("supervision.panel.rating"),
            render: (r) => (
              <>
                {t(`supervision.rating.${r.evaluation.rating}`)}
                {r.evaluation.comment && <span className="plain-text">：{r.evaluation.comment}</span>}
                {r.checkNote && <div className="muted">{t("supervision.unit.returned", { note: r.checkNote })}</div>}
              </>
            ),
          },
          { key: "due", title: t("supervision.complaint.dueOn"), render: (r) => <DueMark dueOn={r.dueOn} provisional={r.dueOnProvisional} state={r.deadlineState} /> },
          {
            key: "actions",
            title: t("common.actions"),
            render: (r) => (
              <Button
                size="small"
                type="primary"
                onClick={() => setRectification({ id: r.id, number: r.case?.number ?? r.id })}
                aria-label={t("supervision.unit.respondNamed", { number: r.case?.number ?? r.id })}
              >
                {t("supervision.unit.respond")}
              </Button>
            ),
          },
        ]}
      />
      <FormModal<{ answer: string }>
        name="answer-complaint"
        title={t("supervision.unit.answerNamed", { number: complaint ?? "" })}
        open={!!complaint}
        onClose={() => setComplaint(undefined)}
        submit={async ({ answer }) =>
          translated((await run(() => answerComplaint({ variables: { input: { number: complaint!, answer } } })))?.data?.answerComplaint.userErrors, t)
        }
      >
        <Form.Item label={t("supervision.unit.answerLabel")} name="answer" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
      <FormModal<{ response: string }>
        name="answer-rectification"
        title={t("supervision.unit.respondNamed", { number: rectification?.number ?? "" })}
        open={!!rectification}
        onClose={() => setRectification(undefined)}
        submit={async ({ response }) =>
          translated((await run(() => answerRectification({ variables: { input: { id: rectification!.id, response } } })))?.data?.answerRectification.userErrors, t)
        }
      >
        <Form.Item label={t("supervision.unit.responseLabel")} name="response" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </FormModal>
    </Section>
  );
}
