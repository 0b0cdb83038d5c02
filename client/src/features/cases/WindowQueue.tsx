import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Badge, Button, Flex } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import type { CaseKind, CaseStatus, DeadlineState } from "../../gql/graphql";
import { LoadMore } from "../../components/LoadMore";
import { NativeSelect } from "../../components/NativeSelect";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { useLiveRefetch, WindowQueueChangedDocument } from "./useLiveRefetch";
import type { Counts, Tile } from "./workspace/WorkCounts";

const WindowQueueDocument = graphql(`
  query WindowQueue(
    $windowCode: String!
    $first: Int!
    $after: String
    $includeClosed: Boolean!
    $status: CaseStatus
    $kind: CaseKind
    $deadlineState: DeadlineState
    $itemCode: String
  ) {
    windowQueue(
      windowCode: $windowCode
      first: $first
      after: $after
      includeClosed: $includeClosed
      status: $status
      kind: $kind
      deadlineState: $deadlineState
      itemCode: $itemCode
    ) {
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

const WindowItemsDocument = graphql(`
  query WindowQueueItems($code: String!) {
    serviceWindow(code: $code) {
      id
      items {
        id
        code
        name
      }
    }
  }
`);

const PAGE = 20;
const KINDS: CaseKind[] = ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP"];

/** The queue's tabs: all open cases, by status, by warning state, and closed ones. */
export type QueueTab = "open" | "REGISTERED" | "SUPPLEMENT" | "IN_REVIEW" | "DECIDED" | "yellow" | "red" | "paused" | "CLOSED";
const TABS: QueueTab[] = ["open", "REGISTERED", "SUPPLEMENT", "IN_REVIEW", "yellow", "red", "paused", "DECIDED", "CLOSED"];
const COUNT_OF: Partial<Record<QueueTab, keyof Counts>> = {
  open: "open",
  REGISTERED: "registered",
  SUPPLEMENT: "supplement",
  IN_REVIEW: "inReview",
  DECIDED: "decided",
  yellow: "yellow",
  red: "red",
  paused: "paused",
};
const STATE_OF: Partial<Record<QueueTab, DeadlineState>> = { yellow: "YELLOW", red: "RED", paused: "PAUSED" };

/** The tab a count tile opens (WorkCountsBar). */
export const tabOfTile = (tile: Tile): QueueTab => (tile === "doneToday" ? "open" : tile);

/**
 * A window's queue, nearest deadline first (keyset pages), with yellow and red marks (C5): tabs with
 * their counts (status, yellow, red, paused), and filters by kind and item. It refreshes itself when
 * the server hints that a case of the window changed.
 */
export function WindowQueue({ windowCode, counts, tab, onTab }: { windowCode: string; counts?: Counts; tab: QueueTab; onTab: (tab: QueueTab) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CaseKind>();
  const [itemCode, setItemCode] = useState<string>();
  const status = tab === "open" || STATE_OF[tab] ? undefined : (tab as CaseStatus);
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(WindowQueueDocument, {
    variables: { windowCode, first: PAGE, includeClosed: false, status, kind, deadlineState: STATE_OF[tab], itemCode },
  });
  const items = useQuery(WindowItemsDocument, { variables: { code: windowCode } }).data?.serviceWindow?.items ?? [];
  useLiveRefetch(WindowQueueChangedDocument, { windowCode }, () => refetch());
  const queue = (data ?? previousData)?.windowQueue;
  const tabLabel = (x: QueueTab) => t(`workspace.tabs.${x}`);

  return (
    <>
      <div role="group" aria-label={t("workspace.tabs.label")} className="queue-tabs">
        {TABS.map((x) => {
          const key = COUNT_OF[x];
          const n = key && counts ? counts[key] : undefined;
          return (
            <Button key={x} type={tab === x ? "primary" : "default"} aria-pressed={tab === x} onClick={() => onTab(x)} className={`queue-tab queue-tab-${x}`}>
              {tabLabel(x)}
              {n !== undefined && <Badge count={n} showZero overflowCount={9999} className="queue-tab-badge" color={x === "red" ? "#a8071a" : x === "yellow" ? "#ad6800" : "#595959"} />}
            </Button>
          );
        })}
      </div>
      <Flex wrap gap="middle" className="ledger-filters" role="search" aria-label={t("workspace.filters")}>
        <NativeSelect id={`queue-kind-${windowCode}`} label={t("cases.field.kind")} value={kind} onChange={(v) => setKind(v as CaseKind | undefined)} options={KINDS.map((k) => ({ value: k, label: t(`enums.CaseKind.${k}`) }))} />
        <NativeSelect id={`queue-item-${windowCode}`} label={t("cases.field.item")} value={itemCode} wide onChange={setItemCode} options={items.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))} />
      </Flex>
      {!queue ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={queue.nodes}
            columns={["number", "item", "applicant", "kind", "status", "deadline", "where"]}
            caption={t("workspace.queueCaption", { code: windowCode, tab: tabLabel(tab), count: queue.totalCount })}
            empty={t("cases.queue.empty")}
          />
          <LoadMore
            shown={queue.nodes.length}
            total={queue.totalCount}
            hasNextPage={queue.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: queue.pageInfo.endCursor } })}
          />
        </>
      )}
    </>
  );
}
