import { getMetadataStorage as validationStorage, validate, ValidateBy, type ValidationError } from "class-validator";
import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from "graphql";
import { Extensions, getMetadataStorage, type ResolverData } from "type-graphql";
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

export function badInput(fields: FieldProblem[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `输入无效 Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`, { fields });
}

// ---------------------------------------------------------------------------------------------
// The text rules: every String and ID an operation receives (arguments and input-object fields,
// at any depth) is checked here, before any resolver or database sees it.
// ---------------------------------------------------------------------------------------------

/** How an input field's text is checked beyond the rules every string obeys. */
type TextKind = "name" | "multiline";

/** A name (of a person, item, window …): must contain a visible character, not only blanks or zero-width ones. */
export const Name = () => Extensions({ text: "name" satisfies TextKind });
/** Free text of several lines (reasons, notes): tab and newline are allowed in it. */
export const MultiLine = () => Extensions({ text: "multiline" satisfies TextKind });

/** C0 controls, DEL and C1 controls; multi-line text may hold tab, line feed and carriage return. */
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/* eslint-enable no-control-regex */
/** With the `u` flag a surrogate class matches only surrogates that are not part of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Directional embeddings, overrides and isolates, the LRM/RLM marks and the Arabic letter mark (Trojan Source). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** A character that shows: not white space, a control, a format character (zero-width …), a lone mark or a blank filler. */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{M}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800]/u;
/** Our ids are PostgreSQL `integer` keys: a plain positive decimal number up to 2^31 − 1. */
const ID = /^[1-9]\d{0,9}$/;
const MAX_ID = 2_147_483_647;

/** What is wrong with one string, if anything (the first rule it breaks). */
export function textProblem(value: string, field: string, kind?: TextKind): FieldProblem | null {
  if ((kind === "multiline" ? CONTROL_MULTILINE : CONTROL).test(value)) {
    const allowed = kind === "multiline" ? "（只允许制表符和换行）" : "";
    return { field, rule: "controlCharacters", message: `${field}：不能含控制字符（如 NUL）${allowed}。 No control characters.` };
  }
  if (LONE_SURROGATE.test(value)) return { field, rule: "unpairedSurrogate", message: `${field}：含有不成对的代理项，不是有效的 Unicode 文本。 Not valid Unicode.` };
  if (BIDI.test(value)) return { field, rule: "bidiControls", message: `${field}：不能含文字方向控制字符。 No bidirectional control characters.` };
  if (kind === "name" && !VISIBLE.test(value)) return { field, rule: "visible", message: `${field}：须含可见字符，不能只有空白或零宽字符。 Must contain a visible character.` };
  return null;
}

export function idProblem(value: string, field: string): FieldProblem | null {
  if (ID.test(value) && Number(value) <= MAX_ID) return null;
  return { field, rule: "id", message: `${field}：编号应为 1 至 ${MAX_ID} 的整数。 An id is a whole number from 1 to ${MAX_ID}.` };
}

function walk(value: unknown, type: GraphQLInputType, field: string, kind: TextKind | undefined, out: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value)) for (const item of value) walk(item, inner.ofType, field, kind, out);
    return;
  }
  if (isInputObjectType(inner)) {
    for (const [name, def] of Object.entries(inner.getFields())) {
      walk((value as Record<string, unknown>)[name], def.type, `${field}.${name}`, def.extensions?.text as TextKind | undefined, out);
    }
    return;
  }
  if (typeof value !== "string") return;
  // Enums and custom scalars (DateTimeISO) arrive parsed; Strings and IDs as the client sent them.
  const problem = textProblem(value, field, kind) ?? (getNamedType(inner).name === "ID" ? idProblem(value, field) : null);
  if (problem && !out.some((p) => p.field === problem.field && p.rule === problem.rule)) out.push(problem);
}

const checked = new WeakSet<object>();

/**
 * Checks every argument of the field being resolved against the text and id rules (once per field).
 * Resolvers get this through validateArgument; a subscription's `subscribe` step, which type-graphql
 * does not validate, calls it itself.
 */
export function checkArguments(data: Pick<ResolverData<object>, "args" | "info">): void {
  if (checked.has(data.args)) return;
  checked.add(data.args);
  const definition = data.info.parentType.getFields()[data.info.fieldName];
  const found: FieldProblem[] = [];
  for (const arg of definition?.args ?? []) walk(data.args[arg.name], arg.type, arg.name, undefined, found);
  if (found.length) throw badInput(found);
}

/**
 * class-validator looks up a class's rules on every validate() by walking every class that has rules
 * (`instanceof` against each, for inherited ones): about a fifth of a read's validation time here. The
 * rules of a class are fixed once it is defined (decorators run with the class), so the answer is kept per
 * class and options; calls with groups (none here) are not kept.
 */
const storage = validationStorage();
const lookUp = storage.getTargetValidationMetadatas.bind(storage);
const rulesOf = new Map<unknown, Map<string, ReturnType<typeof lookUp>>>();
storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
  if (groups?.length) return lookUp(target, schema, always, strictGroups, groups);
  const key = `${schema}\u0000${always}\u0000${strictGroups}`;
  let byOptions = rulesOf.get(target);
  if (!byOptions) rulesOf.set(target, (byOptions = new Map()));
  let rules = byOptions.get(key);
  if (!rules) byOptions.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
  return rules;
};

/**
 * Validates every argument: first the text and id rules above, then class-validator's decorators.
 * Refuses with BAD_USER_INPUT, naming each field by its full path (`input.name`) and the rule it
 * broke (`maxLength`, `controlCharacters`). Nothing runs when input is invalid.
 */
export async function validateArgument(value: unknown, type: unknown, data: ResolverData<object>): Promise<void> {
  checkArguments(data);
  if (value === null || typeof value !== "object") return;
  const errors = await validate(value as object, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false, value: false } });
  if (!errors.length) return;
  const isArgsType = getMetadataStorage().argumentTypes.some((t) => t.target === type);
  const prefix = isArgsType
    ? ""
    : (Object.entries(data.args).find(([, v]) => v !== null && typeof v === "object" && !Array.isArray(v))?.[0] ?? "");
  throw badInput(problems(errors, prefix));
}

/** A calendar day as YYYY-MM-DD that exists (refuses 😀 and 2026-02-30). Rule name: `day`. */
export function IsDay() {
  return ValidateBy({
    name: "day",
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
        const [y, m, d] = value.split("-").map(Number);
        const date = new Date(Date.UTC(y, m - 1, d));
        return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      },
      defaultMessage: () => "$property：日期格式应为 YYYY-MM-DD（如 2026-01-31）。 A day as YYYY-MM-DD.",
    },
  });
}
