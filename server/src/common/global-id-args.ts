import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from "graphql";
import { dbIdArgument } from "./node-id";

/** The type an ID argument names, where the name alone does not say: `<root field>.<argument or input field>`. */
const EXPECTED: Readonly<Record<string, string>> = {
  materialIds: "Material",
  alsoMaterialIds: "Material",
  chargeId: "CaseCharge",
  chargeIds: "CaseCharge",
  standardId: "FeeStandard",
  bookId: "TicketBook",
  applicationId: "TicketBookApplication",
  "removeWindowSchedule.id": "WindowSchedule",
  "revokeApiToken.id": "ApiToken",
  "deactivateMaterial.id": "Material",
  "updateMaterial.id": "Material",
  "answerRectification.id": "Rectification",
  "checkRectification.id": "Rectification",
  "reverseFault.id": "FaultRecord",
  "recordFollowUp.id": "FollowUpVisit",
  "revokeAuthorizationLetter.id": "AuthorizationLetter",
  "revokeItemDelegation.id": "ItemDelegation",
  "publishBulletin.id": "Bulletin",
  "removeSearchSynonym.id": "SearchSynonym",
  "setWebhookEndpointActive.id": "WebhookEndpoint",
  "redeliverWebhook.id": "WebhookDelivery",
  "webhookDeliveries.endpointId": "WebhookEndpoint",
};

/** Root fields whose ID arguments are global IDs themselves (not database ids). */
export const GLOBAL_ID_FIELDS = new Set(["node", "nodes"]);

function convert(value: unknown, type: GraphQLInputType, rootField: string, name: string): unknown {
  if (value === null || value === undefined) return value;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return Array.isArray(value) ? value.map((item) => convert(item, inner.ofType, rootField, name)) : value;
  if (isInputObjectType(inner)) {
    if (typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    for (const [field, def] of Object.entries(inner.getFields())) {
      if (field in record) record[field] = convert(record[field], def.type, rootField, field);
    }
    return value;
  }
  if (typeof value !== "string" || getNamedType(inner).name !== "ID") return value;
  return dbIdArgument(value, EXPECTED[`${rootField}.${name}`] ?? EXPECTED[name]);
}

function convertArgs(defs: readonly GraphQLArgument[], args: Record<string, unknown>, rootField: string): void {
  for (const def of defs) if (def.name in args) args[def.name] = convert(args[def.name], def.type, rootField, def.name);
}

/**
 * Lets every ID argument of a query, mutation or subscription take a global ID (`Node.id`) where it
 * took a database id: the global id becomes the database id before validation and the resolver run.
 * A plain database id is still taken (deprecated); a global id of another type is left as it is and
 * refused by the id rule (validation.ts).
 */
export function acceptGlobalIds(schema: GraphQLSchema): void {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (GLOBAL_ID_FIELDS.has(field.name)) continue;
      const seen = new Set<string>();
      const hasId = (t: GraphQLInputType): boolean => {
        const named = getNamedType(t);
        if (named.name === "ID") return true;
        if (!isInputObjectType(named) || seen.has(named.name)) return false;
        seen.add(named.name);
        return Object.values(named.getFields()).some((f) => hasId(f.type));
      };
      if (!field.args.some((a) => hasId(a.type))) continue;
      const { resolve, subscribe } = field;
      if (resolve) field.resolve = (src, args, ctx, info) => (convertArgs(field.args, args, field.name), resolve(src, args, ctx, info));
      if (subscribe) field.subscribe = (src, args, ctx, info) => (convertArgs(field.args, args, field.name), subscribe(src, args, ctx, info));
    }
  }
}
