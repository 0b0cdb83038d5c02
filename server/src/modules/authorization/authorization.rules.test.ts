import { describe, expect, it } from "vitest";
import { beijingYear, beijingYearRange, isActiveAt, letterNumber, validityProblem } from "./authorization.rules";

const at = (iso: string) => new Date(iso);

describe("letter validity (A1)", () => {
  const now = at("2026-03-02T09:00:00+08:00");

  it("accepts a window starting today and lasting three years exactly", () => {
    expect(validityProblem(at("2026-03-02T00:00:00+08:00"), at("2029-03-02T00:00:00+08:00"), now)).toBeNull();
  });

  it("refuses an empty or reversed window, more than three years, and back-dating beyond a day", () => {
    expect(validityProblem(now, now, now)?.field).toBe("validTo");
    expect(validityProblem(at("2026-04-01T00:00:00+08:00"), at("2026-03-01T00:00:00+08:00"), now)?.field).toBe("validTo");
    expect(validityProblem(at("2026-03-02T00:00:00+08:00"), at("2029-03-02T00:00:01+08:00"), now)?.message).toContain("3 years");
    expect(validityProblem(at("2026-03-01T08:59:59+08:00"), at("2026-06-01T00:00:00+08:00"), now)?.field).toBe("validFrom");
    expect(validityProblem(at("2026-03-01T09:00:00+08:00"), at("2026-06-01T00:00:00+08:00"), now)).toBeNull();
  });
});

describe("active at an instant (A1)", () => {
  const letter = { validFrom: at("2026-01-01T00:00:00Z"), validTo: at("2026-07-01T00:00:00Z"), revokedAt: null };

  it("includes validFrom and excludes validTo", () => {
    expect(isActiveAt(letter, letter.validFrom)).toBe(true);
    expect(isActiveAt(letter, at("2025-12-31T23:59:59Z"))).toBe(false);
    expect(isActiveAt(letter, letter.validTo)).toBe(false);
  });

  it("stops at the revocation, not before it", () => {
    const revoked = { ...letter, revokedAt: at("2026-03-01T00:00:00Z") };
    expect(isActiveAt(revoked, at("2026-02-28T00:00:00Z"))).toBe(true);
    expect(isActiveAt(revoked, revoked.revokedAt)).toBe(false);
  });
});

describe("letter numbers", () => {
  it("counts years in Beijing time and pads the sequence", () => {
    expect(beijingYear(at("2025-12-31T16:00:00Z"))).toBe(2026);
    expect(beijingYearRange(2026)).toEqual([at("2026-01-01T00:00:00+08:00"), at("2027-01-01T00:00:00+08:00")]);
    expect(letterNumber("GAJ", 2026, 7)).toBe("GAJ-SQ-2026-007");
    expect(letterNumber("GAJ", 2026, 1234)).toBe("GAJ-SQ-2026-1234");
  });
});
