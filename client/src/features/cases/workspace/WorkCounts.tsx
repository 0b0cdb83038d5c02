import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";
import type { WorkCountsQuery } from "../../../gql/graphql";
import { PointCasesChangedDocument, useLiveRefetch, WindowQueueChangedDocument } from "../useLiveRefetch";

const WorkCountsDocument = graphql(`
  query WorkCounts($windowCode: String, $pointCode: String, $departmentCode: String) {
    workCounts(windowCode: $windowCode, pointCode: $pointCode, departmentCode: $departmentCode) {
      open
      registered
      supplement
      inReview
      decided
      yellow
      red
      paused
      doneToday
    }
  }
`);

export type Counts = WorkCountsQuery["workCounts"];
export type WorkspaceRef = { windowCode: string } | { pointCode: string } | { departmentCode: string };

/**
 * Today's counts of a workspace, from the server (one statement, scoped by the case policy). They
 * follow the window's or point's live hints, and every act refetches them (`WorkCounts` is an active query).
 */
export function useWorkCounts(ref: WorkspaceRef) {
  const { data, previousData, refetch } = useQuery(WorkCountsDocument, { variables: ref, fetchPolicy: "cache-and-network" });
  const windowCode = "windowCode" in ref ? ref.windowCode : "";
  const pointCode = "pointCode" in ref ? ref.pointCode : "";
  useLiveRefetch(WindowQueueChangedDocument, { windowCode }, () => refetch(), !windowCode);
  useLiveRefetch(PointCasesChangedDocument, { pointCode }, () => refetch(), !pointCode);
  return (data ?? previousData)?.workCounts;
}

const TILES = ["open", "yellow", "red", "paused", "doneToday"] as const;
export type Tile = (typeof TILES)[number];

/**
 * The first thing a workspace shows: waiting, yellow, red, paused and done today. With `onPick`, a
 * tile filters the queue below to its cases (the tile of the filter in force is pressed).
 */
export function WorkCountsBar({ counts, picked, onPick, label }: { counts: Counts | undefined; picked?: Tile; onPick?: (tile: Tile) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <section className="work-counts" aria-label={label}>
      <ul className="work-counts-list">
        {TILES.map((tile) => {
          const value = counts ? String(counts[tile]) : "…";
          const body = (
            <>
              <span className="work-count-value">{value}</span>
              <span className="work-count-label">{t(`workspace.counts.${tile}`)}</span>
            </>
          );
          const className = `work-count work-count-${tile}${counts && counts[tile] > 0 ? " has" : ""}`;
          return (
            <li key={tile}>
              {onPick && tile !== "doneToday" ? (
                <button type="button" className={className} aria-pressed={picked === tile} onClick={() => onPick(tile)}>
                  {body}
                </button>
              ) : (
                <span className={className}>{body}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
