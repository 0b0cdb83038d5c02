import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { AppError, ErrorCode, forbidden, UserErrorCode } from "../../common/errors";
import { paginate, type SortKey } from "../../common/pagination";
import { appendAudit } from "../audit/audit.service";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate } from "../calendar/working-calendar";
import { insertFaultOnce } from "../cases/case-faults";
import { Case } from "../cases/case.entity";
import { FaultKind } from "../cases/case.enums";
import { Department } from "../catalogue/department.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { Complaint } from "./supervision.entity";
import { ComplaintChannel, ComplaintOutcome, ComplaintStatus } from "./supervision.enums";
import type { AnswerComplaintInput, AssignComplaintInput, CloseComplaintInput, ComplaintFields, ComplaintListArgs, RegisterComplaintInput } from "./supervision.inputs";
import { assertComplaintStep, belongsToUnit, complaintNumber, isOverseer, newQueryCode, refusal, unitScope, type Refusal } from "./supervision.rules";

const OUTCOME_LABEL: Record<ComplaintOutcome, string> = { UPHELD: "属实", NOT_UPHELD: "不属实", WITHDRAWN: "撤回" };

const DUE_KEY: SortKey<Complaint> = { expr: `(COALESCE(k.dueOn, '9999-12-31') || k.number)`, dir: "ASC", of: (k) => `${k.dueOn ?? "9999-12-31"}${k.number}` };

const s1 = (code: UserErrorCode, reason: Refusal, message: string, field: string[] | null) => refusal(code, "S1", reason, message, field);

async function complaintByNumber(em: EntityManager, number: string): Promise<Complaint> {
  const complaint = await em.getRepository(Complaint).findOneBy({ number });
  if (!complaint) throw s1(UserErrorCode.NOT_FOUND, "COMPLAINT_NOT_FOUND", `没有编号为 ${number} 的投诉。 No such complaint.`, ["input", "number"]);
  return complaint;
}

/** Version-checked update: exactly one row, or someone changed it first. */
async function updateComplaint(em: EntityManager, complaint: Complaint, changes: Partial<Complaint>): Promise<Complaint> {
  const result = await em
    .createQueryBuilder()
    .update(Complaint)
    .set({ ...changes, version: complaint.version + 1 })
    .where("id = :id AND version = :version", { id: complaint.id, version: complaint.version })
    .execute();
  if (result.affected !== 1) throw s1(UserErrorCode.STALE_VERSION, "STALE_VERSION", "该投诉刚被他人更改，请刷新后重试。 Changed by someone else; reload.", null);
  return Object.assign(complaint, changes, { version: complaint.version + 1 });
}

/** Resolves what the complaint is about; the case only with its query code when the complainant is a citizen. */
async function subjectOf(em: EntityManager, input: ComplaintFields, needQueryCode: boolean) {
  let caseId: number | null = null;
  if (input.caseNumber) {
    const c = await em.getRepository(Case).findOneBy({ number: input.caseNumber });
    // Citizens prove the case is theirs with its query code; staff entering a complaint may not have it.
    const code = input.queryCode?.trim().toUpperCase() ?? "";
    const codeOk = c !== null && (code ? c.queryCode === code : !needQueryCode);
    if (!c || !codeOk) throw s1(UserErrorCode.NOT_FOUND, "CASE_NOT_FOUND", "办件编号与查询码不符。 The case number and query code do not match.", ["input", "queryCode"]);
    caseId = c.id;
  }
  let windowId: number | null = null;
  if (input.windowCode) {
    const w = await em.getRepository(ServiceWindow).findOneBy({ code: input.windowCode.trim().toUpperCase() });
    if (!w) throw s1(UserErrorCode.NOT_FOUND, "WINDOW_NOT_FOUND", `没有窗口 ${input.windowCode}。 No such window.`, ["input", "windowCode"]);
    windowId = w.id;
  }
  let departmentId: number | null = null;
  if (input.departmentCode) {
    const d = await em.getRepository(Department).findOneBy({ code: input.departmentCode.trim().toUpperCase() });
    if (!d) throw s1(UserErrorCode.NOT_FOUND, "DEPARTMENT_NOT_FOUND", `没有部门 ${input.departmentCode}。 No such department.`, ["input", "departmentCode"]);
    departmentId = d.id;
  }
  const personName = input.personName?.trim() || null;
  if (caseId === null && windowId === null && departmentId === null && personName === null) {
    throw s1(UserErrorCode.INVALID, "SUBJECT_REQUIRED", "请说明投诉的办件、窗口、部门或人员。 Name the case, window, department or person.", ["input", "caseNumber"]);
  }
  return { caseId, windowId, departmentId, personName };
}

