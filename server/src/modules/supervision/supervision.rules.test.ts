import { describe, expect, it } from "vitest";
import type { Actor } from "../../common/context";
import { Role } from "../staff/role";
import { ComplaintOutcome, ComplaintStatus, isPoorRating } from "./supervision.enums";
import { assertComplaintStep, belongsToUnit, complaintNumber, newQueryCode, unitScope } from "./supervision.rules";

const staff = (role: Role, unit: { pointId?: number; windowId?: number | null; departmentId?: number | null }): Actor => ({
  kind: "staff",
  sessionId: 1,
  staff: { id: 9, username: "x", displayName: "x", role, pointId: unit.pointId ?? 1, windowId: unit.windowId ?? null, departmentId: unit.departmentId ?? null },
});

describe("supervision rules", () => {
  it("S1: a complaint is assigned (again) until answered, answered once assigned, decided upheld or not only after the answer", () => {
    expect(() => assertComplaintStep(ComplaintStatus.RECEIVED, "ASSIGN")).not.toThrow();
    expect(() => assertComplaintStep(ComplaintStatus.ASSIGNED, "ASSIGN")).not.toThrow();
    expect(() => assertComplaintStep(ComplaintStatus.ANSWERED, "ASSIGN")).toThrow(expect.objectContaining({ reason: "COMPLAINT_ALREADY_ANSWERED" }));
    expect(() => assertComplaintStep(ComplaintStatus.RECEIVED, "ANSWER")).toThrow(expect.objectContaining({ reason: "COMPLAINT_NOT_ASSIGNED" }));
    expect(() => assertComplaintStep(ComplaintStatus.ASSIGNED, ComplaintOutcome.UPHELD)).toThrow(expect.objectContaining({ reason: "COMPLAINT_NOT_ANSWERED" }));
    expect(() => assertComplaintStep(ComplaintStatus.RECEIVED, ComplaintOutcome.WITHDRAWN)).not.toThrow();
    expect(() => assertComplaintStep(ComplaintStatus.ANSWERED, ComplaintOutcome.NOT_UPHELD)).not.toThrow();
    expect(() => assertComplaintStep(ComplaintStatus.CLOSED, ComplaintOutcome.WITHDRAWN)).toThrow(expect.objectContaining({ reason: "COMPLAINT_CLOSED" }));
  });

  it("a unit is answered for by its department's heads and chief, the window's staff, or the township's clerk", () => {
    const unit = { departmentId: 3, windowId: 7, windowPointId: 20 };
    expect(belongsToUnit(staff(Role.SECTION_CHIEF, { departmentId: 3 }), unit)).toBe(true);
    expect(belongsToUnit(staff(Role.WINDOW_CLERK, { windowId: 7, departmentId: 3 }), unit)).toBe(true);
    expect(belongsToUnit(staff(Role.WINDOW_CLERK, { windowId: 8, departmentId: 3 }), unit)).toBe(false);
    expect(belongsToUnit(staff(Role.TOWNSHIP_CLERK, { pointId: 20 }), unit)).toBe(true);
    expect(belongsToUnit(staff(Role.VILLAGE_AGENT, { pointId: 20 }), unit)).toBe(false);
    expect(belongsToUnit({ kind: "anonymous" }, unit)).toBe(false);
    expect(unitScope(staff(Role.SUPERVISOR, {}), "d", "w")).toBeNull();
    expect(unitScope({ kind: "anonymous" }, "d", "w")).toEqual({ where: "1 = 0", params: {} });
  });

  it("S2: 1 and 2 are poor ratings; numbers and codes have their published shape", () => {
    expect([1, 2, 3, 4, 5].map(isPoorRating)).toEqual([true, true, false, false, false]);
    expect(complaintNumber("2026-11-02", 42)).toBe("TS20261102000042");
    expect(newQueryCode()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  });
});
