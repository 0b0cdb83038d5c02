import { useMutation } from "@apollo/client/react";
import { graphql } from "../../../gql";

const IssueAuthorizationLetterDocument = graphql(`
  mutation IssueAuthorizationLetter($input: IssueLetterInput!) {
    issueAuthorizationLetter(input: $input) {
      letter {
        id
        number
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const RevokeAuthorizationLetterDocument = graphql(`
  mutation RevokeAuthorizationLetter($input: RevokeLetterInput!) {
    revokeAuthorizationLetter(input: $input) {
      letter {
        id
        active
        revokedAt
        revokeReason
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

/** A1: a new letter; the caller keeps the idempotency key across retries of one signing. */
export const useIssueAuthorizationLetterMutation = () =>
  useMutation(IssueAuthorizationLetterDocument, { refetchQueries: ["DepartmentLetters", "MyLetters"], awaitRefetchQueries: true });

/** A1: the letter stays on record with the reason; decisions under it stop at once. */
export const useRevokeAuthorizationLetterMutation = () =>
  useMutation(RevokeAuthorizationLetterDocument, { refetchQueries: ["DepartmentLetters", "MyLetters", "DecisionsAwaiting"], awaitRefetchQueries: true });
