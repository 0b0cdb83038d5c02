import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { paginate, type PageArgs } from "../../common/pagination";
import { duplicate, invalid, missing } from "../../common/payload";
import { appendAudit } from "../audit/audit.service";
import { departmentByCode, likePattern } from "../catalogue/catalogue.service";
import { Department } from "../catalogue/department.entity";
import { ItemDelegation, ServiceItem } from "../catalogue/service-item.entity";
import type {
  AddWindowScheduleInput,
  CreateServiceWindowInput,
  PointSearchArgs,
  UpdateServiceWindowInput,
  VillageChecklistInput,
  WindowSearchArgs,
} from "./network.inputs";
import type { NetworkSummary } from "./network.payloads";
import { PointLevel, ServicePoint } from "./service-point.entity";
import { ServiceWindow, WindowKind, WindowSchedule } from "./service-window.entity";

/** N3: which kinds are worked by a department. */
function checkWindowDepartment(kind: WindowKind, department: Department | null, field: string[]): void {
  if ((kind === WindowKind.PERMANENT || kind === WindowKind.PERIODIC) && !department) {
    throw invalid(field, "WINDOW_NEEDS_DEPARTMENT", {}, "N3");
  }
  if (kind === WindowKind.FINANCE && department) {
    throw invalid(field, "FINANCE_WINDOW_NO_DEPARTMENT", {}, "N3");
  }
}

async function windowByCode(em: EntityManager, code: string, field: string[]): Promise<ServiceWindow> {
  const window = await em.getRepository(ServiceWindow).findOneBy({ code });
  if (!window) throw missing(field, "WINDOW_NOT_FOUND", { code });
  return window;
}

async function countBy<T extends string>(em: EntityManager, sql: string): Promise<{ key: T; count: number }[]> {
  const rows: { key: T; n: string | number }[] = await em.query(sql);
  return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
}

