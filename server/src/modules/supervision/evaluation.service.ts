import { IsNull, LessThan, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { AppError, ErrorCode, UserErrorCode } from "../../common/errors";
import { paginate, type SortKey } from "../../common/pagination";
import { appendAudit } from "../audit/audit.service";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate } from "../calendar/working-calendar";
import { insertFaultOnce } from "../cases/case-faults";
import { Case } from "../cases/case.entity";
import { CaseStatus, FaultKind } from "../cases/case.enums";
import { isRateable } from "../cases/case-rules";
import { ServiceItem } from "../catalogue/service-item.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Evaluation, Rectification } from "./supervision.entity";
import { EvaluationChannel, isPoorRating, RATING_LABEL, RectificationStatus } from "./supervision.enums";
import type { AnswerRectificationInput, CheckRectificationInput, EvaluateCaseInput, RectificationListArgs } from "./supervision.inputs";
import { belongsToUnit, isUniqueViolation, refusal, unitScope, type Refusal } from "./supervision.rules";

const s2 = (code: UserErrorCode, reason: Refusal, message: string, field: string[] | null, rule: "S2" | "C7" = "S2") => refusal(code, rule, reason, message, field);

const DUE_KEY: SortKey<Rectification> = { expr: `(r.dueOn || '#' || r.id)`, dir: "ASC", of: (r) => `${r.dueOn}#${r.id}` };

async function rectificationById(em: EntityManager, id: string): Promise<Rectification> {
  const r = await em.getRepository(Rectification).findOneBy({ id: Number(id) });
  if (!r) throw s2(UserErrorCode.NOT_FOUND, "RECTIFICATION_NOT_FOUND", `没有编号为 ${id} 的整改。 No such rectification.`, ["input", "id"]);
  return r;
}

async function updateRectification(em: EntityManager, r: Rectification, changes: Partial<Rectification>): Promise<Rectification> {
  const result = await em
    .createQueryBuilder()
    .update(Rectification)
    .set({ ...changes, version: r.version + 1 })
    .where("id = :id AND version = :version", { id: r.id, version: r.version })
    .execute();
  if (result.affected !== 1) throw s2(UserErrorCode.STALE_VERSION, "STALE_VERSION", "该整改刚被他人更改，请刷新后重试。 Changed by someone else; reload.", null);
  return Object.assign(r, changes, { version: r.version + 1 });
}

/** A late rectification is a fault, once (the flag and the unique key both guard it). */
async function recordLateness(ctx: RequestContext, em: EntityManager, r: Rectification, today: string): Promise<boolean> {
  const marked = await em
    .createQueryBuilder()
    .update(Rectification)
    .set({ lateFaultAt: ctx.clock.now() })
    .where("id = :id AND \"lateFaultAt\" IS NULL", { id: r.id })
    .execute();
  if (marked.affected !== 1) return false;
  const c = await em.getRepository(Case).findOneByOrFail({ id: r.caseId });
  await insertFaultOnce(em, {
    kind: FaultKind.LATE_RECTIFICATION,
    departmentId: r.departmentId,
    windowId: r.windowId,
    staffId: null,
    caseId: r.caseId,
    rectificationId: r.id,
    at: ctx.clock.now(),
    note: `办件 ${c.number} 的差评整改应于 ${r.dueOn} 前反馈，至 ${today} 未按期整改。`,
  });
  return true;
}

