import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { invalid } from "../../common/payload";
import { readCalendar } from "../calendar/calendar.service";
import { chinaDate, type WorkingCalendar } from "../calendar/working-calendar";
import { CaseKind } from "../catalogue/enums";
import { Department } from "../catalogue/department.entity";
import { ItemCoDepartment, Material, ServiceItem } from "../catalogue/service-item.entity";
import { staffOf } from "./case-access";
import { runCaseAct, type RecordEvent } from "./case-act";
import { updateCase } from "./case-core";
import { countedDeadline } from "./case-deadlines";
import { CaseEventType } from "./case-event-types";
import { eventText, recordText } from "./case-event-texts";
import { extensionDays, FORWARD_DAYS, INFORM_DAYS, JOINT_OPINION_DAYS, limitDaysFor, NOTICE_DAYS } from "./case-rules";
import { Case } from "./case.entity";
import { CaseAct } from "./case-policy";
import { CaseExtension, CasePause, Decision, FaultRecord, JointNotice, SupplementNotice } from "./case-records.entity";
import { CaseStatus, DecisionOutcome, FaultKind, PauseReason } from "./case.enums";
import type {
  AcceptCaseInput,
  CaseRefInput,
  CompleteSupplementInput,
  ExtendCaseInput,
  HigherReplyInput,
  PauseCaseInput,
  ReturnCaseInput,
  SupplementNoticeInput,
} from "./case.inputs";
import { registrationService } from "./registration.service";

/**
 * The calendar read on the transaction's own connection: a second pool connection taken while this one
 * is held starves the pool when as many acts run at once as it has connections (PostgreSQL).
 */
const calendarIn = (em: EntityManager) => readCalendar(em);

/**
 * Art. 32: when nothing was told within 5 working days of receipt, the case counts as accepted on the day of receipt.
 * `provisional`: the count of those days read a provisional year (no State Council notice on record).
 */
export function acceptanceDay(c: Case, today: string, cal: WorkingCalendar): { day: string; deemed: boolean; provisional: boolean } {
  const receivedOn = c.receivedOn;
  if (!receivedOn) return { day: today, deemed: false, provisional: false };
  const { value: waited, provisionalYears } = cal.track(() => cal.workingDaysBetween(receivedOn, today));
  const provisional = provisionalYears.length > 0;
  return waited > NOTICE_DAYS ? { day: receivedOn, deemed: true, provisional } : { day: today, deemed: false, provisional };
}

/** Reloads pauses and extension and stores the deadline they give, marked when it relied on a provisional year (C5). */
export async function refreshDeadline(em: EntityManager, c: Case, cal: WorkingCalendar): Promise<void> {
  const deadline = await countedDeadline(em, c, cal);
  if (deadline) await updateCase(em, c, { deadline: deadline.date, deadlineProvisional: deadline.provisional });
}

/**
 * Sets the kind and starts the clock (C3, C4): JOINT notifies every co-department at once,
 * REPORTED_UP gets its 3-day forwarding limit.
 */
