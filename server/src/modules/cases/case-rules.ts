import { RuleViolation, UserErrorCode } from "../../common/errors";
import type { Reason, ReasonParams } from "../../common/reasons";
import { CaseKind } from "../catalogue/enums";
import { CaseStatus, DecisionOutcome } from "./case.enums";

/** The acts that move a case (C2–C7). */
export type CaseAct =
  | "HAND_OVER"
  | "ACCEPT"
  | "COMPLETE_SUPPLEMENT"
  | "PAUSE"
  | "RESUME"
  | "EXTEND"
  | "JOINT_OPINION"
  | "REVIEW"
  | "DECIDE"
  | "FORWARD_UP"
  | "RECORD_REPLY"
  | "HAND_BACK"
  | "CLOSE"
  | "CHARGE"
  | "END";

export interface CaseSnapshot {
  status: CaseStatus;
  kind: CaseKind | null;
  atHandlingPoint: boolean;
  atRegistrationPoint: boolean;
  paused: boolean;
  forwarded: boolean;
  hasExtension: boolean;
}

/** The state forbids the act: the reason words it (common/reasons.ts); `status` tells programs the state it met. */
const refuse = (rule: string, reason: Reason, params: ReasonParams = {}) => new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "caseNumber"], rule, reason, params);

/** Throws a RuleViolation naming the rule when `act` is not allowed in the case's present state. */
export function assertCanAct(c: CaseSnapshot, act: CaseAct): void {
  const inReview = c.status === CaseStatus.IN_REVIEW;
  switch (act) {
    case "HAND_OVER":
      if (c.status !== CaseStatus.REGISTERED) throw refuse("C2", "HAND_OVER_NOT_REGISTERED", { status: c.status });
      if (c.atHandlingPoint) throw refuse("C2", "ALREADY_AT_HANDLING_POINT");
      return;
    case "ACCEPT":
      if (c.status !== CaseStatus.REGISTERED) throw refuse("C4", "ALREADY_ACCEPTED", { status: c.status });
      if (!c.atHandlingPoint) throw refuse("C2", "NOT_AT_HANDLING_POINT");
      return;
    case "COMPLETE_SUPPLEMENT":
      if (c.status !== CaseStatus.SUPPLEMENT) throw refuse("C3.6", "NO_SUPPLEMENT_WAITING");
      return;
    case "PAUSE":
      if (!inReview || c.kind === CaseKind.REPORTED_UP) throw refuse("C5", "PAUSE_NOT_IN_REVIEW", { status: c.status });
      if (c.paused) throw refuse("C5", "ALREADY_PAUSED");
      return;
    case "RESUME":
      if (!c.paused || c.status === CaseStatus.SUPPLEMENT) throw refuse("C5", "NOT_PAUSED");
      return;
    case "EXTEND":
      if (!inReview || c.kind === CaseKind.IMMEDIATE || c.kind === CaseKind.REPORTED_UP) {
        throw refuse("C5", "EXTEND_NOT_ALLOWED", { status: c.status });
      }
      if (c.hasExtension) throw refuse("C5", "ALREADY_EXTENDED");
      return;
    case "JOINT_OPINION":
      if (!inReview || c.kind !== CaseKind.JOINT) throw refuse("C3.3", "OPINION_NOT_JOINT");
      return;
    case "REVIEW":
      if (!inReview || (c.kind !== CaseKind.COMMITTED && c.kind !== CaseKind.JOINT)) throw refuse("A4", "REVIEW_NOT_APPLICABLE", { status: c.status });
      return;
    case "DECIDE":
      if (!inReview) throw refuse("C3", "DECIDE_NOT_IN_REVIEW", { status: c.status });
      if (c.kind === CaseKind.REPORTED_UP) throw refuse("C3.4", "DECIDED_BY_HIGHER_AUTHORITY");
      if (c.paused) throw refuse("C5", "DECIDE_WHILE_PAUSED");
      return;
    case "FORWARD_UP":
      if (!inReview || c.kind !== CaseKind.REPORTED_UP) throw refuse("C3.4", "FORWARD_NOT_REPORTED_UP");
      if (c.forwarded) throw refuse("C3.4", "ALREADY_FORWARDED");
      return;
    case "RECORD_REPLY":
      if (!inReview || c.kind !== CaseKind.REPORTED_UP || !c.forwarded) throw refuse("C3.4", "REPLY_NOT_FORWARDED");
      return;
    case "HAND_BACK":
      if (c.status !== CaseStatus.DECIDED) throw refuse("C2", "HAND_BACK_NOT_DECIDED", { status: c.status });
      if (c.atRegistrationPoint) throw refuse("C2", "RESULT_AT_REGISTRATION_POINT");
      return;
    case "CLOSE":
      if (c.status !== CaseStatus.DECIDED) throw refuse("C7", "CLOSE_NOT_DECIDED", { status: c.status });
      if (!c.atRegistrationPoint) throw refuse("C7", "RESULT_NOT_BACK");
      return;
    case "CHARGE":
      if (c.status !== CaseStatus.IN_REVIEW && c.status !== CaseStatus.DECIDED) throw refuse("F2", "CHARGE_NOT_ALLOWED_IN_STATE", { status: c.status });
      if (!c.atHandlingPoint) throw refuse("F2", "RESULT_LEFT_HANDLING_POINT");
      return;
    case "END":
      // Withdrawal, a void and abandonment end a case before its decision (§6 completion codes 2 and 5).
      if (c.status !== CaseStatus.REGISTERED && c.status !== CaseStatus.SUPPLEMENT && !inReview) throw refuse("§6", "END_AFTER_DECISION", { status: c.status });
      return;
  }
}

