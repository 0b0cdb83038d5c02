import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Button, Form, Input, InputNumber, Radio, Space } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { ComplaintOutcome, ComplaintStatus } from "../../gql/graphql";
import { FormModal } from "../../components/FormModal";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { SimpleTable } from "../../components/SimpleTable";
import { useRunMutation } from "../../lib/mutations";
import { casePath, chinaDateTime } from "../cases/format";
import { DueMark } from "./DueMark";
import { translated } from "./refusals";

const SupervisorComplaintsDocument = graphql(`
  query SupervisorComplaints($status: ComplaintStatus, $first: Int!, $after: String) {
    complaints(status: $status, first: $first, after: $after) {
      nodes {
        id
        number
        channel
        status
        content
        contact
        personName
        receivedAt
        dueOn
        dueOnProvisional
        deadlineState
        answer
        outcome
        case {
          id
          number
        }
        window {
          id
          code
        }
        department {
          id
          code
          name
        }
        assignedDepartment {
          id
          name
        }
        assignedWindow {
          id
          code
          name
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


const AssignComplaintDocument = graphql(`
  mutation AssignComplaint($input: AssignComplaintInput!) {
    assignComplaint(input: $input) {
      complaint {
        id
        status
        dueOn
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

const CloseComplaintDocument = graphql(`
  mutation CloseComplaint($input: CloseComplaintInput!) {
    closeComplaint(input: $input) {
      complaint {
        id
        status
        outcome
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

const STATUSES: ComplaintStatus[] = ["RECEIVED", "ASSIGNED", "ANSWERED", "CLOSED"];
const OUTCOMES: ComplaintOutcome[] = ["UPHELD", "NOT_UPHELD", "WITHDRAWN"];
const PAGE = 20;

interface AssignValues {
  unitKind: "department" | "window";
  unitCode: string;
  limitDays: number;
  responsibleUsername?: string;
}

/** S1 for the supervisor: complaints by status, nearest due day first; assign to a unit, then decide the outcome. */
export function ComplaintsPanel() {
  const { t } = useTranslation();
  const run = useRunMutation();
  const [status, setStatus] = useState<ComplaintStatus | undefined>("RECEIVED");
  const { data, previousData, loading, error, fetchMore } = useQuery(SupervisorComplaintsDocument, { variables: { status, first: PAGE }, fetchPolicy: "cache-and-network" });
  const refetch = { refetchQueries: [SupervisorComplaintsDocument, "SupervisorFaults"] };
  const [assign] = useMutation(AssignComplaintDocument, refetch);
  const [close] = useMutation(CloseComplaintDocument, refetch);
  const [assigning, setAssigning] = useState<string>();
  const [closing, setClosing] = useState<string>();
  const list = (data ?? previousData)?.complaints;

  const about = (k: NonNullable<typeof list>["nodes"][number]) =>
    [
      k.case && <Link key="case" to={casePath(k.case.number)}>{k.case.number}</Link>,
      k.window && <span key="w">{k.window.code}</span>,
      k.department && <span key="d">{k.department.name}</span>,
      k.personName && <span key="p" className="plain-text">{k.personName}</span>,
    ].filter(Boolean);

  return (
    <Section title={t("supervision.panel.complaints")}>
      <div className="filters">
        <NativeSelect
          id="complaint-status"
          label={t("supervision.panel.statusFilter")}
          value={status}
          onChange={(v) => setStatus(v as ComplaintStatus | undefined)}
          options={STATUSES.map((s) => ({ value: s, label: t(`supervision.enums.ComplaintStatus.${s}`) }))}
        />
      </div>
      {!list ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <SimpleTable
            rows={list.nodes}
            rowKey={(k) => k.id}
            caption={t("supervision.panel.complaints")}
            empty={t("supervision.panel.complaintsEmpty")}
            columns={[
              { key: "number", title: t("supervision.complaint.number"), render: (k) => k.number },
              { key: "channel", title: t("supervision.complaint.channel"), render: (k) => t(`supervision.enums.ComplaintChannel.${k.channel}`) },
              { key: "about", title: t("supervision.panel.about"), render: (k) => <Space size={4} wrap>{about(k)}</Space> },
              {
                key: "content",
                title: t("supervision.complaint.content"),
                render: (k) => (
                  <>
                    <span className="plain-text">{k.content}</span>
                    {k.contact && <div className="muted plain-text">{k.contact}</div>}
                    {k.answer && <div className="muted plain-text">{t("supervision.complaint.answer")}：{k.answer}</div>}
                  </>
                ),
              },
              { key: "received", title: t("supervision.complaint.receivedAt"), render: (k) => chinaDateTime(k.receivedAt) },
              {
                key: "status",
                title: t("supervision.complaint.status"),
                render: (k) => (
                  <>
                    {t(`supervision.enums.ComplaintStatus.${k.status}`)}
                    {k.outcome && `（${t(`supervision.enums.ComplaintOutcome.${k.outcome}`)}）`}
                    {(k.assignedDepartment || k.assignedWindow) && <div className="muted">{k.assignedDepartment?.name ?? `${k.assignedWindow?.code} ${k.assignedWindow?.name}`}</div>}
                  </>
                ),
              },
              { key: "due", title: t("supervision.complaint.dueOn"), render: (k) => <DueMark dueOn={k.dueOn} provisional={k.dueOnProvisional} state={k.deadlineState} /> },
              {
                key: "actions",
                title: t("common.actions"),
                render: (k) =>
                  k.status === "CLOSED" ? null : (
                    <Space size={4} wrap>
                      {k.status !== "ANSWERED" && (
                        <Button size="small" onClick={() => setAssigning(k.number)} aria-label={t("supervision.panel.assignNamed", { number: k.number })}>
                          {t("supervision.panel.assign")}
                        </Button>
                      )}
                      <Button size="small" type="primary" onClick={() => setClosing(k.number)} aria-label={t("supervision.panel.closeNamed", { number: k.number })}>
                        {t("supervision.panel.close")}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
          <LoadMore shown={list.nodes.length} total={list.totalCount} hasNextPage={list.pageInfo.hasNextPage} onLoadMore={() => fetchMore({ variables: { after: list.pageInfo.endCursor } })} />
        </>
      )}
      <FormModal<AssignValues>
        name="assign-complaint"
        title={t("supervision.panel.assignNamed", { number: assigning ?? "" })}
        open={!!assigning}
        onClose={() => setAssigning(undefined)}
        initialValues={{ unitKind: "department", limitDays: 5 }}
        submit={async (v) => {
          const unit = v.unitKind === "department" ? { departmentCode: v.unitCode.trim() } : { windowCode: v.unitCode.trim() };
          const input = { number: assigning!, ...unit, limitDays: v.limitDays, responsibleUsername: v.responsibleUsername?.trim() || null };
          return translated((await run(() => assign({ variables: { input } })))?.data?.assignComplaint.userErrors, t);
        }}
      >
        <Form.Item label={t("supervision.panel.unitKind")} name="unitKind">
          <Radio.Group options={[{ value: "department", label: t("supervision.panel.department") }, { value: "window", label: t("supervision.panel.window") }]} />
        </Form.Item>
        <Form.Item label={t("supervision.panel.unitCode")} name="unitCode" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item label={t("supervision.panel.limitDays")} name="limitDays" rules={[{ required: true, message: t("common.required") }]}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item label={t("supervision.panel.responsible")} name="responsibleUsername">
          <Input maxLength={40} />
        </Form.Item>
      </FormModal>
      <FormModal<{ outcome: ComplaintOutcome; note: string }>
        name="close-complaint"
        title={t("supervision.panel.closeNamed", { number: closing ?? "" })}
        open={!!closing}
        onClose={() => setClosing(undefined)}
        submit={async (v) => translated((await run(() => close({ variables: { input: { number: closing!, outcome: v.outcome, note: v.note } } })))?.data?.closeComplaint.userErrors, t)}
      >
        <Form.Item label={t("supervision.panel.outcome")} name="outcome" rules={[{ required: true, message: t("common.required") }]}>
          <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`supervision.enums.ComplaintOutcome.${o}`) }))} />
        </Form.Item>
        <Form.Item label={t("supervision.panel.note")} name="note" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Section>
  );
}
