import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { QueryState } from "../../components/QueryState";

const TownshipWindowsDocument = graphql(`
  query TownshipWindows($code: String!) {
    servicePoint(code: $code) {
      id
      windows {
        id
        code
        name
        itemCount
        active
      }
    }
  }
`);

/**
 * Township items (and items delegated to handle) arrive in the queues of the centre's own windows:
 * one link per window that accepts items, to its queue.
 */
export function TownshipWindows({ pointCode }: { pointCode: string }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(TownshipWindowsDocument, { variables: { code: pointCode } });
  const windows = (data?.servicePoint?.windows ?? []).filter((w) => w.active && w.itemCount > 0);
  if (!data) return <QueryState loading={loading} error={error} />;
  return (
    <>
      <p>{t("cases.inbox.windowsHelp")}</p>
      <ul className="window-links">
        {windows.map((w) => (
          <li key={w.id}>
            <Link to={`/windows/${encodeURIComponent(w.code)}`}>{`${w.code} ${w.name}`}</Link>
            <span className="case-muted">（{t("cases.inbox.itemCount", { count: w.itemCount })}）</span>
          </li>
        ))}
      </ul>
    </>
  );
}
