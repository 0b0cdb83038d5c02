import type { Reason } from "../../common/reasons";
import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { UserErrorCode, RuleViolation } from "../../common/errors";
import { AssessmentPeriod, AssessmentScore, AssessmentUnitType, ScoringFormula } from "./assessment.entity";
import { completedSql } from "../cases/case-rules";
import { townshipInspectionScores } from "../supervision/inspection.service";
import { addDays, chinaDate } from "../calendar/working-calendar";
import { FORMULA_V1, FORMULA_V2, parsePeriod, rankUnits, WEIGHT_FIELDS, type Formula, type Period, type ScoredUnit, type UnitFigures } from "./assessment.rules";

const s3 = (code: UserErrorCode, reason: Reason, message: string, field: string[]) => new RuleViolation(code, message, field, "S3", reason);

/** The period of an input, or a typed refusal naming the field. */
export function periodOf(text: string, field = ["input", "period"], allowMonth = false): Period {
  const period = parsePeriod(text);
  if (!period || (period.kind === "MONTH" && !allowMonth)) {
    throw s3(UserErrorCode.INVALID, "PERIOD_INVALID", allowMonth ? "期间格式应为 2026-11、2026Q3 或 2026。" : "考核期间格式应为 2026Q3（季度）或 2026（年度）。", field);
  }
  return period;
}

const staffId = (ctx: RequestContext) => (ctx.actor.kind === "staff" ? ctx.actor.staff.id : null);
const n = (v: unknown) => Number(v ?? 0);

/** Fault records in force at the period's end: not a reversal, not reversed before the end. */
const FAULT_IN_FORCE = `f."reversalOfId" IS NULL AND NOT EXISTS (SELECT 1 FROM fault_record r WHERE r."reversalOfId" = f.id AND r.at < :end)`;

/** How a case row (alias c, item i) maps to the unit of each type. */
const CASE_UNIT: Record<AssessmentUnitType, string> = {
  WINDOW: `c."windowId"`,
  DEPARTMENT: `i."departmentId"`,
  TOWNSHIP: `c."handlingPointId"`,
  STAFF: `c."registeredById"`,
};
/** How a fault record (alias f, its window w, its case c) maps to the unit of each type. */
const FAULT_UNIT: Record<AssessmentUnitType, string> = {
  WINDOW: `f."windowId"`,
  DEPARTMENT: `f."departmentId"`,
  TOWNSHIP: `COALESCE(w."pointId", c."handlingPointId")`,
  STAFF: `f."staffId"`,
};

type Row = Record<string, unknown>;

/** The units scored in each type, with code and name. */
async function unitsOf(em: EntityManager, type: AssessmentUnitType): Promise<{ id: number; code: string; name: string }[]> {
  const q = em.createQueryBuilder();
  let rows: Row[];
  switch (type) {
    case AssessmentUnitType.WINDOW:
      rows = await q.select("w.id", "id").addSelect("w.code", "code").addSelect("w.name", "name").from("service_window", "w")
        .innerJoin("service_point", "p", `p.id = w."pointId"`).where("p.level = 'CITY' AND w.active = :yes", { yes: true }).orderBy("w.id").getRawMany();
      break;
    case AssessmentUnitType.DEPARTMENT:
      rows = await q.select("d.id", "id").addSelect("d.code", "code").addSelect("d.name", "name").from("department", "d").orderBy("d.id").getRawMany();
      break;
    case AssessmentUnitType.TOWNSHIP:
      rows = await q.select("p.id", "id").addSelect("p.code", "code").addSelect("p.name", "name").from("service_point", "p").where("p.level = 'TOWNSHIP'").orderBy("p.id").getRawMany();
      break;
    default:
      rows = await q.select("s.id", "id").addSelect("s.username", "code").addSelect(`s."displayName"`, "name").from("staff", "s")
        .where("s.role IN (:...roles)", { roles: ["WINDOW_CLERK", "TOWNSHIP_CLERK"] }).orderBy("s.id").getRawMany();
  }
  return rows.map((r) => ({ id: n(r.id), code: String(r.code), name: String(r.name) }));
}

