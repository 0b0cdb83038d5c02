import { registerEnumType } from "type-graphql";
import { UserErrorCode, type RuleViolation } from "../../common/errors";
import type { Reason, ReasonParams } from "../../common/reasons";
import { CaseKind } from "../catalogue/enums";
import { CaseStatus } from "./case.enums";
import { Role } from "../staff/role";
import { assertCanAct, type CaseAct as StateAct, type CaseSnapshot } from "./case-rules";

/**
 * The case policy: the one place that says who may see and do what to a case. Pure functions of
 * (caller, case facts, act): services, queries, documents, subscriptions and the SPA (through
 * `Case.availableActs`) all ask it. The state machine (case-rules.ts `assertCanAct`) says whether an
 * act is valid in the case's state; this module adds whether the case is the caller's to act on.
 *
 * Rules, by name (tests/api/case-policy.test.ts walks them against the API):
 * - R1 overseers: SUPERVISOR and CENTER_ADMIN read every case.
 * - R2 integrations: an API token with scope `cases:read` reads the cases registered at, now at or
 *   handled at the points it is bound to (every case when it is bound to none);
 * - R2b … and a token with `cases:write` the cases it registered itself (token_case_ref).
 * - T1 token acts: a token takes no act of staff; with `cases:write` it withdraws (E1) the cases it
 *   registered itself, and attaches electronic materials to them, before their decision (staff receive
 *   materials at registration and supplement instead: ATTACH_MATERIALS is the token's only). Registration through a token: at a bound point only
 *   (registration.service.ts asks `tokenMayRegisterAt`).
 * - R3 window: staff of a window read the cases that window accepts (N4).
 * - R4 registrar: staff read the cases they registered themselves.
 * - R5 department: department staff read the cases of their department's items,
 * - R6 joint: … and the joint cases their department was notified of (C3.3).
 * - R7 point: village agents and township clerks read the cases registered at, now at, or handled at their point,
 * - R8 relay: … and a township clerk those registered by the village stations below the township (C2).
 * - Q1 query code: shown only to those who print notices — counter staff of the registering point,
 *   and the handling window (or the handling township's clerk). The PDFs follow R1–R8 (reading).
 * - Q1b … and to the API token (cases:write) that registered the case, for its applicant.
 * - N4 handling window: accept, supplement notice, completion, return, pause, resume, forward and the
 *   higher reply are done by the window that accepts the item (a township's clerk for its township).
 * - C2 file holder: hand-over, hand-back and close-out by counter staff of the point where the file is;
 *   at the handling point, only by the handling window (N4) — not by any clerk of that centre.
 * - C5 head: an extension is approved by a director or deputy of the item's department (art. 42).
 * - C3.3 co-department: an opinion is given by the section chief or heads of a notified
 *   co-department, once.
 * - A2 letter: a decision only by a holder of a letter in force covering the item, at the level
 *   that handles it (a township clerk for his township's cases; department deputies for city cases;
 *   the department's chief representative at the window — a window clerk holding a letter that lists
 *   IMMEDIATE items — for the IMMEDIATE cases of his own window), once every co-department has answered.
 * - A4 review: the review opinion (审查) of a COMMITTED or JOINT case is given by the section chief of the
 *   item's department, once; where the item's procedure names the step (ServiceItem.reviewRequired) such
 *   a case is decided only after it.
 * - R9 finance: a finance clerk reads the cases with charges handled at his window's point (F3).
 * - F2 charge: charges are set by the handling window (N4) on an accepted case before its result
 *   leaves; a reduction (减免) only by a holder of a letter in force covering the item (A2).
 * - C7 fees: a result whose case has unpaid charges is neither handed back nor delivered.
 * - E1 endings (§6): before its decision a case is withdrawn (撤回, code 5) or a void (作废, code 2) is
 *   requested by those who print its notices (Q1: the registering point's counter, the handling window);
 * - E2 void: … and approved or rejected by a second person: the centre's admin, or for a village
 *   registration the clerk of the township above it — never the one who asked.
 * - ST state: the act must be valid in the case's state (case-rules.ts).
 * - H1 hand-over list (移交清单): a point's relays are printed by staff of that point, the clerk of the
 *   township above a village, and overseers; its rows are the cases the caller reads (`caseScope`).
 *   A single case's latest relay by whoever reads the case (it carries no query code).
 * - Q1 receipt (回执): printed, with its query code, by those who print notices (`canPrintNotices`).
 */

