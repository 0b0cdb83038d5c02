import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { UserErrorCode } from "../../common/errors";
import { appendAudit } from "../audit/audit.service";
import { chinaDate } from "../calendar/working-calendar";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { Inspection } from "./inspection.entity";
import { CHECKLIST_HEADINGS, INSPECTION_PASS_MARK, inspectionTotal, townshipInspectionScore, type ChecklistHeading } from "./inspection.rules";
import { refusal, type Refusal } from "./supervision.rules";

const s7 = (code: UserErrorCode, reason: Refusal, message: string, field: string[]) => refusal(code, "S7", reason, message, field);

export type InspectionInput = Record<ChecklistHeading, number> & { pointCode: string; inspectedOn: string; findings: string };

export interface TownshipInspectionStanding {
  township: ServicePoint;
  centreScore: number | null;
  stationsAverage: number | null;
  stationsInspected: number;
  score: number | null;
  latestOn: string | null;
}

/**
 * S7 for the township assessment (S3): each township's standing on `asOf` (a day, China time) from the
 * latest inspection on or before it of the centre and of each of its village stations. Read by the scoring,
 * which also gives `recordedBefore` (the period's end) so that an inspection entered later does not move a
 * recomputed period: the figures are the records as they stood then.
 */
export async function townshipInspectionScores(em: EntityManager, asOf: string, recordedBefore?: Date): Promise<TownshipInspectionStanding[]> {
  const townships = await em.getRepository(ServicePoint).find({ where: { level: PointLevel.TOWNSHIP }, order: { code: "ASC" } });
  const qb = em
    .createQueryBuilder()
    .select(`i."pointId"`, "pointId").addSelect("i.total", "total").addSelect(`i."inspectedOn"`, "inspectedOn").addSelect(`p."parentId"`, "parentId").addSelect("p.level", "level")
    .from("inspection", "i")
    .innerJoin("service_point", "p", `p.id = i."pointId"`)
    .where(`i."inspectedOn" <= :asOf`, { asOf })
    .orderBy(`i."inspectedOn"`, "DESC")
    .addOrderBy("i.id", "DESC");
  if (recordedBefore) qb.andWhere(`i."recordedAt" < :recordedBefore`, { recordedBefore });
  const rows = (await qb.getRawMany()) as { pointId: number; total: number; inspectedOn: string; parentId: number | null; level: string }[];
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(Number(r.pointId))) latest.set(Number(r.pointId), r);
  return townships.map((t) => {
    const centre = latest.get(t.id) ?? null;
    const stations = [...latest.values()].filter((r) => r.level === PointLevel.VILLAGE && Number(r.parentId) === t.id);
    const stationsAverage = stations.length ? Math.round((stations.reduce((s, r) => s + Number(r.total), 0) / stations.length) * 10) / 10 : null;
    const days = [centre, ...stations].filter((r) => r !== null).map((r) => r!.inspectedOn).sort();
    return {
      township: t,
      centreScore: centre ? Number(centre.total) : null,
      stationsAverage,
      stationsInspected: stations.length,
      score: townshipInspectionScore(centre ? Number(centre.total) : null, stationsAverage),
      latestOn: days.length ? days[days.length - 1] : null,
    };
  });
}

export const inspectionService = {
  /** S7: an inspection of a township centre or village station by the supervisor or the centre's admin. */
  record(ctx: RequestContext, input: InspectionInput): Promise<Inspection> {
    if (input.inspectedOn > chinaDate(ctx.clock.now())) {
      throw s7(UserErrorCode.INVALID, "INSPECTION_IN_FUTURE", "检查日期不能晚于今天。 The inspection day cannot be in the future.", ["input", "inspectedOn"]);
    }
    return ctx.db.transaction(async (em) => {
      const point = await em.getRepository(ServicePoint).findOneBy({ code: input.pointCode.trim().toUpperCase() });
      if (!point) throw s7(UserErrorCode.NOT_FOUND, "POINT_NOT_FOUND", `没有编码为 ${input.pointCode} 的服务网点。 No such service point.`, ["input", "pointCode"]);
      if (point.level === PointLevel.CITY) {
        throw s7(UserErrorCode.RULE_VIOLATION, "POINT_NOT_INSPECTABLE", "检查验收的对象是乡镇便民服务中心和村便民服务站。 Township centres and village stations are inspected.", ["input", "pointCode"]);
      }
      const scores = Object.fromEntries(CHECKLIST_HEADINGS.map((h) => [h, input[h]])) as Record<ChecklistHeading, number>;
      const total = inspectionTotal(scores);
      const saved = await em.getRepository(Inspection).save({
        pointId: point.id,
        inspectedOn: input.inspectedOn,
        ...scores,
        total,
        passed: total >= INSPECTION_PASS_MARK,
        findings: input.findings.trim(),
        inspectorId: ctx.actor.kind === "staff" ? ctx.actor.staff.id : 0,
        recordedAt: ctx.clock.now(),
      });
      await appendAudit(ctx, em, "inspection.record", "Inspection", saved.id, { point: point.code, inspectedOn: input.inspectedOn, total });
      return saved;
    });
  },

  list(ctx: RequestContext, pointCode: string | null, limit = 50) {
    const qb = ctx.db.manager.getRepository(Inspection).createQueryBuilder("i").orderBy("i.inspectedOn", "DESC").addOrderBy("i.id", "DESC").take(limit);
    if (pointCode) qb.innerJoin(ServicePoint, "p", "p.id = i.pointId").where("p.code = :code", { code: pointCode.trim().toUpperCase() });
    return qb.getMany();
  },
};
