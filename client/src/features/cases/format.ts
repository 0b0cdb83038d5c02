/** China has one time zone and no daylight saving: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * An instant shown as Shishou reads it ("2026-11-26 10:05"), whatever the time zone of the PC:
 * hand-overs and decisions are legal records and must match the printed notices.
 */
export function chinaDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return "—";
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** The China calendar day of an instant ("2026-11-26"). */
export function chinaDate(value: string | Date): string {
  const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A day as stored (YYYY-MM-DD), or a dash. */
export function day(value: string | null | undefined): string {
  return value || "—";
}

/** Midnight at the start of a China calendar day, as an ISO instant for the API. */
export function chinaMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/**
 * A fresh idempotency key. `crypto.randomUUID` exists only in secure contexts (https or localhost);
 * a village PC on the county LAN may reach the server over plain http, so fall back to random bytes.
 */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Path of a case's page. */
export const casePath = (number: string) => `/cases/${encodeURIComponent(number)}`;
