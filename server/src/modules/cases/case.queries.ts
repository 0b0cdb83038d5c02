import { isRateable } from "./case-rules";
import { Brackets, type SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "../../common/context";
import { badInput, fieldProblem } from "../../common/validation";
import { forbidden, notFound } from "../../common/errors";
import { COUNT_CAP, emptyPage, paginate, type PageArgs, type SortKey } from "../../common/pagination";
import { coveredItemIdsOf } from "../authorization/authorization.service";
import { chinaDate } from "../calendar/working-calendar";
import { CaseKind } from "../catalogue/enums";
import { Material, ServiceItem } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Department } from "../catalogue/department.entity";
import { loadCalendar } from "../calendar/calendar.service";
import { mayRead, policyCaller } from "./case-access";
import { canListAtPoint, canListDepartment, canListLedger, canListWindow, caseScope, decidesHereScope, readsWholeLedger, readsWholeWindow, reviewScope } from "./case-policy";
import { Case } from "./case.entity";
import { Decision, JointNotice } from "./case-records.entity";
import { CaseStatus, DeadlineState } from "./case.enums";
import type { CaseStatusView, IntakeCheck } from "./case.payloads";
import { collectionPlace } from "./case-collection";
import { routeFor } from "./registration.service";

const OPEN = [CaseStatus.REGISTERED, CaseStatus.SUPPLEMENT, CaseStatus.IN_REVIEW, CaseStatus.DECIDED];
/** The open statuses written out (they are constants) so the planner matches the partial index of open cases. */
const OPEN_SQL = (a: string) => `${a}.status IN (${OPEN.map((s) => `'${s}'`).join(", ")})`;
/** An open pause (art. 45): the clock of an IN_REVIEW case is stopped. */
const OPEN_PAUSE = (a: string) => `EXISTS (SELECT 1 FROM case_pause p WHERE p."caseId" = ${a}.id AND p."endedOn" IS NULL)`;

/** A queue's filters (window queue): status, kind, the deadline's warning state, item. */
export interface QueueFilter {
  status?: CaseStatus;
  kind?: CaseKind;
  deadlineState?: DeadlineState;
  itemCode?: string;
}

/** Which workspace's counts: exactly one of a window, a point or a department. */
export interface WorkspaceRef {
  windowCode?: string;
  pointCode?: string;
  departmentCode?: string;
}

/**
 * Today in China, its first instant, and the first day no longer yellow (C5: yellow while 2 or fewer
 * working days remain, i.e. before the 3rd working day after today).
 */
async function warningDays(ctx: RequestContext) {
  const today = chinaDate(ctx.clock.now());
  let yellowEnd: string;
  try {
    yellowEnd = (await loadCalendar(ctx)).addWorkingDays(today, 3);
  } catch {
    yellowEnd = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10); // no calendar yet: plain days
  }
  return { today, todayStart: new Date(`${today}T00:00:00+08:00`), yellowEnd };
}

/** Deadline order, undated cases last; the case number breaks ties (the key of IDX_case_file_queue_open and IDX_case_file_review_key). */
export const DEADLINE_KEY: SortKey<Case> = { expr: `(COALESCE(c.deadline, '9999-12-31') || c.number)`, dir: "ASC", of: (c) => `${c.deadline ?? "9999-12-31"}${c.number}` };
const NEWEST_KEY: SortKey<Case> = { expr: "c.id", dir: "DESC", of: (c) => c.id, type: "int" };

function staffOnly(ctx: RequestContext) {
  if (ctx.actor.kind !== "staff") throw forbidden();
  return ctx.actor.staff;
}

/** Keeps only the cases the caller may read (case-policy.ts caseScope). */
function scoped(ctx: RequestContext, qb: SelectQueryBuilder<Case>): SelectQueryBuilder<Case> {
  const scope = caseScope(policyCaller(ctx.actor), "c");
  return scope ? qb.andWhere(scope.where, scope.params) : qb;
}

function badWorkspace() {
  return badInput([fieldProblem("windowCode", "workspace")]);
}

