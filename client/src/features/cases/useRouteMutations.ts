import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { refetch } from "./useCaseMutations";

/* The acts that move a case along its route (C1, C2, C7): register, hand over, hand back, close. */

const RegisterCaseDocument = graphql(`
  mutation RegisterCase($input: RegisterCaseInput!) {
    registerCase(input: $input) {
      case {
        id
        number
        queryCode
        status
        handlingPoint {
          id
          name
        }
        window {
          id
          code
          name
        }
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

const HandOverCaseDocument = graphql(`
  mutation HandOverCase($input: HandOverInput!) {
    handOverCase(input: $input) {
      case {
        id
        status
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

const HandBackResultDocument = graphql(`
  mutation HandBackResult($input: CaseRefInput!) {
    handBackResult(input: $input) {
      case {
        id
        status
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

const CloseCaseDocument = graphql(`
  mutation CloseCase($input: CloseCaseInput!) {
    closeCase(input: $input) {
      case {
        id
        status
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

/** C1: a new case; the caller keeps the idempotency key across retries of one registration. */
export const useRegisterCaseMutation = () => useMutation(RegisterCaseDocument, refetch);
/** C2: the file goes one point up. */
export const useHandOverCaseMutation = () => useMutation(HandOverCaseDocument, refetch);
/** C2: the result goes one point down. */
export const useHandBackResultMutation = () => useMutation(HandBackResultDocument, refetch);
/** C7: 销号 */
export const useCloseCaseMutation = () => useMutation(CloseCaseDocument, refetch);
