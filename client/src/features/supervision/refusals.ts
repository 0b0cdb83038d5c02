import type { TFunction } from "i18next";
import { userErrorMessage, type UserErrorLike } from "../../lib/errors";

/** The server's refusals in the reader's language, by their stable `reason` (lib/errors.ts), never the server's text. */
export function translated(errors: readonly (UserErrorLike & { reason?: string | null })[] | undefined, t: TFunction) {
  return errors?.map((e) => ({ ...e, rule: null, message: e.reason ? userErrorMessage({ ...e, rule: null }) : t("errors.BAD_USER_INPUT") }));
}
