import { randomInt } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { appendAudit } from "../audit/audit.service";
import { addDays, chinaDate } from "../calendar/working-calendar";
import { Case } from "../cases/case.entity";
import { rateableSql } from "../cases/case-rules";
import { ServiceWindow } from "../network/service-window.entity";
import { fileIn } from "./complaint.service";
import { FollowUpDraw, FollowUpVisit } from "./followup.entity";
import { FOLLOW_UP_PER_UNIT, isMonday, lastWeek, sampleFollowUps } from "./followup.rules";
import { ComplaintChannel } from "./supervision.enums";
import { isUniqueViolation, refusal, type Refusal } from "./supervision.rules";

const s6 = (code: UserErrorCode, reason: Refusal, message: string, field: string[]) => refusal(code, "S6", reason, message, field);
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The closed cases of the week starting `monday` (closed in China time Monday 00:00 – next Monday 00:00), by id:
 * those the applicant may rate (not withdrawn, not voided, case-rules.ts), since the call asks about the service.
 */
async function closedInWeek(em: EntityManager, monday: string): Promise<{ id: number; windowId: number }[]> {
  const rows = await em
    .getRepository(Case)
    .createQueryBuilder("c")
    .select(["c.id", "c.windowId"])
    .where(`${rateableSql("c")} AND c.closedAt >= :from AND c.closedAt < :to`, { from: dayStart(monday), to: dayStart(addDays(monday, 7)) })
    .orderBy("c.id", "ASC")
    .getMany();
  return rows.map((c) => ({ id: c.id, windowId: c.windowId }));
}

export interface DrawInput { week?: string | null; perUnit?: number | null }
export interface RecordInput { id: string; reached: boolean; satisfied?: boolean | null; problem?: string | null }

