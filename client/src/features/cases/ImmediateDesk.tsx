import { useEffect, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Checkbox, Space } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Section } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { casePath } from "./format";
import { useDeskAlerts } from "./useDeskAlerts";
import { useLiveRefetch } from "./useLiveRefetch";

const ImmediateDeskDocument = graphql(`
  query ImmediateDesk($first: Int!) {
    decisionsAwaiting(first: $first, kind: IMMEDIATE) {
      nodes {
        id
        number
        ...CaseTable_case
      }
      totalCount
    }
  }
`);

export const DepartmentCasesChangedDocument = graphql(`
  subscription DepartmentCasesChanged {
    departmentCasesChanged {
      caseNumber
      at
    }
  }
`);

const NO_VARIABLES = {};
/** An IMMEDIATE desk holds the day's waiting applicants: a generous page, never paged in practice. */
const PAGE = 50;

/**
 * 分管领导窗口坐班 (A4, C3.1): the deputy on duty at the centre sees an IMMEDIATE case the moment the
 * window accepts it — live, with an optional tone and desktop notification — and opens it to decide
 * while the applicant waits; the window's page updates and prints the result. Rows only open the case:
 * a decision is taken on the case page, never from the list.
 */
export function ImmediateDesk() {
  const { t } = useTranslation();
  const { data, previousData, loading, error, refetch } = useQuery(ImmediateDeskDocument, { variables: { first: PAGE }, notifyOnNetworkStatusChange: false });
  useLiveRefetch(DepartmentCasesChangedDocument, NO_VARIABLES, refetch);
  const alerts = useDeskAlerts();
  const seen = useRef<Set<string>>(undefined);
  const [arrived, setArrived] = useState("");
  const waiting = (data ?? previousData)?.decisionsAwaiting;

  useEffect(() => {
    if (!data) return;
    const numbers = data.decisionsAwaiting.nodes.map((n) => n.number);
    const fresh = seen.current ? numbers.filter((n) => !seen.current!.has(n)) : [];
    seen.current = new Set(numbers);
    if (!fresh.length) return;
    const text = t("hall.desk.arrived", { count: fresh.length, numbers: fresh.join("、") });
    setArrived(text);
    alerts.alert(t("hall.desk.notificationTitle"), text);
    // Only a change of the list alerts (not a change of the alert settings).
  }, [data]);

  return (
    <Section
      title={t("hall.desk.title")}
      extra={
        <Space wrap role="group" aria-label={t("hall.desk.alerts")}>
          <Checkbox checked={alerts.sound} onChange={(e) => alerts.setSound(e.target.checked)}>
            {t("hall.desk.sound")}
          </Checkbox>
          <Checkbox checked={alerts.notify} onChange={(e) => void alerts.setNotify(e.target.checked)}>
            {t("hall.desk.notify")}
          </Checkbox>
        </Space>
      }
    >
      <p>{t("hall.desk.intro")}</p>
      {alerts.problem && <p className="case-muted">{t(alerts.problem === "denied" ? "hall.desk.notifyDenied" : "hall.desk.notifyUnsupported")}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {arrived}
      </p>
      {!waiting ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <CaseTable
          cases={waiting.nodes}
          columns={["number", "item", "applicant", "registeredAt", "deadline"]}
          caption={t("hall.desk.caption")}
          empty={t("hall.desk.empty")}
          actions={(row) => (
            <Link to={casePath(row.number)} aria-label={t("hall.desk.open", { number: row.number })}>
              {t("hall.desk.openShort")}
            </Link>
          )}
        />
      )}
    </Section>
  );
}
