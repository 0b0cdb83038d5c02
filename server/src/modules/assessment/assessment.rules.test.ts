import { describe, expect, it } from "vitest";
import { AssessmentUnitType } from "./assessment.entity";
import { FORMULA_V1, FORMULA_V2, parsePeriod, rankUnits, scoreOf, type UnitFigures } from "./assessment.rules";

const unit = (id: number, over: Partial<UnitFigures> = {}): UnitFigures => ({
  unitType: AssessmentUnitType.WINDOW, unitId: id, unitCode: `W${id}`, unitName: `窗口${id}`,
  cases: 10, closed: 10, decided: 10, onTime: 10, evaluations: 4, satisfied: 4, upheldComplaints: 0, faults: 0, inspectionTenths: null, ...over,
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

  it("version 2 sums to 100 and weighs a township's inspection score; a unit without one scores exactly as under version 1", () => {
    const weights = (f: typeof FORMULA_V2 | typeof FORMULA_V1) => f.weightOnTime + f.weightCompletion + f.weightSatisfaction + f.weightComplaints + f.weightFaults + f.weightInspection;
    expect([weights(FORMULA_V1), weights(FORMULA_V2)]).toEqual([100, 100]);
    for (const over of [{}, { closed: 5 }, { onTime: 1, decided: 3 }, { satisfied: 1, upheldComplaints: 1 }, { faults: 3, closed: 7 }, { onTime: 2, decided: 7, satisfied: 3, evaluations: 9 }]) {
      expect(scoreOf(unit(1, over), FORMULA_V2)).toBe(scoreOf(unit(1, over), FORMULA_V1));
    }
    const township = (tenths: number | null, over: Partial<UnitFigures> = {}) => unit(1, { unitType: AssessmentUnitType.TOWNSHIP, inspectionTenths: tenths, ...over });
    expect(scoreOf(township(1000), FORMULA_V2)).toBe(10000);
    expect(scoreOf(township(663), FORMULA_V2)).toBe(9663); // 90 + 10 × 66.3 %
    expect(scoreOf(township(500, { closed: 5 }), FORMULA_V2)).toBe(8150); // 100 − 27 × 50 % − 10 × 50 %
    expect(scoreOf(township(null, { closed: 5 }), FORMULA_V2)).toBe(8500); // not inspected: as version 1
    expect(scoreOf(township(0), FORMULA_V1)).toBe(10000); // version 1 has no inspection weight
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