export const networkService = {
  async summary(ctx: RequestContext): Promise<NetworkSummary> {
    const em = ctx.db.manager;
    const [points, windows, items, categories, departments, cityWindows, delegated] = await Promise.all([
      countBy<PointLevel>(em, `SELECT level AS key, COUNT(*) AS n FROM service_point WHERE active = TRUE GROUP BY level`),
      countBy<WindowKind>(em, `SELECT kind AS key, COUNT(*) AS n FROM service_window WHERE active = TRUE GROUP BY kind`),
      countBy<ServiceItem["level"]>(em, `SELECT level AS key, COUNT(*) AS n FROM service_item WHERE active = TRUE GROUP BY level`),
      em.query(`SELECT level, category, COUNT(*) AS n FROM service_item WHERE active = TRUE GROUP BY level, category ORDER BY level, category`),
      em.getRepository(Department).countBy({ active: true }),
      em.query(
        `SELECT COUNT(*) AS n FROM service_window w JOIN service_point p ON p.id = w."pointId" WHERE w.active = TRUE AND p.level = 'CITY'`,
      ),
      em.getRepository(ItemDelegation).createQueryBuilder("d").select("COUNT(DISTINCT d.itemId)", "n").where("d.revokedAt IS NULL").getRawOne(),
    ]);
    const order = <T extends string>(keys: readonly T[], rows: { key: T; count: number }[]) =>
      keys.map((key) => ({ key, count: rows.find((r) => r.key === key)?.count ?? 0 }));
    return {
      totalPoints: points.reduce((sum, r) => sum + r.count, 0),
      pointsByLevel: order(Object.values(PointLevel), points).map(({ key, count }) => ({ level: key, count })),
      departments,
      cityWindows: Number(cityWindows[0].n),
      windowsByKind: order(Object.values(WindowKind), windows).map(({ key, count }) => ({ kind: key, count })),
      itemsByLevel: order(["CITY", "TOWNSHIP"] as const, items).map(({ key, count }) => ({ level: key as ServiceItem["level"], count })),
      itemsByCategory: categories.map((r: { level: ServiceItem["level"]; category: string; n: string }) => ({
        level: r.level,
        category: r.category,
        count: Number(r.n),
      })),
      delegatedItems: Number(delegated?.n ?? 0),
    };
  },

  async listPoints(ctx: RequestContext, args: PointSearchArgs) {
    const qb = ctx.db.manager.getRepository(ServicePoint).createQueryBuilder("p");
    if (args.level) qb.andWhere("p.level = :level", { level: args.level });
    if (args.parentCode) {
      const parent = await ctx.db.manager.getRepository(ServicePoint).findOneBy({ code: args.parentCode });
      qb.andWhere("p.parentId = :parentId", { parentId: parent?.id ?? -1 });
    }
    if (args.search?.trim()) {
      qb.andWhere("(LOWER(p.name) LIKE :term ESCAPE '\\' OR p.code LIKE :term ESCAPE '\\')", { term: likePattern(args.search) });
    }
    return paginate(qb, args);
  },

  childrenOf(ctx: RequestContext, pointId: number, args: PageArgs) {
    const qb = ctx.db.manager.getRepository(ServicePoint).createQueryBuilder("p").where("p.parentId = :pointId", { pointId });
    return paginate(qb, args);
  },

  findPoint(ctx: RequestContext, code: string) {
    return ctx.db.manager.getRepository(ServicePoint).findOneBy({ code });
  },

  async listWindows(ctx: RequestContext, args: WindowSearchArgs) {
    const em = ctx.db.manager;
    const qb = em.getRepository(ServiceWindow).createQueryBuilder("w");
    if (args.kind) qb.andWhere("w.kind = :kind", { kind: args.kind });
    if (args.pointCode) {
      const point = await em.getRepository(ServicePoint).findOneBy({ code: args.pointCode });
      qb.andWhere("w.pointId = :pointId", { pointId: point?.id ?? -1 });
    }
    if (args.departmentCode) {
      const department = await em.getRepository(Department).findOneBy({ code: args.departmentCode });
      qb.andWhere("w.departmentId = :departmentId", { departmentId: department?.id ?? -1 });
    }
    return paginate(qb, args);
  },

  findWindow(ctx: RequestContext, code: string) {
    return ctx.db.manager.getRepository(ServiceWindow).findOneBy({ code });
  },

  createWindow(ctx: RequestContext, input: CreateServiceWindowInput) {
    return ctx.db.transaction(async (em) => {
      const point = await em.getRepository(ServicePoint).findOneBy({ code: input.pointCode });
      if (!point) throw missing(["input", "pointCode"], "POINT_NOT_FOUND", { code: input.pointCode });
      if (point.level === PointLevel.VILLAGE) {
        throw invalid(["input", "pointCode"], "WINDOWS_AT_CENTRES_ONLY", {}, "N3");
      }
      if (await em.getRepository(ServiceWindow).existsBy({ code: input.code })) {
        throw duplicate(["input", "code"], "WINDOW_CODE_TAKEN", { code: input.code });
      }
      if (await em.getRepository(ServiceWindow).existsBy({ pointId: point.id, number: input.number, active: true })) {
        throw duplicate(["input", "number"], "WINDOW_NUMBER_TAKEN", { point: point.name, number: input.number });
      }
      const department = input.departmentCode ? await departmentByCode(em, input.departmentCode, ["input", "departmentCode"]) : null;
      checkWindowDepartment(input.kind, department, ["input", "departmentCode"]);
      const window = await em.getRepository(ServiceWindow).save({
        code: input.code,
        number: input.number,
        name: input.name,
        kind: input.kind,
        pointId: point.id,
        departmentId: department?.id ?? null,
        active: true,
      });
      await appendAudit(ctx, em, "window.create", "ServiceWindow", window.id, input);
      return window;
    });
  },

  updateWindow(ctx: RequestContext, input: UpdateServiceWindowInput) {
    return ctx.db.transaction(async (em) => {
      const window = await windowByCode(em, input.code, ["input", "code"]);
      const department =
        input.departmentCode !== undefined
          ? await departmentByCode(em, input.departmentCode, ["input", "departmentCode"])
          : window.departmentId
            ? await em.getRepository(Department).findOneBy({ id: window.departmentId })
            : null;
      const kind = input.kind ?? window.kind;
      checkWindowDepartment(kind, department, ["input", input.kind ? "kind" : "departmentCode"]);
      const changes = { name: input.name ?? window.name, kind, departmentId: department?.id ?? null };
      await em.getRepository(ServiceWindow).update({ id: window.id }, changes);
      await appendAudit(ctx, em, "window.update", "ServiceWindow", window.id, { from: window, changes: input });
      return { ...window, ...changes };
    });
  },

  deactivateWindow(ctx: RequestContext, code: string) {
    return ctx.db.transaction(async (em) => {
      const window = await windowByCode(em, code, ["code"]);
      if (!window.active) throw invalid(["code"], "WINDOW_ALREADY_CLOSED", { code });
      await em.getRepository(ServiceWindow).update({ id: window.id }, { active: false });
      await appendAudit(ctx, em, "window.deactivate", "ServiceWindow", window.id, { code });
      return { ...window, active: false };
    });
  },

  addSchedule(ctx: RequestContext, input: AddWindowScheduleInput) {
    return ctx.db.transaction(async (em) => {
      const window = await windowByCode(em, input.windowCode, ["input", "windowCode"]);
      if (window.kind !== WindowKind.PERIODIC) {
        throw invalid(["input", "windowCode"], "HOURS_ONLY_PERIODIC", { code: window.code }, "N3");
      }
      if (input.endTime <= input.startTime) throw invalid(["input", "endTime"], "END_BEFORE_START");
      const slots = await em.getRepository(WindowSchedule).findBy({ windowId: window.id, weekday: input.weekday, active: true });
      if (slots.some((s) => s.startTime < input.endTime && input.startTime < s.endTime)) {
        throw duplicate(["input", "startTime"], "HOURS_OVERLAP", { from: input.startTime, to: input.endTime });
      }
      // A removed slot at the same start is published again rather than duplicated (it stays one row).
      const removed = await em.getRepository(WindowSchedule).findOneBy({ windowId: window.id, weekday: input.weekday, startTime: input.startTime, active: false });
      const schedule = await em.getRepository(WindowSchedule).save({
        ...(removed ? { id: removed.id } : {}),
        windowId: window.id,
        weekday: input.weekday,
        startTime: input.startTime,
        endTime: input.endTime,
        note: input.note ?? null,
        active: true,
      });
      await appendAudit(ctx, em, "schedule.add", "WindowSchedule", schedule.id, input);
      return schedule;
    });
  },

  removeSchedule(ctx: RequestContext, id: string) {
    return ctx.db.transaction(async (em) => {
      const schedule = await em.getRepository(WindowSchedule).findOneBy({ id: Number(id) || -1 });
      if (!schedule) throw missing(["id"], "SCHEDULE_NOT_FOUND", { id });
      if (!schedule.active) throw invalid(["id"], "SCHEDULE_ALREADY_REMOVED", { id });
      await em.getRepository(WindowSchedule).update({ id: schedule.id }, { active: false });
      await appendAudit(ctx, em, "schedule.remove", "WindowSchedule", schedule.id, {});
      return { ...schedule, active: false };
    });
  },

  updateChecklist(ctx: RequestContext, input: VillageChecklistInput) {
    return ctx.db.transaction(async (em) => {
      const point = await em.getRepository(ServicePoint).findOneBy({ code: input.pointCode });
      if (!point) throw missing(["input", "pointCode"], "POINT_NOT_FOUND", { code: input.pointCode });
      if (point.level !== PointLevel.VILLAGE) {
        throw invalid(["input", "pointCode"], "CHECKLIST_VILLAGE_ONLY", {}, "N2");
      }
      const changes = {
        hasOffice: input.office,
        hasNoticeBoard: input.noticeBoard,
        hasServiceCard: input.serviceCard,
        hasLedger: input.ledger,
        hasPhone: input.phone,
        hasComputer: input.computer,
      };
      await em.getRepository(ServicePoint).update({ id: point.id }, changes);
      await appendAudit(ctx, em, "point.checklist", "ServicePoint", point.id, input);
      return { ...point, ...changes };
    });
  },
};
