/** Amounts are typed in yuan (元) with at most two decimals and sent in integer fen (分). */
const YUAN = /^\d{1,8}(\.\d{1,2})?$/;

export function yuanToFen(value: string | number | null | undefined): number | undefined {
  const text = String(value ?? "").trim();
  if (!YUAN.test(text)) return undefined;
  const [whole, part = ""] = text.split(".");
  return Number(whole) * 100 + Number(part.padEnd(2, "0"));
}

/** The form rule of a yuan field. */
export const yuanRule = (message: string) => ({
  validator: (_: unknown, value: unknown) =>
    yuanToFen(value as string) === undefined ? Promise.reject(new Error(message)) : Promise.resolve(),
});

/** Today's calendar day in China (UTC+8), as the server's `day` arguments expect it. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export const reconciliationUrl = (day: string, format: "csv" | "xlsx", windowCode?: string) =>
  `/documents/reconciliation/${day}.${format}${windowCode ? `?window=${encodeURIComponent(windowCode)}` : ""}`;
