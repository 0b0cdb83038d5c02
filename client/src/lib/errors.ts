import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import i18n from "./i18n";

const KNOWN_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PASSWORD_CHANGE_REQUIRED"] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

interface ValidationError {
  property?: string;
}

/** Field names a BAD_USER_INPUT error points at (our own `field`, or class-validator's list). */
function badFields(extensions: Record<string, unknown> | undefined): string[] {
  if (!extensions) return [];
  const fields: string[] = [];
  if (typeof extensions.field === "string") fields.push(extensions.field);
  const validation = extensions.validationErrors;
  if (Array.isArray(validation)) {
    for (const v of validation as ValidationError[]) if (v.property) fields.push(v.property);
  }
  return fields;
}

/** A friendly, localized sentence for any error an operation may end with. */
export function describeError(error: unknown, t: TFunction): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.code;
    if (typeof code === "string" && (KNOWN_CODES as readonly string[]).includes(code)) {
      const known = code as KnownCode;
      if (known === "BAD_USER_INPUT") {
        const fields = error.errors.flatMap((e) => badFields(e.extensions));
        return fields.length
          ? t("errors.BAD_USER_INPUT_FIELDS", { fields: fields.join("、") })
          : t("errors.BAD_USER_INPUT");
      }
      return t(`errors.${known}`);
    }
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
}

/** The form field a user error points at: its path without the leading `input`. */
function fieldName(error: UserErrorLike): string | undefined {
  const path = (error.field ?? []).filter((p) => p !== "input");
  return path.length ? path[path.length - 1] : undefined;
}

/** The refusal in the reader's language: from its stable `code` where the SPA knows it, else the server's zh-CN text. */
export function userErrorMessage(error: UserErrorLike): string {
  const key = `codes.${error.code}`;
  const message = i18n.exists(key) ? i18n.t(key) : error.message;
  return error.rule && !message.includes(error.rule) ? `${message}（${error.rule}）` : message;
}

/**
 * Shows user errors next to the form fields they name. Returns the messages that belong to no
 * field of the form, for an alert above it.
 */
export function applyUserErrors(form: FormInstance | undefined, errors: readonly UserErrorLike[]): string[] {
  const rest: string[] = [];
  const byField = new Map<string, string[]>();
  const known = new Set(form ? Object.keys(form.getFieldsValue() as object) : []);
  for (const error of errors) {
    const name = fieldName(error);
    if (name && known.has(name)) byField.set(name, [...(byField.get(name) ?? []), userErrorMessage(error)]);
    else rest.push(userErrorMessage(error));
  }
  form?.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  return rest;
}
