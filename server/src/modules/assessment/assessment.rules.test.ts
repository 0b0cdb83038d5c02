import { describe, expect, it } from "vitest";
import { AssessmentUnitType } from "./assessment.entity";
import { FORMULA_V1, parsePeriod, rankUnits, scoreOf, type UnitFigures } from "./assessment.rules";

const unit = (id: number, over: Partial<UnitFigures> = {}): UnitFigures => ({
  unitType: AssessmentUnitType.WINDOW, unitId: id, unitCode: `W${id}`, unitName: `窗口${id}`,
  cases: 10, closed: 10, decided: 10, onTime: 10, evaluations: 4, satisfied: 4, upheldComplaints: 0, faults: 0, ...over,
});

describe("assessment rules (S3, S8)", () => {
  it("parses months, quarters and years in Shishou time", () => {
    expect(parsePeriod("2026Q4")).toMatchObject({ kind: "QUARTER", start: new Date("2026-09-30T16:00:00Z"), end: new Date("2026-12-31T16:00:00Z"), label: "2026年第4季度" });
    expect(parsePeriod("2026-12")?.end).toEqual(new Date("2026-12-31T16:00:00Z"));
    expect(parsePeriod("2026")?.label).toBe("2026年度");
    for (const bad of ["2026Q0", "2026Q5", "2026-13", "26Q1", "", "2026-1"]) expect(parsePeriod(bad)).toBeNull();
  });

  it("scores in integer hundredths: full marks, and each component by its weight", () => {
    expect(scoreOf(unit(1), FORMULA_V1)).toBe(10000);
    expect(scoreOf(unit(1, { closed: 5 }), FORMULA_V1)).toBe(8500); // completion 50 % of 30
    expect(scoreOf(unit(1, { upheldComplaints: 1 }), FORMULA_V1)).toBe(9750); // 25 % of the 10-point component
    expect(scoreOf(unit(1, { faults: 20 }), FORMULA_V1)).toBe(9000); // the faults component does not go below 0
    expect(scoreOf(unit(1, { onTime: 1, decided: 3 }), FORMULA_V1)).toBe(7999); // 33.33 % of 30, floored
  });

  it("ranks units with cases first, gives red flags to the top N windows and grades a year by the thresholds", () => {
    const ranked = rankUnits([unit(1, { closed: 5 }), unit(2), unit(3, { cases: 0, closed: 0, decided: 0, onTime: 0, evaluations: 0, satisfied: 0 }), unit(4, { faults: 1 })], { ...FORMULA_V1, redFlagCount: 2 }, true);
    expect(ranked.map((r) => [r.unitId, r.rank, r.redFlag, r.grade])).toEqual([
      [2, 1, true, "EXCELLENT"],
      [4, 2, true, "EXCELLENT"],
      [1, 3, false, "GOOD"],
      [3, 4, false, "EXCELLENT"],
    ]);
    expect(rankUnits([unit(1)], FORMULA_V1, false)[0].grade).toBeNull();
  });
});