/**
 * The figures of every unit of a type in a period, from the records as they stood at the period's end (set-based:
 * three grouped queries, whatever the number of cases). Cases registered in the period; closed, decided and on-time
 * as of its end; evaluations and faults dated in it.
 */
export async function figuresOf(em: EntityManager, type: AssessmentUnitType, period: Period): Promise<UnitFigures[]> {
  const params = { start: period.start, end: period.end };
  const key = CASE_UNIT[type];
  const cases: Row[] = await em.createQueryBuilder()
    .select(key, "unit")
    .addSelect("COUNT(*)", "cases")
    .addSelect(`SUM(CASE WHEN ${completedSql("c", ":end")} THEN 1 ELSE 0 END)`, "closed")
    .addSelect(`SUM(CASE WHEN c."decidedAt" < :end THEN 1 ELSE 0 END)`, "decided")
    .addSelect(`SUM(CASE WHEN c."decidedAt" < :end AND od."caseId" IS NULL THEN 1 ELSE 0 END)`, "onTime")
    .from("case_file", "c")
    .innerJoin("service_item", "i", `i.id = c."itemId"`)
    // Cases with an OVERDUE fault in force at the period's end: one pass over the faults, joined (no per-case subquery).
    .leftJoin(
      `(SELECT DISTINCT f."caseId" AS "caseId" FROM fault_record f WHERE f.kind = 'OVERDUE' AND f."caseId" IS NOT NULL AND f.at < :end AND ${FAULT_IN_FORCE})`,
      "od",
      `od."caseId" = c.id`,
    )
    .where(`c."registeredAt" >= :start AND c."registeredAt" < :end`, params)
    .groupBy(key)
    .getRawMany();
  const evaluations: Row[] = await em.createQueryBuilder()
    .select(key, "unit")
    .addSelect("COUNT(*)", "evaluations")
    .addSelect("SUM(CASE WHEN e.rating >= 4 THEN 1 ELSE 0 END)", "satisfied")
    .from("evaluation", "e")
    .innerJoin("case_file", "c", `c.id = e."caseId"`)
    .innerJoin("service_item", "i", `i.id = c."itemId"`)
    .where("e.at >= :start AND e.at < :end", params)
    .groupBy(key)
    .getRawMany();
  const faultKey = FAULT_UNIT[type];
  const faults: Row[] = await em.createQueryBuilder()
    .select(faultKey, "unit")
    .addSelect("SUM(CASE WHEN f.kind = 'UPHELD_COMPLAINT' THEN 1 ELSE 0 END)", "upheld")
    .addSelect("SUM(CASE WHEN f.kind = 'UPHELD_COMPLAINT' THEN 0 ELSE 1 END)", "faults")
    .from("fault_record", "f")
    .leftJoin("service_window", "w", `w.id = f."windowId"`)
    .leftJoin("case_file", "c", `c.id = f."caseId"`)
    .where(`f.at >= :start AND f.at < :end AND ${FAULT_IN_FORCE}`, params)
    .groupBy(faultKey)
    .getRawMany();
  const byUnit = (rows: Row[]) => new Map(rows.filter((r) => r.unit != null).map((r) => [n(r.unit), r]));
  const c = byUnit(cases);
  const e = byUnit(evaluations);
  const f = byUnit(faults);
  return (await unitsOf(em, type)).map((u) => ({
    unitType: type,
    unitId: u.id,
    unitCode: u.code,
    unitName: u.name,
    cases: n(c.get(u.id)?.cases),
    closed: n(c.get(u.id)?.closed),
    decided: n(c.get(u.id)?.decided),
    onTime: n(c.get(u.id)?.onTime),
    evaluations: n(e.get(u.id)?.evaluations),
    satisfied: n(e.get(u.id)?.satisfied),
    upheldComplaints: n(f.get(u.id)?.upheld),
    faults: n(f.get(u.id)?.faults),
    inspectionTenths: null,
  }));
}

/**
 * S7 → S3: the township centres' inspection scores as of the period's last day (inspections recorded before its end),
 * in tenths, when the formula weighs them; other units and formulas without the weight get null.
 */
