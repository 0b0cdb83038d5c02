import { AssessmentGrade, AssessmentUnitType, type ScoringFormula } from "./assessment.entity";

/** Weights of a formula, in percent; they must sum to 100 (S3). */
export const WEIGHT_FIELDS = ["weightOnTime", "weightCompletion", "weightSatisfaction", "weightComplaints", "weightFaults", "weightInspection"] as const;

/** Version 1, seeded: on time 30, completion 30, satisfaction 20, complaints 10, faults 10. */
export const FORMULA_V1 = {
  weightOnTime: 30,
  weightCompletion: 30,
  weightSatisfaction: 20,
  weightComplaints: 10,
  weightFaults: 10,
  weightInspection: 0,
  complaintDeduction: 25,
  faultDeduction: 10,
  redFlagCount: 3,
  serviceModelCount: 5,
  excellentFrom: 95,
  goodFrom: 85,
  passFrom: 70,
  note: "初始版本",
} as const;

/**
 * Version 2, ensured at start (S3, S7): the township centres' inspections count 10 %; the other five weights are
 * version 1's times 0.9, so a unit without an inspection score (a window, department, staff member, or a township
 * never inspected) scores exactly as under version 1. Quarters published under version 1 keep it.
 */
export const FORMULA_V2 = {
  ...FORMULA_V1,
  weightOnTime: 27,
  weightCompletion: 27,
  weightSatisfaction: 18,
  weightComplaints: 9,
  weightFaults: 9,
  weightInspection: 10,
  note: "增加检查验收得分（乡镇便民服务中心，权重 10%）",
} as const;

export interface Period {
  text: string;
  kind: "MONTH" | "QUARTER" | "YEAR";
  /** First instant, Shishou time (UTC+8). */
  start: Date;
  /** First instant after the period. */
  end: Date;
  /** 2026年第3季度 */
  label: string;
}

const cst = (y: number, m: number) => new Date(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01T00:00:00+08:00`);

/** 2026-11 (month), 2026Q3 (quarter), 2026 (year); null when malformed. */
export function parsePeriod(text: string): Period | null {
  const t = text.trim();
  let m = /^(\d{4})$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    return { text: t, kind: "YEAR", start: cst(y, 1), end: cst(y + 1, 1), label: `${y}年度` };
  }
  m = /^(\d{4})Q([1-4])$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { text: t, kind: "QUARTER", start: cst(y, q * 3 - 2), end: q === 4 ? cst(y + 1, 1) : cst(y, q * 3 + 1), label: `${y}年第${q}季度` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { text: t, kind: "MONTH", start: cst(y, mo), end: mo === 12 ? cst(y + 1, 1) : cst(y, mo + 1), label: `${y}年${mo}月` };
  }
  return null;
}

export interface UnitFigures {
  unitType: AssessmentUnitType;
  unitId: number;
  unitCode: string;
  unitName: string;
  cases: number;
  closed: number;
  decided: number;
  onTime: number;
  evaluations: number;
  satisfied: number;
  upheldComplaints: number;
  faults: number;
  /** Township centres, when the formula weighs inspections: the inspection score in tenths (S7); else null. */
  inspectionTenths: number | null;
}

export interface ScoredUnit extends UnitFigures {
  scoreHundredths: number;
  rank: number;
  redFlag: boolean;
  serviceModel: boolean;
  grade: AssessmentGrade | null;
}

export type Formula = Pick<ScoringFormula, (typeof WEIGHT_FIELDS)[number] | "complaintDeduction" | "faultDeduction" | "redFlagCount" | "serviceModelCount" | "excellentFrom" | "goodFrom" | "passFrom">;

/** A share in basis points (0–10000), 10000 when there is nothing to count. Integer arithmetic only. */
const bp = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10000) / whole) : 10000);

/**
 * The score of one unit in hundredths of a point (0–10000): Σ weight × component ÷ Σ weights that apply, each component
 * in basis points. Components: on-time rate, completion rate, satisfaction (share of 4–5 ratings), complaints (100 % less
 * the deduction per upheld complaint, not below 0), faults (likewise per fault), and the inspection score where the unit
 * has one (township centres, S7). Without one the inspection weight does not apply and the others share the whole score.
 */
export function scoreOf(f: UnitFigures, formula: Formula): number {
  const components = [
    formula.weightOnTime * bp(f.onTime, f.decided),
    formula.weightCompletion * bp(f.closed, f.cases),
    formula.weightSatisfaction * bp(f.satisfied, f.evaluations),
    formula.weightComplaints * Math.max(0, 10000 - f.upheldComplaints * formula.complaintDeduction * 100),
    formula.weightFaults * Math.max(0, 10000 - f.faults * formula.faultDeduction * 100),
  ];
  let weights = 100 - formula.weightInspection;
  if (f.inspectionTenths !== null && formula.weightInspection > 0) {
    components.push(formula.weightInspection * f.inspectionTenths * 10);
    weights = 100;
  }
  if (weights <= 0) return 10000;
  return Math.floor(components.reduce((a, b) => a + b, 0) / weights);
}

export function gradeOf(scoreHundredths: number, formula: Formula): AssessmentGrade {
  if (scoreHundredths >= formula.excellentFrom * 100) return AssessmentGrade.EXCELLENT;
  if (scoreHundredths >= formula.goodFrom * 100) return AssessmentGrade.GOOD;
  if (scoreHundredths >= formula.passFrom * 100) return AssessmentGrade.PASS;
  return AssessmentGrade.FAIL;
}

/**
 * Ranks the units of one type: units with cases first, then score, then more cases, then the lower id. Red flags go to the top `redFlagCount`
 * windows with at least one case, service models to the top `serviceModelCount` staff with at least one case;
 * grades only for a year.
 */
export function rankUnits(units: UnitFigures[], formula: Formula, annual: boolean): ScoredUnit[] {
  const scored = units.map((u) => ({ ...u, scoreHundredths: scoreOf(u, formula) }));
  // A unit without cases in the period has nothing to score: it ranks after every unit that has some.
  scored.sort((a, b) => Number(b.cases > 0) - Number(a.cases > 0) || b.scoreHundredths - a.scoreHundredths || b.cases - a.cases || a.unitId - b.unitId);
  let flags = 0;
  let models = 0;
  return scored.map((u, i) => {
    const eligible = u.cases > 0;
    const redFlag = u.unitType === AssessmentUnitType.WINDOW && eligible && flags < formula.redFlagCount;
    const serviceModel = u.unitType === AssessmentUnitType.STAFF && eligible && models < formula.serviceModelCount;
    if (redFlag) flags++;
    if (serviceModel) models++;
    return { ...u, rank: i + 1, redFlag, serviceModel, grade: annual ? gradeOf(u.scoreHundredths, formula) : null };
  });
}
