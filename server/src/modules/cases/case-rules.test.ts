import { describe, expect, it } from "vitest";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { CaseKind } from "../catalogue/enums";
import { assertCanAct, formatCaseNumber, maskIdNumber, maskPhone, validIdNumber, type CaseAct, type CaseSnapshot } from "./case-rules";
import { CaseStatus } from "./case.enums";

const registered = { status: CaseStatus.REGISTERED, kind: null, paused: false, forwarded: false, hasExtension: false };
const inReview = (kind: CaseKind, more: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  ...registered,
  status: CaseStatus.IN_REVIEW,
  kind,
  atHandlingPoint: true,
  atRegistrationPoint: false,
  ...more,
});

/** Every state a case can be in, by name. */
const STATES = {
  travelling: { ...registered, atHandlingPoint: false, atRegistrationPoint: true },
  waitingAtWindow: { ...registered, atHandlingPoint: true, atRegistrationPoint: false },
  registeredAtWindow: { ...registered, atHandlingPoint: true, atRegistrationPoint: true },
  supplement: { ...registered, status: CaseStatus.SUPPLEMENT, kind: CaseKind.SUPPLEMENT, atHandlingPoint: true, atRegistrationPoint: false, paused: true },
  immediate: inReview(CaseKind.IMMEDIATE),
  committed: inReview(CaseKind.COMMITTED),
  committedPaused: inReview(CaseKind.COMMITTED, { paused: true }),
  committedExtended: inReview(CaseKind.COMMITTED, { hasExtension: true }),
  joint: inReview(CaseKind.JOINT),
  jointPaused: inReview(CaseKind.JOINT, { paused: true }),
  jointExtended: inReview(CaseKind.JOINT, { hasExtension: true }),
  reported: inReview(CaseKind.REPORTED_UP),
  reportedForwarded: inReview(CaseKind.REPORTED_UP, { forwarded: true }),
  decidedAway: { ...inReview(CaseKind.COMMITTED), status: CaseStatus.DECIDED },
  decidedHome: { ...inReview(CaseKind.COMMITTED), status: CaseStatus.DECIDED, atRegistrationPoint: true },
  returnedHome: { ...inReview(CaseKind.RETURNED), status: CaseStatus.DECIDED, atRegistrationPoint: true },
  closed: { ...inReview(CaseKind.COMMITTED), status: CaseStatus.CLOSED, atRegistrationPoint: true },
} satisfies Record<string, CaseSnapshot>;
type State = keyof typeof STATES;

/** For each act: the states that allow it, and the rule that refuses it elsewhere. */
const MATRIX: Record<CaseAct, { allowed: State[]; rule: string; except?: Partial<Record<State, string>> }> = {
  HAND_OVER: { allowed: ["travelling"], rule: "C2" },
  ACCEPT: { allowed: ["waitingAtWindow", "registeredAtWindow"], rule: "C4", except: { travelling: "C2" } },
  COMPLETE_SUPPLEMENT: { allowed: ["supplement"], rule: "C3.6" },
  PAUSE: { allowed: ["immediate", "committed", "committedExtended", "joint", "jointExtended"], rule: "C5" },
  RESUME: { allowed: ["committedPaused", "jointPaused"], rule: "C5" },
  EXTEND: { allowed: ["committed", "committedPaused", "joint", "jointPaused"], rule: "C5" },
  JOINT_OPINION: { allowed: ["joint", "jointPaused", "jointExtended"], rule: "C3.3" },
  REVIEW: { allowed: ["committed", "committedPaused", "committedExtended", "joint", "jointPaused", "jointExtended"], rule: "A4" },
  DECIDE: {
    allowed: ["immediate", "committed", "committedExtended", "joint", "jointExtended"],
    rule: "C3",
    except: { reported: "C3.4", reportedForwarded: "C3.4", committedPaused: "C5", jointPaused: "C5" },
  },
  FORWARD_UP: { allowed: ["reported"], rule: "C3.4" },
  RECORD_REPLY: { allowed: ["reportedForwarded"], rule: "C3.4" },
  HAND_BACK: { allowed: ["decidedAway"], rule: "C2" },
  CLOSE: { allowed: ["decidedHome", "returnedHome"], rule: "C7" },
  CHARGE: {
    allowed: ["immediate", "committed", "committedPaused", "committedExtended", "joint", "jointPaused", "jointExtended", "reported", "reportedForwarded", "decidedAway", "decidedHome", "returnedHome"],
    rule: "F2",
  },
  END: {
    allowed: ["travelling", "waitingAtWindow", "registeredAtWindow", "supplement", "immediate", "committed", "committedPaused", "committedExtended", "joint", "jointPaused", "jointExtended", "reported", "reportedForwarded"],
    rule: "§6",
  },
};

