import { IsNull, Not } from "typeorm";
import type { RequestContext } from "../../common/context";
import { AppError, ErrorCode, forbidden, notFound } from "../../common/errors";
import { Department } from "../catalogue/department.entity";
import { FeeStandard, ServiceItem } from "../catalogue/service-item.entity";
import { isRealDate } from "../calendar/working-calendar";
import { Case } from "../cases/case.entity";
import { CaseStatus } from "../cases/case.enums";
import { ServiceWindow, WindowKind } from "../network/service-window.entity";
import { Role } from "../staff/role";
import { inForceOn } from "./fee-arithmetic";
import { FeeTicket, Payment, StubAudit, TicketBook, TicketBookApplication } from "./fee.entities";
import { ApplicationStatus, ChargeStatus, TicketStatus } from "./fee.enums";

const LIST_LIMIT = 200;
const OVERSEERS: readonly Role[] = [Role.CENTER_ADMIN, Role.SUPERVISOR];
const DEPARTMENT_ROLES: readonly Role[] = [Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.SECTION_CHIEF];

function staffOf(ctx: RequestContext) {
  if (ctx.actor.kind !== "staff") throw forbidden();
  return ctx.actor.staff;
}

/** A FINANCE window the caller may work on: his own, or any for the admin and the supervisor. */
async function financeWindow(ctx: RequestContext, code: string): Promise<ServiceWindow> {
  const staff = staffOf(ctx);
  const window = await ctx.db.manager.getRepository(ServiceWindow).findOneBy({ code: code.toUpperCase() });
  if (!window || window.kind !== WindowKind.FINANCE) throw notFound("FINANCE_WINDOW_NOT_FOUND", { code }, "windowCode");
  if (!OVERSEERS.includes(staff.role) && staff.windowId !== window.id) throw forbidden("FEE_WINDOW_NOT_READABLE");
  return window;
}

/** Books the caller may see: all for overseers, his department's for department staff, his point's for a finance clerk. */
function bookScope(ctx: RequestContext): { departmentId?: number; pointId?: number } | null {
  const staff = staffOf(ctx);
  if (OVERSEERS.includes(staff.role)) return {};
  if (DEPARTMENT_ROLES.includes(staff.role) && staff.departmentId !== null) return { departmentId: staff.departmentId };
  if (staff.role === Role.FINANCE_CLERK) return { pointId: staff.pointId };
  return null;
}

export const feeQueries = {
  /** F1: an item's standards — every version, or those in force on `asOf`. */
  async standards(ctx: RequestContext, itemCode: string, asOf?: string | null): Promise<FeeStandard[]> {
    const item = await ctx.db.manager.getRepository(ServiceItem).findOneBy({ code: itemCode });
    if (!item) return [];
    if (asOf && !isRealDate(asOf)) throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_DATE", { day: asOf }, { field: "asOf" });
    const all = await ctx.db.manager.getRepository(FeeStandard).find({ where: { itemId: item.id }, order: { name: "ASC", version: "ASC" } });
    return asOf ? all.filter((s) => inForceOn(s, asOf)) : all;
  },

  /** F3/C7: cases handled at the window's point with something due, oldest first. */
  async awaiting(ctx: RequestContext, windowCode: string): Promise<Case[]> {
    const window = await financeWindow(ctx, windowCode);
    return ctx.db.manager
      .getRepository(Case)
      .createQueryBuilder("c")
      .where("c.handlingPointId = :point AND c.status IN (:...open)", { point: window.pointId, open: [CaseStatus.IN_REVIEW, CaseStatus.DECIDED] })
      .andWhere(`EXISTS (SELECT 1 FROM case_charge cc WHERE cc."caseId" = c.id AND cc.status = :unpaid AND cc."amountFen" > cc."reductionFen")`, { unpaid: ChargeStatus.UNPAID })
      .orderBy("c.id", "ASC")
      .take(LIST_LIMIT)
      .getMany();
  },

  async taken(ctx: RequestContext, windowCode: string, day: string): Promise<Payment[]> {
    const window = await financeWindow(ctx, windowCode);
    if (!isRealDate(day)) throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_DATE", { day }, { field: "day" });
    return ctx.db.manager.getRepository(Payment).find({ where: { windowId: window.id, day }, order: { id: "ASC" }, take: 1000 });
  },

  async books(ctx: RequestContext, departmentCode?: string | null): Promise<TicketBook[]> {
    const scope = bookScope(ctx);
    if (!scope) throw forbidden("TICKET_BOOKS_NOT_READABLE");
    const where: Record<string, unknown> = { ...scope };
    if (departmentCode) {
      const department = await ctx.db.manager.getRepository(Department).findOneBy({ code: departmentCode.toUpperCase() });
      if (!department) return [];
      if (scope.departmentId !== undefined && scope.departmentId !== department.id) throw forbidden("OTHER_DEPARTMENT_BOOKS");
      where.departmentId = department.id;
    }
    return ctx.db.manager.getRepository(TicketBook).find({ where, order: { id: "DESC" }, take: 500 });
  },

  async audits(ctx: RequestContext, bookId: string): Promise<StubAudit[]> {
    const scope = bookScope(ctx);
    if (!scope) throw forbidden("STUB_AUDITS_NOT_READABLE");
    const book = /^\d{1,10}$/.test(bookId) ? await ctx.db.manager.getRepository(TicketBook).findOneBy({ id: Number(bookId), ...scope }) : null;
    if (!book) return [];
    return ctx.db.manager.getRepository(StubAudit).find({ where: { bookId: book.id }, order: { id: "DESC" } });
  },

  async applications(ctx: RequestContext, status?: ApplicationStatus | null): Promise<TicketBookApplication[]> {
    const staff = staffOf(ctx);
    const where: Record<string, unknown> = status ? { status } : {};
    if (!OVERSEERS.includes(staff.role)) {
      if (!DEPARTMENT_ROLES.includes(staff.role) || staff.departmentId === null) throw forbidden("BOOK_APPLICATIONS_NOT_READABLE");
      where.departmentId = staff.departmentId;
    }
    return ctx.db.manager.getRepository(TicketBookApplication).find({ where, order: { id: "DESC" }, take: LIST_LIMIT });
  },

  voidRequests(ctx: RequestContext): Promise<FeeTicket[]> {
    return ctx.db.manager.getRepository(FeeTicket).find({ where: { status: TicketStatus.ISSUED, voidRequestedAt: Not(IsNull()) }, order: { id: "ASC" }, take: LIST_LIMIT });
  },
};
