import { useQuery } from "@apollo/client/react";
import { graphql } from "../../../gql";
import type { Role } from "../../../gql/graphql";

export const MyLettersDocument = graphql(`
  query MyLetters {
    myAuthorizationLetters {
      id
      number
      active
      allItems
      validFrom
      validTo
      revokedAt
      department {
        id
        code
        name
      }
      items {
        id
        code
        name
      }
      seal {
        id
        code
        name
      }
    }
  }
`);

/** Roles that may hold an authorization letter (A1): deputy directors, and township clerks for township items. */
export const LETTER_HOLDERS: Role[] = ["DEPUTY_DIRECTOR", "DIRECTOR", "TOWNSHIP_CLERK"];

/** The letters the signed-in person holds (empty for roles that never hold one). */
export function useMyLetters(role: Role) {
  const { data } = useQuery(MyLettersDocument, { skip: !LETTER_HOLDERS.includes(role) });
  return data?.myAuthorizationLetters ?? [];
}
