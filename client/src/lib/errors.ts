import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import i18n from "./i18n";

/**
 * The server never words a refusal for the SPA: it sends a stable `code`, a `reason` from its
 * registry (server/src/common/reasons.ts) and `params`; the SPA words them from its locale files
 * (`codes.<REASON>`, `fieldRules.<rule>`, `errors.<CODE>`). No raw server text reaches the user.
 */

const KNOWN_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PASSWORD_CHANGE_REQUIRED"] as const;

/** A reason's values as the API sends them: a map in `extensions.params`, a name/value list in `UserError.params`. */
type ParamsLike = Readonly<Record<string, unknown>> | readonly { name: string; value: string }[] | null | undefined;

function paramsOf(params: ParamsLike): Record<string, string> {
  if (!params) return {};
  if (Array.isArray(params)) return Object.fromEntries((params as readonly { name: string; value: string }[]).map((p) => [p.name, p.value]));
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/** The sentence of a reason (or, for a reason the SPA does not know, of its code), in the reader's language. */
export function reasonText(reason: string | null | undefined, code: string | null | undefined, params?: ParamsLike): string {
  const values = paramsOf(params);
  if (reason && i18n.exists(`codes.${reason}`)) return i18n.t(`codes.${reason}`, values);
  if (code && i18n.exists(`codes.${code}`)) return i18n.t(`codes.${code}`, values);
  if (code && i18n.exists(`errors.${code}`)) return i18n.t(`errors.${code}`);
  return i18n.t("errors.BAD_USER_INPUT");
}

/** One field problem of a BAD_USER_INPUT error (`extensions.fields`), as the server sends it. */
interface FieldProblem {
  field: string;
  rule: string;
  params?: Record<string, unknown>;
}

/** A field problem worded for the reader: the form field's path (without `input`) and the sentence of its rule. */
export interface FieldError {
  path: (string | number)[];
  message: string;
}

/** The form path of a server path: `input.days.0.date` or ["input", "days", "0", "date"] → ["days", 0, "date"]. */
function formPath(field: string | readonly string[]): (string | number)[] {
  const parts = typeof field === "string" ? field.split(".") : [...field];
  const rest = parts[0] === "input" ? parts.slice(1) : parts;
  return rest.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function fieldRuleText(problem: FieldProblem): string {
  const key = `fieldRules.${problem.rule}`;
  return i18n.t(i18n.exists(key) ? key : "fieldRules.invalid", paramsOf(problem.params as ParamsLike));
}

/** The fields a thrown error (BAD_USER_INPUT) names, each with its sentence: `extensions.fields`, or a rule's `extensions.field`. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.flatMap((e) => {
    const extensions = e.extensions ?? {};
    if (extensions.code !== "BAD_USER_INPUT") return [];
    if (Array.isArray(extensions.fields)) {
      return (extensions.fields as FieldProblem[]).map((f) => ({ path: formPath(f.field), message: fieldRuleText(f) }));
    }
    if (typeof extensions.field === "string" && typeof extensions.reason === "string") {
      return [{ path: formPath(extensions.field), message: reasonText(extensions.reason, null, extensions.params as ParamsLike) }];
    }
    return [];
  });
}

/** A friendly, localized sentence for any error an operation may end with. */
export function describeError(error: unknown, t: TFunction): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = first?.extensions ?? {};
    const code = typeof extensions.code === "string" ? extensions.code : undefined;
    if (code === "BAD_USER_INPUT" && Array.isArray(extensions.fields)) {
      const fields = (extensions.fields as FieldProblem[]).map((f) => `${String(formPath(f.field).at(-1) ?? f.field)}：${fieldRuleText(f)}`);
      return fields.length ? t("errors.BAD_USER_INPUT_FIELDS", { fields: fields.join("；") }) : t("errors.BAD_USER_INPUT");
    }
    const reason = typeof extensions.reason === "string" ? extensions.reason : undefined;
    if (reason && i18n.exists(`codes.${reason}`)) return t(`codes.${reason}`, paramsOf(extensions.params as ParamsLike));
    if (code && (KNOWN_CODES as readonly string[]).includes(code)) return t(`errors.${code}`);
    return t("errors.INTERNAL");
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 429) return t("errors.RATE_LIMITED");
    return t("errors.SERVER", { status: error.statusCode });
  }
  return t("errors.NETWORK");
}

export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

export interface UserErrorLike {
  field?: readonly string[] | null;
  message: string;
  code: string;
  rule?: string | null;
  reason?: string | null;
  params?: readonly { name: string; value: string }[] | null;
}

/** The refusal in the reader's language, from its stable `reason` (else its `code`); never the server's own text. */
export function userErrorMessage(error: UserErrorLike): string {
  const message = reasonText(error.reason, error.code, error.params);
  return error.rule && !message.includes(error.rule) ? `${message}（${error.rule}）` : message;
}

/** Whether the form has a field at `path` (a top-level name or a nested path of its values). */
function formHas(values: unknown, path: readonly (string | number)[]): boolean {
  let node = values;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !(key in (node as object))) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return path.length > 0;
}

/** The form field a server path lands on: the whole path where the form has it, else its last name. */
function landing(form: FormInstance, path: (string | number)[]): (string | number)[] | string | undefined {
  const values = form.getFieldsValue() as unknown;
  if (formHas(values, path)) return path.length === 1 ? (path[0] as string) : path;
  const last = path.filter((p) => typeof p === "string").at(-1);
  return typeof last === "string" && formHas(values, [last]) ? last : undefined;
}

/** Puts messages on the form's fields; returns those that belong to no field of the form. */
function place(form: FormInstance | undefined, items: { path: (string | number)[]; message: string }[]): string[] {
  const rest: string[] = [];
  const byField = new Map<string, { name: (string | number)[] | string; errors: string[] }>();
  for (const item of items) {
    const name = form ? landing(form, item.path) : undefined;
    if (name === undefined) {
      rest.push(item.message);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(item.message);
    byField.set(key, entry);
  }
  form?.setFields([...byField.values()]);
  return rest;
}

/**
 * Shows user errors next to the form fields they name. Returns the messages that belong to no
 * field of the form, for an alert above it.
 */
export function applyUserErrors(form: FormInstance | undefined, errors: readonly UserErrorLike[]): string[] {
  return place(
    form,
    errors.map((e) => ({ path: formPath(e.field ?? []), message: userErrorMessage(e) })),
  );
}

/**
 * Shows the field problems of a thrown BAD_USER_INPUT error next to the form's fields
 * (`extensions.fields`). Returns whether any landed on a field.
 */
export function applyFieldErrors(form: FormInstance | undefined, error: unknown): boolean {
  const problems = fieldErrorsOf(error);
  if (!form || !problems.length) return false;
  return place(form, problems).length < problems.length;
}

let submitting: FormInstance | undefined;

/**
 * Runs a form's submit with the form as the target of thrown field problems: useRunMutation puts a
 * BAD_USER_INPUT error's fields on it (FormModal does this for every modal form).
 */
export async function submittingForm<T>(form: FormInstance, submit: () => Promise<T>): Promise<T> {
  const previous = submitting;
  submitting = form;
  try {
    return await submit();
  } finally {
    submitting = previous;
  }
}

/** The form whose submit is running, if any. */
export const submittingFormNow = (): FormInstance | undefined => submitting;
