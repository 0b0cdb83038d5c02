import { randomInt } from "node:crypto";
import type { Actor } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { Role } from "../staff/role";
import { ComplaintOutcome, ComplaintStatus } from "./supervision.enums";

/**
 * The supervision rules that need no database: who counts as a unit's staff, and which complaint
 * steps are valid in which state. Services load facts and ask these.
 */

export const OVERSEERS: ReadonlySet<Role> = new Set([Role.SUPERVISOR, Role.CENTER_ADMIN]);
const DEPARTMENT_ROLES: ReadonlySet<Role> = new Set([Role.SECTION_CHIEF, Role.DEPUTY_DIRECTOR, Role.DIRECTOR]);

export const isOverseer = (actor: Actor) => actor.kind === "staff" && OVERSEERS.has(actor.staff.role);

/** A unit that answers: a department, or a window (a township's clerk answers for every window of the township). */
export interface UnitRef {
  departmentId: number | null;
  windowId: number | null;
  /** The point of `windowId`. */
  windowPointId: number | null;
}

/** Whether the caller works for the unit (department heads and section chiefs; the window's staff; the township's clerk). */
export function belongsToUnit(actor: Actor, unit: UnitRef): boolean {
  if (actor.kind !== "staff") return false;
  const s = actor.staff;
  if (unit.departmentId !== null && s.departmentId === unit.departmentId && DEPARTMENT_ROLES.has(s.role)) return true;
  if (unit.windowId !== null && s.windowId === unit.windowId) return true;
  return unit.windowPointId !== null && s.role === Role.TOWNSHIP_CLERK && s.pointId === unit.windowPointId;
}

/** As SQL over a list's department and window columns: the rows of the caller's units; null for overseers (all). */
export function unitScope(actor: Actor, departmentColumn: string, windowColumn: string): { where: string; params: Record<string, unknown> } | null {
  if (isOverseer(actor)) return null;
  if (actor.kind !== "staff") return { where: "1 = 0", params: {} };
  const s = actor.staff;
  const branches: string[] = [];
  const params: Record<string, unknown> = {};
  if (s.departmentId !== null && DEPARTMENT_ROLES.has(s.role)) {
    branches.push(`${departmentColumn} = :unitDept`);
    params.unitDept = s.departmentId;
  }
  if (s.windowId !== null) {
    branches.push(`${windowColumn} = :unitWindow`);
    params.unitWindow = s.windowId;
  }
  if (s.role === Role.TOWNSHIP_CLERK) {
    branches.push(`${windowColumn} IN (SELECT w.id FROM service_window w WHERE w."pointId" = :unitPoint)`);
    params.unitPoint = s.pointId;
  }
  return branches.length ? { where: `(${branches.join(" OR ")})`, params } : { where: "1 = 0", params: {} };
}

/** Every refusal code of supervision (`UserError.reason`); the SPA translates each (a test checks both locales). */
export const REFUSALS = [
  "SUBJECT_REQUIRED",
  "CASE_NOT_FOUND",
  "WINDOW_NOT_FOUND",
  "DEPARTMENT_NOT_FOUND",
  "STAFF_NOT_FOUND",
  "COMPLAINT_NOT_FOUND",
  "ONE_UNIT_REQUIRED",
  "NOT_YOUR_UNIT",
  "COMPLAINT_CLOSED",
  "COMPLAINT_ALREADY_ANSWERED",
  "COMPLAINT_NOT_ASSIGNED",
  "COMPLAINT_NOT_ANSWERED",
  "STALE_VERSION",
  "ALREADY_EVALUATED",
  "CASE_NOT_CLOSED",
  "CASE_NOT_RATEABLE",
  "RECTIFICATION_NOT_FOUND",
  "RECTIFICATION_NOT_OPEN",
  "RECTIFICATION_NOT_ANSWERED",
  "FAULT_NOT_FOUND",
  "REVERSAL_NOT_REVERSIBLE",
  "ALREADY_REVERSED",
  "NOT_A_MONDAY",
  "WEEK_NOT_OVER",
  "FOLLOW_UP_ALREADY_DRAWN",
  "FOLLOW_UP_NOT_FOUND",
  "FOLLOW_UP_ALREADY_RECORDED",
  "SATISFACTION_REQUIRED",
  "NOT_REACHED_NO_ANSWER",
  "POINT_NOT_FOUND",
  "POINT_NOT_INSPECTABLE",
  "INSPECTION_IN_FUTURE",
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** A supervision refusal: typed code for programs, rule, field, and a stable reason the client translates. */
export const refusal = (code: UserErrorCode, rule: "S1" | "S2" | "S5" | "S6" | "S7" | "C7", reason: Refusal, message: string, field: string[] | null = null) =>
  new RuleViolation(code, message, field, rule, reason);

const refuse = (code: UserErrorCode, reason: Refusal, message: string, field: string[] | null = null) => refusal(code, "S1", reason, message, field);

/** S1: the steps of a complaint: assign (again, while unanswered), answer once assigned, close with an outcome. */
export function assertComplaintStep(status: ComplaintStatus, step: "ASSIGN" | "ANSWER" | ComplaintOutcome): void {
  if (status === ComplaintStatus.CLOSED) throw refuse(UserErrorCode.DUPLICATE, "COMPLAINT_CLOSED", "该投诉已办结，不能再更改。 The complaint is closed.");
  if (step === "ASSIGN" && status === ComplaintStatus.ANSWERED) {
    throw refuse(UserErrorCode.RULE_VIOLATION, "COMPLAINT_ALREADY_ANSWERED", "该投诉已答复，不能再交办。 Already answered.");
  }
  if (step === "ANSWER" && status !== ComplaintStatus.ASSIGNED) {
    throw refuse(UserErrorCode.RULE_VIOLATION, "COMPLAINT_NOT_ASSIGNED", "该投诉尚未交办或已答复。 Not assigned to a unit, or already answered.");
  }
  if ((step === ComplaintOutcome.UPHELD || step === ComplaintOutcome.NOT_UPHELD) && status !== ComplaintStatus.ANSWERED) {
    throw refuse(UserErrorCode.RULE_VIOLATION, "COMPLAINT_NOT_ANSWERED", "承办单位答复后才能认定是否属实。 The unit answers first.", ["input", "outcome"]);
  }
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A query code for the complainant: 6 characters without look-alikes (0/O, 1/I). */
export const newQueryCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

/** TS + yyyyMMdd (Shishou day) + the row id, 6 digits. */
export const complaintNumber = (day: string, id: number) => `TS${day.replaceAll("-", "")}${String(id).padStart(6, "0")}`;

/** A database's unique-key refusal (PostgreSQL 23505, SQLite UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { driverError?: { code?: string }; code?: string; message?: string };
  return e?.driverError?.code === "23505" || e?.code === "23505" || /UNIQUE constraint failed/.test(e?.message ?? "");
}

/** 办结率 (§2) as shown: closed ÷ registered in percent, one decimal (26,442 of 26,682 → 99.1). */
export const completionPercent = (closed: number, registered: number) => (registered > 0 ? Math.round((closed * 1000) / registered) / 10 : 0);
