import { Brackets, type SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "../../common/context";
import { forbidden, notFound } from "../../common/errors";
import { emptyPage, paginate, type PageArgs, type SortKey } from "../../common/pagination";
import { coveredItemIdsOf } from "../authorization/authorization.service";
import { chinaDate } from "../calendar/working-calendar";
import { CaseKind } from "../catalogue/enums";
import { Material, ServiceItem } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { mayRead, policyCaller } from "./case-access";
import { canListAtPoint, canListLedger, canListWindow, caseScope, decidesHereScope } from "./case-policy";
import { Case } from "./case.entity";
import { JointNotice } from "./case-records.entity";
import { CaseStatus } from "./case.enums";
import type { CaseStatusView, IntakeCheck } from "./case.payloads";
import { routeFor } from "./registration.service";

const OPEN = [CaseStatus.REGISTERED, CaseStatus.SUPPLEMENT, CaseStatus.IN_REVIEW, CaseStatus.DECIDED];

/** Deadline order, undated cases last; the case number breaks ties. */
const DEADLINE_KEY: SortKey<Case> = { expr: `(COALESCE(c.deadline, '9999-12-31') || c.number)`, dir: "ASC", of: (c) => `${c.deadline ?? "9999-12-31"}${c.number}` };
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

export const caseQueries = {
  async byNumber(ctx: RequestContext, number: string): Promise<Case | null> {
    const c = await ctx.db.manager.getRepository(Case).findOneBy({ number });
    if (!c) return null;
    if (!(await mayRead(ctx, c))) throw forbidden("CASE_NOT_VISIBLE");
    return c;
  },

  /** A window's open cases, nearest deadline first (the clerk's queue). */
  async windowQueue(ctx: RequestContext, windowCode: string, args: PageArgs & { includeClosed?: boolean }) {
    staffOnly(ctx);
    const window = await ctx.db.manager.getRepository(ServiceWindow).findOneBy({ code: windowCode });
    if (!window) throw notFound("WINDOW_NOT_FOUND", { code: windowCode }, "windowCode");
    if (!canListWindow(policyCaller(ctx.actor), window)) throw forbidden("QUEUE_NOT_READABLE", { code: windowCode });
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").where("c.windowId = :w", { w: window.id });
    // Written out (they are constants) so the planner matches the partial index of open cases.
    if (!args.includeClosed) qb.andWhere(`c.status IN (${OPEN.map((s) => `'${s}'`).join(", ")})`);
    return paginate(scoped(ctx, qb), args, DEADLINE_KEY);
  },

  /** 服务台帐: the cases a point registered, newest first (C7). */
  async ledger(ctx: RequestContext, pointCode: string, args: PageArgs & { status?: CaseStatus; from?: string; to?: string }) {
    staffOnly(ctx);
    const point = await ctx.db.manager.getRepository(ServicePoint).findOneBy({ code: pointCode });
    if (!point) throw notFound("POINT_NOT_FOUND", { code: pointCode }, "pointCode");
    if (!canListLedger(policyCaller(ctx.actor), point)) throw forbidden("LEDGER_NOT_READABLE");
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").where("c.registeredPointId = :p", { p: point.id });
    if (args.status) qb.andWhere("c.status = :status", { status: args.status });
    if (args.from) qb.andWhere("c.registeredAt >= :from", { from: new Date(`${args.from}T00:00:00+08:00`) });
    if (args.to) qb.andWhere("c.registeredAt < :to", { to: new Date(new Date(`${args.to}T00:00:00+08:00`).getTime() + 86_400_000) });
    return paginate(scoped(ctx, qb), args, NEWEST_KEY);
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

  /** A3: cases waiting for a decision under the caller's letters, where the caller decides them. */
  async decisionsAwaiting(ctx: RequestContext, args: PageArgs) {
    const staff = staffOnly(ctx);
    const now = ctx.clock.now();
    const covered = await coveredItemIdsOf(ctx.db.manager, staff.id, now);
    const qb = ctx.db.manager.getRepository(Case).createQueryBuilder("c").innerJoin(ServiceItem, "i", "i.id = c.itemId");
    qb.where("c.status = :s AND c.kind IN (:...kinds)", { s: CaseStatus.IN_REVIEW, kinds: [CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT] });
    qb.andWhere(
      new Brackets((w) => {
        w.where("1 = 0");
        if (covered.all.length) w.orWhere("i.departmentId IN (:...depts)", { depts: covered.all });
        if (covered.items.length) w.orWhere("c.itemId IN (:...items)", { items: covered.items });
      }),
    );
    const here = decidesHereScope(policyCaller(ctx.actor), "c");
    qb.andWhere(here.where, here.params);
    qb.andWhere("NOT EXISTS (SELECT 1 FROM case_pause p WHERE p.\"caseId\" = c.id AND p.\"endedOn\" IS NULL)");
    qb.andWhere("NOT EXISTS (SELECT 1 FROM joint_notice n WHERE n.\"caseId\" = c.id AND n.opinion IS NULL)");
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
    };
  },

};
