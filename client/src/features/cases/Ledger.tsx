import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Checkbox, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { CaseStatus } from "../../gql/graphql";
import { NativeSelect } from "../../components/NativeSelect";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { DayPicker } from "../../components/DayPicker";

const PointLedgerDocument = graphql(`
  query PointLedger($pointCode: String!, $first: Int!, $after: String, $status: CaseStatus, $from: String, $to: String, $relayed: Boolean!) {
    ledger(pointCode: $pointCode, first: $first, after: $after, status: $status, from: $from, to: $to, relayed: $relayed) {
      nodes {
        id
        ...CaseTable_case
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const PAGE = 20;
export const CASE_STATUSES: CaseStatus[] = ["REGISTERED", "SUPPLEMENT", "IN_REVIEW", "DECIDED", "CLOSED"];

/**
 * 服务台帐 (C7): every case the point registered, newest first, by status and registration day; a
 * township (`relays`) can list instead the cases it relayed onward to the city.
 */
export function Ledger({ pointCode, relays = false }: { pointCode: string; relays?: boolean }) {
  const { t } = useTranslation();
  const [relayed, setRelayed] = useState(false);
  const [status, setStatus] = useState<CaseStatus>();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const { data, previousData, loading, error, fetchMore } = useQuery(PointLedgerDocument, {
    variables: { pointCode, first: PAGE, status, from: from || undefined, to: to || undefined, relayed },
  });
  const ledger = (data ?? previousData)?.ledger;

  return (
    <>
      <Flex wrap gap="middle" className="ledger-filters" role="search" aria-label={t("cases.ledger.filters")}>
        {relays && (
          <Checkbox checked={relayed} onChange={(e) => setRelayed(e.target.checked)} className="ledger-relayed">
            {t("workspace.ledger.relayed")}
          </Checkbox>
        )}
        <NativeSelect
          id={`ledger-status-${pointCode}`}
          label={t("cases.field.status")}
          value={status}
          onChange={(v) => setStatus(v as CaseStatus | undefined)}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
        />
        <div className="filter-field">
          <label htmlFor={`ledger-from-${pointCode}`}>{t("cases.ledger.from")}</label>
          <DayPicker id={`ledger-from-${pointCode}`} value={from} max={to || undefined} allowClear onChange={setFrom} />
        </div>
        <div className="filter-field">
          <label htmlFor={`ledger-to-${pointCode}`}>{t("cases.ledger.to")}</label>
          <DayPicker id={`ledger-to-${pointCode}`} value={to} min={from || undefined} allowClear onChange={setTo} />
        </div>
      </Flex>
      {!ledger ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={ledger.nodes}
            columns={relayed ? ["number", "item", "applicant", "registeredPoint", "registeredAt", "status", "where"] : ["number", "item", "applicant", "registeredAt", "kind", "status", "where"]}
            caption={relayed ? t("workspace.ledger.relayedCaption") : t("cases.ledger.title")}
            empty={t("cases.ledger.empty")}
          />
          <LoadMore
            shown={ledger.nodes.length}
            total={ledger.totalCount}
            hasNextPage={ledger.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: ledger.pageInfo.endCursor } })}
          />
        </>
      )}
    </>
  );
}
