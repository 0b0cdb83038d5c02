import { graphql } from "../../../gql";
import { useLiveRefetch } from "../useLiveRefetch";

const CaseChangedDocument = graphql(`
  subscription CaseChanged($number: String!) {
    caseChanged(number: $number) {
      caseNumber
      at
    }
  }
`);

/**
 * Keeps an open case page current: an act at another desk (the deputy deciding while the applicant
 * waits at the window, a review, a hand-over) refetches it, as does a reconnect.
 */
export function useCaseLive(number: string, refetch: () => unknown, skip = false): void {
  useLiveRefetch(CaseChangedDocument, { number }, refetch, skip);
}
