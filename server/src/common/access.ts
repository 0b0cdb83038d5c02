import { Authorized, type AuthChecker } from "type-graphql";
import type { Role } from "../modules/staff/role";
import { AppError, ErrorCode, forbidden, passwordChangeRequired, scopeMissing, unauthenticated } from "./errors";
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

/**
 * A token is checked against the operation's scopes: when the rules name any scope, it must hold one
 * (an operation open to the PUBLIC but naming a scope — evaluateCase — is, for a token, that scope's);
 * a public operation naming no scope is open to a token as to anyone.
 */
export function isAllowed(ctx: RequestContext, rules: readonly string[]): boolean {
  const actor = ctx.actor;
  if (actor.kind === "token") {
    const scoped = rules.filter((rule) => rule.startsWith("scope:"));
    if (!scoped.length) return rules.includes("PUBLIC");
    return actor.scopes.some((scope) => scoped.includes(`scope:${scope}`));
  }
  if (rules.includes("PUBLIC")) return true;
  if (actor.kind === "staff") return rules.includes("STAFF") || rules.includes(actor.staff.role);
  return false;
}

/** The scopes an operation names (for the 403 of a token that holds none of them). */
export const scopesOf = (rules: readonly string[]) => rules.filter((rule) => rule.startsWith("scope:")).map((rule) => rule.slice(6));

export const authChecker: AuthChecker<RequestContext, string> = ({ context }, rules) => {
  if (isAllowed(context, rules)) return true;
  if (context.actor.kind === "anonymous" && context.actor.pendingPasswordChange) throw passwordChangeRequired();
  if (context.actor.kind === "token") {
    const scopes = scopesOf(rules);
    throw scopes.length ? scopeMissing(scopes.join(" | ")) : new AppError(ErrorCode.FORBIDDEN, "STAFF_ONLY", {}, { http: { status: 403 } });
  }
  throw context.actor.kind === "anonymous" ? unauthenticated() : forbidden();
};
