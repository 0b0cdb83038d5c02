import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from "type-graphql";
import type { RequestContext } from "./context";
import { RuleViolation, UserErrorCode } from "./errors";
import { render } from "./messages";
import type { Reason, ReasonParams } from "./reasons";

@ObjectType({ description: "One value of a refusal's sentence, by name (e.g. number = the case number)." })
export class ReasonParam {
  @Field({ description: "The parameter's name." }) name: string;
  @Field({ description: "The parameter's value (masked where personal)." }) value: string;
}

@ObjectType({ description: "Why a mutation refused its input. Nothing was changed." })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path of the input field at fault, e.g. [\"input\", \"promisedLimitDays\"]." })
  field: string[] | null;

  /** The zh-CN sentence (or the thrown message of a reason without one); the field resolver words it per request. */
  message: string;

  @Field(() => UserErrorCode, { description: "What is wrong, for programs." })
  code: UserErrorCode;

  @Field(() => String, { nullable: true, description: "The DOMAIN.md rule that refused it, e.g. N4." })
  rule: string | null;

  @Field(() => String, { nullable: true, description: "A stable refusal code the client translates (e.g. CASE_NOT_CLOSED), where the service gives one." })
  reason?: Reason | null;

  /** The values of the reason's sentence (GraphQL: `params`, a list of name/value pairs). */
  params?: ReasonParams;
}

/** Words a user error in the request's language (Accept-Language; zh-CN by default). */
@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String, { description: "What is wrong, for people: zh-CN, or English with `Accept-Language: en`." })
  message(@Root() error: UserError, @Ctx() ctx: RequestContext): string {
    return error.reason ? render(error.reason, error.params ?? {}, ctx.language ?? "zh-CN", error.message) : error.message;
  }

  @FieldResolver(() => [ReasonParam], { description: "The values of the reason's sentence, for clients that word it themselves (none when the reason needs none)." })
  params(@Root() error: UserError): ReasonParam[] {
    return Object.entries(error.params ?? {}).map(([name, value]) => ({ name, value: String(value) }));
  }
}

/** A RuleViolation as a user error of a payload. */
export function userErrorOf(error: RuleViolation): UserError {
  return { field: error.field, message: error.message, code: error.code, rule: error.rule, reason: error.reason, params: error.params };
}

/**
 * Runs a mutation's service call; a RuleViolation becomes `userErrors` in the payload
 * (its transaction has rolled back, so nothing was written).
 */
export async function toPayload<K extends string, T>(
  key: K,
  run: () => Promise<T>,
): Promise<{ [P in K]: T | null } & { userErrors: UserError[] }> {
  try {
    const value = await run();
    return { [key]: value, userErrors: [] } as { [P in K]: T | null } & { userErrors: UserError[] };
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    return { [key]: null, userErrors: [userErrorOf(error)] } as { [P in K]: T | null } & { userErrors: UserError[] };
  }
}

/** Input that breaks a rule: `invalid(["input", "kind"], "NO_CO_DEPARTMENTS", { code: item.code }, "C3.3")`. */
export const invalid = (field: string[], reason: Reason, params: ReasonParams = {}, rule: string | null = null) =>
  new RuleViolation(UserErrorCode.INVALID, "", field, rule, reason, params);
/** A code or id of the input names nothing. */
export const missing = (field: string[], reason: Reason, params: ReasonParams = {}) =>
  new RuleViolation(UserErrorCode.NOT_FOUND, "", field, null, reason, params);
/** The input would repeat something that exists. */
export const duplicate = (field: string[], reason: Reason, params: ReasonParams = {}, rule: string | null = null) =>
  new RuleViolation(UserErrorCode.DUPLICATE, "", field, rule, reason, params);
