import dayjs from "dayjs";
import type { TFunction } from "i18next";

/** Fees are stored in fen (分); people read yuan with two decimals. */
export function formatFen(amountFen: number): string {
  const sign = amountFen < 0 ? "-" : "";
  const abs = Math.abs(amountFen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
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