export async function withInspections(em: EntityManager, figures: UnitFigures[], type: AssessmentUnitType, period: Period, formula: Pick<Formula, "weightInspection">): Promise<UnitFigures[]> {
  if (type !== AssessmentUnitType.TOWNSHIP || formula.weightInspection <= 0) return figures;
  const standings = await townshipInspectionScores(em, addDays(chinaDate(period.end), -1), period.end);
  const byTownship = new Map(standings.map((s) => [s.township.id, s.score]));
  return figures.map((u) => {
    const score = byTownship.get(u.unitId);
    return { ...u, inspectionTenths: score == null ? null : Math.round(score * 10) };
  });
}

export const asScore = (row: ScoredUnit): AssessmentScore => Object.assign(new AssessmentScore(), row);

export const formulaService = {
  list(ctx: RequestContext): Promise<ScoringFormula[]> {
    return ctx.db.manager.getRepository(ScoringFormula).find({ order: { version: "DESC" } });
  },

  async current(em: EntityManager): Promise<ScoringFormula> {
    const [latest] = await em.getRepository(ScoringFormula).find({ order: { version: "DESC" }, take: 1 });
    if (!latest) throw new Error("No scoring formula: the seed writes version 1.");
    return latest;
  },

  async version(em: EntityManager, version: number): Promise<ScoringFormula> {
    const formula = await em.getRepository(ScoringFormula).findOneBy({ version });
    if (!formula) throw s3(UserErrorCode.NOT_FOUND, "FORMULA_NOT_FOUND", `没有第 ${version} 版考核办法。`, ["formulaVersion"]);
    return formula;
  },

  /** S3: a change of the formula is a new version; published versions are never rewritten. */
  async publish(ctx: RequestContext, input: Omit<ScoringFormula, "id" | "version" | "publishedAt" | "publishedById">): Promise<ScoringFormula> {
    const sum = WEIGHT_FIELDS.reduce((total, field) => total + input[field], 0);
    if (sum !== 100) {
      throw new RuleViolation(UserErrorCode.INVALID, `各项权重之和应为 100%，现为 ${sum}%。`, ["input", "weights"], "S3", "WEIGHTS_NOT_100");
    }
    if (!(input.excellentFrom > input.goodFrom && input.goodFrom > input.passFrom)) {
      throw new RuleViolation(UserErrorCode.INVALID, "等次分数线应为 优秀 > 良好 > 合格。", ["input", "excellentFrom"], "S8", "GRADES_NOT_DESCENDING");
    }
    return ctx.db.transaction(async (em) => {
      const latest = await this.current(em);
      const formula = em.getRepository(ScoringFormula).create({ ...input, note: input.note ?? null, version: latest.version + 1, publishedAt: ctx.clock.now(), publishedById: staffId(ctx) });
      return em.getRepository(ScoringFormula).save(formula);
    });
  },
};

/**
 * Ensures the formula versions every start needs: version 1 (first start), then the version that weighs the township
 * centres' inspections (FORMULA_V2), as the next version, once — unless some version already weighs inspections
 * (then a later version without the weight is the admin's choice and stays current). Published quarters keep theirs.
 */
export async function seedScoringFormula(em: EntityManager, now: Date): Promise<void> {
  // Processes starting at once on one PostgreSQL database: one ensures, the others then find the versions there.
  if (em.connection.options.type === "postgres") await em.query("SELECT pg_advisory_xact_lock(421081, 3)");
  const repo = em.getRepository(ScoringFormula);
  if ((await repo.count()) === 0) await repo.insert({ ...FORMULA_V1, version: 1, publishedAt: now, publishedById: null });
  if (await repo.createQueryBuilder("f").where(`f."weightInspection" > 0`).getExists()) return;
  const [latest] = await repo.find({ order: { version: "DESC" }, take: 1 });
  await repo.insert({ ...FORMULA_V2, version: latest.version + 1, publishedAt: now, publishedById: null });
}

export interface AssessmentView {
  period: string;
  label: string;
  published: AssessmentPeriod | null;
  formulaVersion: number;
  recomputed: boolean;
  rows: AssessmentScore[];
}

