import { Field, ObjectType } from "type-graphql";
import { RuleViolation, UserErrorCode } from "./errors";

@ObjectType({ description: "Why a mutation refused its input. Nothing was changed." })
export class UserError {
  @Field(() => [String], { nullable: true, description: "Path of the input field at fault, e.g. [\"input\", \"promisedLimitDays\"]." })
  field: string[] | null;

  @Field({ description: "What is wrong, for people." })
  message: string;

  @Field(() => UserErrorCode, { description: "What is wrong, for programs." })
  code: UserErrorCode;

  @Field(() => String, { nullable: true, description: "The DOMAIN.md rule that refused it, e.g. N4." })
  rule: string | null;

  @Field(() => String, { nullable: true, description: "A stable refusal code the client translates (e.g. CASE_NOT_CLOSED), where the service gives one." })
  reason?: string | null;
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
    const userError: UserError = { field: error.field, message: error.message, code: error.code, rule: error.rule, reason: error.reason };
    return { [key]: null, userErrors: [userError] } as { [P in K]: T | null } & { userErrors: UserError[] };
  }
}

export const invalid = (field: string[], message: string, rule: string | null = null) =>
  new RuleViolation(UserErrorCode.INVALID, message, field, rule);
export const missing = (field: string[], what: string) =>
  new RuleViolation(UserErrorCode.NOT_FOUND, `${what} not found.`, field);
export const duplicate = (field: string[], message: string, rule: string | null = null) =>
  new RuleViolation(UserErrorCode.DUPLICATE, message, field, rule);
