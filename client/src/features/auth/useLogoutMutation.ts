import { useCallback, useState } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { MeDocument } from "../../lib/auth";
import { describeError } from "../../lib/errors";

const LogoutDocument = graphql(`
  mutation Logout {
    logout
  }
`);

export function useLogoutMutation() {
  return useMutation(LogoutDocument);
}

/**
 * Signs out, forgets everything cached for the old session, and goes home. Returns the reason
 * when the server could not be told, in which case the session is still open.
 */
export function useLogout(): [() => Promise<void>, string | undefined] {
  const { t } = useTranslation();
  const [logout] = useLogoutMutation();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const run = useCallback(async () => {
    setError(undefined);
    try {
      await logout();
    } catch (e) {
      setError(describeError(e, t));
      return;
    }
    await client.clearStore();
    client.writeQuery({ query: MeDocument, data: { me: null } });
    await navigate("/");
  }, [client, logout, navigate, t]);
  return [run, error];
}
