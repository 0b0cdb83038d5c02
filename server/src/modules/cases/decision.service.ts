import { IsNull, LessThan, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { once } from "../../common/idempotency";
import { invalid } from "../../common/payload";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate } from "../calendar/working-calendar";
import { CaseKind } from "../catalogue/enums";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { staffOf } from "./case-access";
import { actOnCase, runCaseAct, ServiceAct, type RecordEvent } from "./case-act";
import { updateCase } from "./case-core";
import { CaseEventType } from "./case-event-types";
import { dueText, eventText, jointSilence, recordText } from "./case-event-texts";
import { CaseAct } from "./case-policy";
import { acceptanceDay, startHandling } from "./handling.service";
import { Case } from "./case.entity";
import { CaseReview, Decision, FaultRecord, JointNotice } from "./case-records.entity";
import { insertFaultOnce } from "./case-faults";
import { CaseStatus, DecisionOutcome, FaultKind, JointOpinionKind } from "./case.enums";
import type { DecideCaseInput, JointOpinionInput } from "./case.inputs";

/**
 * Runs one scheduled act; a RuleViolation means someone (a clerk, or the scheduler of another
 * process) changed the case first, so there is nothing left to do.
 */
async function attempt(act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
  }
}

/** C3.3: records a co-department's silence (or reasonless disagreement) as DEEMED_AGREE, against it. */
async function deemAgree(ctx: RequestContext, em: EntityManager, c: Case, notice: JointNotice, why: string, record: RecordEvent, system: boolean): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .update(JointNotice)
    .set({ opinion: JointOpinionKind.DEEMED_AGREE, answeredAt: ctx.clock.now() })
    .where("id = :id AND opinion IS NULL", { id: notice.id })
    .execute();
  if (result.affected !== 1) return false;
  const department = await em.getRepository(Department).findOneByOrFail({ id: notice.departmentId });
  await em.getRepository(FaultRecord).insert({ kind: FaultKind.DEEMED_AGREE, departmentId: department.id, staffId: null, caseId: c.id, at: ctx.clock.now(), note: recordText.jointSilenceFault(department.name, why) });
  await record({ type: CaseEventType.JOINT_DEEMED_AGREE, summary: eventText.jointDeemedAgree({ department: department.name, why }), data: { department: department.code }, system });
  return true;
}

