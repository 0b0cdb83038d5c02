import type { TFunction } from "i18next";
import { userErrorMessage, type UserErrorLike } from "../../lib/errors";

/** What the assessment panels share: refusals in the reader's language, rates and periods. */

export function refusals(errors: readonly (UserErrorLike & { reason?: string | null })[] | undefined, t: TFunction) {
  return errors?.map((e) => ({ ...e, rule: null, message: e.reason ? userErrorMessage({ ...e, rule: null }) : t("errors.BAD_USER_INPUT") }));
}

export const pct = (part: number, whole: number) => (whole ? `${((part * 100) / whole).toFixed(1)}%` : "—");
/** A rate in percent with one decimal for a chart; null (no bar) when there is nothing to count. */
export const rate = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

/** The four quarters ending with a quarter (2026Q3 → 2025Q4 … 2026Q3), or a year's four quarters. */
export function quartersUpTo(period: string): string[] | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) return [1, 2, 3, 4].map((q) => `${year[1]}Q${q}`);
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return null;
  let [y, q] = [Number(m[1]), Number(m[2])];
  const list: string[] = [];
  for (let i = 0; i < 4; i++) {
    list.unshift(`${y}Q${q}`);
    [y, q] = q === 1 ? [y - 1, 4] : [y, q - 1];
  }
  return list;
}

export const percentAxis = { type: "value" as const, min: 0, max: 100, axisLabel: { formatter: "{value}%" } };

/** The quarter before today's, e.g. 2026Q3 in November 2026. */
export function lastQuarter(): string {
  const now = new Date(Date.now() + 8 * 3600_000);
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}Q4` : `${now.getUTCFullYear()}Q${q}`;
}
