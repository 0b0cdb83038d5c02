import { IsNull, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { appendAudit } from "../audit/audit.service";
import { CaseCharge } from "../fees/fee.entities";
import { ChargeStatus } from "../fees/fee.enums";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate } from "../calendar/working-calendar";
import { staffOf } from "./case-access";
import { runCaseAct, ServiceAct, type RecordEvent } from "./case-act";
import { updateCase } from "./case-core";
import { CaseEventType } from "./case-event-types";
import { CANCEL_WHY, eventText } from "./case-event-texts";
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

const ENDING_EVENT: Record<DecisionOutcome.WITHDRAWN | DecisionOutcome.ABANDONED | DecisionOutcome.VOIDED, CaseEventType> = {
  WITHDRAWN: CaseEventType.WITHDRAWN,
  ABANDONED: CaseEventType.ABANDONED,
  VOIDED: CaseEventType.VOIDED,
};

/**
 * An ending before a decision leaves nothing to pay for: every charge still due (UNPAID) is cancelled — status VOIDED,
 * one CHARGES_CANCELLED timeline entry listing them, an audit row — in the ending's transaction, so it cannot be paid
 * any more (F2: a fee only for a service given; F3 takes payments only on open cases). A fee already paid stays paid:
 * its refund is the finance window's act (F4). Withdrawal is therefore not refused for an open charge; nothing is
 * deleted and no ticket number is involved (F4, F5: a charge has no ticket until it is paid).
 */
async function cancelOpenCharges(ctx: RequestContext, em: EntityManager, c: Case, why: string, record: RecordEvent): Promise<void> {
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
  await record({ type: CaseEventType.CHARGES_CANCELLED, summary: eventText.chargesCancelled({ why, count: open.length, dueFen }), data: { chargeIds, dueFen } });
  await appendAudit(ctx, em, "fee.cancelled", "case_charge", chargeIds.join(","), { caseNumber: c.number, chargeIds, dueFen, reason: why });
}

/** Writes the ending: decision row, the case CLOSED with its outcome, open pauses ended, open charges cancelled, the final entry. */
async function end(
  ctx: RequestContext,
  em: EntityManager,
  c: Case,
  record: RecordEvent,
  outcome: DecisionOutcome.WITHDRAWN | DecisionOutcome.ABANDONED | DecisionOutcome.VOIDED,
  reason: string,
  summary: string,
  decidedById: number | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  const now = ctx.clock.now();
  await cancelOpenCharges(ctx, em, c, CANCEL_WHY[outcome], record);
  await em.getRepository(Decision).insert({ caseId: c.id, outcome, reason, decidedById, letterId: null, sealCode: null, decidedAt: now });
  await em.createQueryBuilder().update(CasePause).set({ endedOn: chinaDate(now) }).where("caseId = :id AND endedOn IS NULL", { id: c.id }).execute();
  await updateCase(em, c, { status: CaseStatus.CLOSED, outcome, decidedAt: now, closedAt: now });
  await record({ type: ENDING_EVENT[outcome], summary, data: { outcome, completionCode: completionCodeOf(outcome), reason, ...data }, system: decidedById === null });
}

export const endingsService = {
  /** E1: the applicant withdraws the application before a decision (退件, code 5). */
  withdraw(ctx: RequestContext, input: EndCaseInput) {
    return runCaseAct(ctx, input, CaseAct.WITHDRAW, async ({ em, c, record }) => {
      // Through a token (T1) the withdrawal is recorded in the name of the token's owner; the audit row names the token.
      const by = ctx.actor.kind === "token" ? ctx.actor.ownerStaffId : staffOf(ctx).id;
      await end(ctx, em, c, record, DecisionOutcome.WITHDRAWN, input.reason, eventText.withdrawn({ reason: input.reason }), by);
      return c;
    });
  },

  /** E1: a clerk asks for a void of an erroneous registration; a second person decides (E2). */
  requestVoid(ctx: RequestContext, input: EndCaseInput) {
    return runCaseAct(ctx, input, CaseAct.REQUEST_VOID, async ({ c, record }) => {
      await record({ type: CaseEventType.VOID_REQUESTED, summary: eventText.voidRequested({ reason: input.reason }), data: { reason: input.reason } });
      return c;
    });
  },

  /** E2: a second person approves the waiting void (作废, code 2); the request's reason is the ending's. */
  approveVoid(ctx: RequestContext, input: CaseRefInput) {
    return runCaseAct(ctx, input, CaseAct.APPROVE_VOID, async ({ em, c, record }) => {
      const request = await em.getRepository(CaseEvent).findOneOrFail({ where: { caseId: c.id, type: VOID_EVENTS.requested }, order: { seq: "DESC" } });
      const reason = String((JSON.parse(request.data) as { reason?: string }).reason ?? "");
      await end(ctx, em, c, record, DecisionOutcome.VOIDED, reason, eventText.voided({ requestedBy: request.actorLabel, reason }), staffOf(ctx).id, { requestedById: request.actorId });
      return c;
    });
  },

  /** E2: the second person rejects the waiting void, with a reason; the case goes on. */
  rejectVoid(ctx: RequestContext, input: EndCaseInput) {
    return runCaseAct(ctx, input, CaseAct.REJECT_VOID, async ({ c, record }) => {
      await record({ type: CaseEventType.VOID_REJECTED, summary: eventText.voidRejected({ reason: input.reason }), data: { reason: input.reason } });
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
        await runCaseAct(ctx, { load: (em) => em.getRepository(Case).findOneByOrFail({ id: notice.caseId }) }, ServiceAct.ABANDON, async ({ em, c, record }) => {
          if (c.status !== CaseStatus.SUPPLEMENT) return;
          if (await em.getRepository(Decision).existsBy({ caseId: c.id })) return;
          if (!(await em.getRepository(SupplementNotice).existsBy({ id: notice.id, completedAt: IsNull() }))) return;
          const reason = `一次性告知（${issuedOn}）后超过 ${days} 个工作日未补正材料`;
          await end(ctx, em, c, record, DecisionOutcome.ABANDONED, reason, eventText.abandoned({ reason }), null, { noticeIssuedOn: issuedOn, limitDays: days });
          abandoned++;
        });
      } catch (error) {
        // Someone (a clerk, another process's sweep) changed the case first: nothing left to do.
        if (!(error instanceof RuleViolation) && !/unique|duplicate/i.test(String((error as Error).message))) throw error;
      }
    }
    return abandoned;
  },
};
