import { validate, type ValidationError } from "class-validator";
import { getMetadataStorage, type ResolverData } from "type-graphql";
import { AppError, ErrorCode } from "./errors";

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

function problems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

/**
 * Validates every argument with class-validator and refuses with BAD_USER_INPUT, naming each field by
 * its full path (`input.name`) and the rule it broke (`maxLength`). Nothing runs when input is invalid.
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  if (value === null || typeof value !== "object") return;
  const errors = await validate(value as object, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
  if (!errors.length) return;
  const isArgsType = getMetadataStorage().argumentTypes.some((t) => t.target === type);
  const prefix = isArgsType
    ? ""
    : (Object.entries(data.args).find(([, v]) => v !== null && typeof v === "object" && !Array.isArray(v))?.[0] ?? "");
  const fields = problems(errors, prefix);
  throw new AppError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`, { fields });
}