export async function startHandling(ctx: RequestContext, em: EntityManager, c: Case, item: ServiceItem, kind: CaseKind, day: string, cal: WorkingCalendar, record: RecordEvent, system = false): Promise<void> {
  const limitDays = limitDaysFor(kind, item.promisedLimitDays);
  if (kind === CaseKind.REPORTED_UP && !item.higherAuthority) throw invalid(["input", "kind"], "NO_HIGHER_AUTHORITY", { code: item.code }, "C3.4");
  const coDepartments = await em.getRepository(ItemCoDepartment).findBy({ itemId: item.id });
  if (kind === CaseKind.JOINT && !coDepartments.length) throw invalid(["input", "kind"], "NO_CO_DEPARTMENTS", { code: item.code }, "C3.3");
  const previousKind = c.kind;
  const forward = kind === CaseKind.REPORTED_UP ? cal.due(day, FORWARD_DAYS) : null;
  await updateCase(em, c, {
    kind,
    status: CaseStatus.IN_REVIEW,
    acceptedOn: day,
    limitDays,
    forwardDue: forward?.date ?? null,
    forwardDueProvisional: forward?.provisional ?? false,
  });
  await refreshDeadline(em, c, cal);
  await record({
    type: CaseEventType.ACCEPTED,
    summary: eventText.accepted({ day, kind, previousKind, limitDays, deadline: c.deadline, provisional: c.deadlineProvisional }),
    data: { kind, from: previousKind, acceptedOn: day, limitDays, deadline: c.deadline, ...(c.deadlineProvisional ? { deadlineProvisional: true } : {}) },
    system,
  });
  if (kind === CaseKind.JOINT) {
    const due = cal.due(day, JOINT_OPINION_DAYS);
    const dueOn = due.date;
    const now = ctx.clock.now();
    await em.getRepository(JointNotice).insert(coDepartments.map((d) => ({ caseId: c.id, departmentId: d.departmentId, notifiedAt: now, dueOn, dueOnProvisional: due.provisional })));
    const names = (await em.getRepository(Department).findBy({ id: In(coDepartments.map((d) => d.departmentId)) })).map((d) => d.name);
    await record({ type: CaseEventType.JOINT_NOTIFIED, summary: eventText.jointNotified({ departments: names, dueOn, provisional: due.provisional }), data: { departments: names, dueOn }, system });
  }
}

/** The item of the case (its limits, kinds, higher authority). */
const itemOf = (em: EntityManager, c: Case) => em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId });

