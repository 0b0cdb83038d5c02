import { useQuery } from "@apollo/client/react";
import { Alert, Button, Descriptions, Form, Input } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { chinaDateTime, day } from "../../features/cases/format";
import "../../features/supervision/supervision.css";

const ComplaintStatusLookupDocument = graphql(`
  query ComplaintStatusLookup($number: String!, $queryCode: String!) {
    complaintStatus(number: $number, queryCode: $queryCode) {
      id
      number
      channel
      status
      content
      receivedAt
      dueOn
      answer
      outcome
      outcomeNote
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
  }
`);

/** The complainant's lookup by complaint number and query code (S1). */
export default function ComplaintStatusRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const number = params.get("number")?.trim().toUpperCase() ?? "";
  const code = params.get("code")?.trim().toUpperCase() ?? "";
  const ready = number !== "" && code !== "";
  const { data, loading, error } = useQuery(ComplaintStatusLookupDocument, { variables: { number, queryCode: code }, skip: !ready });
  const found = data?.complaintStatus;

  return (
    <Page title={t("supervision.complaint.statusTitle")} subtitle={t("supervision.complaint.statusSubtitle")}>
      <Form<{ number: string; code: string }>
        key={`${number}-${code}`}
        name="complaint-status"
        layout="vertical"
        className="status-form"
        initialValues={{ number, code }}
        onFinish={(v) => setParams({ number: v.number.trim().toUpperCase(), code: v.code.trim().toUpperCase() }, { replace: true })}
      >
        <Form.Item label={t("supervision.complaint.number")} name="number" rules={[{ required: true, message: t("common.required") }]}>
          <Input autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item label={t("supervision.complaint.code")} name="code" rules={[{ required: true, message: t("common.required") }]}>
          <Input autoComplete="off" maxLength={8} />
        </Form.Item>
        {/* No loading state on the button: the result region below says it is loading (and a fading button fails contrast). */}
        <Button type="primary" htmlType="submit">
          {t("cases.lookup.submit")}
        </Button>
      </Form>
      <div className="status-result" role="status" aria-live="polite">
        {ready && !data && <QueryState loading={loading} error={error} />}
        {data && !found && <Alert type="warning" showIcon title={t("supervision.complaint.notFound")} />}
        {found && (
          <>
            <p className="status-badge">
              {t(`supervision.enums.ComplaintStatus.${found.status}`)}
              {found.outcome && `（${t(`supervision.enums.ComplaintOutcome.${found.outcome}`)}）`}
            </p>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t("supervision.complaint.number")}>{found.number}</Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.channel")}>{t(`supervision.enums.ComplaintChannel.${found.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.receivedAt")}>{chinaDateTime(found.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.content")}>
                <span className="plain-text">{found.content}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.assignedTo")}>
                {found.assignedDepartment?.name ?? (found.assignedWindow ? `${found.assignedWindow.code} ${found.assignedWindow.name}` : "—")}
              </Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.dueOn")}>{day(found.dueOn)}</Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.answer")}>
                <span className="plain-text">{found.answer ?? "—"}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("supervision.complaint.outcomeNote")}>
                <span className="plain-text">{found.outcomeNote ?? "—"}</span>
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </div>
    </Page>
  );
}