async function file(ctx: RequestContext, input: ComplaintFields, channel: ComplaintChannel) {
  return ctx.db.transaction((em) => fileIn(em, ctx, input, channel));
}

/** Files a complaint inside the caller's transaction (the follow-up visits of S6 file theirs with the call's result). */
export async function fileIn(em: EntityManager, ctx: RequestContext, input: ComplaintFields, channel: ComplaintChannel) {
  {
    const subject = await subjectOf(em, input, channel === ComplaintChannel.WEB);
    const now = ctx.clock.now();
    const queryCode = newQueryCode();
    const inserted = await em.getRepository(Complaint).insert({
      number: `N${randomUUID().replaceAll("-", "").slice(0, 19)}`, // replaced below, once the id is known
      queryCode,
      channel,
      status: ComplaintStatus.RECEIVED,
      ...subject,
      content: input.content,
      contact: input.contact?.trim() || null,
      receivedAt: now,
      receivedById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null,
      dueOnProvisional: false,
      version: 1,
    });
    const id = Number(inserted.identifiers[0].id);
    const number = complaintNumber(chinaDate(now), id);
    await em.getRepository(Complaint).update({ id }, { number });
    // The audit row names the complaint and its channel only: no content, no contact.
    await appendAudit(ctx, em, "complaint.file", "Complaint", id, { number, channel });
    return { id, number, queryCode, receivedAt: now };
  }
}

