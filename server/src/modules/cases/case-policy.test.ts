import { describe, expect, it } from "vitest";
import { CaseKind } from "../catalogue/enums";
import { Role } from "../staff/role";
import { availableActs, canAct, canPrintNotices, canRead, CaseAct, caseScope, HolderKind, NEXT_STEP_ACTS, nextStepOf, NextStepCode, type CaseFacts, type PolicyCaller } from "./case-policy";
import { CaseStatus } from "./case.enums";

// A city case of department 7 at window 12 (point 1), registered by agent 900 at village 40 under township 3.
const base: CaseFacts = {
  registeredById: 900,
  windowId: 12,
  itemDepartmentId: 7,
  jointNotices: [],
  registeredPointId: 40,
  registeredPointParentId: 3,
  currentPointId: 1,
  handlingPointId: 1,
  handlingAtCity: true,
  hasSupplementNotice: false,
  review: { required: false, given: false },
  fees: { chargeable: false, charged: false, unpaid: false },
  voidRequestedById: null,
  snapshot: { status: CaseStatus.DECIDED, kind: CaseKind.COMMITTED, atHandlingPoint: true, atRegistrationPoint: false, paused: false, forwarded: false, hasExtension: false },
};
const staff = (role: Role, unit: Partial<PolicyCaller> = {}): PolicyCaller => ({ kind: "staff", staffId: 1, role, pointId: 1, windowId: null, departmentId: null, scopes: [], ...unit });
const clerk = (windowId: number) => staff(Role.WINDOW_CLERK, { windowId });