/** The queue's filters as SQL; statuses and the deadline states stay literal or ranges on the deadline key. */
async function applyQueueFilter(ctx: RequestContext, qb: SelectQueryBuilder<Case>, f: QueueFilter) {
  if (f.status) qb.andWhere("c.status = :fStatus", { fStatus: f.status });
  if (f.kind) qb.andWhere("c.kind = :fKind", { fKind: f.kind });
  if (f.itemCode) {
    const item = await ctx.db.manager.getRepository(ServiceItem).findOne({ where: { code: f.itemCode }, select: { id: true } });
    qb.andWhere("c.itemId = :fItem", { fItem: item?.id ?? 0 });
  }
  if (f.deadlineState) {
    const { today, yellowEnd } = await warningDays(ctx);
    // Ranges on the queue's key (deadline, then number) rather than on the deadline, so the window's queue index serves them in order.
    const key = DEADLINE_KEY.expr;
    if (f.deadlineState === DeadlineState.RED) qb.andWhere(`c.status = 'IN_REVIEW' AND ${key} < :fToday`, { fToday: today });
    else if (f.deadlineState === DeadlineState.YELLOW) qb.andWhere(`c.status = 'IN_REVIEW' AND ${key} >= :fToday AND ${key} < :fYellowEnd`, { fToday: today, fYellowEnd: yellowEnd });
    else if (f.deadlineState === DeadlineState.PAUSED) qb.andWhere(`(c.status = 'SUPPLEMENT' OR (c.status = 'IN_REVIEW' AND ${OPEN_PAUSE("c")}))`);
    else if (f.deadlineState === DeadlineState.ON_TIME) qb.andWhere(`c.status = 'IN_REVIEW' AND c.deadline IS NOT NULL AND ${key} >= :fYellowEnd`, { fYellowEnd: yellowEnd });
    else qb.andWhere("c.status <> 'IN_REVIEW' AND c.status <> 'SUPPLEMENT'");
  }
}

