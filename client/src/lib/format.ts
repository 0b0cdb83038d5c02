import dayjs from "dayjs";
import type { TFunction } from "i18next";
import i18n from "./i18n";

const yuanFormats = new Map<string, Intl.NumberFormat>();

/**
 * Fees are stored in fen (分); people read yuan with two decimals and grouped thousands, in the
 * interface's language: ¥1,234.50 (zh-CN), CN¥1,234.50 (en-US).
 */
export function formatFen(amountFen: number): string {
  const language = i18n.language === "en-US" ? "en-US" : "zh-CN";
  let format = yuanFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: "currency", currency: "CNY", minimumFractionDigits: 2, maximumFractionDigits: 2 });
    yuanFormats.set(language, format);
  }
  return format.format(amountFen / 100);
}

/** A count or figure with the language's grouping: 12,345. */
export function formatNumber(value: number): string {
  return value.toLocaleString(i18n.language === "en-US" ? "en-US" : "zh-CN");
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format("YYYY-MM-DD") : "—";
}

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format("YYYY-MM-DD HH:mm") : "—";
}

/** ISO weekday 1 = Monday … 7 = Sunday. */
export function weekdayName(weekday: number, t: TFunction): string {
  return t(`weekday.${weekday}`);
}

export function yesNo(value: boolean, t: TFunction): string {
  return value ? t("common.yes") : t("common.no");
}
