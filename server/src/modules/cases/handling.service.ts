import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { invalid } from "../../common/payload";
import { readCalendar } from "../calendar/calendar.service";
import { chinaDate, type WorkingCalendar } from "../calendar/working-calendar";
import { CaseKind } from "../catalogue/enums";
import { Department } from "../catalogue/department.entity";
import { ItemCoDepartment, Material, ServiceItem } from "../catalogue/service-item.entity";
import { authorizeAct, staffOf } from "./case-access";
import { appendCaseEvent, caseByNumber, updateCase } from "./case-core";
import { countedDeadline, dueText } from "./case-deadlines";
import { notifyCaseChanged } from "./case-live";
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

const KIND_LABEL: Record<CaseKind, string> = {
  IMMEDIATE: "即办件",
  COMMITTED: "承办件",
  JOINT: "联办件",
  REPORTED_UP: "上报件",
  RETURNED: "退回件",
  SUPPLEMENT: "补办件",
};

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

/** How a deemed acceptance's event says that the 5 working days were counted on a provisional year. */
export const deemedOnProvisional = (provisional: boolean) => (provisional ? "（工作日按暂定日历计算）" : "");

/** Reloads pauses and extension and stores the deadline they give, marked when it relied on a provisional year (C5). */
export async function refreshDeadline(em: EntityManager, c: Case, cal: WorkingCalendar): Promise<void> {
  const deadline = await countedDeadline(em, c, cal);
  if (deadline) await updateCase(em, c, { deadline: deadline.date, deadlineProvisional: deadline.provisional });
}

/** Loads the case and asks the policy (case-policy.ts) whether the caller may take `act` on it now. */
async function loadFor(ctx: RequestContext, em: EntityManager, caseNumber: string, act: CaseAct): Promise<{ c: Case; item: ServiceItem }> {
  const c = await caseByNumber(em, caseNumber);
  await authorizeAct(ctx, em, c, act);
  return { c, item: await em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId }) };
}

/**
 * Sets the kind and starts the clock (C3, C4): JOINT notifies every co-department at once,
 * REPORTED_UP gets its 3-day forwarding limit.
 */
export async function startHandling(ctx: RequestContext, em: EntityManager, c: Case, item: ServiceItem, kind: CaseKind, day: string, cal: WorkingCalendar, system = false): Promise<void> {
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
  const kindChange = previousKind && previousKind !== kind ? `，办件类型由${KIND_LABEL[previousKind]}转为${KIND_LABEL[kind]}` : "";
  await appendCaseEvent(ctx, em, c, "ACCEPTED", `${day} 受理为${KIND_LABEL[kind]}${kindChange}，承诺 ${limitDays} 个工作日，${c.deadline ? `${dueText(c.deadline, c.deadlineProvisional)} 前办结` : "时限暂停"}。`, { kind, from: previousKind, acceptedOn: day, limitDays, deadline: c.deadline, ...(c.deadlineProvisional ? { deadlineProvisional: true } : {}) }, {}, system);
  if (kind === CaseKind.JOINT) {
    const due = cal.due(day, JOINT_OPINION_DAYS);
    const dueOn = due.date;
    const now = ctx.clock.now();
    await em.getRepository(JointNotice).insert(coDepartments.map((d) => ({ caseId: c.id, departmentId: d.departmentId, notifiedAt: now, dueOn, dueOnProvisional: due.provisional })));
    const names = (await em.getRepository(Department).findBy({ id: In(coDepartments.map((d) => d.departmentId)) })).map((d) => d.name);
    await appendCaseEvent(ctx, em, c, "JOINT_NOTIFIED", `抄告${names.join("、")}，请于 ${dueText(dueOn, due.provisional)} 前出具联办意见。`, { departments: names, dueOn }, {}, system);
  }
}

