import { GLOBAL_ID_FIELDS } from "./global-id-args";
import { getMetadataStorage as validatorMetadata, validate, ValidateBy, type ValidationError } from "class-validator";
import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from "graphql";
import { Extensions, getMetadataStorage, type ResolverData } from "type-graphql";
import { AppError, ErrorCode } from "./errors";
import { renderFieldRule } from "./messages";
import type { ReasonParams } from "./reasons";

/**
 * One field at fault in a BAD_USER_INPUT error (`extensions.fields`): its path (`input.name`), the
 * rule it broke (common/reasons.ts FIELD_RULES), the rule's limit where it has one, and the
 * catalogue's sentence (zh-CN; reworded per Accept-Language).
 */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
  params?: ReasonParams;
}

export function fieldProblem(field: string, rule: string, params: ReasonParams = {}): FieldProblem {
  return { field, rule, message: renderFieldRule(rule, field, params, "zh-CN"), params };
}

/** The limit of a class-validator constraint (maxLength 50 → { limit: 50 }), from the decorator's metadata. */
function constraintParams(target: object | undefined, property: string, rule: string): ReasonParams {
  if (!target) return {};
  const metadata = validatorMetadata()
    .getTargetValidationMetadatas(target.constructor, "", true, false)
    .find((m) => m.propertyName === property && m.name === rule);
  const limit = metadata?.constraints?.[0];
  return typeof limit === "number" ? { limit } : {};
}

function problems(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.keys(e.constraints ?? {}).map((rule) => fieldProblem(field, rule, constraintParams(e.target, e.property, rule)));
    return [...own, ...problems(e.children ?? [], field)];
  });
}

export function badInput(fields: FieldProblem[]): AppError {
  const names = [...new Set(fields.map((f) => f.field))].join("、");
  return new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_INPUT", { fields: names }, { fields });
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
  if ((kind === "multiline" ? CONTROL_MULTILINE : CONTROL).test(value)) return fieldProblem(field, "controlCharacters");
  if (LONE_SURROGATE.test(value)) return fieldProblem(field, "unpairedSurrogate");
  if (BIDI.test(value)) return fieldProblem(field, "bidiControls");
  if (kind === "name" && !VISIBLE.test(value)) return fieldProblem(field, "visible");
  return null;
}

export function idProblem(value: string, field: string): FieldProblem | null {
  if (ID.test(value) && Number(value) <= MAX_ID) return null;
  return fieldProblem(field, "id");
}

function walk(value: unknown, type: GraphQLInputType, field: string, kind: TextKind | undefined, out: FieldProblem[], globalIds = false): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value)) for (const item of value) walk(item, inner.ofType, field, kind, out, globalIds);
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
  // `node`/`nodes` take global IDs and refuse malformed ones themselves; other IDs are database ids by now (global-id-args.ts).
  const problem = textProblem(value, field, kind) ?? (getNamedType(inner).name === "ID" && !globalIds ? idProblem(value, field) : null);
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
  const globalIds = data.info.parentType.name === "Query" && GLOBAL_ID_FIELDS.has(data.info.fieldName);
  for (const arg of definition?.args ?? []) walk(data.args[arg.name], arg.type, arg.name, undefined, found, globalIds);
  if (found.length) throw badInput(found);
}

/**
 * class-validator looks up a class's rules on every validate() by walking every class that has rules
 * (`instanceof` against each, for inherited ones): about a fifth of a read's validation time here. The
 * rules of a class are fixed once it is defined (decorators run with the class), so the answer is kept per
 * class and options; calls with groups (none here) are not kept.
 */
const storage = validatorMetadata();
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
  const errors = await validate(value as object, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: true, value: false } });
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
      defaultMessage: () => "day",
    },
  });
}
