import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLArmorAcceptCallback } from "@escape.tech/graphql-armor-types";
import type { DocumentNode } from "graphql";

/**
 * The cost limit of one operation (graphql-armor's cost rule, http/app.ts): each field costs 1, each
 * object 2, and whatever sits deeper costs 1.5× per level. An operation above MAX_QUERY_COST is
 * refused before it runs (BAD_USER_INPUT / GRAPHQL_VALIDATION_FAILED). Depth is limited to
 * MAX_QUERY_DEPTH, aliases to MAX_ALIASES; a connection returns at most 100 nodes a page.
 */
export const MAX_QUERY_COST = 8000;
export const MAX_QUERY_DEPTH = 10;
export const MAX_ALIASES = 15;

/** The cost graphql-armor computed for each validated document (Apollo reuses the parsed document). */
const costs = new WeakMap<DocumentNode, number>();

export const recordCost: GraphQLArmorAcceptCallback = (ctx, details: { n?: number }) => {
  if (ctx && typeof details?.n === "number") costs.set(ctx.getDocument(), details.n);
};

/** `extensions.cost` on every answer: what the operation cost, the limit, and what was left of it. */
export function costExtension<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document }) {
          if (response.body.kind !== "single" || !document) return;
          const cost = costs.get(document);
          if (cost === undefined) return;
          const requested = Math.ceil(cost);
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested, maximum: MAX_QUERY_COST, remaining: Math.max(0, MAX_QUERY_COST - requested) },
          };
        },
      };
    },
  };
}