/** The acts on a case, as the API lists them (Case.availableActs). */
export enum CaseAct {
  HAND_OVER = "HAND_OVER",
  ACCEPT = "ACCEPT",
  ISSUE_SUPPLEMENT = "ISSUE_SUPPLEMENT",
  COMPLETE_SUPPLEMENT = "COMPLETE_SUPPLEMENT",
  RETURN = "RETURN",
  PAUSE = "PAUSE",
  RESUME = "RESUME",
  EXTEND = "EXTEND",
  JOINT_OPINION = "JOINT_OPINION",
  REVIEW = "REVIEW",
  DECIDE = "DECIDE",
  FORWARD_UP = "FORWARD_UP",
  RECORD_REPLY = "RECORD_REPLY",
  HAND_BACK = "HAND_BACK",
  CLOSE = "CLOSE",
  CHARGE = "CHARGE",
  REDUCE_CHARGE = "REDUCE_CHARGE",
  WITHDRAW = "WITHDRAW",
  REQUEST_VOID = "REQUEST_VOID",
  APPROVE_VOID = "APPROVE_VOID",
  REJECT_VOID = "REJECT_VOID",
  ATTACH_MATERIALS = "ATTACH_MATERIALS",
}
registerEnumType(CaseAct, {
  name: "CaseAct",
  description: "An act on a case; `Case.availableActs` lists those the caller may take now.",
  valuesConfig: {
    HAND_OVER: { description: "移交: pass the file one point up (C2)" },
    ACCEPT: { description: "受理 (C3)" },
    ISSUE_SUPPLEMENT: { description: "一次性告知 (C3.6)" },
    COMPLETE_SUPPLEMENT: { description: "补齐材料 (C3.6)" },
    RETURN: { description: "退回 (C3.5)" },
    PAUSE: { description: "特别程序，暂停计时 (art. 45)" },
    RESUME: { description: "恢复计时" },
    EXTEND: { description: "延长期限 (art. 42)" },
    JOINT_OPINION: { description: "联办意见 (C3.3)" },
    REVIEW: { description: "审查意见: the approval section chief's review before the decision (A4)" },
    DECIDE: { description: "准予/不予许可 (A2)" },
    FORWARD_UP: { description: "报送上级 (C3.4)" },
    RECORD_REPLY: { description: "登记上级答复 (C3.4)" },
    HAND_BACK: { description: "结果回传 (C2)" },
    CLOSE: { description: "送达销号 (C7)" },
    CHARGE: { description: "收费登记 (F2)" },
    REDUCE_CHARGE: { description: "减免 (F2, A2)" },
    WITHDRAW: { description: "申请人撤回 (E1, completion code 5)" },
    REQUEST_VOID: { description: "申请作废登记有误的办件 (E1)" },
    APPROVE_VOID: { description: "批准作废 (E2, completion code 2): a second person" },
    REJECT_VOID: { description: "驳回作废申请 (E2)" },
    ATTACH_MATERIALS: { description: "补传电子材料 (T1): an online channel's API token, on the applications it registered, before their decision" },
  },
});

/** Who asks. `letterCovers`: an authorization letter in force covers the case's item (DECIDE and REDUCE_CHARGE read it). */
export interface PolicyCaller {
  kind: "staff" | "token" | "anonymous";
  staffId: number | null;
  role: Role | null;
  pointId: number | null;
  windowId: number | null;
  departmentId: number | null;
  scopes: readonly string[];
  letterCovers?: boolean;
  /** A token caller: its id, and the points (units) it is bound to (empty: none named, i.e. every point for cases:read). */
  tokenId?: number | null;
  pointIds?: readonly number[];
}

/** What the policy needs to know about a case. */
export interface CaseFacts {
  registeredById: number;
  windowId: number;
  itemDepartmentId: number;
  /** The co-departments notified of a joint case, and whether each answered. */
  jointNotices: readonly { departmentId: number; answered: boolean }[];
  registeredPointId: number;
  /** The township above the registering point (null for a township or the city). */
  registeredPointParentId: number | null;
  currentPointId: number;
  handlingPointId: number;
  handlingAtCity: boolean;
  hasSupplementNotice: boolean;
  /** A4: the item's procedure names the review step, and whether the section chief gave the review opinion. */
  review: { required: boolean; given: boolean };
  /** Whether the item has a fee standard, the case has charges, and any of them is still due (F2, C7). */
  fees: { chargeable: boolean; charged: boolean; unpaid: boolean };
  /** Who asked for a void still waiting for a second person (E2); null when none waits. */
  voidRequestedById: number | null;
  /** The API token that registered the case, if one did (R2b, T1). */
  registeredByTokenId?: number | null;
  snapshot: CaseSnapshot;
}

/** Stable codes of the policy's refusals, for programs (the message is for people). */
export type RefusalCode =
  | "NOT_STAFF"
  | "CASE_NOT_VISIBLE"
  | "NOT_HANDLING_WINDOW"
  | "FILE_NOT_HERE"
  | "NOT_DEPARTMENT_HEAD"
  | "NOT_NOTIFIED_CO_DEPARTMENT"
  | "OPINION_ALREADY_GIVEN"
  | "NO_COVERING_LETTER"
  | "DECIDED_ELSEWHERE"
  | "WAITING_FOR_OPINIONS"
  | "NOT_SECTION_CHIEF"
  | "REVIEW_ALREADY_GIVEN"
  | "REVIEW_REQUIRED"
  | "LETTER_IMMEDIATE_ONLY"
  | "SUPPLEMENT_ALREADY_ISSUED"
  | "UNPAID_CHARGES"
  | "NO_FEE_STANDARD"
  | "NOTHING_TO_REDUCE"
  | "NOT_AT_COUNTER"
  | "VOID_ALREADY_REQUESTED"
  | "NO_VOID_REQUEST"
  | "NOT_VOID_APPROVER"
  | "SAME_PERSON"
  | "INVALID_IN_STATE"
  | "TOKEN_SCOPE_MISSING"
  | "NOT_TOKEN_CASE"
  | "TOKEN_POINT_NOT_BOUND"
  | "TOKEN_ACT_ONLY";

export type PolicyAnswer =
  | { allowed: true }
  | { allowed: false; code: RefusalCode; rule: string; error: UserErrorCode; message: string; reason?: Reason; params?: ReasonParams };

const ALLOWED: PolicyAnswer = { allowed: true };
const refuse = (code: RefusalCode, rule: string, message: string, error = UserErrorCode.FORBIDDEN): PolicyAnswer => ({ allowed: false, code, rule, error, message: `${rule}：${message}` });

/** A token lacks `scope`: FORBIDDEN naming the scope (reason TOKEN_SCOPE_MISSING, params.scope). */
const missingScope = (scope: string): PolicyAnswer => ({ allowed: false, code: "TOKEN_SCOPE_MISSING", rule: "T1", error: UserErrorCode.FORBIDDEN, message: `T1：该 API 令牌缺少权限范围 ${scope}。`, reason: "TOKEN_SCOPE_MISSING", params: { scope } });