export const followUpService = {
  /**
   * S6: draws the week's sample, once per week: per unit (window) `perUnit` of the cases closed that
   * week, by a recorded seed. The week defaults to the last full one and must be over.
   */
  async draw(ctx: RequestContext, input: DrawInput, seed = randomInt(2 ** 31)): Promise<FollowUpDraw> {
    const today = chinaDate(ctx.clock.now());
    const week = input.week ?? lastWeek(today);
    if (!isMonday(week)) throw s6(UserErrorCode.INVALID, "NOT_A_MONDAY", "回访抽样按周进行，请填写一周的星期一。 Give the Monday of a week.", ["input", "week"]);
    if (addDays(week, 7) > today) throw s6(UserErrorCode.RULE_VIOLATION, "WEEK_NOT_OVER", "该周尚未结束，结束后才能抽样。 The week is not over yet.", ["input", "week"]);
    const perUnit = input.perUnit ?? FOLLOW_UP_PER_UNIT;
    try {
      return await ctx.db.transaction(async (em) => {
        if (await em.getRepository(FollowUpDraw).existsBy({ week })) throw s6(UserErrorCode.DUPLICATE, "FOLLOW_UP_ALREADY_DRAWN", `${week} 这一周已抽样。 That week is drawn already.`, ["input", "week"]);
        const candidates = await closedInWeek(em, week);
        const draw = await em.getRepository(FollowUpDraw).save({ week, seed, perUnit, candidates: candidates.length, drawnAt: ctx.clock.now(), drawnById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null });
        const sample = sampleFollowUps(candidates, seed, perUnit);
        for (let i = 0; i < sample.length; i += 200) {
          await em.getRepository(FollowUpVisit).insert(sample.slice(i, i + 200).map((c) => ({ drawId: draw.id, caseId: c.id, windowId: c.windowId, reached: null, satisfied: null, problem: null, complaintId: null, calledAt: null, calledById: null })));
        }
        await appendAudit(ctx, em, "followUp.draw", "FollowUpDraw", draw.id, { week, seed, perUnit, candidates: candidates.length, sampled: sample.length });
        return draw;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw s6(UserErrorCode.DUPLICATE, "FOLLOW_UP_ALREADY_DRAWN", `${week} 这一周已抽样。 That week is drawn already.`, ["input", "week"]);
      throw error;
    }
  },

  /**
   * The scheduler's weekly act (S6): last full week's draw (China time, weeks Monday–Sunday) when nobody drew
   * it yet — by the injected clock, so each sweep in a week finds the draw made and does nothing. One draw per
   * week holds every unit's sample (at most `perUnit` each; the visit's unique case key keeps a case in one draw).
   */
  async sweep(ctx: RequestContext): Promise<{ followUpDraws: number }> {
    const week = lastWeek(chinaDate(ctx.clock.now()));
    if (await ctx.db.manager.getRepository(FollowUpDraw).existsBy({ week })) return { followUpDraws: 0 };
    try {
      await this.draw(ctx, { week });
      return { followUpDraws: 1 };
    } catch (error) {
      // Drawn meanwhile by the supervisor or another process's sweep: nothing left to do. Anything else is a failure.
      if (error instanceof RuleViolation && error.reason === "FOLLOW_UP_ALREADY_DRAWN") return { followUpDraws: 0 };
      throw error;
    }
  },

  draws(ctx: RequestContext, limit = 12) {
    return ctx.db.manager.getRepository(FollowUpDraw).find({ order: { week: "DESC" }, take: limit });
  },

  visits(ctx: RequestContext, drawId: number) {
    return ctx.db.manager.getRepository(FollowUpVisit).find({ where: { drawId }, order: { windowId: "ASC", id: "ASC" } });
  },

  /**
   * S6: the call's result, once: not reached; or reached, satisfied or not; a problem found is filed
   * as a complaint (channel FOLLOW_UP) about the case and its window, in the same transaction.
   */
  record(ctx: RequestContext, input: RecordInput): Promise<FollowUpVisit> {
    const problem = input.problem?.trim() || null;
    if (!input.reached && (problem || input.satisfied != null)) {
      throw s6(UserErrorCode.INVALID, "NOT_REACHED_NO_ANSWER", "未联系上申请人时不能填写满意度或问题。 Not reached: no satisfaction or problem.", ["input", problem ? "problem" : "satisfied"]);
    }
    if (input.reached && input.satisfied == null) throw s6(UserErrorCode.INVALID, "SATISFACTION_REQUIRED", "联系上申请人时请填写是否满意。 Reached: say whether satisfied.", ["input", "satisfied"]);
    return ctx.db.transaction(async (em) => {
      const visit = await em.getRepository(FollowUpVisit).findOneBy({ id: Number(input.id) });
      if (!visit) throw s6(UserErrorCode.NOT_FOUND, "FOLLOW_UP_NOT_FOUND", `没有编号为 ${input.id} 的回访。 No such follow-up.`, ["input", "id"]);
      if (visit.calledAt) throw s6(UserErrorCode.DUPLICATE, "FOLLOW_UP_ALREADY_RECORDED", "该回访结果已记录，不能修改。 Already recorded; never changed.", ["input", "id"]);
      let complaintId: number | null = null;
      if (problem) {
        const c = await em.getRepository(Case).findOneByOrFail({ id: visit.caseId });
        const w = await em.getRepository(ServiceWindow).findOneByOrFail({ id: visit.windowId });
        complaintId = (await fileIn(em, ctx, { caseNumber: c.number, windowCode: w.code, content: problem }, ComplaintChannel.FOLLOW_UP)).id;
      }
      const changes = { reached: input.reached, satisfied: input.reached ? input.satisfied! : null, problem, complaintId, calledAt: ctx.clock.now(), calledById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null };
      const updated = await em.createQueryBuilder().update(FollowUpVisit).set(changes).where(`id = :id AND "calledAt" IS NULL`, { id: visit.id }).execute();
      if (updated.affected !== 1) throw s6(UserErrorCode.DUPLICATE, "FOLLOW_UP_ALREADY_RECORDED", "该回访结果已记录，不能修改。 Already recorded; never changed.", ["input", "id"]);
      await appendAudit(ctx, em, "followUp.record", "FollowUpVisit", visit.id, { reached: input.reached, satisfied: changes.satisfied, complaintId });
      return { ...visit, ...changes };
    });
  },
};