export const complaintService = {
  /** S1: a citizen's web complaint, without login; per-address limit beyond the general public one. */
  async fileWeb(ctx: RequestContext, input: ComplaintFields) {
    if (!(await ctx.rateLimiter.hit(`complaint:${ctx.clientKey}`, ctx.config.complaintRateLimitPerMinute))) {
      throw new AppError(ErrorCode.RATE_LIMITED, "COMPLAINT_RATE_LIMITED", {}, { http: { status: 429 } });
    }
    return file(ctx, input, ComplaintChannel.WEB);
  },

  /** S1: hotline, box and window complaints entered by staff; the 12345 integration (complaints:write) files HOTLINE. */
  register(ctx: RequestContext, input: RegisterComplaintInput) {
    return file(ctx, input, ctx.actor.kind === "token" ? ComplaintChannel.HOTLINE : input.channel);
  },

  /** The complainant's lookup by number and query code; null when they do not match. */
  async publicStatus(ctx: RequestContext, number: string, queryCode: string) {
    const complaint = await ctx.db.manager.getRepository(Complaint).findOneBy({ number: number.trim().toUpperCase() });
    if (!complaint || complaint.queryCode !== queryCode.trim().toUpperCase()) return null;
    return complaint;
  },

  /** Complaints: all for overseers; for unit staff those assigned to their units; nearest due day first. */
  list(ctx: RequestContext, args: ComplaintListArgs) {
    const qb = ctx.db.manager.getRepository(Complaint).createQueryBuilder("k");
    const scope = unitScope(ctx.actor, "k.assignedDepartmentId", "k.assignedWindowId");
    if (scope) qb.where(scope.where, scope.params);
    if (args.status) qb.andWhere("k.status = :status", { status: args.status });
    return paginate(qb, args, DUE_KEY);
  },

  async byNumber(ctx: RequestContext, number: string) {
    const complaint = await ctx.db.manager.getRepository(Complaint).findOneBy({ number });
    if (!complaint) return null;
    if (!isOverseer(ctx.actor) && !(await this.isUnitOf(ctx.db.manager, ctx, complaint))) throw forbidden("COMPLAINT_NOT_READABLE");
    return complaint;
  },

  async isUnitOf(em: EntityManager, ctx: RequestContext, complaint: Complaint): Promise<boolean> {
    const window = complaint.assignedWindowId ? await em.getRepository(ServiceWindow).findOneBy({ id: complaint.assignedWindowId }) : null;
    return belongsToUnit(ctx.actor, { departmentId: complaint.assignedDepartmentId, windowId: complaint.assignedWindowId, windowPointId: window?.pointId ?? null });
  },

  /** The supervisor assigns it to one unit with a limit in working days (again, to another unit, while unanswered). */
  assign(ctx: RequestContext, input: AssignComplaintInput) {
    return ctx.db.transaction(async (em) => {
      const complaint = await complaintByNumber(em, input.number);
      assertComplaintStep(complaint.status, "ASSIGN");
      if (!input.departmentCode === !input.windowCode) {
        throw s1(UserErrorCode.INVALID, "ONE_UNIT_REQUIRED", "请指定一个承办单位：部门或窗口之一。 Give a department or a window, one of them.", ["input", "departmentCode"]);
      }
      let assignedDepartmentId: number | null = null;
      let assignedWindowId: number | null = null;
      if (input.departmentCode) {
        const d = await em.getRepository(Department).findOneBy({ code: input.departmentCode.trim().toUpperCase() });
        if (!d) throw s1(UserErrorCode.NOT_FOUND, "DEPARTMENT_NOT_FOUND", `没有部门 ${input.departmentCode}。 No such department.`, ["input", "departmentCode"]);
        assignedDepartmentId = d.id;
      } else {
        const w = await em.getRepository(ServiceWindow).findOneBy({ code: input.windowCode!.trim().toUpperCase() });
        if (!w) throw s1(UserErrorCode.NOT_FOUND, "WINDOW_NOT_FOUND", `没有窗口 ${input.windowCode}。 No such window.`, ["input", "windowCode"]);
        assignedWindowId = w.id;
      }
      let responsibleStaffId: number | null = null;
      if (input.responsibleUsername) {
        const staff = await em.getRepository(Staff).findOneBy({ username: input.responsibleUsername.trim().toLowerCase() });
        if (!staff) throw s1(UserErrorCode.NOT_FOUND, "STAFF_NOT_FOUND", `没有工作人员 ${input.responsibleUsername}。 No such staff member.`, ["input", "responsibleUsername"]);
        responsibleStaffId = staff.id;
      }
      const now = ctx.clock.now();
      const due = (await loadCalendar(ctx)).due(chinaDate(now), input.limitDays);
      await updateComplaint(em, complaint, {
        status: ComplaintStatus.ASSIGNED,
        assignedDepartmentId,
        assignedWindowId,
        responsibleStaffId,
        assignedAt: now,
        limitDays: input.limitDays,
        dueOn: due.date,
        dueOnProvisional: due.provisional,
      });
      await appendAudit(ctx, em, "complaint.assign", "Complaint", complaint.id, { number: complaint.number, departmentCode: input.departmentCode ?? null, windowCode: input.windowCode ?? null, limitDays: input.limitDays, dueOn: due.date });
      return complaint;
    });
  },

  /** The unit answers a complaint assigned to it. */
  answer(ctx: RequestContext, input: AnswerComplaintInput) {
    return ctx.db.transaction(async (em) => {
      const complaint = await complaintByNumber(em, input.number);
      if (!(await this.isUnitOf(em, ctx, complaint))) {
        throw s1(UserErrorCode.FORBIDDEN, "NOT_YOUR_UNIT", "该投诉未交办给您的单位。 Not assigned to your unit.", ["input", "number"]);
      }
      assertComplaintStep(complaint.status, "ANSWER");
      const staffId = ctx.actor.kind === "staff" ? ctx.actor.staff.id : null;
      await updateComplaint(em, complaint, { status: ComplaintStatus.ANSWERED, answer: input.answer, answeredAt: ctx.clock.now(), answeredById: staffId });
      await appendAudit(ctx, em, "complaint.answer", "Complaint", complaint.id, { number: complaint.number });
      return complaint;
    });
  },

  /** The supervisor's outcome; UPHELD writes a fault against the unit and, where named, the person (S5). */
  close(ctx: RequestContext, input: CloseComplaintInput) {
    return ctx.db.transaction(async (em) => {
      const complaint = await complaintByNumber(em, input.number);
      assertComplaintStep(complaint.status, input.outcome);
      const now = ctx.clock.now();
      await updateComplaint(em, complaint, {
        status: ComplaintStatus.CLOSED,
        outcome: input.outcome,
        outcomeNote: input.note,
        closedAt: now,
        closedById: ctx.actor.kind === "staff" ? ctx.actor.staff.id : null,
      });
      if (input.outcome === ComplaintOutcome.UPHELD) {
        const window = complaint.assignedWindowId ? await em.getRepository(ServiceWindow).findOneByOrFail({ id: complaint.assignedWindowId }) : null;
        await insertFaultOnce(em, {
          kind: FaultKind.UPHELD_COMPLAINT,
          departmentId: complaint.assignedDepartmentId ?? window?.departmentId ?? null,
          windowId: complaint.assignedWindowId,
          staffId: complaint.responsibleStaffId,
          // A case may draw several upheld complaints: the record reaches it through the complaint.
          caseId: null,
          complaintId: complaint.id,
          at: now,
          note: `投诉 ${complaint.number} 经查属实：${input.note}`,
        });
      }
      await appendAudit(ctx, em, "complaint.close", "Complaint", complaint.id, { number: complaint.number, outcome: input.outcome, label: OUTCOME_LABEL[input.outcome] });
      return complaint;
    });
  },
};
