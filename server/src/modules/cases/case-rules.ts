import { RuleViolation, UserErrorCode } from "../../common/errors";
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

const refuse = (rule: string, message: string) => new RuleViolation(UserErrorCode.RULE_VIOLATION, `${rule}: ${message}`, ["input", "caseNumber"], rule);

/** Throws a RuleViolation naming the rule when `act` is not allowed in the case's present state. */
export function assertCanAct(c: CaseSnapshot, act: CaseAct): void {
  const inReview = c.status === CaseStatus.IN_REVIEW;
  switch (act) {
    case "HAND_OVER":
      if (c.status !== CaseStatus.REGISTERED) throw refuse("C2", "only a registered case travels up to its accepting window.");
      if (c.atHandlingPoint) throw refuse("C2", "the case is already at the point whose window accepts it.");
      return;
    case "ACCEPT":
      if (c.status !== CaseStatus.REGISTERED) throw refuse("C4", `the case was already accepted (it is ${c.status}).`);
      if (!c.atHandlingPoint) throw refuse("C2", "the case has not reached the point whose window accepts it; hand it over first.");
      return;
    case "COMPLETE_SUPPLEMENT":
      if (c.status !== CaseStatus.SUPPLEMENT) throw refuse("C3.6", "no supplement notice is waiting for materials on this case.");
      return;
    case "PAUSE":
      if (!inReview || c.kind === CaseKind.REPORTED_UP) throw refuse("C5", "only a case under review can have its clock stopped.");
      if (c.paused) throw refuse("C5", "the clock of this case is already stopped.");
      return;
    case "RESUME":
      if (!c.paused || c.status === CaseStatus.SUPPLEMENT) throw refuse("C5", "the clock of this case is not stopped by a special procedure.");
      return;
    case "EXTEND":
      if (!inReview || c.kind === CaseKind.IMMEDIATE || c.kind === CaseKind.REPORTED_UP) {
        throw refuse("C5", "only a COMMITTED or JOINT case under review can be extended (art. 42).");
      }
      if (c.hasExtension) throw refuse("C5", "the limit of this case was already extended once (art. 42).");
      return;
    case "JOINT_OPINION":
      if (!inReview || c.kind !== CaseKind.JOINT) throw refuse("C3.3", "opinions are given on JOINT cases under review.");
      return;
    case "REVIEW":
      if (!inReview || (c.kind !== CaseKind.COMMITTED && c.kind !== CaseKind.JOINT)) throw refuse("A4", "the approval section reviews COMMITTED and JOINT cases under review.");
      return;
    case "DECIDE":
      if (!inReview) throw refuse("C3", `only a case under review is decided (it is ${c.status}).`);
      if (c.kind === CaseKind.REPORTED_UP) throw refuse("C3.4", "a REPORTED_UP case is decided by the higher authority; record its reply.");
      if (c.paused) throw refuse("C5", "the case is in a special procedure (its clock is stopped); resume it before deciding.");
      return;
    case "FORWARD_UP":
      if (!inReview || c.kind !== CaseKind.REPORTED_UP) throw refuse("C3.4", "only a REPORTED_UP case under review is forwarded to the higher authority.");
      if (c.forwarded) throw refuse("C3.4", "the case was already forwarded.");
      return;
    case "RECORD_REPLY":
      if (!inReview || c.kind !== CaseKind.REPORTED_UP || !c.forwarded) throw refuse("C3.4", "a reply is recorded for a REPORTED_UP case after it was forwarded.");
      return;
    case "HAND_BACK":
      if (c.status !== CaseStatus.DECIDED) throw refuse("C2", "only a decided case's result travels back to the applicant.");
      if (c.atRegistrationPoint) throw refuse("C2", "the result is already at the point that registered the case; deliver it and close the case.");
      return;
    case "CLOSE":
      if (c.status !== CaseStatus.DECIDED) throw refuse("C7", `only a decided case is closed out (it is ${c.status}).`);
      if (!c.atRegistrationPoint) throw refuse("C7", "the result has not reached the point that registered the case yet.");
      return;
    case "CHARGE":
      if (c.status !== CaseStatus.IN_REVIEW && c.status !== CaseStatus.DECIDED) throw refuse("F2", `fees are charged on an accepted case before its result leaves (it is ${c.status}).`);
      if (!c.atHandlingPoint) throw refuse("F2", "the result has already left the point that handles the case.");
      return;
    case "END":
      // Withdrawal, a void and abandonment end a case before its decision (§6 completion codes 2 and 5).
      if (c.status !== CaseStatus.REGISTERED && c.status !== CaseStatus.SUPPLEMENT && !inReview) throw refuse("§6", `a case is withdrawn or voided only before its decision (it is ${c.status}).`);
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
  if (seq > 999_999) throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "C1: the day's 999,999 case numbers are used up.", null, "C1");
  return `${regionCode}${day}${String(seq).padStart(6, "0")}`;
}
