import type { Reason, ReasonParams } from "../../common/reasons";
/** Pure rules of A1: validity windows, "active at t", letter numbers. */

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
export const MAX_VALIDITY_YEARS = 3;

export interface LetterTimes {
  validFrom: Date;
  validTo: Date;
  revokedAt: Date | null;
}

/** A1: a letter is active at `at` when not revoked before it and validFrom ≤ at < validTo. */
export function isActiveAt(letter: LetterTimes, at: Date): boolean {
  const t = at.getTime();
  return (!letter.revokedAt || letter.revokedAt.getTime() > t) && letter.validFrom.getTime() <= t && t < letter.validTo.getTime();
}

/** The calendar year of an instant in Beijing time (letter numbers and yearly sequences follow it). */
export function beijingYear(at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** [start, end) of a Beijing calendar year, as instants. */
export function beijingYearRange(year: number): [Date, Date] {
  return [new Date(Date.UTC(year, 0, 1) - BEIJING_OFFSET_MS), new Date(Date.UTC(year + 1, 0, 1) - BEIJING_OFFSET_MS)];
}

/** `<DEPT>-SQ-<year>-<seq>`, the sequence counted per department and year, at least 3 digits. */
export function letterNumber(departmentCode: string, year: number, seq: number): string {
  return `${departmentCode}-SQ-${year}-${String(seq).padStart(3, "0")}`;
}

function addBeijingYears(at: Date, years: number): Date {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  local.setUTCFullYear(local.getUTCFullYear() + years);
  return new Date(local.getTime() - BEIJING_OFFSET_MS);
}

/**
 * A1's validity window: to after from, at most three years, and not back-dated by more than a day
 * (a letter cannot retroactively cover decisions already taken). Returns what is wrong, or null.
 */
export function validityProblem(from: Date, to: Date, now: Date): { field: "validFrom" | "validTo"; reason: Reason; params: ReasonParams; message: string } | null {
  if (Number.isNaN(from.getTime())) return { field: "validFrom", reason: "LETTER_VALID_FROM_INVALID", params: {}, message: "validFrom is not a valid instant." };
  if (Number.isNaN(to.getTime())) return { field: "validTo", reason: "LETTER_VALID_TO_INVALID", params: {}, message: "validTo is not a valid instant." };
  if (to.getTime() <= from.getTime()) return { field: "validTo", reason: "LETTER_VALID_TO_BEFORE_FROM", params: {}, message: "A1: validTo must be after validFrom." };
  if (to.getTime() > addBeijingYears(from, MAX_VALIDITY_YEARS).getTime()) {
    return { field: "validTo", reason: "LETTER_TOO_LONG", params: { years: MAX_VALIDITY_YEARS }, message: `A1: a letter is valid for at most ${MAX_VALIDITY_YEARS} years.` };
  }
  if (from.getTime() < now.getTime() - DAY_MS) {
    return { field: "validFrom", reason: "LETTER_STARTS_IN_PAST", params: {}, message: "A1: validFrom may not lie more than a day in the past." };
  }
  return null;
}

/** Who reads a letter (and prints it, issue 9 §3): the holder, its department's heads and section chief, the supervisor and the centre's admin (as `authorizationLetters`). */
export function mayReadLetter(caller: { id: number; role: string; departmentId: number | null }, letter: { holderId: number; grantorId: number; departmentId: number }): boolean {
  if (caller.role === "SUPERVISOR" || caller.role === "CENTER_ADMIN") return true;
  if (caller.id === letter.holderId || caller.id === letter.grantorId) return true;
  return ["DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF"].includes(caller.role) && caller.departmentId === letter.departmentId;
}
