import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Checkbox } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { LoadMore } from "../../components/LoadMore";
import { QueryState } from "../../components/QueryState";
import { CaseTable } from "./CaseTable";
import { useLiveRefetch, WindowQueueChangedDocument } from "./useLiveRefetch";

const WindowQueueDocument = graphql(`
  query WindowQueue($windowCode: String!, $first: Int!, $after: String, $includeClosed: Boolean!) {
    windowQueue(windowCode: $windowCode, first: $first, after: $after, includeClosed: $includeClosed) {
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

/**
 * A window's queue, nearest deadline first, with yellow and red marks (C5). It refreshes itself
 * when the server hints that a case of the window changed.
 */
export function WindowQueue({ windowCode }: { windowCode: string }) {
  const { t } = useTranslation();
  const [includeClosed, setIncludeClosed] = useState(false);
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(WindowQueueDocument, {
    variables: { windowCode, first: PAGE, includeClosed },
  });
  useLiveRefetch(WindowQueueChangedDocument, { windowCode }, () => refetch());
  const queue = (data ?? previousData)?.windowQueue;

  return (
    <>
      <Checkbox className="case-actions" checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
        {t("cases.queue.includeClosed")}
      </Checkbox>
      {!queue ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <CaseTable
            cases={queue.nodes}
            columns={["number", "item", "applicant", "kind", "status", "deadline", "where"]}
            caption={t("cases.queue.caption", { code: windowCode })}
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
