import type { TFunction } from "i18next";
import type { UserErrorLike } from "../../lib/errors";

/** The server's refusals, in the reader's language: its stable `reason` code translated, its own message otherwise. */
export function translated(errors: readonly (UserErrorLike & { reason?: string | null })[] | undefined, t: TFunction) {
  return errors?.map((e) => (e.reason ? { ...e, rule: null, message: t(`supervision.refusals.${e.reason}`, { defaultValue: e.message }) } : e));
}
