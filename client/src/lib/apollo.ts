import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import type { FieldPolicy } from "@apollo/client/cache";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { ErrorLink } from "@apollo/client/link/error";

interface Connection {
  edges?: unknown[];
  nodes?: unknown[];
}

/**
 * A connection field paged with "load more": the first page (no `after`) replaces what is cached,
 * a later page is appended. `keyArgs` are the filters that make separate lists.
 */
export function connectionPolicy(keyArgs: string[]): FieldPolicy<Connection> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing || !args?.after) return incoming;
      return {
        ...incoming,
        edges: [...(existing.edges ?? []), ...(incoming.edges ?? [])],
        nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])],
      };
    },
  };
}

export interface ApolloHooks {
  /** Called when the server says the session is missing or expired. */
  onUnauthenticated: () => void;
}

export function createApolloClient({ onUnauthenticated }: ApolloHooks): ApolloClient {
  const errorLink = new ErrorLink(({ error, operation }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    const unauthenticated = error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
    // Asking who I am is allowed to fail quietly: it is how the app learns it is anonymous.
    if (unauthenticated && operation.operationName !== "Me") onUnauthenticated();
  });

  return new ApolloClient({
    link: ApolloLink.from([errorLink, new HttpLink({ uri: "/graphql", credentials: "same-origin" })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            servicePoints: connectionPolicy(["first", "level", "parentCode", "search"]),
            departments: connectionPolicy(["first", "search"]),
            serviceWindows: connectionPolicy(["first", "pointCode", "kind", "departmentCode"]),
            serviceItems: connectionPolicy(["first", "search", "departmentCode", "category", "level", "includeInactive"]),
            // The guide's search: "load more" appends to `items` of the same search.
            guideSearch: {
              keyArgs: ["first", "search", "departmentCode", "category", "level", "includeInactive"],
              merge(existing: { items: Connection } | undefined, incoming: { items: Connection }, { args }) {
                if (!existing || !args?.after) return incoming;
                return { ...incoming, items: { ...incoming.items, nodes: [...(existing.items.nodes ?? []), ...(incoming.items.nodes ?? [])] } };
              },
            },
            staffMembers: connectionPolicy(["first", "role", "search"]),
            apiTokens: connectionPolicy(["first"]),
            windowQueue: connectionPolicy(["first", "windowCode", "includeClosed", "status", "kind", "deadlineState", "itemCode"]),
            ledger: connectionPolicy(["first", "pointCode", "status", "from", "to", "relayed"]),
            searchCases: connectionPolicy(["first", "filter"]),
            casesAtPoint: connectionPolicy(["first", "pointCode"]),
            decisionsAwaiting: connectionPolicy(["first"]),
            jointOpinionsAwaiting: connectionPolicy(["first"]),
            decidedByMe: connectionPolicy(["first"]),
            myJointOpinions: connectionPolicy(["first"]),
            authorizationLetters: connectionPolicy(["first", "departmentCode", "activeOnly"]),
          },
        },
        // A material as one guide version published it: its id is the material's, shared by every version, so never normalised.
        GuideMaterialSnapshot: { keyFields: false },
        ServicePoint: { fields: { children: connectionPolicy(["first"]) } },
        Department: { fields: { items: connectionPolicy(["first"]) } },
      },
    }),
  });
}