export const handlingService = {
  accept(ctx: RequestContext, input: AcceptCaseInput) {
    return runCaseAct(ctx, input, CaseAct.ACCEPT, async ({ em, c, record }) => {
      const item = await itemOf(em, c);
      const cal = await calendarIn(em);
      const { day, deemed, provisional } = acceptanceDay(c, chinaDate(ctx.clock.now()), cal);
      // Art. 32: once the 5 working days passed without a notice, the case counts as accepted on receipt, materials or not.
      const missing = deemed ? [] : await registrationService.materialsMissing(em, c);
      if (missing.length) {
        throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "kind"], "C3.6", "MATERIALS_INCOMPLETE", { materials: missing.map((m) => m.name).join("、") });
      }
      await startHandling(ctx, em, c, item, input.kind, day, cal, record);
      if (deemed) await record({ type: CaseEventType.DEEMED_ACCEPTANCE, summary: eventText.deemedAcceptanceAtAccept({ day, provisional }), data: provisional ? { provisional } : {} });
      return c;
    });
  },

  issueSupplementNotice(ctx: RequestContext, input: SupplementNoticeInput) {
    return runCaseAct(ctx, input, CaseAct.ISSUE_SUPPLEMENT, async ({ em, c, record }) => {
      const cal = await calendarIn(em);
      const today = chinaDate(ctx.clock.now());
      if (acceptanceDay(c, today, cal).deemed) {
        throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "caseNumber"], "C3.6", "NOTICE_PERIOD_PASSED", { days: NOTICE_DAYS, receivedOn: c.receivedOn ?? "" });
      }
      const required = await registrationService.materialsMissing(em, c);
      const extra = await em.getRepository(Material).findBy({ id: In(input.alsoMaterialIds.map(Number).filter(Number.isInteger)) });
      if (extra.length !== new Set(input.alsoMaterialIds).size || extra.some((m) => m.itemId !== c.itemId || !m.active)) {
        throw invalid(["input", "alsoMaterialIds"], "MATERIAL_NOT_IN_GUIDE", {}, "G3");
      }
      const list = [...required, ...extra.filter((m) => !required.some((r) => r.id === m.id))];
      // Defects of materials handed in (不清晰, 过期, 未签字 …): told in the same one-time notice; the same defect once.
      const defects = [...new Set(input.defects.map((d) => d.trim()))];
      if (!list.length && !defects.length) throw invalid(["input", "caseNumber"], "NOTHING_MISSING", {}, "C3.6");
      const staff = staffOf(ctx);
      await em.getRepository(SupplementNotice).insert({ caseId: c.id, missing: list.map((m) => m.name), missingMaterialIds: list.map((m) => m.id), defects, issuedAt: ctx.clock.now(), issuedById: staff.id, completedAt: null });
      await em.getRepository(CasePause).insert({ caseId: c.id, reason: PauseReason.SUPPLEMENT, note: recordText.supplementPauseNote, startedOn: today, endedOn: null, startedById: staff.id });
      await updateCase(em, c, { kind: CaseKind.SUPPLEMENT, status: CaseStatus.SUPPLEMENT });
      const missing = list.map((m) => m.name);
      await record({ type: CaseEventType.SUPPLEMENT_REQUESTED, summary: eventText.supplementRequested({ missing, defects }), data: { missing, ...(defects.length ? { defects } : {}) } });
      return c;
    });
  },

  completeSupplement(ctx: RequestContext, input: CompleteSupplementInput) {
    return runCaseAct(ctx, input, CaseAct.COMPLETE_SUPPLEMENT, async ({ em, c, record }) => {
      const item = await itemOf(em, c);
      const notice = await em.getRepository(SupplementNotice).findOneByOrFail({ caseId: c.id });
      const fresh = await registrationService.receiveMaterials(ctx, em, c, input.materialIds);
      const stillMissing = (await registrationService.materialsMissing(em, c)).filter((m) => notice.missingMaterialIds.includes(m.id));
      if (stillMissing.length) {
        throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "materialIds"], "C3.6", "STILL_MISSING", { materials: stillMissing.map((m) => m.name).join("、") });
      }
      const today = chinaDate(ctx.clock.now());
      const now = ctx.clock.now();
      await em.getRepository(SupplementNotice).update({ id: notice.id }, { completedAt: now });
      await em.createQueryBuilder().update(CasePause).set({ endedOn: today }).where("caseId = :id AND endedOn IS NULL", { id: c.id }).execute();
      const materials = fresh.map((m) => m.name);
      await record({ type: CaseEventType.SUPPLEMENT_COMPLETED, summary: eventText.supplementCompleted({ materials }), data: { materials } });
      // Art. 32: complete materials are accepted the day they arrive; the kind leaves SUPPLEMENT (C4).
      const kind = item.defaultKind === CaseKind.IMMEDIATE ? CaseKind.COMMITTED : item.defaultKind;
      await startHandling(ctx, em, c, item, kind, today, await calendarIn(em), record);
      return c;
    });
  },

  returnCase(ctx: RequestContext, input: ReturnCaseInput) {
    return runCaseAct(ctx, input, CaseAct.RETURN, async ({ em, c, record }) => {
      const now = ctx.clock.now();
      await updateCase(em, c, {
        kind: CaseKind.RETURNED,
        status: CaseStatus.DECIDED,
        outcome: DecisionOutcome.RETURNED,
        returnCategory: input.category,
        returnReason: input.reason,
        decidedAt: now,
      });
      await em.getRepository(Decision).insert({ caseId: c.id, outcome: DecisionOutcome.RETURNED, reason: input.reason, decidedById: staffOf(ctx).id, letterId: null, sealCode: null, decidedAt: now });
      await record({ type: CaseEventType.RETURNED, summary: eventText.returned({ reason: input.reason }), data: { category: input.category, reason: input.reason } });
      return c;
    });
  },

  pause(ctx: RequestContext, input: PauseCaseInput) {
    return runCaseAct(ctx, input, CaseAct.PAUSE, async ({ em, c, record }) => {
      const today = chinaDate(ctx.clock.now());
      await em.getRepository(CasePause).insert({ caseId: c.id, reason: input.reason, note: input.note, startedOn: today, endedOn: null, startedById: staffOf(ctx).id });
      await updateCase(em, c, { deadline: null, deadlineProvisional: false });
      await record({ type: CaseEventType.PAUSED, summary: eventText.paused({ day: today, note: input.note }), data: { reason: input.reason, note: input.note } });
      return c;
    });
  },

  resume(ctx: RequestContext, input: CaseRefInput) {
    return runCaseAct(ctx, input, CaseAct.RESUME, async ({ em, c, record }) => {
      const today = chinaDate(ctx.clock.now());
      await em.createQueryBuilder().update(CasePause).set({ endedOn: today }).where("caseId = :id AND endedOn IS NULL", { id: c.id }).execute();
      await refreshDeadline(em, c, await calendarIn(em));
      await record({ type: CaseEventType.RESUMED, summary: eventText.resumed({ day: today, deadline: c.deadline, provisional: c.deadlineProvisional }), data: { deadline: c.deadline } });
      return c;
    });
  },

  extend(ctx: RequestContext, input: ExtendCaseInput) {
    const staff = staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.EXTEND, async ({ em, c, record }) => {
      const days = extensionDays(c.kind);
      await em.getRepository(CaseExtension).insert({ caseId: c.id, days, reason: input.reason, approvedById: staff.id, approvedAt: ctx.clock.now() });
      await refreshDeadline(em, c, await calendarIn(em));
      await record({ type: CaseEventType.EXTENDED, summary: eventText.extended({ days, reason: input.reason, deadline: c.deadline, provisional: c.deadlineProvisional }), data: { days, reason: input.reason, deadline: c.deadline } });
      return c;
    });
  },

  forwardUp(ctx: RequestContext, input: CaseRefInput) {
    return runCaseAct(ctx, input, CaseAct.FORWARD_UP, async ({ em, c, record }) => {
      const item = await itemOf(em, c);
      const today = chinaDate(ctx.clock.now());
      await updateCase(em, c, { forwardedTo: item.higherAuthority });
      await record({ type: CaseEventType.FORWARDED_UP, summary: eventText.forwardedUp({ authority: item.higherAuthority }), data: { authority: item.higherAuthority, due: c.forwardDue } });
      if (c.forwardDue && today > c.forwardDue) {
        await em.getRepository(FaultRecord).insert({ kind: FaultKind.LATE_FORWARD, departmentId: item.departmentId, staffId: staffOf(ctx).id, caseId: c.id, at: ctx.clock.now(), note: recordText.lateForwardFault(c.number, c.forwardDue, today) });
      }
      return c;
    });
  },

  recordHigherReply(ctx: RequestContext, input: HigherReplyInput) {
    return runCaseAct(ctx, input, CaseAct.RECORD_REPLY, async ({ em, c, record }) => {
      const cal = await calendarIn(em);
      const today = chinaDate(ctx.clock.now());
      const inform = cal.due(today, INFORM_DAYS);
      const informDue = inform.date;
      const outcome = input.approved ? DecisionOutcome.HIGHER_APPROVED : DecisionOutcome.HIGHER_REFUSED;
      const now = ctx.clock.now();
      await em.getRepository(Decision).insert({ caseId: c.id, outcome, reason: input.replyText, decidedById: staffOf(ctx).id, letterId: null, sealCode: null, decidedAt: now });
      await updateCase(em, c, { status: CaseStatus.DECIDED, outcome, decidedAt: now, informDue, informDueProvisional: inform.provisional });
      await record({
        type: CaseEventType.HIGHER_REPLY,
        summary: eventText.higherReply({ authority: c.forwardedTo, approved: input.approved, replyText: input.replyText, informDue, provisional: inform.provisional }),
        data: { approved: input.approved, replyText: input.replyText, informDue },
      });
      return c;
    });
  },
};
