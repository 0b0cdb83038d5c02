// Decorators below need the metadata polyfill even where this module is loaded without the schema (unit tests).
import "reflect-metadata";
import type { GraphQLResolveInfo } from "graphql";
import { Field, ID, Info, InterfaceType, Root } from "type-graphql";

/**
 * Relay global IDs: base64url of "<TypeName>:<key>". The key is the type's stable human key where
 * it has one (a case's number, a point's code — see HUMAN_KEYS) and the database id otherwise, so
 * the same data has the same ids on SQLite and PostgreSQL. Clients treat them as opaque.
 */
export const HUMAN_KEYS: Readonly<Record<string, string>> = {
  Case: "number",
  Complaint: "number",
  ServicePoint: "code",
  ServiceWindow: "code",
  ServiceItem: "code",
  Department: "code",
  Staff: "username",
};

/** The key a type's ids carry: its human key's name, or "id". */
export const keyFieldOf = (typeName: string): string => HUMAN_KEYS[typeName] ?? "id";

export function toGlobalId(typeName: string, key: string | number): string {
  return Buffer.from(`${typeName}:${key}`, "utf8").toString("base64url");
}

export function globalIdOf(typeName: string, row: object): string {
  const key = (row as Record<string, unknown>)[keyFieldOf(typeName)];
  // A row loaded without its key column would get an id naming nothing: a programming error, not a null.
  if (key === undefined || key === null || key === "") throw new Error(`${typeName} loaded without its ${keyFieldOf(typeName)}`);
  return toGlobalId(typeName, String(key));
}

const GLOBAL_ID = /^[A-Za-z0-9_-]{4,200}$/;
const TYPE_NAME = /^[A-Z][A-Za-z]{1,60}$/;
const DB_ID = /^[1-9]\d{0,9}$/;

/** The type and key of a global id, or null when it is not one (nothing else is said about it). */
export function fromGlobalId(id: string): { typeName: string; key: string } | null {
  if (!GLOBAL_ID.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  // base64url decoding is lenient: only an id that encodes back to itself is one of ours.
  if (Buffer.from(text, "utf8").toString("base64url") !== id) return null;
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  const typeName = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!TYPE_NAME.test(typeName) || key.length === 0 || key.length > 100) return null;
  if (keyFieldOf(typeName) === "id" && !(DB_ID.test(key) && Number(key) <= 2_147_483_647)) return null;
  // eslint-disable-next-line no-control-regex -- a key is printable text
  if (/[\u0000-\u001F\u007F]/.test(key)) return null;
  return { typeName, key };
}

/**
 * Turns an ID argument into the database id the services take: a global id of `expected` (or of any
 * type keyed by database id when `expected` is not known) becomes its number; a plain number is left
 * as it is (the deprecated form, still accepted). Anything else is returned unchanged and refused by
 * the id rule of validation.ts.
 */
export function dbIdArgument(value: string, expected?: string): string {
  if (DB_ID.test(value)) return value;
  const parsed = fromGlobalId(value);
  if (!parsed || keyFieldOf(parsed.typeName) !== "id") return value;
  if (expected && parsed.typeName !== expected) return value;
  return parsed.key;
}

/** Resolved by the node registry (modules/node/node.registry.ts), which knows each entity's type. */
let typeNameResolver: (value: unknown) => string | undefined = () => undefined;
export function setNodeTypeResolver(resolve: (value: unknown) => string | undefined): void {
  typeNameResolver = resolve;
}

@InterfaceType("Node", {
  description: "An object with a global ID: fetch it again with `node(id:)` / `nodes(ids:)` (Relay Global Object Identification).",
  resolveType: (value) => typeNameResolver(value),
})
export abstract class Node {
  @Field(() => ID, {
    name: "id",
    description: "Opaque global ID, the same on every database engine: base64url of the type name and the object's key (its number or code where it has one).",
  })
  globalId(@Root() root: object, @Info() info: GraphQLResolveInfo): string {
    return globalIdOf(info.parentType.name, root);
  }
}

/** What entities declare for their database id once `id` is the global ID. */
export const DB_ID_FIELD = {
  name: "dbId",
  deprecationReason: "Use `id`, the global ID: every ID argument takes it. The database id is internal (it differs between databases loaded differently).",
  description: "The database id (deprecated: use the global `id`).",
} as const;