export const evaluationService = {
  /**
   * S2: the applicant rates a closed case once, with its query code (on the status page, or on the
   * second screen the clerk opens). The same rating sent again returns the first (a retry); a
   * different one is refused. A rating of 1 or 2 opens a rectification for the unit.
   */
  async evaluate(ctx: RequestContext, input: EvaluateCaseInput): Promise<Evaluation> {
    if (ctx.actor.kind === "anonymous" && !(await ctx.rateLimiter.hit(`evaluate:${ctx.clientKey}`, ctx.config.complaintRateLimitPerMinute))) {
      throw new AppError(ErrorCode.RATE_LIMITED, "EVALUATION_RATE_LIMITED", {}, { http: { status: 429 } });
    }
    const comment = input.comment?.trim() || null;
    try {
      return await ctx.db.transaction(async (em) => {
        const c = await em.getRepository(Case).findOneBy({ number: input.caseNumber });
        if (!c || c.queryCode !== input.queryCode.trim().toUpperCase()) {
          throw s2(UserErrorCode.NOT_FOUND, "CASE_NOT_FOUND", "办件编号与查询码不符。 The case number and query code do not match.", ["input", "queryCode"]);
        }
        const existing = await em.getRepository(Evaluation).findOneBy({ caseId: c.id });
        if (existing) {
          if (existing.rating === input.rating && existing.comment === comment) return existing;
          throw s2(UserErrorCode.DUPLICATE, "ALREADY_EVALUATED", "该办件已评价，评价不能修改。 Already rated; a rating is never changed.", ["input", "rating"]);
        }
        if (c.status !== CaseStatus.CLOSED) {
          throw s2(UserErrorCode.RULE_VIOLATION, "CASE_NOT_CLOSED", "办件送达销号后才能评价。 Rate a case once it is closed.", ["input", "caseNumber"], "C7");
        }
        if (!isRateable(c.status, c.outcome)) {
          throw s2(UserErrorCode.RULE_VIOLATION, "CASE_NOT_RATEABLE", "已撤回或已作废的办件不能评价。", ["input", "caseNumber"]);
        }
        const now = ctx.clock.now();
        const channel = ctx.actor.kind === "staff" ? EvaluationChannel.WINDOW : ctx.actor.kind === "token" ? EvaluationChannel.INTEGRATION : EvaluationChannel.WEB;
        const evaluation = await em.getRepository(Evaluation).save({ caseId: c.id, rating: input.rating, comment, channel, at: now });
        if (isPoorRating(input.rating)) {
          const item = await em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId });
          const due = (await loadCalendar(ctx)).due(chinaDate(now), ctx.config.rectificationDays);
          await em.getRepository(Rectification).insert({
            evaluationId: evaluation.id,
            caseId: c.id,
            departmentId: item.departmentId,
            windowId: c.windowId,
            status: RectificationStatus.OPEN,
            openedAt: now,
            dueOn: due.date,
            dueOnProvisional: due.provisional,
            version: 1,
          });
        }
        await appendAudit(ctx, em, "case.evaluate", "Case", c.id, { number: c.number, rating: input.rating, grade: RATING_LABEL[input.rating], channel });
        return evaluation;
      });
    } catch (error) {
      // Two submissions at once: the unique key on the case kept one; answer as for a second one.
      if (!isUniqueViolation(error)) throw error;
      const c = await ctx.db.manager.getRepository(Case).findOneByOrFail({ number: input.caseNumber });
      const existing = await ctx.db.manager.getRepository(Evaluation).findOneByOrFail({ caseId: c.id });
      if (existing.rating === input.rating && existing.comment === comment) return existing;
      throw s2(UserErrorCode.DUPLICATE, "ALREADY_EVALUATED", "该办件已评价，评价不能修改。 Already rated; a rating is never changed.", ["input", "rating"]);
    }
  },

  /** Rectifications: all for overseers, the unit's own for its staff; nearest due day first. */
  list(ctx: RequestContext, args: RectificationListArgs) {
    const qb = ctx.db.manager.getRepository(Rectification).createQueryBuilder("r");
    const scope = unitScope(ctx.actor, "r.departmentId", "r.windowId");
    if (scope) qb.where(scope.where, scope.params);
    if (args.status) qb.andWhere("r.status = :status", { status: args.status });
    return paginate(qb, args, DUE_KEY);
  },

  /** The unit's response; after the due day it is accepted, and the lateness recorded as a fault. */
  answer(ctx: RequestContext, input: AnswerRectificationInput) {
    return ctx.db.transaction(async (em) => {
      const r = await rectificationById(em, input.id);
      const window = await em.getRepository(ServiceWindow).findOneByOrFail({ id: r.windowId });
      if (!belongsToUnit(ctx.actor, { departmentId: r.departmentId, windowId: r.windowId, windowPointId: window.pointId })) {
        throw s2(UserErrorCode.FORBIDDEN, "NOT_YOUR_UNIT", "该整改不属于您的单位。 Not your unit's rectification.", ["input", "id"]);
      }
      if (r.status !== RectificationStatus.OPEN) {
        throw s2(UserErrorCode.RULE_VIOLATION, "RECTIFICATION_NOT_OPEN", "该整改已反馈，等待核查。 Already answered; waiting for the check.", ["input", "id"]);
      }
      const today = chinaDate(ctx.clock.now());
      await updateRectification(em, r, { status: RectificationStatus.ANSWERED, response: input.response, answeredAt: ctx.clock.now(), answeredById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null });
      if (today > r.dueOn && !r.lateFaultAt) await recordLateness(ctx, em, r, today);
      await appendAudit(ctx, em, "rectification.answer", "Rectification", r.id, {});
      return em.getRepository(Rectification).findOneByOrFail({ id: r.id });
    });
  },

  /** The supervisor's check: passed closes it; failed sends it back to the unit (due day unchanged). */
  check(ctx: RequestContext, input: CheckRectificationInput) {
    return ctx.db.transaction(async (em) => {
      const r = await rectificationById(em, input.id);
      if (r.status !== RectificationStatus.ANSWERED) {
        throw s2(UserErrorCode.RULE_VIOLATION, "RECTIFICATION_NOT_ANSWERED", "单位反馈后才能核查。 The unit answers first.", ["input", "id"]);
      }
      await updateRectification(em, r, {
        status: input.passed ? RectificationStatus.VERIFIED : RectificationStatus.OPEN,
        checkNote: input.note,
        checkedAt: ctx.clock.now(),
        checkedById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null,
      });
      await appendAudit(ctx, em, "rectification.check", "Rectification", r.id, { passed: input.passed });
      return r;
    });
  },

  /** The scheduler's part: rectifications still open past their due day become faults, once each. */
  async sweep(ctx: RequestContext): Promise<{ lateRectifications: number }> {
    const today = chinaDate(ctx.clock.now());
    let lateRectifications = 0;
    const late = await ctx.db.manager.getRepository(Rectification).find({ where: { status: RectificationStatus.OPEN, dueOn: LessThan(today), lateFaultAt: IsNull() }, take: 500 });
    for (const candidate of late) {
      await ctx.db.transaction(async (em) => {
        if (await recordLateness(ctx, em, candidate, today)) lateRectifications++;
      });
    }
    return { lateRectifications };
  },
};