export const handlingService = {
  accept(ctx: RequestContext, input: AcceptCaseInput) {
    return ctx.db.transaction(async (em) => {
      const { c, item } = await loadFor(ctx, em, input.caseNumber, CaseAct.ACCEPT);
      const cal = await calendarIn(em);
      const { day, deemed, provisional } = acceptanceDay(c, chinaDate(ctx.clock.now()), cal);
      // Art. 32: once the 5 working days passed without a notice, the case counts as accepted on receipt, materials or not.
      const missing = deemed ? [] : await registrationService.materialsMissing(em, c);
      if (missing.length) {
        throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", ["input", "kind"], "C3.6", "MATERIALS_INCOMPLETE", { materials: missing.map((m) => m.name).join("、") });
      }
      await startHandling(ctx, em, c, item, input.kind, day, cal);
      if (deemed) await appendCaseEvent(ctx, em, c, "DEEMED_ACCEPTANCE", `收件后 ${NOTICE_DAYS} 个工作日内未告知${deemedOnProvisional(provisional)}，依法自收件之日 ${day} 起受理（行政许可法第三十二条）。`, provisional ? { provisional } : {});
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  issueSupplementNotice(ctx: RequestContext, input: SupplementNoticeInput) {
    return ctx.db.transaction(async (em) => {
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.ISSUE_SUPPLEMENT);
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
      await em.getRepository(CasePause).insert({ caseId: c.id, reason: PauseReason.SUPPLEMENT, note: "一次性告知补正材料", startedOn: today, endedOn: null, startedById: staff.id });
      await updateCase(em, c, { kind: CaseKind.SUPPLEMENT, status: CaseStatus.SUPPLEMENT });
      const told = [list.length ? `需补正材料 ${list.length} 项：${list.map((m) => m.name).join("、")}` : null, defects.length ? `已交材料需更正 ${defects.length} 处：${defects.join("；")}` : null].filter(Boolean).join("；");
      await appendCaseEvent(ctx, em, c, "SUPPLEMENT_REQUESTED", `一次性告知${told}；补齐前不计时。`, { missing: list.map((m) => m.name), ...(defects.length ? { defects } : {}) });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  completeSupplement(ctx: RequestContext, input: CompleteSupplementInput) {
    return ctx.db.transaction(async (em) => {
      const { c, item } = await loadFor(ctx, em, input.caseNumber, CaseAct.COMPLETE_SUPPLEMENT);
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
      await appendCaseEvent(ctx, em, c, "SUPPLEMENT_COMPLETED", `补齐材料：${fresh.map((m) => m.name).join("、")}。`, { materials: fresh.map((m) => m.name) });
      // Art. 32: complete materials are accepted the day they arrive; the kind leaves SUPPLEMENT (C4).
      const kind = item.defaultKind === CaseKind.IMMEDIATE ? CaseKind.COMMITTED : item.defaultKind;
      await startHandling(ctx, em, c, item, kind, today, await calendarIn(em));
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  returnCase(ctx: RequestContext, input: ReturnCaseInput) {
    return ctx.db.transaction(async (em) => {
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.RETURN);
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
      await appendCaseEvent(ctx, em, c, "RETURNED", `退回：${input.reason}`, { category: input.category, reason: input.reason });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  pause(ctx: RequestContext, input: PauseCaseInput) {
    return ctx.db.transaction(async (em) => {
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.PAUSE);
      const today = chinaDate(ctx.clock.now());
      await em.getRepository(CasePause).insert({ caseId: c.id, reason: input.reason, note: input.note, startedOn: today, endedOn: null, startedById: staffOf(ctx).id });
      await updateCase(em, c, { deadline: null, deadlineProvisional: false });
      await appendCaseEvent(ctx, em, c, "PAUSED", `${today} 起进入特别程序（${input.note}），不计入办理时限，已书面告知申请人。`, { reason: input.reason, note: input.note });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  resume(ctx: RequestContext, input: CaseRefInput) {
    return ctx.db.transaction(async (em) => {
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.RESUME);
      const today = chinaDate(ctx.clock.now());
      await em.createQueryBuilder().update(CasePause).set({ endedOn: today }).where("caseId = :id AND endedOn IS NULL", { id: c.id }).execute();
      await refreshDeadline(em, c, await calendarIn(em));
      await appendCaseEvent(ctx, em, c, "RESUMED", `${today} 特别程序结束，恢复计时，${dueText(c.deadline, c.deadlineProvisional)} 前办结。`, { deadline: c.deadline });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  extend(ctx: RequestContext, input: ExtendCaseInput) {
    return ctx.db.transaction(async (em) => {
      const staff = staffOf(ctx);
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.EXTEND);
      const days = extensionDays(c.kind);
      await em.getRepository(CaseExtension).insert({ caseId: c.id, days, reason: input.reason, approvedById: staff.id, approvedAt: ctx.clock.now() });
      await refreshDeadline(em, c, await calendarIn(em));
      await appendCaseEvent(ctx, em, c, "EXTENDED", `经负责人批准延长 ${days} 个工作日（${input.reason}），${dueText(c.deadline, c.deadlineProvisional)} 前办结，已告知申请人。`, { days, reason: input.reason, deadline: c.deadline });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  forwardUp(ctx: RequestContext, input: CaseRefInput) {
    return ctx.db.transaction(async (em) => {
      const { c, item } = await loadFor(ctx, em, input.caseNumber, CaseAct.FORWARD_UP);
      const today = chinaDate(ctx.clock.now());
      await updateCase(em, c, { forwardedTo: item.higherAuthority });
      await appendCaseEvent(ctx, em, c, "FORWARDED_UP", `报送${item.higherAuthority}审批。`, { authority: item.higherAuthority, due: c.forwardDue });
      if (c.forwardDue && today > c.forwardDue) {
        await em.getRepository(FaultRecord).insert({ kind: FaultKind.LATE_FORWARD, departmentId: item.departmentId, staffId: staffOf(ctx).id, caseId: c.id, at: ctx.clock.now(), note: `上报件 ${c.number} 应于 ${c.forwardDue} 前报送，实际 ${today}。` });
      }
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  recordHigherReply(ctx: RequestContext, input: HigherReplyInput) {
    return ctx.db.transaction(async (em) => {
      const { c } = await loadFor(ctx, em, input.caseNumber, CaseAct.RECORD_REPLY);
      const cal = await calendarIn(em);
      const today = chinaDate(ctx.clock.now());
      const inform = cal.due(today, INFORM_DAYS);
      const informDue = inform.date;
      const outcome = input.approved ? DecisionOutcome.HIGHER_APPROVED : DecisionOutcome.HIGHER_REFUSED;
      const now = ctx.clock.now();
      await em.getRepository(Decision).insert({ caseId: c.id, outcome, reason: input.replyText, decidedById: staffOf(ctx).id, letterId: null, sealCode: null, decidedAt: now });
      await updateCase(em, c, { status: CaseStatus.DECIDED, outcome, decidedAt: now, informDue, informDueProvisional: inform.provisional });
      await appendCaseEvent(ctx, em, c, "HIGHER_REPLY", `${c.forwardedTo}答复：${input.approved ? "同意" : "不同意"}（${input.replyText}）；${dueText(informDue, inform.provisional)} 前告知申请人。`, { approved: input.approved, replyText: input.replyText, informDue });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },
};
