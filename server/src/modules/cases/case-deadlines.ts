import { In, IsNull, LessThanOrEqual, MoreThanOrEqual, Not, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { chinaDate, computeDeadline, type WorkingCalendar } from "../calendar/working-calendar";
import { actOnCase, ServiceAct } from "./case-act";
import { updateCase } from "./case-core";
import { CaseEventType } from "./case-event-types";
import { eventText, type DueChange } from "./case-event-texts";
import { CaseExtension, CasePause, Decision, JointNotice } from "./case-records.entity";
import { FORWARD_DAYS, INFORM_DAYS, JOINT_OPINION_DAYS } from "./case-rules";
import { Case } from "./case.entity";
import { CaseStatus, DecisionOutcome } from "./case.enums";

/**
 * The deadline a case's acceptance, limit, pauses and extension give (C5), and whether counting it read a
 * provisional year; null before acceptance. Only stops after acceptance move the deadline: a supplement
 * pause ended by the acceptance day lies before the clock started (art. 32).
 */
export async function countedDeadline(em: EntityManager, c: Case, cal: WorkingCalendar): Promise<{ date: string | null; provisional: boolean } | null> {
  if (!c.acceptedOn || c.limitDays === null) return null;
  const pauses = await em.getRepository(CasePause).findBy({ caseId: c.id });
  const extension = await em.getRepository(CaseExtension).findOneBy({ caseId: c.id });
  const acceptedOn = c.acceptedOn;
  const counted = pauses.filter((p) => p.endedOn === null || p.endedOn > acceptedOn);
  return computeDeadline({ acceptedOn, limitDays: c.limitDays, extensionDays: extension?.days ?? 0, pauses: counted }, cal);
}

export { dueText } from "./case-event-texts";

/** The later of two days: a recomputation never moves a day told to the applicant (or a department) earlier. */
const later = (told: string, recomputed: string) => (recomputed > told ? recomputed : told);

/**
 * After an official year is loaded: every open case with a provisional due day (deadline, forwarding due,
 * informing due, a co-department's opinion due) is counted again on the new calendar. The new day is the
 * later of the day told and the recount; when the recount still reads a provisional year the mark stays.
 * A case whose days and marks all stay as they are is not touched, so running it again changes nothing.
 * Each changed case gets a version-checked update and one timeline event. Returns the changed cases' numbers.
 */
export async function recomputeProvisionalDues(ctx: RequestContext, em: EntityManager, cal: WorkingCalendar, year: number): Promise<string[]> {
  const open = Not(CaseStatus.CLOSED);
  const flagged = await em.getRepository(Case).find({
    where: [
      { status: open, deadlineProvisional: true },
      { status: open, forwardDueProvisional: true },
      { status: open, informDueProvisional: true },
    ],
  });
  const notices = await em.getRepository(JointNotice).find({ where: { dueOnProvisional: true, opinion: IsNull() }, order: { id: "ASC" } });
  const noticeCases = notices.length ? await em.getRepository(Case).find({ where: { id: In([...new Set(notices.map((n) => n.caseId))]), status: open } }) : [];
  const cases = [...new Map([...flagged, ...noticeCases].map((c) => [c.id, c])).values()].sort((a, b) => a.id - b.id);

  const changed: string[] = [];
  for (const c of cases) {
    const changes: Partial<Case> = {};
    const moved: DueChange[] = [];
    if (c.deadlineProvisional && c.deadline) {
      const recount = await countedDeadline(em, c, cal);
      if (recount?.date) {
        const date = later(c.deadline, recount.date);
        if (date !== c.deadline || !recount.provisional) Object.assign(changes, { deadline: date, deadlineProvisional: recount.provisional });
        moved.push({ what: "办理时限", from: c.deadline, to: date, provisional: recount.provisional });
      }
    }
    if (c.forwardDueProvisional && c.forwardDue && c.acceptedOn) {
      const recount = cal.due(c.acceptedOn, FORWARD_DAYS);
      const date = later(c.forwardDue, recount.date);
      if (date !== c.forwardDue || !recount.provisional) Object.assign(changes, { forwardDue: date, forwardDueProvisional: recount.provisional });
      moved.push({ what: "报送时限", from: c.forwardDue, to: date, provisional: recount.provisional });
    }
    if (c.informDueProvisional && c.informDue) {
      const reply = await em.getRepository(Decision).findOneBy({ caseId: c.id, outcome: In([DecisionOutcome.HIGHER_APPROVED, DecisionOutcome.HIGHER_REFUSED]) });
      if (reply) {
        const recount = cal.due(chinaDate(reply.decidedAt), INFORM_DAYS);
        const date = later(c.informDue, recount.date);
        if (date !== c.informDue || !recount.provisional) Object.assign(changes, { informDue: date, informDueProvisional: recount.provisional });
        moved.push({ what: "告知时限", from: c.informDue, to: date, provisional: recount.provisional });
      }
    }
    let noticesChanged = false;
    for (const notice of notices.filter((n) => n.caseId === c.id)) {
      const recount = cal.due(chinaDate(notice.notifiedAt), JOINT_OPINION_DAYS);
      const date = later(notice.dueOn, recount.date);
      if (date === notice.dueOn && recount.provisional) continue;
      await em.getRepository(JointNotice).update({ id: notice.id }, { dueOn: date, dueOnProvisional: recount.provisional });
      noticesChanged = true;
      moved.push({ what: "联办意见时限", from: notice.dueOn, to: date, provisional: recount.provisional });
    }
    if (!Object.keys(changes).length && !noticesChanged) continue;
    const told = moved.filter((m) => m.from !== m.to || !m.provisional);
    await actOnCase(ctx, em, { case: c }, ServiceAct.RECOUNT_DEADLINES, async ({ record }) => {
      await updateCase(em, c, changes);
      await record({ type: CaseEventType.DEADLINE_RECOMPUTED, summary: eventText.deadlinesRecountedForYear({ year, dues: told }), data: { year, dues: told }, system: true });
    });
    changed.push(c.number);
  }
  return changed;
}

/**
 * After an admin changes one day of an official year (C5): every open case whose due days (deadline,
 * forwarding due, informing due, a co-department's opinion due) lie on or after that day, and whose clock
 * ran by then, is counted again on the changed calendar. As with a loaded year, the new day is the later
 * of the day told and the recount: a new holiday moves due days later; a removed holiday or a new make-up
 * day never moves them earlier (the applicant was told). Each moved case gets a version-checked update and
 * one timeline event saying why (`why`, e.g. "2026-12-31 改为节假日（临时休假），理由：…"). Returns the moved cases' numbers.
 */
export async function recountDuesAfterDayChange(ctx: RequestContext, em: EntityManager, cal: WorkingCalendar, date: string, why: string): Promise<string[]> {
  const open = Not(CaseStatus.CLOSED);
  const from = MoreThanOrEqual(date);
  const started = LessThanOrEqual(date);
  const flagged = await em.getRepository(Case).find({
    where: [
      { status: open, acceptedOn: started, deadline: from },
      { status: open, acceptedOn: started, forwardDue: from },
      { status: open, informDue: from },
    ],
  });
  const notices = (await em.getRepository(JointNotice).find({ where: { dueOn: from, opinion: IsNull() }, order: { id: "ASC" } })).filter(
    (n) => chinaDate(n.notifiedAt) <= date,
  );
  const flaggedIds = new Set(flagged.map((c) => c.id));
  const noticeCaseIds = [...new Set(notices.map((n) => n.caseId))].filter((id) => !flaggedIds.has(id));
  const noticeCases = noticeCaseIds.length ? await em.getRepository(Case).find({ where: { id: In(noticeCaseIds), status: open } }) : [];
  const cases = [...flagged, ...noticeCases].sort((a, b) => a.id - b.id);

  const changed: string[] = [];
  for (const c of cases) {
    const changes: Partial<Case> = {};
    const moved: DueChange[] = [];
    if (c.deadline && c.deadline >= date) {
      const recount = await countedDeadline(em, c, cal);
      if (recount?.date && recount.date > c.deadline) {
        Object.assign(changes, { deadline: recount.date, deadlineProvisional: recount.provisional });
        moved.push({ what: "办理时限", from: c.deadline, to: recount.date, provisional: recount.provisional });
      }
    }
    if (c.forwardDue && c.forwardDue >= date && c.acceptedOn) {
      const recount = cal.due(c.acceptedOn, FORWARD_DAYS);
      if (recount.date > c.forwardDue) {
        Object.assign(changes, { forwardDue: recount.date, forwardDueProvisional: recount.provisional });
        moved.push({ what: "报送时限", from: c.forwardDue, to: recount.date, provisional: recount.provisional });
      }
    }
    if (c.informDue && c.informDue >= date) {
      const reply = await em.getRepository(Decision).findOneBy({ caseId: c.id, outcome: In([DecisionOutcome.HIGHER_APPROVED, DecisionOutcome.HIGHER_REFUSED]) });
      const recount = reply && chinaDate(reply.decidedAt) <= date ? cal.due(chinaDate(reply.decidedAt), INFORM_DAYS) : null;
      if (recount && recount.date > c.informDue) {
        Object.assign(changes, { informDue: recount.date, informDueProvisional: recount.provisional });
        moved.push({ what: "告知时限", from: c.informDue, to: recount.date, provisional: recount.provisional });
      }
    }
    for (const notice of notices.filter((n) => n.caseId === c.id)) {
      const recount = cal.due(chinaDate(notice.notifiedAt), JOINT_OPINION_DAYS);
      if (recount.date <= notice.dueOn) continue;
      await em.getRepository(JointNotice).update({ id: notice.id }, { dueOn: recount.date, dueOnProvisional: recount.provisional });
      moved.push({ what: "联办意见时限", from: notice.dueOn, to: recount.date, provisional: recount.provisional });
    }
    if (!moved.length) continue;
    await actOnCase(ctx, em, { case: c }, ServiceAct.RECOUNT_DEADLINES, async ({ record }) => {
      await updateCase(em, c, changes);
      await record({ type: CaseEventType.DEADLINE_RECOMPUTED, summary: eventText.deadlinesRecountedForDay({ why, dues: moved }), data: { date, dues: moved }, system: true });
    });
    changed.push(c.number);
  }
  return changed;
}