export const assessmentService = {
  /** Scores of all units of a type in a period by a formula, computed from the records now. */
  async compute(em: EntityManager, type: AssessmentUnitType, period: Period, formula: ScoringFormula): Promise<ScoredUnit[]> {
    return rankUnits(await withInspections(em, await figuresOf(em, type, period), type, period, formula), formula, period.kind === "YEAR");
  },

  /**
   * A period's ranking: a published period answers with its stored figures; otherwise (or with `recompute`, or another
   * formula version) the figures are computed from the records.
   */
  async view(ctx: RequestContext, periodText: string, type: AssessmentUnitType, formulaVersion: number | null, recompute: boolean): Promise<AssessmentView> {
    const period = periodOf(periodText, ["period"]);
    const em = ctx.db.manager;
    const published = await em.getRepository(AssessmentPeriod).findOneBy({ period: period.text });
    if (published && !recompute && (formulaVersion == null || formulaVersion === published.formulaVersion)) {
      const rows = await em.getRepository(AssessmentScore).find({ where: { periodId: published.id, unitType: type }, order: { rank: "ASC" } });
      return { period: period.text, label: period.label, published, formulaVersion: published.formulaVersion, recomputed: false, rows };
    }
    const version = formulaVersion ?? published?.formulaVersion ?? null;
    const formula = version != null ? await formulaService.version(em, version) : await formulaService.current(em);
    const rows = (await this.compute(em, type, period, formula)).map(asScore);
    return { period: period.text, label: period.label, published, formulaVersion: formula.version, recomputed: true, rows };
  },

  /** S3: publish an ended quarter or year with the current formula; its figures are stored and never rewritten. */
  async publish(ctx: RequestContext, periodText: string): Promise<AssessmentView> {
    const period = periodOf(periodText);
    if (ctx.clock.now() < period.end) throw s3(UserErrorCode.RULE_VIOLATION, "PERIOD_NOT_ENDED", `${period.label}尚未结束，不能发布。`, ["input", "period"]);
    return ctx.db.transaction(async (em) => {
      if (await em.getRepository(AssessmentPeriod).findOneBy({ period: period.text })) {
        throw s3(UserErrorCode.DUPLICATE, "PERIOD_PUBLISHED", `${period.label}的考核结果已发布，不能重写。`, ["input", "period"]);
      }
      const formula = await formulaService.current(em);
      const published = await em.getRepository(AssessmentPeriod).save(
        em.getRepository(AssessmentPeriod).create({ period: period.text, formulaVersion: formula.version, publishedAt: ctx.clock.now(), publishedById: staffId(ctx) }),
      );
      for (const type of Object.values(AssessmentUnitType)) {
        const rows = await this.compute(em, type, period, formula);
        for (let i = 0; i < rows.length; i += 200) {
          await em.createQueryBuilder().insert().into(AssessmentScore).values(rows.slice(i, i + 200).map((r) => ({ ...r, periodId: published.id }))).updateEntity(false).execute();
        }
      }
      const rows = await em.getRepository(AssessmentScore).find({ where: { periodId: published.id, unitType: AssessmentUnitType.WINDOW }, order: { rank: "ASC" } });
      return { period: period.text, label: period.label, published, formulaVersion: formula.version, recomputed: false, rows };
    });
  },

  publishedPeriods(ctx: RequestContext): Promise<AssessmentPeriod[]> {
    return ctx.db.manager.getRepository(AssessmentPeriod).find({ order: { period: "DESC" } });
  },
};

export interface KindCount {
  kind: string;
  count: number;
  /** Share of the period's accepted cases, in percent with one decimal. */
  share: number;
}

/** C4: cases registered in the period by kind (the six kinds; null kind = not yet accepted, left out). */
export async function kindStatistics(em: EntityManager, period: Period): Promise<{ total: number; kinds: KindCount[] }> {
  const rows: Row[] = await em.createQueryBuilder().select("c.kind", "kind").addSelect("COUNT(*)", "count").from("case_file", "c")
    .where(`c."registeredAt" >= :start AND c."registeredAt" < :end AND c.kind IS NOT NULL`, { start: period.start, end: period.end })
    .groupBy("c.kind").getRawMany();
  const total = rows.reduce((sum, r) => sum + n(r.count), 0);
  const kinds = ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP", "RETURNED", "SUPPLEMENT"].map((kind) => {
    const count = n(rows.find((r) => r.kind === kind)?.count);
    return { kind, count, share: total ? Math.round((count * 1000) / total) / 10 : 0 };
  });
  return { total, kinds };
}