/** The scopes an API token may be granted (issued by an admin; see docs/integrations.md). */
export const TOKEN_SCOPES = ["cases:read", "cases:write", "cases:export", "complaints:write", "evaluations:write", "events:read", "network:read", "catalogue:read", "staff:read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const hasScope = (caller: PolicyCaller, scope: TokenScope) => caller.kind === "token" && caller.scopes.includes(scope);

/** R2/R2b: whether a token reads the case. */
function tokenReads(caller: PolicyCaller, c: CaseFacts): boolean {
  if (hasScope(caller, "cases:write") && caller.tokenId != null && c.registeredByTokenId === caller.tokenId) return true; // R2b
  if (!hasScope(caller, "cases:read")) return false;
  return atBoundPoint(caller, c); // R2
}

/** R2's point rule: registered at, now at or handled at a point the token is bound to (every case when bound to none). */
function atBoundPoint(caller: PolicyCaller, c: Pick<CaseFacts, "registeredPointId" | "currentPointId" | "handlingPointId">): boolean {
  const bound = caller.pointIds ?? [];
  return bound.length === 0 || [c.registeredPointId, c.currentPointId, c.handlingPointId].some((p) => bound.includes(p));
}

/** T1: whether a token may register at a point — it holds cases:write and is bound to that point. */
export function tokenMayRegisterAt(caller: PolicyCaller, point: { id: number; code: string }): PolicyAnswer {
  if (!hasScope(caller, "cases:write")) return missingScope("cases:write");
  if (!(caller.pointIds ?? []).includes(point.id)) return { allowed: false, code: "TOKEN_POINT_NOT_BOUND", rule: "T1", error: UserErrorCode.FORBIDDEN, message: "T1：该 API 令牌未绑定该网点。", params: { point: point.code } };
  return ALLOWED;
}

const OVERSEERS: ReadonlySet<Role> = new Set([Role.SUPERVISOR, Role.CENTER_ADMIN]);
const DEPARTMENT_ROLES: ReadonlySet<Role> = new Set([Role.SECTION_CHIEF, Role.DEPUTY_DIRECTOR, Role.DIRECTOR]);
const HEADS: ReadonlySet<Role> = new Set([Role.DEPUTY_DIRECTOR, Role.DIRECTOR]);
/** Staff who work a counter: they register, hand files on, print notices and deliver results. */
const COUNTER_ROLES: ReadonlySet<Role> = new Set([Role.VILLAGE_AGENT, Role.TOWNSHIP_CLERK, Role.WINDOW_CLERK]);
const POINT_ROLES: ReadonlySet<Role> = new Set([Role.VILLAGE_AGENT, Role.TOWNSHIP_CLERK]);

export const isOverseer = (caller: PolicyCaller) => caller.kind === "staff" && caller.role !== null && OVERSEERS.has(caller.role);

/** R1–R8: whether the caller may read the case (and its timeline, materials and records). */
export function canRead(caller: PolicyCaller, c: CaseFacts): PolicyAnswer {
  const hidden = refuse("CASE_NOT_VISIBLE", "C2", "该办件不在您的网点、窗口或部门，无权查看。");
  if (caller.kind === "token") return tokenReads(caller, c) ? ALLOWED : hidden; // R2, R2b
  if (caller.kind !== "staff" || caller.role === null) return refuse("NOT_STAFF", "C2", "只有工作人员可以查看办件。");
  const role = caller.role;
  if (OVERSEERS.has(role)) return ALLOWED; // R1
  if (caller.windowId !== null && caller.windowId === c.windowId) return ALLOWED; // R3
  if (caller.staffId === c.registeredById) return ALLOWED; // R4
  if (DEPARTMENT_ROLES.has(role) && caller.departmentId !== null) {
    if (caller.departmentId === c.itemDepartmentId) return ALLOWED; // R5
    if (c.jointNotices.some((n) => n.departmentId === caller.departmentId)) return ALLOWED; // R6
  }
  if (POINT_ROLES.has(role) && caller.pointId !== null) {
    if ([c.registeredPointId, c.currentPointId, c.handlingPointId].includes(caller.pointId)) return ALLOWED; // R7
    if (role === Role.TOWNSHIP_CLERK && c.registeredPointParentId === caller.pointId) return ALLOWED; // R8
  }
  if (role === Role.FINANCE_CLERK && c.fees.charged && caller.pointId === c.handlingPointId) return ALLOWED; // R9
  return hidden;
}

/** N4: the window that accepts the item at the handling point (a township's clerk for any of its windows). */
function isHandlingWindow(caller: PolicyCaller, c: CaseFacts): boolean {
  if (caller.role === Role.WINDOW_CLERK) return caller.windowId === c.windowId;
  if (caller.role === Role.TOWNSHIP_CLERK) return caller.pointId === c.handlingPointId || caller.windowId === c.windowId;
  return false;
}

/** C2: who holds the file now: at the handling point its handling window; on the way, that point's counter staff. */
function holdsFile(caller: PolicyCaller, c: CaseFacts): boolean {
  if (c.currentPointId === c.handlingPointId) return isHandlingWindow(caller, c);
  return caller.role !== null && COUNTER_ROLES.has(caller.role) && caller.departmentId === null && caller.pointId === c.currentPointId;
}

/** Q1: the query code (and the printed notices that carry it) only for those who print notices. */
export function canPrintNotices(caller: PolicyCaller, c: CaseFacts): boolean {
  // Q1b: an online channel gives its applicant the query code of the cases it registered itself.
  if (caller.kind === "token") return hasScope(caller, "cases:write") && caller.tokenId != null && c.registeredByTokenId === caller.tokenId;
  if (!canRead(caller, c).allowed || caller.kind !== "staff" || caller.role === null || !COUNTER_ROLES.has(caller.role)) return false;
  if (isHandlingWindow(caller, c)) return true;
  return caller.departmentId === null && caller.pointId === c.registeredPointId && (caller.role !== Role.WINDOW_CLERK || caller.staffId === c.registeredById);
}

/** The state-machine half: the act valid in the case's present state (case-rules.ts), as an answer. */
function stateAllows(c: CaseFacts, act: StateAct): PolicyAnswer {
  try {
    assertCanAct(c.snapshot, act);
    return ALLOWED;
  } catch (error) {
    const { rule, message, code, reason, params } = error as RuleViolation;
    return { allowed: false, code: "INVALID_IN_STATE", rule: rule ?? "", error: code, message, reason: reason ?? undefined, params };
  }
}

type Check = (caller: PolicyCaller, c: CaseFacts) => PolicyAnswer;

const readable: Check = (caller, c) => canRead(caller, c);
const atHandlingWindow: Check = (caller, c) =>
  isHandlingWindow(caller, c) ? ALLOWED : refuse("NOT_HANDLING_WINDOW", "N4", "该办件只由其网点受理该事项的窗口办理，不是您的窗口。");
const holdingFile: Check = (caller, c) =>
  holdsFile(caller, c) ? ALLOWED : refuse("FILE_NOT_HERE", "C2", c.currentPointId === c.handlingPointId ? "该办件由受理窗口移交、回传或销号，不是您的窗口。" : "移交、回传和销号由案卷所在网点的工作人员办理。");
const state = (act: StateAct): Check => (_caller, c) => stateAllows(c, act);
const headOfDepartment: Check = (caller, c) =>
  caller.role !== null && HEADS.has(caller.role) && caller.departmentId === c.itemDepartmentId
    ? ALLOWED
    : refuse("NOT_DEPARTMENT_HEAD", "C5", "延长期限须由事项所属部门的负责人批准（行政许可法第四十二条）。");
const notifiedCoDepartment: Check = (caller, c) =>
  caller.role !== null && DEPARTMENT_ROLES.has(caller.role) && c.jointNotices.some((n) => n.departmentId === caller.departmentId)
    ? ALLOWED
    : refuse("NOT_NOTIFIED_CO_DEPARTMENT", "C3.3", "联办意见只由被抄告协办部门的审批股长或负责人出具。");
const notYetAnswered: Check = (caller, c) =>
  c.jointNotices.some((n) => n.departmentId === caller.departmentId && n.answered)
    ? refuse("OPINION_ALREADY_GIVEN", "C3.3", "本部门已出具联办意见。", UserErrorCode.DUPLICATE)
    : ALLOWED;
const holdsLetter: Check = (caller) =>
  caller.letterCovers ? ALLOWED : refuse("NO_COVERING_LETTER", "A2", "您没有覆盖该事项的有效授权委托书；只有持有人可以准予或不予许可。");
const decidesHere: Check = (caller, c) => {
  const here =
    caller.role === Role.TOWNSHIP_CLERK
      ? caller.pointId === c.handlingPointId
      : caller.role === Role.WINDOW_CLERK
        ? c.handlingAtCity && caller.windowId === c.windowId // the chief representative decides at his own window
        : c.handlingAtCity;
  return here ? ALLOWED : refuse("DECIDED_ELSEWHERE", "A2", "该办件由其受理网点决定，不在您的授权委托书范围内。");
};
/** A1 extended: a window's chief representative decides only IMMEDIATE cases (the listed items, in one sitting). */
const immediateAtWindow: Check = (caller, c) =>
  caller.role !== Role.WINDOW_CLERK || c.snapshot.kind === CaseKind.IMMEDIATE
    ? ALLOWED
    : refuse("LETTER_IMMEDIATE_ONLY", "A1", "窗口首席代表只在窗口决定授权委托书所列事项的即办件；承办件、联办件由部门分管领导决定。", UserErrorCode.RULE_VIOLATION);
const sectionChief: Check = (caller, c) =>
  caller.role === Role.SECTION_CHIEF && caller.departmentId === c.itemDepartmentId
    ? ALLOWED
    : refuse("NOT_SECTION_CHIEF", "A4", "审查意见只由事项所属部门的审批股长出具。");
const notYetReviewed: Check = (_caller, c) =>
  c.review.given ? refuse("REVIEW_ALREADY_GIVEN", "A4", "该办件已有审查意见。", UserErrorCode.DUPLICATE) : ALLOWED;
/** A4: the case waits for the approval section's review before anyone may decide it (shown on the case page as well). */
export const awaitsReview = (c: Pick<CaseFacts, "review" | "snapshot">): boolean =>
  c.snapshot.status === CaseStatus.IN_REVIEW && c.review.required && !c.review.given && (c.snapshot.kind === CaseKind.COMMITTED || c.snapshot.kind === CaseKind.JOINT);
const reviewedWhereRequired: Check = (_caller, c) =>
  awaitsReview(c)
    ? refuse("REVIEW_REQUIRED", "A4", "该事项的办事程序规定先经审批股审查；审批股长出具审查意见后才能决定。", UserErrorCode.RULE_VIOLATION)
    : ALLOWED;
const allOpinionsIn: Check = (_caller, c) =>
  c.jointNotices.some((n) => !n.answered)
    ? refuse("WAITING_FOR_OPINIONS", "C3.3", "尚有协办部门未出具联办意见；全部出具后由牵头部门决定。", UserErrorCode.RULE_VIOLATION)
    : ALLOWED;
const feesPaid: Check = (_caller, c) =>
  c.fees.unpaid
    ? refuse("UNPAID_CHARGES", "C7", "该办件尚有未缴清的费用；缴费后才能回传或送达办理结果。", UserErrorCode.C7_UNPAID_CHARGES)
    : ALLOWED;
const itemHasStandard: Check = (_caller, c) =>
  c.fees.chargeable ? ALLOWED : refuse("NO_FEE_STANDARD", "F2", "该事项没有收费标准，不得收费。", UserErrorCode.F2_NO_STANDARD);
const somethingDue: Check = (_caller, c) =>
  c.fees.unpaid ? ALLOWED : refuse("NOTHING_TO_REDUCE", "F2", "该办件没有待缴的费用可以减免。", UserErrorCode.F2_CHARGE_NOT_OPEN);
const noSupplementYet: Check = (_caller, c) =>
  c.hasSupplementNotice
    ? refuse("SUPPLEMENT_ALREADY_ISSUED", "C3.6", "该办件已出具一次性告知书，缺少的材料只告知一次。", UserErrorCode.RULE_VIOLATION)
    : ALLOWED;

const printsNotices: Check = (caller, c) =>
  canPrintNotices(caller, c) ? ALLOWED : refuse("NOT_AT_COUNTER", "E1", "撤回和作废申请由登记网点的窗口或受理窗口办理。");
const noVoidWaiting: Check = (_caller, c) =>
  c.voidRequestedById === null ? ALLOWED : refuse("VOID_ALREADY_REQUESTED", "E2", "该办件已有待批准的作废申请。", UserErrorCode.RULE_VIOLATION);
const voidWaiting: Check = (_caller, c) =>
  c.voidRequestedById !== null ? ALLOWED : refuse("NO_VOID_REQUEST", "E2", "该办件没有待批准的作废申请。", UserErrorCode.RULE_VIOLATION);
const voidApprover: Check = (caller, c) =>
  caller.role === Role.CENTER_ADMIN || (caller.role === Role.TOWNSHIP_CLERK && caller.pointId !== null && caller.pointId === c.registeredPointParentId)
    ? ALLOWED
    : refuse("NOT_VOID_APPROVER", "E2", "作废须由中心管理员（村级登记的由所属乡镇窗口人员）批准。");
const secondPerson: Check = (caller, c) =>
  caller.staffId !== c.voidRequestedById ? ALLOWED : refuse("SAME_PERSON", "E2", "作废须由申请人以外的第二人批准。");

const tokenScope =
  (scope: TokenScope): Check =>
  (caller) =>
    hasScope(caller, scope) ? ALLOWED : missingScope(scope);
const registeredByThisToken: Check = (caller, c) =>
  caller.tokenId != null && c.registeredByTokenId === caller.tokenId ? ALLOWED : refuse("NOT_TOKEN_CASE", "T1", "该办件不是由本令牌登记的。");

/** T1: the acts a token may take, with their checks; every other act is refused to tokens. */
const TOKEN_ACT_CHECKS: Partial<Record<CaseAct, readonly Check[]>> = {
  WITHDRAW: [tokenScope("cases:write"), readable, registeredByThisToken, state("END")],
  ATTACH_MATERIALS: [tokenScope("cases:write"), readable, registeredByThisToken, state("END")],
};
const tokenOnly: Check = () => refuse("TOKEN_ACT_ONLY", "T1", "补传电子材料只供网上渠道的接口令牌使用；窗口收取材料在登记或补齐材料时办理。");

/** Each act's checks, in the order their refusals are reported. */
const ACT_CHECKS: Record<CaseAct, readonly Check[]> = {
  HAND_OVER: [readable, state("HAND_OVER"), holdingFile],
  ACCEPT: [readable, atHandlingWindow, state("ACCEPT")],
  ISSUE_SUPPLEMENT: [readable, atHandlingWindow, noSupplementYet, state("ACCEPT")],
  COMPLETE_SUPPLEMENT: [readable, atHandlingWindow, state("COMPLETE_SUPPLEMENT")],
  RETURN: [readable, atHandlingWindow, state("ACCEPT")],
  PAUSE: [readable, atHandlingWindow, state("PAUSE")],
  RESUME: [readable, atHandlingWindow, state("RESUME")],
  FORWARD_UP: [readable, atHandlingWindow, state("FORWARD_UP")],
  RECORD_REPLY: [readable, atHandlingWindow, state("RECORD_REPLY")],
  EXTEND: [headOfDepartment, state("EXTEND")],
  JOINT_OPINION: [notifiedCoDepartment, state("JOINT_OPINION"), notYetAnswered],
  REVIEW: [readable, sectionChief, state("REVIEW"), notYetReviewed],
  DECIDE: [readable, holdsLetter, decidesHere, immediateAtWindow, state("DECIDE"), allOpinionsIn, reviewedWhereRequired],
  HAND_BACK: [readable, state("HAND_BACK"), holdingFile, feesPaid],
  CLOSE: [readable, state("CLOSE"), holdingFile, feesPaid],
  CHARGE: [readable, atHandlingWindow, itemHasStandard, state("CHARGE")],
  REDUCE_CHARGE: [readable, holdsLetter, state("CHARGE"), somethingDue],
  WITHDRAW: [readable, printsNotices, state("END")],
  REQUEST_VOID: [readable, printsNotices, state("END"), noVoidWaiting],
  APPROVE_VOID: [readable, voidApprover, state("END"), voidWaiting, secondPerson],
  REJECT_VOID: [readable, voidApprover, state("END"), voidWaiting],
  ATTACH_MATERIALS: [tokenOnly],
};

/** Whether the caller may take `act` on the case now: the first refusal, or allowed. */
export function canAct(caller: PolicyCaller, c: CaseFacts, act: CaseAct): PolicyAnswer {
  const checks = caller.kind === "token" ? TOKEN_ACT_CHECKS[act] : caller.kind === "staff" && caller.role !== null ? ACT_CHECKS[act] : undefined;
  if (!checks) return refuse("NOT_STAFF", "C2", "只有工作人员可以办理办件。");
  for (const check of checks) {
    const answer = check(caller, c);
    if (!answer.allowed) return answer;
  }
  return ALLOWED;
}

/** Every act the caller may take on the case now, in the enum's order. */
export function availableActs(caller: PolicyCaller, c: CaseFacts): CaseAct[] {
  return Object.values(CaseAct).filter((act) => canAct(caller, c, act).allowed);
}

// ---------------------------------------------------------------- lists

/** A SQL condition over the case table's alias, with its parameters; `null` means every case. */
export interface SqlScope {
  where: string;
  params: Record<string, unknown>;
}

/**
 * R1–R8 as SQL, for list queries (alias `a` of case_file): the same cases `canRead` allows. Each
 * branch is an equality on an indexed column or a small subquery, so a list keeps its index and its
 * keyset order.
 */
export function caseScope(caller: PolicyCaller, a = "c"): SqlScope | null {
  const none = { where: "1 = 0", params: {} };
  if (caller.kind === "token") return tokenScopeSql(caller, a);
  if (caller.kind !== "staff" || caller.role === null) return none;
  if (OVERSEERS.has(caller.role)) return null;
  const branches = [`${a}.registeredById = :polStaff`];
  const params: Record<string, unknown> = { polStaff: caller.staffId };
  if (caller.windowId !== null) {
    branches.push(`${a}.windowId = :polWindow`);
    params.polWindow = caller.windowId;
  }
  if (DEPARTMENT_ROLES.has(caller.role) && caller.departmentId !== null) {
    branches.push(`${a}.itemId IN (SELECT si.id FROM service_item si WHERE si."departmentId" = :polDept)`);
    branches.push(`EXISTS (SELECT 1 FROM joint_notice jn WHERE jn."caseId" = ${a}.id AND jn."departmentId" = :polDept)`);
    params.polDept = caller.departmentId;
  }
  if (POINT_ROLES.has(caller.role) && caller.pointId !== null) {
    branches.push(`${a}.registeredPointId = :polPoint`, `${a}.currentPointId = :polPoint`, `${a}.handlingPointId = :polPoint`);
    if (caller.role === Role.TOWNSHIP_CLERK) branches.push(`${a}.registeredPointId IN (SELECT sp.id FROM service_point sp WHERE sp."parentId" = :polPoint)`);
    params.polPoint = caller.pointId;
  }
  if (caller.role === Role.FINANCE_CLERK && caller.pointId !== null) {
    branches.push(`(${a}.handlingPointId = :polFinPoint AND EXISTS (SELECT 1 FROM case_charge cc WHERE cc."caseId" = ${a}.id))`); // R9
    params.polFinPoint = caller.pointId;
  }
  return { where: `(${branches.join(" OR ")})`, params };
}

/** R2/R2b as SQL: the cases of the bound points (all when none), and those the token registered. */
function tokenScopeSql(caller: PolicyCaller, a: string): SqlScope | null {
  const branches: string[] = [];
  const params: Record<string, unknown> = {};
  if (hasScope(caller, "cases:read")) {
    const points = boundPointsSql(caller, a);
    if (!points) return null;
    branches.push(points.where);
    Object.assign(params, points.params);
  }
  if (hasScope(caller, "cases:write") && caller.tokenId != null) {
    branches.push(`${a}.id IN (SELECT tr."caseId" FROM token_case_ref tr WHERE tr."tokenId" = :polToken)`);
    params.polToken = caller.tokenId;
  }
  return branches.length ? { where: `(${branches.join(" OR ")})`, params } : { where: "1 = 0", params: {} };
}

/** R2's point rule (`atBoundPoint`) as SQL; null when the token is bound to no point (every case). */
function boundPointsSql(caller: PolicyCaller, a: string): SqlScope | null {
  const bound = caller.pointIds ?? [];
  if (!bound.length) return null;
  return { where: `(${a}.registeredPointId IN (:...polTokPoints) OR ${a}.currentPointId IN (:...polTokPoints) OR ${a}.handlingPointId IN (:...polTokPoints))`, params: { polTokPoints: [...bound] } };
}

/**
 * R2e: the cases an export (case-export.ts) may contain. A token with `cases:export`: R2's bound
 * points (every case when bound to none), whatever its other scopes; staff: `caseScope`.
 */
export function caseExportScope(caller: PolicyCaller, a = "c"): SqlScope | null {
  if (caller.kind !== "token") return caseScope(caller, a);
  return hasScope(caller, "cases:export") ? boundPointsSql(caller, a) : { where: "1 = 0", params: {} };
}

/**
 * A2's "decides here" as SQL (decisionsAwaiting): a township clerk his township's cases, a window's
 * chief representative the IMMEDIATE cases of his window, department heads the city's; and A4: cases
 * whose item names the review step only once the review opinion is given.
 */
export function decidesHereScope(caller: PolicyCaller, a = "c"): SqlScope {
  const reviewed = `(${a}.kind NOT IN ('${CaseKind.COMMITTED}', '${CaseKind.JOINT}') OR EXISTS (SELECT 1 FROM case_review r WHERE r."caseId" = ${a}.id) OR ${a}.itemId IN (SELECT si.id FROM service_item si WHERE si."reviewRequired" = :polNoReview))`;
  const params = { polNoReview: false };
  if (caller.role === Role.TOWNSHIP_CLERK) return { where: `${a}.handlingPointId = :polHere AND ${reviewed}`, params: { ...params, polHere: caller.pointId } };
  if (caller.role === Role.WINDOW_CLERK) {
    return { where: `${a}.windowId = :polHereWindow AND ${a}.kind = '${CaseKind.IMMEDIATE}' AND ${a}.handlingPointId IN (SELECT sp.id FROM service_point sp WHERE sp.level = 'CITY')`, params: { polHereWindow: caller.windowId } };
  }
  return { where: `${a}.handlingPointId IN (SELECT sp.id FROM service_point sp WHERE sp.level = 'CITY') AND ${reviewed}`, params };
}

/** A4 as SQL (reviewsAwaiting): COMMITTED and JOINT cases under review of the section chief's department, not yet reviewed. */
export function reviewScope(caller: PolicyCaller, a = "c"): SqlScope {
  if (caller.role !== Role.SECTION_CHIEF || caller.departmentId === null) return { where: "1 = 0", params: {} };
  return {
    where: `${a}.status = 'IN_REVIEW' AND ${a}.kind IN ('${CaseKind.COMMITTED}', '${CaseKind.JOINT}') AND ${a}.itemId IN (SELECT si.id FROM service_item si WHERE si."departmentId" = :polReviewDept) AND NOT EXISTS (SELECT 1 FROM case_review r WHERE r."caseId" = ${a}.id)`,
    params: { polReviewDept: caller.departmentId },
  };
}

/** Who may open a window's queue at all (its rows are then scoped by `caseScope`). */
export function canListWindow(caller: PolicyCaller, window: { id: number; pointId: number; departmentId: number | null }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return (
    isOverseer(caller) ||
    caller.windowId === window.id ||
    (caller.role === Role.TOWNSHIP_CLERK && caller.pointId === window.pointId) ||
    (caller.departmentId !== null && caller.departmentId === window.departmentId)
  );
}

/** Who may open a point's ledger (its own point, or a township the village below it); rows are scoped by `caseScope`. */
export function canListLedger(caller: PolicyCaller, point: { id: number; parentId: number | null }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return isOverseer(caller) || caller.pointId === point.id || (caller.role === Role.TOWNSHIP_CLERK && point.parentId === caller.pointId);
}

/**
 * Whether `caseScope` lets the caller read every case `point` registered: then its ledger needs no row filter.
 * (With the filter's OR of branches the planner misjudges how many rows match and sorts the point's whole history
 * instead of paging IDX_case_file_ledger; tests/bench/README.md, "Ten million cases".) Mirrors caseScope's branches.
 */
export function readsWholeLedger(caller: PolicyCaller, point: { id: number; parentId: number | null }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  if (OVERSEERS.has(caller.role)) return true;
  if (!POINT_ROLES.has(caller.role) || caller.pointId === null) return false;
  return caller.pointId === point.id || (caller.role === Role.TOWNSHIP_CLERK && point.parentId === caller.pointId);
}

/**
 * Whether every case of this window is one the caller may read anyway, so that its queue needs no policy filter:
 * overseers, and the window's own staff (caseScope's `windowId = :polWindow` branch). With the filter's OR of
 * branches the planner misjudges how many rows match and sorts all the window's open cases instead of paging
 * IDX_case_file_queue_open in key order (tests/bench/README.md). Mirrors caseScope's branches.
 */
export function readsWholeWindow(caller: PolicyCaller, window: { id: number }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return OVERSEERS.has(caller.role) || caller.windowId === window.id;
}

/** Who may list the files now at a point; rows are scoped by `caseScope`. */
export function canListAtPoint(caller: PolicyCaller, point: { id: number }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return isOverseer(caller) || caller.pointId === point.id;
}

/** H1: who may print a point's hand-over lists (移交清单); rows are scoped by `caseScope`. */
export function canPrintHandOverList(caller: PolicyCaller, point: { id: number; parentId: number | null }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return isOverseer(caller) || caller.pointId === point.id || (caller.role === Role.TOWNSHIP_CLERK && point.parentId === caller.pointId);
}

// ---------------------------------------------------------------- who holds the case, what happens next

/** What happens next on a case (Case.nextStep.code): the SPA words it (cases.nextStep.<code>). */
export enum NextStepCode {
  HAND_OVER = "HAND_OVER",
  ACCEPT = "ACCEPT",
  SUPPLEMENT = "SUPPLEMENT",
  PAUSED = "PAUSED",
  FORWARD_UP = "FORWARD_UP",
  HIGHER_REPLY = "HIGHER_REPLY",
  JOINT_OPINIONS = "JOINT_OPINIONS",
  REVIEW = "REVIEW",
  DECISION = "DECISION",
  PAYMENT = "PAYMENT",
  HAND_BACK = "HAND_BACK",
  DELIVER = "DELIVER",
  VOID_APPROVAL = "VOID_APPROVAL",
  DONE = "DONE",
}
registerEnumType(NextStepCode, {
  name: "NextStepCode",
  description: "What happens next on a case, and so who holds it (Case.nextStep).",
  valuesConfig: {
    HAND_OVER: { description: "移交: the point where the file is passes it one point up (C2)" },
    ACCEPT: { description: "受理: the handling window accepts, returns or asks for a supplement (N4, C3)" },
    SUPPLEMENT: { description: "补正: the applicant brings the missing materials to the handling window (C3.6)" },
    PAUSED: { description: "特别程序: the clock is stopped; the handling window resumes it (art. 45)" },
    FORWARD_UP: { description: "报送: the handling window forwards the case to the higher authority (C3.4)" },
    HIGHER_REPLY: { description: "等待上级答复: the higher authority answers; the handling window records it (C3.4)" },
    JOINT_OPINIONS: { description: "联办意见: notified co-departments give their opinions (C3.3)" },
    REVIEW: { description: "审查: the approval section chief records the review opinion before the decision (A4)" },
    DECISION: { description: "决定: a holder of a letter decides — the department's heads (city) or the township's clerk (A2)" },
    PAYMENT: { description: "缴费: the applicant pays the charges at the finance window (F3, C7)" },
    HAND_BACK: { description: "回传: the result goes one point back towards the applicant (C2)" },
    DELIVER: { description: "送达销号: the registering point delivers the result and closes the case (C7)" },
    VOID_APPROVAL: { description: "作废审批: a second person approves or rejects the void (E2)" },
    DONE: { description: "已销号: nothing more to do" },
  },
});

/** Who holds a case now (Case.nextStep.holder). */
export enum HolderKind {
  POINT = "POINT",
  WINDOW = "WINDOW",
  DEPARTMENT = "DEPARTMENT",
  APPLICANT = "APPLICANT",
  HIGHER_AUTHORITY = "HIGHER_AUTHORITY",
  CENTER_ADMIN = "CENTER_ADMIN",
  NONE = "NONE",
}
registerEnumType(HolderKind, { name: "HolderKind", description: "Who holds a case now: a point's counter, a window, a department, the applicant, the higher authority, the centre's admin, or nobody (closed).", valuesConfig: {
    NONE: { description: "Nobody: the case has ended." },
    CENTER_ADMIN: { description: "The centre's admin (a void waiting for approval)." },
    HIGHER_AUTHORITY: { description: "The higher authority the case was reported to." },
    APPLICANT: { description: "The applicant (materials to supplement, fees to pay, result to collect)." },
    DEPARTMENT: { description: "A department (opinion, review or decision)." },
    WINDOW: { description: "A window of the handling point." },
    POINT: { description: "A service point's counter (village or township)." },
  } });

/** The next step and its holder, as ids (the resolver adds names and, where one person works there, the person). */
export interface NextStepFacts {
  code: NextStepCode;
  holder: HolderKind;
  pointId: number | null;
  windowId: number | null;
  departmentId: number | null;
  /** Co-departments still to answer (JOINT_OPINIONS). */
  waitingFor: number;
}

/** The acts that take each next step (NextStep.yours: the caller may take one of them now). */
export const NEXT_STEP_ACTS: Record<NextStepCode, readonly CaseAct[]> = {
  HAND_OVER: [CaseAct.HAND_OVER],
  ACCEPT: [CaseAct.ACCEPT, CaseAct.ISSUE_SUPPLEMENT, CaseAct.RETURN],
  SUPPLEMENT: [CaseAct.COMPLETE_SUPPLEMENT],
  PAUSED: [CaseAct.RESUME],
  FORWARD_UP: [CaseAct.FORWARD_UP],
  HIGHER_REPLY: [CaseAct.RECORD_REPLY],
  JOINT_OPINIONS: [CaseAct.JOINT_OPINION],
  REVIEW: [CaseAct.REVIEW],
  DECISION: [CaseAct.DECIDE],
  PAYMENT: [],
  HAND_BACK: [CaseAct.HAND_BACK],
  DELIVER: [CaseAct.CLOSE],
  VOID_APPROVAL: [CaseAct.APPROVE_VOID, CaseAct.REJECT_VOID],
  DONE: [],
};

/**
 * Who holds the case now and what happens next, from its state and the same facts the acts read
 * (C2 file holder, N4 handling window, A2 decides here, C3.3 opinions, C7 fees, E2 void). The order
 * follows the acts: a void waiting blocks everything, unpaid charges block the result.
 */
export function nextStepOf(c: CaseFacts): NextStepFacts {
  const step = (code: NextStepCode, holder: HolderKind, ids: Partial<Pick<NextStepFacts, "pointId" | "windowId" | "departmentId" | "waitingFor">> = {}): NextStepFacts => ({
    code,
    holder,
    pointId: null,
    windowId: null,
    departmentId: null,
    waitingFor: 0,
    ...ids,
  });
  const s = c.snapshot;
  if (s.status === "CLOSED") return step(NextStepCode.DONE, HolderKind.NONE);
  if (c.voidRequestedById !== null) {
    return c.registeredPointParentId !== null
      ? step(NextStepCode.VOID_APPROVAL, HolderKind.POINT, { pointId: c.registeredPointParentId })
      : step(NextStepCode.VOID_APPROVAL, HolderKind.CENTER_ADMIN);
  }
  // The file's holder (C2): at the handling point its handling window, on the way the counter where it is.
  const fileHolder = (code: NextStepCode) =>
    c.currentPointId === c.handlingPointId ? step(code, HolderKind.WINDOW, { windowId: c.windowId, pointId: c.handlingPointId }) : step(code, HolderKind.POINT, { pointId: c.currentPointId });
  const window = (code: NextStepCode) => step(code, HolderKind.WINDOW, { windowId: c.windowId, pointId: c.handlingPointId });
  switch (s.status) {
    case "REGISTERED":
      return c.currentPointId === c.handlingPointId ? window(NextStepCode.ACCEPT) : fileHolder(NextStepCode.HAND_OVER);
    case "SUPPLEMENT":
      return step(NextStepCode.SUPPLEMENT, HolderKind.APPLICANT, { windowId: c.windowId, pointId: c.handlingPointId });
    case "IN_REVIEW": {
      if (s.paused) return window(NextStepCode.PAUSED);
      if (s.kind === "REPORTED_UP") return s.forwarded ? step(NextStepCode.HIGHER_REPLY, HolderKind.HIGHER_AUTHORITY, { windowId: c.windowId, pointId: c.handlingPointId }) : window(NextStepCode.FORWARD_UP);
      const waiting = c.jointNotices.filter((n) => !n.answered);
      if (waiting.length) return step(NextStepCode.JOINT_OPINIONS, HolderKind.DEPARTMENT, { departmentId: waiting[0].departmentId, waitingFor: waiting.length });
      if (awaitsReview(c)) return step(NextStepCode.REVIEW, HolderKind.DEPARTMENT, { departmentId: c.itemDepartmentId });
      return c.handlingAtCity
        ? step(NextStepCode.DECISION, HolderKind.DEPARTMENT, { departmentId: c.itemDepartmentId })
        : step(NextStepCode.DECISION, HolderKind.POINT, { pointId: c.handlingPointId });
    }
    default: // DECIDED
      if (c.fees.unpaid) return step(NextStepCode.PAYMENT, HolderKind.APPLICANT, { pointId: c.handlingPointId });
      return fileHolder(c.currentPointId === c.registeredPointId ? NextStepCode.DELIVER : NextStepCode.HAND_BACK);
  }
}

/** Who may open a department's counts (its own staff, or overseers); rows and counts are scoped by `caseScope`. */
export function canListDepartment(caller: PolicyCaller, department: { id: number }): boolean {
  if (caller.kind !== "staff" || caller.role === null) return false;
  return isOverseer(caller) || caller.departmentId === department.id;
}
