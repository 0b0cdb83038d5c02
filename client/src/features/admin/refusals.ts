import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { userErrorMessage, type UserErrorLike } from "../../lib/errors";

type Refusal = UserErrorLike & { reason?: string | null };

/** The server's refusals on the admin screens, in the reader's language: the stable `reason` translated, the server's (zh-CN) message otherwise. */
export function adminRefusals(errors: readonly Refusal[] | undefined, t: TFunction): Refusal[] | undefined {
  return errors?.map((e) => (e.reason ? { ...e, rule: null, message: t(`adminScreens.refusals.${e.reason}`, { defaultValue: e.message }) } : e));
}

/**
 * Puts refusals on the form fields they name, nested list fields too (["input", "holidays", "1", "lastDay"]
 * lands on holidays[1].lastDay). Returns the messages that name no field of the form, for an alert.
 */
export function applyNestedRefusals(form: FormInstance, errors: readonly Refusal[], t: TFunction): string[] {
  const rest: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  for (const error of adminRefusals(errors, t) ?? []) {
    const path = (error.field ?? []).filter((p) => p !== "input").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const message = error.reason ? error.message : userErrorMessage(error);
    if (path.length && known.has(String(path[0]))) fields.push({ name: path, errors: [message] });
    else rest.push(message);
  }
  form.setFields(fields);
  return rest;
}