export const decisionService = {
  giveJointOpinion(ctx: RequestContext, input: JointOpinionInput) {
    const staff = staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.JOINT_OPINION, async ({ em, c, record }) => {
      const notice = await em.getRepository(JointNotice).findOneByOrFail({ caseId: c.id, departmentId: staff.departmentId ?? -1 });
      const today = chinaDate(ctx.clock.now());
      if (today > notice.dueOn) {
        throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "opinion"], "C3.3", "OPINION_PAST_DUE", { dueOn: notice.dueOn });
      }
      if (input.opinion === JointOpinionKind.DISAGREE && !input.reasons?.trim()) {
        await deemAgree(ctx, em, c, notice, jointSilence.noReasons, record, false);
      } else {
        await em.getRepository(JointNotice).update({ id: notice.id }, { opinion: input.opinion, reasons: input.reasons?.trim() || null, answeredAt: ctx.clock.now(), answeredById: staff.id });
        const department = await em.getRepository(Department).findOneByOrFail({ id: notice.departmentId });
        await record({
          type: CaseEventType.JOINT_OPINION,
          summary: eventText.jointOpinion({ department: department.name, opinion: input.opinion, reasons: input.reasons }),
          data: { department: department.code, opinion: input.opinion, reasons: input.reasons ?? null },
        });
      }
      return c;
    });
  },

  async decide(ctx: RequestContext, input: DecideCaseInput) {
    staffOf(ctx);
    return ctx.db.transaction((em) =>
      once(ctx, em, input.idempotencyKey, "decideCase", input, () => this.decideOnce(ctx, em, input), {
        toJson: (decided: Case) => decided.id,
        fromJson: (id: number) => em.getRepository(Case).findOneByOrFail({ id }),
      }),
    );
  },

  decideOnce(ctx: RequestContext, em: EntityManager, input: DecideCaseInput): Promise<Case> {
    const staff = staffOf(ctx);
    return actOnCase(ctx, em, input, CaseAct.DECIDE, async ({ c, covering: letter, record }) => {
      const covering = letter!;
      const now = ctx.clock.now();
      if (!input.approve && !input.reason?.trim()) throw invalid(["input", "reason"], "REFUSAL_NEEDS_REASON", {}, "C3");
      const outcome = input.approve ? DecisionOutcome.APPROVED : DecisionOutcome.REFUSED;
      // A4: the review opinion the decision follows, when the section chief gave one (named in the decision's entry).
      const review = await em.getRepository(CaseReview).findOneBy({ caseId: c.id });
      await em.getRepository(Decision).insert({ caseId: c.id, outcome, reason: input.reason?.trim() || null, decidedById: staff.id, letterId: covering.letter.id, sealCode: covering.seal.code, decidedAt: now });
      await updateCase(em, c, { status: CaseStatus.DECIDED, outcome, decidedAt: now });
      await record({
        type: CaseEventType.DECIDED,
        summary: eventText.decided({ approve: input.approve, reason: input.reason, review: review?.conclusion, letter: covering.letter.number, sealName: covering.seal.name, sealCode: covering.seal.code }),
        data: { outcome, letter: covering.letter.number, seal: covering.seal.code, ...(review ? { review: review.id, reviewConclusion: review.conclusion } : {}) },
      });
      return c;
    });
  },

  /**
   * The scheduler's acts, each idempotent: co-departments silent past their limit (C3.3), cases not
   * told within 5 working days of receipt (art. 32), and overdue cases of items that allow it (C6).
   * Returns how many acts were done.
   */
  async sweep(ctx: RequestContext): Promise<{ deemedAgree: number; deemedAcceptance: number; deemedApproval: number; overdue: number }> {
    const cal = await loadCalendar(ctx);
    const today = chinaDate(ctx.clock.now());
    const counts = { deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0 };

    const lateNotices = await ctx.db.manager.getRepository(JointNotice).find({ where: { opinion: IsNull(), dueOn: LessThan(today) }, take: 500 });
    for (const notice of lateNotices) {
      await attempt(() => runCaseAct(ctx, { load: (em) => em.getRepository(Case).findOneByOrFail({ id: notice.caseId }) }, ServiceAct.DEEM_JOINT_AGREE, async ({ em, c, record }) => {
        if (c.status !== CaseStatus.IN_REVIEW) return;
        if (await deemAgree(ctx, em, c, notice, jointSilence.late(notice.dueOn), record, true)) counts.deemedAgree++;
      }));
    }

    const waiting = await ctx.db.manager.getRepository(Case).find({ where: { status: CaseStatus.REGISTERED, receivedOn: LessThan(today) }, take: 500 });
    for (const candidate of waiting) {
      const deemed = candidate.receivedOn ? acceptanceDay(candidate, today, cal) : null;
      if (!deemed?.deemed) continue;
      await attempt(() => runCaseAct(ctx, { load: (em) => em.getRepository(Case).findOneByOrFail({ id: candidate.id }) }, ServiceAct.DEEM_ACCEPTANCE, async ({ em, c, record }) => {
        if (c.status !== CaseStatus.REGISTERED || c.currentPointId !== c.handlingPointId) return;
        const item = await em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId });
        const kind = item.defaultKind === CaseKind.IMMEDIATE ? CaseKind.COMMITTED : item.defaultKind;
        await record({ type: CaseEventType.DEEMED_ACCEPTANCE, summary: eventText.deemedAcceptanceBySweep({ receivedOn: c.receivedOn, provisional: deemed.provisional }), data: deemed.provisional ? { provisional: true } : {}, system: true });
        await startHandling(ctx, em, c, item, kind, c.receivedOn!, cal, record, true);
        counts.deemedAcceptance++;
      }));
    }

    const overdue = await ctx.db.manager
      .getRepository(Case)
      .createQueryBuilder("c")
      .innerJoin(ServiceItem, "i", "i.id = c.itemId")
      .where("c.status = :status AND c.deadline < :today AND i.overdueCountsAsApproval = :yes", { status: CaseStatus.IN_REVIEW, today, yes: true })
      .andWhere("c.kind IN (:...kinds)", { kinds: [CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.IMMEDIATE] })
      .take(500)
      .getMany();
    for (const candidate of overdue) {
      await attempt(() => runCaseAct(ctx, { load: (em) => em.getRepository(Case).findOneByOrFail({ id: candidate.id }) }, ServiceAct.DEEM_APPROVAL, async ({ em, c, record }) => {
        if (c.status !== CaseStatus.IN_REVIEW || !c.deadline || c.deadline >= today) return;
        const item = await em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId });
        const now = ctx.clock.now();
        // The unique key on decision.caseId makes a second deemed approval impossible, even from another process.
        // A provisional deadline is the one told to the applicant (a recount never moves it earlier): it is acted on, and marked.
        const deadline = dueText(c.deadline, c.deadlineProvisional);
        await em.getRepository(Decision).insert({ caseId: c.id, outcome: DecisionOutcome.DEEMED_APPROVED, reason: recordText.deemedApprovalReason(deadline), decidedById: null, letterId: null, sealCode: null, decidedAt: now });
        await updateCase(em, c, { status: CaseStatus.DECIDED, outcome: DecisionOutcome.DEEMED_APPROVED, decidedAt: now });
        await em.getRepository(FaultRecord).insert({ kind: FaultKind.DEEMED_APPROVAL, departmentId: item.departmentId, staffId: null, caseId: c.id, at: now, note: recordText.deemedApprovalFault(c.number, deadline) });
        await record({ type: CaseEventType.DEEMED_APPROVED, summary: eventText.deemedApproved({ deadline }), data: { deadline: c.deadline, ...(c.deadlineProvisional ? { deadlineProvisional: true } : {}) }, system: true });
        counts.deemedApproval++;
      }));
    }
    counts.overdue = await recordOverdue(ctx, today);
    return counts;
  },
};

