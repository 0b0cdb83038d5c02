import { Authorized, type AuthChecker } from "type-graphql";
import type { Role } from "../modules/staff/role";
import { forbidden, passwordChangeRequired, unauthenticated } from "./errors";
import type { RequestContext } from "./context";

/**
 * Who may call an operation or read a field:
 * - "PUBLIC": anyone, without login (citizens);
 * - "STAFF": any logged-in staff member;
 * - a Role: staff with that role;
 * - "scope:<name>": an integration token holding that scope.
 */
export type AccessRule = "PUBLIC" | "STAFF" | `${Role}` | `scope:${string}`;

/** Every query, mutation and subscription must carry exactly one @Allow (a test walks the schema). */
export function Allow(...rules: [AccessRule, ...AccessRule[]]): MethodDecorator & PropertyDecorator {
  return Authorized<AccessRule>(...rules) as MethodDecorator & PropertyDecorator;
}

export function isAllowed(ctx: RequestContext, rules: readonly string[]): boolean {
  if (rules.includes("PUBLIC")) return true;
  const actor = ctx.actor;
  if (actor.kind === "staff") return rules.includes("STAFF") || rules.includes(actor.staff.role);
  if (actor.kind === "token") return actor.scopes.some((scope) => rules.includes(`scope:${scope}`));
  return false;
}

export const authChecker: AuthChecker<RequestContext, string> = ({ context }, rules) => {
  if (isAllowed(context, rules)) return true;
  if (context.actor.kind === "anonymous" && context.actor.pendingPasswordChange) throw passwordChangeRequired();
  throw context.actor.kind === "anonymous" ? unauthenticated() : forbidden();
};
