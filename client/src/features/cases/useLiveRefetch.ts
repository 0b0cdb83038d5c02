import { useEffect, useRef } from "react";
import { print, type DocumentNode } from "graphql";
import { graphql } from "../../gql";

export const WindowQueueChangedDocument = graphql(`
  subscription WindowQueueChanged($windowCode: String!) {
    windowQueueChanged(windowCode: $windowCode) {
      caseNumber
      at
    }
  }
`);

export const PointCasesChangedDocument = graphql(`
  subscription PointCasesChanged($pointCode: String!) {
    pointCasesChanged(pointCode: $pointCode) {
      caseNumber
      at
    }
  }
`);

/** A burst of hints (a hand-over touches two points) becomes one refetch. */
const SETTLE_MS = 300;

/**
 * Refetches a list when the server hints that one of its cases changed, and after a reconnect
 * (hints sent while the line was down are lost). `skip` keeps the socket closed.
 */
export function useLiveRefetch(document: DocumentNode, variables: Record<string, string>, refetch: () => unknown, skip = false): void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const key = JSON.stringify(variables);

  useEffect(() => {
    if (skip) return;
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    const onHint = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void latest.current(), SETTLE_MS);
    };
    void import("../../lib/live").then(({ listen }) => {
      if (!cancelled) stop = listen(print(document), JSON.parse(key) as Record<string, unknown>, onHint);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop?.();
    };
  }, [document, key, skip]);
}