export const caseQueries = {
  async byNumber(ctx: RequestContext, number: string): Promise<Case | null> {
    const c = await ctx.db.manager.getRepository(Case).findOneBy({ number });
    if (!c) return null;
    if (!(await mayRead(ctx, c))) throw forbidden("CASE_NOT_VISIBLE");
    return c;
  },

  /** API tokens (R2, R2b): the cases they may read, newest first; optionally of one point (registered, now or handled there). */
  async forToken(ctx: RequestContext, pointCode: string | null, args: PageArgs) {
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c");
    if (pointCode !== null) {
      const point = await ctx.db.manager.getRepository(ServicePoint).findOneBy({ code: pointCode });
      if (!point) throw notFound("POINT_NOT_FOUND", { code: pointCode }, "pointCode");
      qb.andWhere("(c.registeredPointId = :tp OR c.currentPointId = :tp OR c.handlingPointId = :tp)", { tp: point.id });
    }
    return paginate(scoped(ctx, qb), args, NEWEST_KEY, { countCap: COUNT_CAP });
  },

  /** A window's open cases, nearest deadline first (the clerk's queue). */
  async windowQueue(ctx: RequestContext, windowCode: string, args: PageArgs & QueueFilter & { includeClosed?: boolean }) {
    staffOnly(ctx);
    const window = await ctx.db.manager.getRepository(ServiceWindow).findOneBy({ code: windowCode });
    if (!window) throw notFound("WINDOW_NOT_FOUND", { code: windowCode }, "windowCode");
    if (!canListWindow(policyCaller(ctx.actor), window)) throw forbidden("QUEUE_NOT_READABLE", { code: windowCode });
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").where("c.windowId = :w", { w: window.id });
    const closed = args.status === CaseStatus.CLOSED;
    if (!args.includeClosed && !closed) qb.andWhere(OPEN_SQL("c"));
    await applyQueueFilter(ctx, qb, args);
    // Open cases are a day's work; with the closed ones a window's whole history: counted up to COUNT_CAP.
    const rows = readsWholeWindow(policyCaller(ctx.actor), window) ? qb : scoped(ctx, qb);
    return paginate(rows, args, DEADLINE_KEY, args.includeClosed || closed ? { countCap: COUNT_CAP } : {});
  },

  /**
   * Today's counts of a workspace in one statement: open cases by status, yellow, red and paused among
   * them, and the cases decided or closed today. Scoped by the case policy (caseScope) like the lists;
   * each part reads an index (the window's partial index of open cases, (currentPointId, status),
   * (itemId, status); decidedAt and closedAt for today's).
   */
  async workCounts(ctx: RequestContext, ref: WorkspaceRef) {
    staffOnly(ctx);
    const caller = policyCaller(ctx.actor);
    const em = ctx.db.manager;
    const given = [ref.windowCode, ref.pointCode, ref.departmentCode].filter((v) => v != null);
    if (given.length !== 1) throw badWorkspace();
    let open: (a: string) => string;
    let done: (a: string) => string;
    let id: number;
    if (ref.windowCode != null) {
      const window = await em.getRepository(ServiceWindow).findOneBy({ code: ref.windowCode });
      if (!window) throw notFound("WINDOW_NOT_FOUND", { code: ref.windowCode }, "windowCode");
      if (!canListWindow(caller, window)) throw forbidden("WORKSPACE_NOT_READABLE", { code: ref.windowCode });
      id = window.id;
      open = (a) => `${a}.windowId = :wsId`;
      // Unary plus: today's decisions and closings are found by their day's index, not by the window's whole history.
      done = (a) => `+ ${a}.windowId = :wsId`;
    } else if (ref.pointCode != null) {
      const point = await em.getRepository(ServicePoint).findOneBy({ code: ref.pointCode });
      if (!point) throw notFound("POINT_NOT_FOUND", { code: ref.pointCode }, "pointCode");
      if (!canListAtPoint(caller, point)) throw forbidden("WORKSPACE_NOT_READABLE", { code: point.code });
      id = point.id;
      open = (a) => `${a}.currentPointId = :wsId`;
      done = (a) => `(+ ${a}.currentPointId = :wsId OR + ${a}.handlingPointId = :wsId)`;
    } else {
      const department = await em.getRepository(Department).findOneBy({ code: ref.departmentCode });
      if (!department) throw notFound("DEPARTMENT_NOT_FOUND", { code: ref.departmentCode ?? "" }, "departmentCode");
      if (!canListDepartment(caller, department)) throw forbidden("WORKSPACE_NOT_READABLE", { code: department.code });
      id = department.id;
      open = (a) => `${a}.itemId IN (SELECT si.id FROM service_item si WHERE si."departmentId" = :wsId)`;
      done = (a) => `+ ${a}.itemId IN (SELECT si.id FROM service_item si WHERE si."departmentId" = :wsId)`;
    }
    const { today, todayStart, yellowEnd } = await warningDays(ctx);
    const sum = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;
    const qb = em
      .getRepository(Case)
      .createQueryBuilder("c")
      .select("COUNT(*)", "open")
      .addSelect(sum("c.status = 'REGISTERED'"), "registered")
      .addSelect(sum("c.status = 'SUPPLEMENT'"), "supplement")
      .addSelect(sum("c.status = 'IN_REVIEW'"), "inReview")
      .addSelect(sum("c.status = 'DECIDED'"), "decided")
      .addSelect(sum("c.status = 'IN_REVIEW' AND c.deadline >= :wcToday AND c.deadline < :wcYellowEnd"), "yellow")
      .addSelect(sum("c.status = 'IN_REVIEW' AND c.deadline < :wcToday"), "red")
      .addSelect(sum(`c.status = 'SUPPLEMENT' OR (c.status = 'IN_REVIEW' AND ${OPEN_PAUSE("c")})`), "paused")
      .addSelect((sub) => {
        sub.select("COUNT(*)").from(Case, "d").where(done("d")).andWhere("(d.decidedAt >= :wcStart OR d.closedAt >= :wcStart)");
        const scope = caseScope(caller, "d");
        return scope ? sub.andWhere(scope.where) : sub;
      }, "doneToday")
      .where(open("c"))
      .andWhere(OPEN_SQL("c"))
      .setParameters({ wsId: id, wcToday: today, wcYellowEnd: yellowEnd, wcStart: todayStart });
    const row = await scoped(ctx, qb).getRawOne<Record<string, string | number | null>>();
    const n = (key: string) => Number(row?.[key] ?? 0);
    return {
      open: n("open"),
      registered: n("registered"),
      supplement: n("supplement"),
      inReview: n("inReview"),
      decided: n("decided"),
      yellow: n("yellow"),
      red: n("red"),
      paused: n("paused"),
      doneToday: n("doneToday"),
    };
  },

  /**
   * 服务台帐: the cases a point registered, newest first (C7); with `relayed`, the cases it passed on
   * (a township: those it handed over towards the city, its own and its villages').
   */
  async ledger(ctx: RequestContext, pointCode: string, args: PageArgs & { status?: CaseStatus; from?: string; to?: string; relayed?: boolean }) {
    staffOnly(ctx);
    const point = await ctx.db.manager.getRepository(ServicePoint).findOneBy({ code: pointCode });
    if (!point) throw notFound("POINT_NOT_FOUND", { code: pointCode }, "pointCode");
    if (!canListLedger(policyCaller(ctx.actor), point)) throw forbidden("LEDGER_NOT_READABLE");
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c");
    if (args.relayed) qb.where(`c.id IN (SELECT e."caseId" FROM case_event e WHERE e."fromPointId" = :p AND e.type = 'HANDED_OVER')`, { p: point.id });
    else qb.where("c.registeredPointId = :p", { p: point.id });
    if (args.status) qb.andWhere("c.status = :status", { status: args.status });
    if (args.from) qb.andWhere("c.registeredAt >= :from", { from: new Date(`${args.from}T00:00:00+08:00`) });
    if (args.to) qb.andWhere("c.registeredAt < :to", { to: new Date(new Date(`${args.to}T00:00:00+08:00`).getTime() + 86_400_000) });
    // Newest first on (registeredPointId, id) (IDX_case_file_ledger); the city's ledger holds millions: counted up to COUNT_CAP.
    // When the caller may read every case the point registered, no policy filter (it would only mislead the planner).
    const whole = !args.relayed && readsWholeLedger(policyCaller(ctx.actor), point);
    return paginate(whole ? qb : scoped(ctx, qb), args, NEWEST_KEY, { countCap: COUNT_CAP });
  },

  /** Cases now at a point: arrived from below and waiting to be handled or passed on, or results to hand back. */
  async atPoint(ctx: RequestContext, pointCode: string, args: PageArgs) {
    staffOnly(ctx);
    const point = await ctx.db.manager.getRepository(ServicePoint).findOneBy({ code: pointCode });
    if (!point) throw notFound("POINT_NOT_FOUND", { code: pointCode }, "pointCode");
    if (!canListAtPoint(policyCaller(ctx.actor), point)) throw forbidden("POINT_CASES_NOT_READABLE");
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").where("c.currentPointId = :p", { p: point.id });
    qb.andWhere(
      new Brackets((w) => {
        w.where("(c.status = :registered AND c.handlingPointId <> :p)", { registered: CaseStatus.REGISTERED, p: point.id });
        w.orWhere("(c.status = :decided)", { decided: CaseStatus.DECIDED });
      }),
    );
    return paginate(scoped(ctx, qb), args, DEADLINE_KEY);
  },

  /**
   * A3: cases waiting for a decision under the caller's letters, where the caller decides them, nearest deadline first.
   * The page walks IDX_case_file_review_key in key order and stops at the page's end: the covered departments' items
   * are a subquery PostgreSQL may not flatten into a join (OFFSET 0), since as a join the planner, misjudging how many
   * cases pass the other filters, read and sorted every in-review case of the department (10 M cases: 3,326 cases,
   * 81 ms; the index walk: 21 rows, 3 ms). The count reads the department's cases by (itemId, status) as a join.
   */
  async decisionsAwaiting(ctx: RequestContext, args: PageArgs & { kind?: CaseKind }) {
    const staff = staffOnly(ctx);
    const now = ctx.clock.now();
    const covered = await coveredItemIdsOf(ctx.db.manager, staff.id, now);
    const kinds = [CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT].filter((k) => !args.kind || k === args.kind);
    const noFence = ctx.db.engine === "postgres" ? " OFFSET 0" : "";
    const awaiting = (joinItems: boolean) => {
      const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c");
      if (joinItems) qb.innerJoin(ServiceItem, "i", "i.id = c.itemId");
      // IN_REVIEW written literally: the partial index IDX_case_file_review_key serves the deadline order.
      qb.where(`c.status = '${CaseStatus.IN_REVIEW}' AND c.kind IN (:...kinds)`, { kinds });
      qb.andWhere(
        new Brackets((w) => {
          w.where("1 = 0");
          if (covered.all.length) {
            if (joinItems) w.orWhere("i.departmentId IN (:...depts)", { depts: covered.all });
            else w.orWhere(`c.itemId IN (SELECT si.id FROM service_item si WHERE si."departmentId" IN (:...depts)${noFence})`, { depts: covered.all });
          }
          if (covered.items.length) w.orWhere("c.itemId IN (:...items)", { items: covered.items });
        }),
      );
      const here = decidesHereScope(policyCaller(ctx.actor), "c");
      qb.andWhere(here.where, here.params);
      qb.andWhere("NOT EXISTS (SELECT 1 FROM case_pause p WHERE p.\"caseId\" = c.id AND p.\"endedOn\" IS NULL)");
      qb.andWhere("NOT EXISTS (SELECT 1 FROM joint_notice n WHERE n.\"caseId\" = c.id AND n.opinion IS NULL)");
      return scoped(ctx, qb);
    };
    return paginate(awaiting(false), args, DEADLINE_KEY, { countQuery: awaiting(true) });
  },

  /** A4: the section chief's cases waiting for the review opinion (case-policy.ts reviewScope), nearest deadline first. */
  async reviewsAwaiting(ctx: RequestContext, args: PageArgs) {
    staffOnly(ctx);
    const review = reviewScope(policyCaller(ctx.actor), "c");
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").where(review.where, review.params);
    return paginate(scoped(ctx, qb), args, DEADLINE_KEY);
  },

  /** Joint notices addressed to the caller's department and not yet answered (C3.3). */
  async jointOpinionsAwaiting(ctx: RequestContext, args: PageArgs) {
    const staff = staffOnly(ctx);
    if (staff.departmentId === null) return emptyPage<JointNotice>();
    const qb = ctx.db.manager.getRepository(JointNotice).createQueryBuilder("j").innerJoin(Case, "c", "c.id = j.caseId").where("j.departmentId = :d AND j.opinion IS NULL", { d: staff.departmentId });
    const scope = caseScope(policyCaller(ctx.actor), "c");
    return paginate(scope ? qb.andWhere(scope.where, scope.params) : qb, args, "id");
  },

  /** "Decided by me": the caller's own decisions, newest first (IDX_decision_decidedBy), on cases the caller may still read. */
  async decidedByMe(ctx: RequestContext, args: PageArgs) {
    const staff = staffOnly(ctx);
    const qb = ctx.db.manager.getRepository(Decision).createQueryBuilder("d").innerJoin(Case, "c", "c.id = d.caseId").where("d.decidedById = :me", { me: staff.id });
    const scope = caseScope(policyCaller(ctx.actor), "c");
    if (scope) qb.andWhere(scope.where, scope.params);
    return paginate(qb, args, { expr: "d.id", dir: "DESC", of: (d) => d.id, type: "int" });
  },

  /** "My joint opinions": the opinions the caller gave for the department, newest first (IDX_joint_notice_answeredBy). */
  async myJointOpinions(ctx: RequestContext, args: PageArgs) {
    const staff = staffOnly(ctx);
    const qb = ctx.db.manager.getRepository(JointNotice).createQueryBuilder("j").innerJoin(Case, "c", "c.id = j.caseId").where("j.answeredById = :me", { me: staff.id });
    const scope = caseScope(policyCaller(ctx.actor), "c");
    if (scope) qb.andWhere(scope.where, scope.params);
    return paginate(qb, args, { expr: "j.id", dir: "DESC", of: (j) => j.id, type: "int" });
  },

  /** What intake shows before registering: route, missing materials and the proposed kind. */
  async intakeCheck(ctx: RequestContext, itemCode: string, materialIds: string[]): Promise<IntakeCheck> {
    const staff = staffOnly(ctx);
    const em = ctx.db.manager;
    const item = await em.getRepository(ServiceItem).findOneBy({ code: itemCode, active: true });
    if (!item) throw notFound("ITEM_NOT_FOUND", { code: itemCode }, "itemCode");
    const point = await em.getRepository(ServicePoint).findOneByOrFail({ id: staff.pointId });
    const { handling, window } = await routeFor(em, item, point);
    const required = await em.getRepository(Material).find({ where: { itemId: item.id, active: true, required: true }, order: { seq: "ASC" } });
    const missing = required.filter((m) => !materialIds.includes(String(m.id)));
    return { handlingPoint: handling, window, missing, proposedKind: missing.length ? CaseKind.SUPPLEMENT : item.defaultKind };
  },

  /** Public lookup by number and query code: status and dates only (C8). Same answer for a wrong code and an unknown number. */
  async publicStatus(ctx: RequestContext, number: string, queryCode: string): Promise<CaseStatusView | null> {
    const c = await ctx.db.manager.getRepository(Case).findOneBy({ number });
    if (!c || c.queryCode !== queryCode.trim().toUpperCase()) return null;
    const [item, handling] = await Promise.all([
      ctx.db.manager.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId }),
      ctx.db.manager.getRepository(ServicePoint).findOneByOrFail({ id: c.handlingPointId }),
    ]);
    return {
      number: c.number,
      itemName: item.name,
      handlingPointName: handling.name,
      status: c.status,
      kind: c.kind,
      registeredOn: chinaDate(c.registeredAt),
      acceptedOn: c.acceptedOn,
      deadline: c.deadline,
      deadlineProvisional: c.deadlineProvisional,
      outcome: c.outcome,
      decidedOn: c.decidedAt ? chinaDate(c.decidedAt) : null,
      closedOn: c.closedAt ? chinaDate(c.closedAt) : null,
      collection: c.status === CaseStatus.DECIDED ? await collectionPlace(ctx.db.manager, c) : null,
      rateable: isRateable(c.status, c.outcome),
    };
  },

};