describe("case policy", () => {
  it("R3: a city clerk reads his window's cases only; R1 overseers read all", () => {
    expect(canRead(clerk(12), base).allowed).toBe(true);
    expect(canRead(clerk(13), base)).toMatchObject({ allowed: false, code: "CASE_NOT_VISIBLE", rule: "C2" });
    expect(canRead(staff(Role.SUPERVISOR), base).allowed).toBe(true);
  });

  it("R5/R6: department staff read their items' cases and joint cases they were notified of", () => {
    expect(canRead(staff(Role.SECTION_CHIEF, { departmentId: 7 }), base).allowed).toBe(true);
    expect(canRead(staff(Role.SECTION_CHIEF, { departmentId: 8 }), base).allowed).toBe(false);
    expect(canRead(staff(Role.SECTION_CHIEF, { departmentId: 8 }), { ...base, jointNotices: [{ departmentId: 8, answered: false }] }).allowed).toBe(true);
  });

  it("R7/R8: the village and the township above it read the case; another township does not", () => {
    expect(canRead(staff(Role.VILLAGE_AGENT, { pointId: 40, staffId: 2 }), base).allowed).toBe(true);
    expect(canRead(staff(Role.TOWNSHIP_CLERK, { pointId: 3 }), base).allowed).toBe(true);
    expect(canRead(staff(Role.TOWNSHIP_CLERK, { pointId: 4 }), base).allowed).toBe(false);
  });

  it("C2/N4: at the city, only the handling window hands a result back — not any city clerk", () => {
    expect(canAct(clerk(12), base, CaseAct.HAND_BACK).allowed).toBe(true);
    expect(canAct(clerk(13), base, CaseAct.HAND_BACK)).toMatchObject({ allowed: false, rule: "C2" });
    expect(availableActs(clerk(12), base)).toEqual([CaseAct.HAND_BACK]);
  });

  it("state refusals keep case-rules.ts' rule and code", () => {
    expect(canAct(clerk(12), base, CaseAct.CLOSE)).toMatchObject({ allowed: false, code: "INVALID_IN_STATE", rule: "C7", error: "RULE_VIOLATION" });
  });

  it("A2: a decision needs a covering letter and the handling level", () => {
    const review = { ...base, snapshot: { ...base.snapshot, status: CaseStatus.IN_REVIEW } };
    const deputy = staff(Role.DEPUTY_DIRECTOR, { departmentId: 7 });
    expect(canAct(deputy, review, CaseAct.DECIDE)).toMatchObject({ allowed: false, code: "NO_COVERING_LETTER", rule: "A2" });
    expect(canAct({ ...deputy, letterCovers: true }, review, CaseAct.DECIDE).allowed).toBe(true);
    expect(canAct({ ...deputy, letterCovers: true }, { ...review, handlingAtCity: false, handlingPointId: 3 }, CaseAct.DECIDE)).toMatchObject({ code: "DECIDED_ELSEWHERE" });
  });

  it("A1 extended: a window's chief representative decides the IMMEDIATE cases of his own window under a covering letter", () => {
    const immediate = { ...base, snapshot: { ...base.snapshot, status: CaseStatus.IN_REVIEW, kind: CaseKind.IMMEDIATE } };
    expect(canAct({ ...clerk(12), letterCovers: true }, immediate, CaseAct.DECIDE).allowed).toBe(true);
    expect(canAct(clerk(12), immediate, CaseAct.DECIDE)).toMatchObject({ allowed: false, code: "NO_COVERING_LETTER", rule: "A2" });
    expect(canAct({ ...clerk(13), letterCovers: true }, immediate, CaseAct.DECIDE)).toMatchObject({ allowed: false, code: "CASE_NOT_VISIBLE" });
    const committed = { ...immediate, snapshot: { ...immediate.snapshot, kind: CaseKind.COMMITTED } };
    expect(canAct({ ...clerk(12), letterCovers: true }, committed, CaseAct.DECIDE)).toMatchObject({ allowed: false, code: "LETTER_IMMEDIATE_ONLY", rule: "A1" });
    expect(canAct({ ...clerk(12), letterCovers: true }, { ...immediate, handlingAtCity: false }, CaseAct.DECIDE)).toMatchObject({ code: "DECIDED_ELSEWHERE" });
  });

  it("A4: the item's section chief reviews COMMITTED and JOINT cases once; where the procedure names the step, no decision before it", () => {
    const review = { ...base, snapshot: { ...base.snapshot, status: CaseStatus.IN_REVIEW }, review: { required: true, given: false } };
    const chief = staff(Role.SECTION_CHIEF, { departmentId: 7 });
    const deputy = { ...staff(Role.DEPUTY_DIRECTOR, { departmentId: 7 }), letterCovers: true };
    expect(availableActs(chief, review)).toEqual([CaseAct.REVIEW]);
    expect(canAct(deputy, review, CaseAct.DECIDE)).toMatchObject({ allowed: false, code: "REVIEW_REQUIRED", rule: "A4" });
    expect(canAct(deputy, review, CaseAct.REVIEW)).toMatchObject({ allowed: false, code: "NOT_SECTION_CHIEF", rule: "A4" });
    expect(canAct(staff(Role.SECTION_CHIEF, { departmentId: 8 }), { ...review, jointNotices: [{ departmentId: 8, answered: true }] }, CaseAct.REVIEW)).toMatchObject({ code: "NOT_SECTION_CHIEF" });
    const reviewed = { ...review, review: { required: true, given: true } };
    expect(canAct(deputy, reviewed, CaseAct.DECIDE).allowed).toBe(true);
    expect(canAct(chief, reviewed, CaseAct.REVIEW)).toMatchObject({ allowed: false, code: "REVIEW_ALREADY_GIVEN", error: "DUPLICATE" });
    expect(canAct(deputy, { ...review, review: { required: false, given: false } }, CaseAct.DECIDE).allowed).toBe(true);
    const immediate = { ...review, snapshot: { ...review.snapshot, kind: CaseKind.IMMEDIATE } };
    expect(canAct(deputy, immediate, CaseAct.DECIDE).allowed).toBe(true);
    expect(canAct(chief, immediate, CaseAct.REVIEW)).toMatchObject({ allowed: false, code: "INVALID_IN_STATE", rule: "A4" });
  });

  it("Q1: the query code for the registering point and the handling window, not for overseers or departments", () => {
    expect(canPrintNotices(staff(Role.VILLAGE_AGENT, { pointId: 40, staffId: 2 }), base)).toBe(true);
    expect(canPrintNotices(clerk(12), base)).toBe(true);
    expect(canPrintNotices(staff(Role.SUPERVISOR), base)).toBe(false);
    expect(canPrintNotices(staff(Role.DIRECTOR, { departmentId: 7 }), base)).toBe(false);
  });

  it("lists: overseers unscoped, anonymous none, a clerk his window or what he registered", () => {
    expect(caseScope(staff(Role.CENTER_ADMIN))).toBeNull();
    expect(caseScope({ ...staff(Role.CENTER_ADMIN), kind: "anonymous", role: null })).toEqual({ where: "1 = 0", params: {} });
    expect(caseScope(clerk(12))).toEqual({ where: "(c.registeredById = :polStaff OR c.windowId = :polWindow)", params: { polStaff: 1, polWindow: 12 } });
  });
  it("C7: unpaid charges hold the result; F2: the handling window charges, a letter holder reduces; R9: the finance clerk of the point reads charged cases", () => {
    const unpaid = { ...base, fees: { chargeable: true, charged: true, unpaid: true } };
    expect(canAct(clerk(12), base, CaseAct.HAND_BACK).allowed).toBe(true);
    expect(canAct(clerk(12), unpaid, CaseAct.HAND_BACK)).toMatchObject({ allowed: false, code: "UNPAID_CHARGES", rule: "C7" });
    expect(canAct(clerk(12), unpaid, CaseAct.CHARGE).allowed).toBe(true);
    expect(canAct(clerk(13), unpaid, CaseAct.CHARGE)).toMatchObject({ allowed: false, code: "CASE_NOT_VISIBLE" });
    expect(canAct(staff(Role.TOWNSHIP_CLERK, { pointId: 40 }), unpaid, CaseAct.CHARGE)).toMatchObject({ allowed: false, code: "NOT_HANDLING_WINDOW", rule: "N4" });
    expect(canAct(clerk(12), base, CaseAct.CHARGE)).toMatchObject({ allowed: false, code: "NO_FEE_STANDARD", rule: "F2" });
    const deputy = staff(Role.DEPUTY_DIRECTOR, { departmentId: 7 });
    expect(canAct({ ...deputy, letterCovers: true }, unpaid, CaseAct.REDUCE_CHARGE).allowed).toBe(true);
    expect(canAct(deputy, unpaid, CaseAct.REDUCE_CHARGE)).toMatchObject({ allowed: false, code: "NO_COVERING_LETTER", rule: "A2" });
    expect(canAct({ ...deputy, letterCovers: true }, base, CaseAct.REDUCE_CHARGE)).toMatchObject({ allowed: false, code: "NOTHING_TO_REDUCE" });
    const finance = staff(Role.FINANCE_CLERK, { windowId: 50, pointId: 1 });
    expect(canRead(finance, base).allowed).toBe(false);
    expect(canRead(finance, unpaid).allowed).toBe(true);
    expect(canRead({ ...finance, pointId: 2 }, unpaid).allowed).toBe(false);
  });

  it("E1/E2: withdrawal and void requests before a decision at the counter; a void approved by a second person", () => {
    const review = { ...base, snapshot: { ...base.snapshot, status: CaseStatus.IN_REVIEW } };
    expect(canAct(clerk(12), review, CaseAct.WITHDRAW).allowed).toBe(true);
    expect(canAct(clerk(12), base, CaseAct.WITHDRAW)).toMatchObject({ allowed: false, code: "INVALID_IN_STATE", rule: "§6" });
    expect(canAct(staff(Role.SUPERVISOR), review, CaseAct.WITHDRAW)).toMatchObject({ allowed: false, code: "NOT_AT_COUNTER", rule: "E1" });
    const agent = staff(Role.VILLAGE_AGENT, { pointId: 40, staffId: 900 });
    expect(canAct(agent, review, CaseAct.REQUEST_VOID).allowed).toBe(true);
    const asked = { ...review, voidRequestedById: 900 };
    expect(canAct(agent, asked, CaseAct.REQUEST_VOID)).toMatchObject({ allowed: false, code: "VOID_ALREADY_REQUESTED" });
    expect(canAct(staff(Role.TOWNSHIP_CLERK, { pointId: 3, staffId: 5 }), asked, CaseAct.APPROVE_VOID).allowed).toBe(true);
    expect(canAct(staff(Role.TOWNSHIP_CLERK, { pointId: 4, staffId: 5 }), asked, CaseAct.APPROVE_VOID)).toMatchObject({ allowed: false, code: "CASE_NOT_VISIBLE" });
    expect(canAct(staff(Role.CENTER_ADMIN, { staffId: 900 }), asked, CaseAct.APPROVE_VOID)).toMatchObject({ allowed: false, code: "SAME_PERSON", rule: "E2" });
    expect(canAct(staff(Role.CENTER_ADMIN), review, CaseAct.APPROVE_VOID)).toMatchObject({ allowed: false, code: "NO_VOID_REQUEST" });
    expect(canAct(clerk(12), asked, CaseAct.APPROVE_VOID)).toMatchObject({ allowed: false, code: "NOT_VOID_APPROVER" });
  });

  it("next step: who holds the case at each state, as ids (the resolver names them)", () => {
    const at = (status: CaseStatus, more: Partial<CaseFacts> = {}, snap: Partial<CaseFacts["snapshot"]> = {}) =>
      nextStepOf({ ...base, ...more, snapshot: { ...base.snapshot, status, ...snap } });
    // Registered at the village, on its way: the village's counter hands it over; at the city, the window accepts.
    expect(at(CaseStatus.REGISTERED, { currentPointId: 40 })).toMatchObject({ code: NextStepCode.HAND_OVER, holder: HolderKind.POINT, pointId: 40 });
    expect(at(CaseStatus.REGISTERED)).toMatchObject({ code: NextStepCode.ACCEPT, holder: HolderKind.WINDOW, windowId: 12, pointId: 1 });
    expect(at(CaseStatus.SUPPLEMENT)).toMatchObject({ code: NextStepCode.SUPPLEMENT, holder: HolderKind.APPLICANT, windowId: 12 });
    expect(at(CaseStatus.IN_REVIEW, {}, { paused: true })).toMatchObject({ code: NextStepCode.PAUSED, holder: HolderKind.WINDOW });
    expect(at(CaseStatus.IN_REVIEW, {}, { kind: CaseKind.REPORTED_UP })).toMatchObject({ code: NextStepCode.FORWARD_UP, holder: HolderKind.WINDOW });
    expect(at(CaseStatus.IN_REVIEW, {}, { kind: CaseKind.REPORTED_UP, forwarded: true })).toMatchObject({ code: NextStepCode.HIGHER_REPLY, holder: HolderKind.HIGHER_AUTHORITY });
    const notices = [
      { departmentId: 8, answered: true },
      { departmentId: 9, answered: false },
      { departmentId: 10, answered: false },
    ];
    expect(at(CaseStatus.IN_REVIEW, { jointNotices: notices }, { kind: CaseKind.JOINT })).toMatchObject({ code: NextStepCode.JOINT_OPINIONS, departmentId: 9, waitingFor: 2 });
    // A2: city cases are decided by the item's department, township cases by the township.
    expect(at(CaseStatus.IN_REVIEW)).toMatchObject({ code: NextStepCode.DECISION, holder: HolderKind.DEPARTMENT, departmentId: 7 });
    expect(at(CaseStatus.IN_REVIEW, { handlingAtCity: false, handlingPointId: 3, currentPointId: 3 })).toMatchObject({ code: NextStepCode.DECISION, holder: HolderKind.POINT, pointId: 3 });
    // Decided: C7 unpaid charges first, then the result travels back and is delivered where it was registered.
    expect(at(CaseStatus.DECIDED, { fees: { chargeable: true, charged: true, unpaid: true } })).toMatchObject({ code: NextStepCode.PAYMENT, holder: HolderKind.APPLICANT, pointId: 1 });
    expect(at(CaseStatus.DECIDED)).toMatchObject({ code: NextStepCode.HAND_BACK, holder: HolderKind.WINDOW, windowId: 12 });
    expect(at(CaseStatus.DECIDED, { currentPointId: 3 })).toMatchObject({ code: NextStepCode.HAND_BACK, holder: HolderKind.POINT, pointId: 3 });
    expect(at(CaseStatus.DECIDED, { currentPointId: 40 })).toMatchObject({ code: NextStepCode.DELIVER, holder: HolderKind.POINT, pointId: 40 });
    // E2: a void waiting blocks the rest; the township above a village approves it, the centre's admin otherwise.
    expect(at(CaseStatus.REGISTERED, { voidRequestedById: 900 })).toMatchObject({ code: NextStepCode.VOID_APPROVAL, holder: HolderKind.POINT, pointId: 3 });
    expect(at(CaseStatus.REGISTERED, { voidRequestedById: 900, registeredPointParentId: null })).toMatchObject({ code: NextStepCode.VOID_APPROVAL, holder: HolderKind.CENTER_ADMIN });
    expect(at(CaseStatus.CLOSED)).toMatchObject({ code: NextStepCode.DONE, holder: HolderKind.NONE });
  });

  it("next step: the holder named is the one the acts allow (C2, N4, A2 agree with nextStepOf)", () => {
    const hands = (facts: CaseFacts, caller: PolicyCaller) => NEXT_STEP_ACTS[nextStepOf(facts).code].some((a) => canAct(caller, facts, a).allowed);
    const registeredAtVillage = { ...base, currentPointId: 40, snapshot: { ...base.snapshot, status: CaseStatus.REGISTERED, atHandlingPoint: false, atRegistrationPoint: true } };
    expect(hands(registeredAtVillage, staff(Role.VILLAGE_AGENT, { pointId: 40, staffId: 900 }))).toBe(true);
    expect(hands(registeredAtVillage, clerk(12))).toBe(false);
    const waiting = { ...base, snapshot: { ...base.snapshot, status: CaseStatus.REGISTERED } };
    expect(hands(waiting, clerk(12))).toBe(true);
    expect(hands(waiting, staff(Role.VILLAGE_AGENT, { pointId: 40, staffId: 900 }))).toBe(false);
  });
});
