import { IsNull, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { appendAudit } from "../audit/audit.service";
import { CaseCharge } from "../fees/fee.entities";
import { ChargeStatus } from "../fees/fee.enums";
import { formatYuan } from "../fees/fee-arithmetic";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate } from "../calendar/working-calendar";
import { authorizeAct, staffOf } from "./case-access";
import { appendCaseEvent, caseByNumber, updateCase } from "./case-core";
import { notifyCaseChanged } from "./case-live";
import { CaseAct } from "./case-policy";
import { completionCodeOf } from "./case-rules";
import { Case, CaseEvent } from "./case.entity";
import { CasePause, Decision, SupplementNotice } from "./case-records.entity";
import { CaseStatus, DecisionOutcome } from "./case.enums";
import type { CaseRefInput, EndCaseInput } from "./case.inputs";
import { VOID_EVENTS } from "./case.loaders";

/**
 * Case endings before a decision (DOMAIN §6, issue 8 §5): withdrawal (撤回), abandonment after an
 * unanswered supplement notice, and a void (作废) by two people. Each is a final timeline entry and a
 * Decision row with its reason (the unique key on decision.caseId makes any ending happen once); the
 * case is CLOSED at once — there is no result to deliver. Who may do what is the case policy's (E1, E2).
 */

const ENDING_EVENT: Record<DecisionOutcome.WITHDRAWN | DecisionOutcome.ABANDONED | DecisionOutcome.VOIDED, string> = {
  WITHDRAWN: "WITHDRAWN",
  ABANDONED: "ABANDONED",
  VOIDED: "VOIDED",
};

/**
 * An ending before a decision leaves nothing to pay for: every charge still due (UNPAID) is cancelled — status VOIDED,
 * one CHARGES_CANCELLED timeline entry listing them, an audit row — in the ending's transaction, so it cannot be paid
 * any more (F2: a fee only for a service given; F3 takes payments only on open cases). A fee already paid stays paid:
 * its refund is the finance window's act (F4). Withdrawal is therefore not refused for an open charge; nothing is
 * deleted and no ticket number is involved (F4, F5: a charge has no ticket until it is paid).
 */
async function cancelOpenCharges(ctx: RequestContext, em: EntityManager, c: Case, why: string): Promise<void> {
  // PostgreSQL: the payment desk locks the case row first (fee-core.ts lockedCase); so does this, so the two serialize.
  if (em.connection.options.type === "postgres") await em.query(`SELECT id FROM case_file WHERE id = $1 FOR UPDATE`, [c.id]);
  const open = await em.getRepository(CaseCharge).find({ where: { caseId: c.id, status: ChargeStatus.UNPAID }, order: { id: "ASC" } });
  if (open.length === 0) return;
  for (const charge of open) {
    const result = await em
      .createQueryBuilder()
      .update(CaseCharge)
      .set({ status: ChargeStatus.VOIDED, version: () => "version + 1" })
      .where("id = :id AND version = :version AND status = :unpaid", { id: charge.id, version: charge.version, unpaid: ChargeStatus.UNPAID })
      .execute();
    if (result.affected !== 1) throw new RuleViolation(UserErrorCode.STALE_VERSION, "该办件的收费刚被他人办理，请刷新后重试。", null, "F3", "STALE_VERSION");
  }
  const dueFen = open.reduce((sum, ch) => sum + Math.max(0, ch.amountFen - ch.reductionFen), 0);
  const chargeIds = open.map((ch) => ch.id);
  await appendCaseEvent(ctx, em, c, "CHARGES_CANCELLED", `${why}，未缴费用 ${open.length} 项（应缴 ${formatYuan(dueFen)} 元）一并作废，不再收取。`, { chargeIds, dueFen });
  await appendAudit(ctx, em, "fee.cancelled", "case_charge", chargeIds.join(","), { caseNumber: c.number, chargeIds, dueFen, reason: why });
}

/** Writes the ending: decision row, the case CLOSED with its outcome, open pauses ended, open charges cancelled, the final entry. */
async function end(
  ctx: RequestContext,
  em: EntityManager,
  c: Case,
  outcome: DecisionOutcome.WITHDRAWN | DecisionOutcome.ABANDONED | DecisionOutcome.VOIDED,
  reason: string,
  summary: string,
  decidedById: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  const now = ctx.clock.now();
  await cancelOpenCharges(ctx, em, c, { WITHDRAWN: "申请人撤回申请", ABANDONED: "逾期未补正材料，按退件办结", VOIDED: "办件登记有误已作废" }[outcome]);
  await em.getRepository(Decision).insert({ caseId: c.id, outcome, reason, decidedById, letterId: null, sealCode: null, decidedAt: now });
  await em.createQueryBuilder().update(CasePause).set({ endedOn: chinaDate(now) }).where("caseId = :id AND endedOn IS NULL", { id: c.id }).execute();
  await updateCase(em, c, { status: CaseStatus.CLOSED, outcome, decidedAt: now, closedAt: now });
  await appendCaseEvent(ctx, em, c, ENDING_EVENT[outcome], summary, { outcome, completionCode: completionCodeOf(outcome), reason, ...data }, {}, decidedById === null);
}