/**
 * S5: a case in review past its limit whose item does not allow deemed approval is an OVERDUE fault
 * against the item's department, once per case (the unique key on kind, case and department).
 * Paused cases are not counted (their clock stands still).
 */
async function recordOverdue(ctx: RequestContext, today: string): Promise<number> {
  let written = 0;
  const candidates = await ctx.db.manager
    .getRepository(Case)
    .createQueryBuilder("c")
    .innerJoin(ServiceItem, "i", "i.id = c.itemId")
    .where("c.status = :status AND c.deadline < :today AND i.overdueCountsAsApproval = :no", { status: CaseStatus.IN_REVIEW, today, no: false })
    .andWhere("c.kind IN (:...kinds)", { kinds: [CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.IMMEDIATE] })
    .andWhere("NOT EXISTS (SELECT 1 FROM case_pause p WHERE p.\"caseId\" = c.id AND p.\"endedOn\" IS NULL)")
    .andWhere("NOT EXISTS (SELECT 1 FROM fault_record f WHERE f.\"caseId\" = c.id AND f.kind = :overdue)", { overdue: FaultKind.OVERDUE })
    .take(500)
    .getMany();
  for (const candidate of candidates) {
    await attempt(() => ctx.db.transaction(async (em) => {
      const c = await em.getRepository(Case).findOneByOrFail({ id: candidate.id });
      if (c.status !== CaseStatus.IN_REVIEW || !c.deadline || c.deadline >= today) return;
      const item = await em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId });
      const deadline = dueText(c.deadline, c.deadlineProvisional);
      const wrote = await insertFaultOnce(em, { kind: FaultKind.OVERDUE, departmentId: item.departmentId, staffId: null, caseId: c.id, at: ctx.clock.now(), note: recordText.overdueFault(c.number, deadline) });
      if (wrote) written++;
    }));
  }
  return written;
}