function outcome(state: CaseSnapshot, act: CaseAct): "allowed" | RuleViolation {
  try {
    assertCanAct(state, act);
    return "allowed";
  } catch (error) {
    if (error instanceof RuleViolation) return error;
    throw error;
  }
}

describe("assertCanAct: every act in every state (C2–C7)", () => {
  const states = Object.keys(STATES) as State[];

  it.each(Object.entries(MATRIX) as [CaseAct, (typeof MATRIX)[CaseAct]][])("%s", (act, { allowed, rule, except }) => {
    for (const name of states) {
      const result = outcome(STATES[name], act);
      if (allowed.includes(name)) {
        expect(result, `${act} in ${name}`).toBe("allowed");
        continue;
      }
      expect(result, `${act} in ${name}`).toBeInstanceOf(RuleViolation);
      const refusal = result as RuleViolation;
      const expected = except?.[name] ?? rule;
      expect({ state: name, rule: refusal.rule, code: refusal.code }).toEqual({ state: name, rule: expected, code: UserErrorCode.RULE_VIOLATION });
      expect(refusal.reason, `${act} in ${name}`).toMatch(/^[A-Z_]+$/);
      expect(refusal.message, `${act} in ${name}`).toMatch(/[\u4e00-\u9fff]/);
      expect(refusal.field).toEqual(["input", "caseNumber"]);
    }
  });

  it("explains the refusals a clerk meets most, by reason, in Chinese and in English", () => {
    const accepted = outcome(STATES.committed, "ACCEPT") as RuleViolation;
    expect(accepted).toMatchObject({ reason: "ALREADY_ACCEPTED", params: { status: "IN_REVIEW" }, message: "该办件已受理，不能再次受理。" });
    expect(accepted.messageIn("en-US")).toBe("The case was already accepted.");
    expect((outcome(STATES.registeredAtWindow, "HAND_OVER") as RuleViolation).reason).toBe("ALREADY_AT_HANDLING_POINT");
    expect((outcome(STATES.decidedAway, "CLOSE") as RuleViolation).reason).toBe("RESULT_NOT_BACK");
    expect((outcome(STATES.committedExtended, "EXTEND") as RuleViolation).reason).toBe("ALREADY_EXTENDED");
    expect((outcome(STATES.reportedForwarded, "FORWARD_UP") as RuleViolation).reason).toBe("ALREADY_FORWARDED");
  });
});

describe("validIdNumber (GB 11643)", () => {
  it("accepts real-format numbers, with a digit or X as check character", () => {
    expect(validIdNumber("440524188001010014")).toBe(true);
    expect(validIdNumber("11010519491231002X")).toBe(true);
    expect(validIdNumber("421081198001011232")).toBe(true);
  });

  it("refuses a wrong check digit, a lowercase x, and anything not 17 digits and a check character", () => {
    expect(validIdNumber("440524188001010015")).toBe(false);
    expect(validIdNumber("110105194912310021")).toBe(false);
    expect(validIdNumber("11010519491231002x")).toBe(false);
    expect(validIdNumber("44052418800101001")).toBe(false);
    expect(validIdNumber("4405241880010100144")).toBe(false);
    expect(validIdNumber("44052418800101001A")).toBe(false);
    expect(validIdNumber("")).toBe(false);
  });
});

describe("formatCaseNumber (C1)", () => {
  it("is 421081 + yyyyMMdd + a 6-digit sequence", () => {
    expect(formatCaseNumber("421081", "20261126", 1)).toBe("42108120261126000001");
    expect(formatCaseNumber("421081", "20261126", 200)).toBe("42108120261126000200");
    expect(formatCaseNumber("421081", "20261231", 999_999)).toBe("42108120261231999999");
  });

  it("refuses the millionth number of a day under C1", () => {
    const refusal = (() => {
      try {
        formatCaseNumber("421081", "20261126", 1_000_000);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(RuleViolation);
    expect(refusal).toMatchObject({ rule: "C1", code: UserErrorCode.RULE_VIOLATION });
  });
});

describe("masks (personal data shown to staff)", () => {
  it("keeps the first and last four characters of an ID number", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("1101**********002X");
    expect(maskIdNumber("440524188001010014")).toBe("4405**********0014");
  });

  it("keeps the first three and last four digits of a phone number, and hides short ones entirely", () => {
    expect(maskPhone("13871234567")).toBe("138****4567");
    expect(maskPhone("0716-7123456")).toBe("071****3456");
    expect(maskPhone("123456")).toBe("****");
  });
});
