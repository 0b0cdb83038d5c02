import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

export const ApiTokenRowFragment = graphql(`
  fragment ApiTokenRow_token on ApiToken {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    revokedAt
    lastUsedAt
    owner
    rateLimitPerMinute
    points {
      code
      name
    }
  }
`);

const CreateApiTokenDocument = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      created {
        token {
          ...ApiTokenRow_token
        }
        secret
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

const RevokeApiTokenDocument = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      token {
        ...ApiTokenRow_token
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

/** The secret comes back once, in this payload only; the list is fetched again to show the new row. */
export function useCreateApiTokenMutation() {
  return useMutation(CreateApiTokenDocument, { refetchQueries: ["AdminTokens"] });
}

export function useRevokeApiTokenMutation() {
  return useMutation(RevokeApiTokenDocument);
}
