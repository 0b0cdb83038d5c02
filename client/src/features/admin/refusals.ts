import type { FormInstance } from "antd";
import { applyUserErrors, userErrorMessage, type UserErrorLike } from "../../lib/errors";

/**
 * The server's refusals on the admin screens, in the reader's language: each reason is worded once, in
 * locales/reasons.*.ts (`codes.<REASON>`), like every other refusal.
 */
export function adminRefusals(errors: readonly UserErrorLike[] | undefined): UserErrorLike[] | undefined {
  return errors?.map((e) => ({ ...e, rule: null, message: userErrorMessage({ ...e, rule: null }) }));
}

/**
 * Puts refusals on the form fields they name, nested list fields too (["input", "holidays", "1", "lastDay"]
 * lands on holidays[1].lastDay). Returns the messages that name no field of the form, for an alert.
 */
export function applyNestedRefusals(form: FormInstance, errors: readonly UserErrorLike[]): string[] {
  return applyUserErrors(form, errors);
}