export const endingsService = {
  /** E1: the applicant withdraws the application before a decision (退件, code 5). */
  withdraw(ctx: RequestContext, input: EndCaseInput) {
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.WITHDRAW);
      // Through a token (T1) the withdrawal is recorded in the name of the token's owner; the audit row names the token.
      const by = ctx.actor.kind === "token" ? ctx.actor.ownerStaffId : staffOf(ctx).id;
      await end(ctx, em, c, DecisionOutcome.WITHDRAWN, input.reason, `申请人撤回申请：${input.reason}（办结结果 5 退件）。`, by);
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  /** E1: a clerk asks for a void of an erroneous registration; a second person decides (E2). */
  requestVoid(ctx: RequestContext, input: EndCaseInput) {
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.REQUEST_VOID);
      await appendCaseEvent(ctx, em, c, VOID_EVENTS.requested, `申请作废（登记有误）：${input.reason}；待第二人批准。`, { reason: input.reason });
      await updateCase(em, c, {});
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  /** E2: a second person approves the waiting void (作废, code 2); the request's reason is the ending's. */
  approveVoid(ctx: RequestContext, input: CaseRefInput) {
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.APPROVE_VOID);
      const request = await em.getRepository(CaseEvent).findOneOrFail({ where: { caseId: c.id, type: VOID_EVENTS.requested }, order: { seq: "DESC" } });
      const reason = String((JSON.parse(request.data) as { reason?: string }).reason ?? "");
      await end(ctx, em, c, DecisionOutcome.VOIDED, reason, `批准作废（${request.actorLabel}申请）：${reason}（办结结果 2 作废）。`, staffOf(ctx).id, { requestedById: request.actorId });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  /** E2: the second person rejects the waiting void, with a reason; the case goes on. */
  rejectVoid(ctx: RequestContext, input: EndCaseInput) {
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.REJECT_VOID);
      await appendCaseEvent(ctx, em, c, VOID_EVENTS.rejected, `驳回作废申请：${input.reason}。`, { reason: input.reason });
      await updateCase(em, c, {});
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  /**
   * The scheduler: a case whose supplement notice is unanswered for more than SUPPLEMENT_ABANDON_DAYS
   * working days (counted from the notice's day) ends as ABANDONED (code 5). Idempotent: the case must
   * still be in SUPPLEMENT, and the decision row is unique per case.
   */
  async sweepAbandoned(ctx: RequestContext): Promise<number> {
    const days = ctx.config.supplementAbandonDays;
    if (days <= 0) return 0;
    const cal = await loadCalendar(ctx);
    const today = chinaDate(ctx.clock.now());
    const waiting = await ctx.db.manager
      .getRepository(SupplementNotice)
      .createQueryBuilder("n")
      .innerJoin(Case, "c", "c.id = n.caseId")
      .where("c.status = :status AND n.completedAt IS NULL", { status: CaseStatus.SUPPLEMENT })
      .orderBy("n.issuedAt", "ASC")
      .take(500)
      .getMany();
    let abandoned = 0;
    for (const notice of waiting) {
      const issuedOn = chinaDate(notice.issuedAt);
      if (cal.workingDaysBetween(issuedOn, today) <= days) continue;
      try {
        await ctx.db.transaction(async (em) => {
          const c = await em.getRepository(Case).findOneByOrFail({ id: notice.caseId });
          if (c.status !== CaseStatus.SUPPLEMENT) return;
          if (await em.getRepository(Decision).existsBy({ caseId: c.id })) return;
          if (!(await em.getRepository(SupplementNotice).existsBy({ id: notice.id, completedAt: IsNull() }))) return;
          const reason = `一次性告知（${issuedOn}）后超过 ${days} 个工作日未补正材料`;
          await end(ctx, em, c, DecisionOutcome.ABANDONED, reason, `${reason}，按退件办结（办结结果 5 退件）。`, null, { noticeIssuedOn: issuedOn, limitDays: days });
          abandoned++;
          notifyCaseChanged(ctx, c);
        });
      } catch (error) {
        // Someone (a clerk, another process's sweep) changed the case first: nothing left to do.
        if (!(error instanceof RuleViolation) && !/unique|duplicate/i.test(String((error as Error).message))) throw error;
      }
    }
    return abandoned;
  },
};
