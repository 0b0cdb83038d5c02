import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { MeDocument } from "../../lib/auth";

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      staff {
        id
        username
        displayName
        role
        point {
          id
          code
          name
        }
        window {
          id
          code
          name
        }
        department {
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
      lockedUntil
      passwordChangeRequired
    }
  }
`);

/**
 * Signs in; the new identity replaces `me` in the cache so the header updates at once — unless the
 * password must be changed first (then the session may do nothing else, and `me` stays empty).
 */
export function useLoginMutation() {
  return useMutation(LoginDocument, {
    update(cache, { data }) {
      const staff = data?.login.staff;
      if (staff && !data?.login.passwordChangeRequired) cache.writeQuery({ query: MeDocument, data: { me: staff } });
    },
  });
}
