import { useQuery } from "@apollo/client/react";
import { Alert, Button, Descriptions, Form, Input } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { ProvisionalMark } from "../../features/cases/DeadlineMark";
import { day } from "../../features/cases/format";
import { weekdayName } from "../../lib/format";
import { RatingForm } from "../../features/supervision/RatingForm";
import "../../features/cases/cases.css";

const CaseStatusLookupDocument = graphql(`
  query CaseStatusLookup($number: String!, $queryCode: String!) {
    caseStatus(number: $number, queryCode: $queryCode) {
      number
      itemName
      handlingPointName
      status
      kind
      registeredOn
      acceptedOn
      deadline
      deadlineProvisional
      decidedOn
      closedOn
      outcome
      collection {
        pointName
        windowName
        windowCode
        address
        phone
        officeHours
        schedule {
          weekday
          startTime
          endTime
        }
        ready
      }
      rateable
      evaluation {
        id
        rating
      }
    }
  }
`);

interface LookupValues {
  number: string;
  code: string;
}

/**
 * 办件查询: a citizen types the case number and the query code printed on a notice (or scans its
 * QR code, which opens this page with both filled in) and sees the status and dates, nothing personal.
 * A wrong code and an unknown number get the same answer.
 */
export default function StatusRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const number = params.get("number")?.trim() ?? "";
  const code = params.get("code")?.trim().toUpperCase() ?? "";
  const ready = number !== "" && code !== "";
  const { data, loading, error } = useQuery(CaseStatusLookupDocument, { variables: { number, queryCode: code }, skip: !ready });
  const found = data?.caseStatus;

  const lookUp = (values: LookupValues) => setParams({ number: values.number.trim(), code: values.code.trim().toUpperCase() }, { replace: true });

  return (
    <Page title={t("cases.lookup.title")} subtitle={t("cases.lookup.subtitle")}>
      <Form<LookupValues>
        key={`${number}-${code}`}
        name="status"
        layout="vertical"
        className="status-form"
        initialValues={{ number, code }}
        onFinish={lookUp}
      >
        <Form.Item
          label={t("cases.field.number")}
          name="number"
          extra={t("cases.lookup.numberHelp")}
          rules={[{ required: true, message: t("common.required") }, { pattern: /^\s*\d{20}\s*$/, message: t("cases.lookup.numberFormat") }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={24} />
        </Form.Item>
        <Form.Item
          label={t("cases.field.queryCode")}
          name="code"
          extra={t("cases.lookup.codeHelp")}
          rules={[{ required: true, message: t("common.required") }]}
        >
          <Input autoComplete="off" maxLength={12} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          {t("cases.lookup.submit")}
        </Button>
      </Form>
      <div className="status-result" role="status" aria-live="polite">
        {ready && !data && <QueryState loading={loading} error={error} />}
        {data && !found && <Alert type="warning" showIcon title={t("cases.lookup.notFound")} />}
        {found && (
          <>
            <p className="status-badge">
              {t(`cases.status.${found.status}`)}
              {found.outcome && `（${t(`cases.outcome.${found.outcome}`)}）`}
            </p>
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t("cases.field.number")}>{found.number}</Descriptions.Item>
              <Descriptions.Item label={t("cases.field.item")}>{found.itemName}</Descriptions.Item>
              <Descriptions.Item label={t("cases.lookup.handledAt")}>{found.handlingPointName}</Descriptions.Item>
              <Descriptions.Item label={t("cases.field.kind")}>{found.kind ? t(`enums.CaseKind.${found.kind}`) : t("cases.field.notAccepted")}</Descriptions.Item>
              <Descriptions.Item label={t("cases.lookup.registeredOn")}>{found.registeredOn}</Descriptions.Item>
              <Descriptions.Item label={t("cases.field.acceptedOn")}>{day(found.acceptedOn)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.lookup.deadline")}>{day(found.deadline)} {found.deadline && <ProvisionalMark provisional={found.deadlineProvisional} />}</Descriptions.Item>
              <Descriptions.Item label={t("cases.lookup.decidedOn")}>{day(found.decidedOn)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.lookup.closedOn")}>{day(found.closedOn)}</Descriptions.Item>
            </Descriptions>
            {found.collection && <Collection place={found.collection} />}
          </>
        )}
      </div>
      {found?.rateable && (
        <section className="page-section" aria-labelledby="rating-title">
          <h2 id="rating-title" className="section-title">
            {t("supervision.rating.title")}
          </h2>
          {found.evaluation ? (
            <p>{t("supervision.rating.given", { grade: t(`supervision.rating.${found.evaluation.rating}`) })}</p>
          ) : (
            <RatingForm caseNumber={found.number} queryCode={code} />
          )}
        </section>
      )}
    </Page>
  );
}

interface CollectionPlace {
  pointName: string;
  windowName?: string | null;
  windowCode?: string | null;
  address?: string | null;
  phone?: string | null;
  officeHours: string[];
  schedule: { weekday: number; startTime: string; endTime: string }[];
  ready: boolean;
}

/** Where and when to collect the result once decided (issue 9 §3): the registering point, its window, address and hours. */
function Collection({ place }: { place: CollectionPlace }) {
  const { t } = useTranslation();
  const hours = place.schedule.length
    ? place.schedule.map((s) => `${weekdayName(s.weekday, t)} ${s.startTime}–${s.endTime}`).join("；")
    : t("paper.collection.workingDays", { hours: place.officeHours.map((h) => h.replace("-", "–")).join("、") });
  return (
    <section className="page-section" aria-labelledby="collection-title">
      <h2 id="collection-title" className="section-title">
        {t("paper.collection.title")}
      </h2>
      <p>{t(place.ready ? "paper.collection.ready" : "paper.collection.onTheWay")}</p>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t("paper.collection.place")}>
          {place.pointName}
          {place.windowName ? ` ${place.windowName}（${place.windowCode}）` : t("paper.collection.agent")}
        </Descriptions.Item>
        <Descriptions.Item label={t("paper.collection.address")}>{place.address || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("paper.collection.hours")}>{hours}</Descriptions.Item>
        <Descriptions.Item label={t("paper.collection.phone")}>{place.phone || "—"}</Descriptions.Item>
      </Descriptions>
    </section>
  );
}