/**
 * §6 completion result (办结结果) of a case's outcome, for the provincial platform: 0 出证办结, 1 不予许可,
 * 2 作废, 3 删除 (never given: nothing is deleted here), 4 转报, 5 退件, 6 不予受理; null while undecided.
 * A REPORTED_UP case answered by the higher authority counts as forwarded up (4) whatever the answer;
 * a withdrawal and an abandoned supplement are both 退件 (5). Codes 1–5 carry a reason.
 */
export const COMPLETION_CODE: Record<DecisionOutcome, number> = {
  APPROVED: 0,
  DEEMED_APPROVED: 0,
  REFUSED: 1,
  VOIDED: 2,
  HIGHER_APPROVED: 4,
  HIGHER_REFUSED: 4,
  WITHDRAWN: 5,
  ABANDONED: 5,
  RETURNED: 6,
};
export const completionCodeOf = (outcome: DecisionOutcome | null): number | null => (outcome ? COMPLETION_CODE[outcome] : null);
/** The outcomes that end a case at once (no result to deliver): it is CLOSED with them. */
export const FINAL_ENDINGS: readonly DecisionOutcome[] = [DecisionOutcome.WITHDRAWN, DecisionOutcome.ABANDONED, DecisionOutcome.VOIDED];

/**
 * C7 办结率 = closed ÷ registered: a voided registration (作废, §6 code 2) is closed but never completed, so it
 * stays in the registered count and out of the closed one. Every completion figure uses these two.
 */
export const countsAsCompleted = (status: CaseStatus, outcome: DecisionOutcome | null) => status === CaseStatus.CLOSED && outcome !== DecisionOutcome.VOIDED;
/** SQL of countsAsCompleted on case alias `c` (optionally: closed before `:end`). */
export const completedSql = (c: string, closedBefore?: string) =>
  `${c}.status = 'CLOSED' AND (${c}.outcome IS NULL OR ${c}.outcome <> 'VOIDED')${closedBefore ? ` AND ${c}."closedAt" < ${closedBefore}` : ""}`;

/**
 * S2: after close-out the applicant may rate the service — not an application the applicant withdrew, nor a voided
 * registration (there was no service to rate). Follow-up calls (S6) sample the same cases.
 */
export const NOT_RATEABLE: readonly DecisionOutcome[] = [DecisionOutcome.WITHDRAWN, DecisionOutcome.VOIDED];
export const isRateable = (status: CaseStatus, outcome: DecisionOutcome | null) => status === CaseStatus.CLOSED && !(outcome && NOT_RATEABLE.includes(outcome));
/** SQL of isRateable on case alias `c`. */
export const rateableSql = (c: string) => `${c}.status = 'CLOSED' AND (${c}.outcome IS NULL OR ${c}.outcome NOT IN (${NOT_RATEABLE.map((o) => `'${o}'`).join(", ")}))`;

/**
 * C8: a decision notice (决定书) exists only for a decision: not for a return (its own notice), nor for an ending
 * without one (withdrawal, abandonment, void).
 */
export const hasDecisionNotice = (outcome: DecisionOutcome | null) => outcome !== null && outcome !== DecisionOutcome.RETURNED && !FINAL_ENDINGS.includes(outcome);

/** The kinds a clerk may choose at acceptance; RETURNED and SUPPLEMENT have their own inputs. */
export const ACCEPTANCE_KINDS = [CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.REPORTED_UP] as const;

/** Working days a co-department has to answer a joint notice (C3.3). */
export const JOINT_OPINION_DAYS = 5;
/** Working days to forward a REPORTED_UP case, and to tell the applicant after the reply (C3.4). */
export const FORWARD_DAYS = 3;
export const INFORM_DAYS = 2;
/** Working days after receipt within which missing materials must be told (art. 32). */
export const NOTICE_DAYS = 5;
/** Extension of the limit (art. 42): +10 working days, +15 for joint processing. */
export const extensionDays = (kind: CaseKind | null) => (kind === CaseKind.JOINT ? 15 : 10);

/** The working days of an accepted case's limit (C3). */
export function limitDaysFor(kind: CaseKind, promisedLimitDays: number): number {
  return kind === CaseKind.IMMEDIATE ? 0 : promisedLimitDays;
}

/** GB 11643 check digit of an 18-character resident ID number. */
export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return "10X98765432"[sum % 11] === id[17];
}

export { maskIdNumber, maskPhone } from "../../common/redact";

/** 421081 + yyyyMMdd + 6-digit sequence of the day (C1). */
export function formatCaseNumber(regionCode: string, day: string, seq: number): string {
  if (seq > 999_999) throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", null, "C1", "CASE_NUMBERS_EXHAUSTED");
  return `${regionCode}${day}${String(seq).padStart(6, "0")}`;
}
