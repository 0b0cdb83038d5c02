import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { AppError, ErrorCode, notFound, UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { Department } from "../catalogue/department.entity";
import { isRealDate } from "../calendar/working-calendar";
import { ServiceWindow, WindowKind } from "../network/service-window.entity";
import { Role } from "../staff/role";
import { Staff } from "../staff/staff.entity";
import { amountProblem, reconcile, sumFen } from "./fee-arithmetic";
import { auditFee, feeError, ownFinanceWindow, refuseProblem, staffOnly, today } from "./fee-core";
import { Deposit, FeeTicket, Payment, ReconciliationClose, Refund } from "./fee.entities";
import { TicketStatus } from "./fee.enums";
import type { CloseReconciliationDayInput, RecordDepositInput } from "./fee.inputs";
import type { ReconciliationRow } from "./fee.payloads";

interface RowFigures {
  windowId: number;
  departmentId: number | null;
  paymentsFen: number;
  refundsFen: number;
  depositsFen: number;
  differenceFen: number;
  ticketCount: number;
  voidedCount: number;
  /** Ids of the row's payments covered by its deposits, oldest first (F5: "paid and deposited"). */
  depositedPaymentIds: number[];
}

/**
 * F6: the figures of one day per finance window × collecting department. A voided ticket's payment
 * does not count as taken; deposits named for a department count for it, the others are spread over
 * the window's departments in code order up to what each still owes; what is left over shows on a row
 * without department.
 */
export async function dayFigures(em: EntityManager, day: string, windowIds: number[] | null): Promise<RowFigures[]> {
  const where = windowIds ? { day, windowId: In(windowIds) } : { day };
  const payments = await em.getRepository(Payment).find({ where, order: { id: "ASC" } });
  const tickets = payments.length ? await em.getRepository(FeeTicket).find({ where: { paymentId: In(payments.map((p) => p.id)) } }) : [];
  const refunds = await em.getRepository(Refund).find({ where, order: { id: "ASC" } });
  const deposits = await em.getRepository(Deposit).find({ where, order: { id: "ASC" } });
  const departments = await em.getRepository(Department).find({ select: { id: true, code: true } });
  const codeOf = new Map(departments.map((d) => [d.id, d.code]));
  const ticketOf = new Map(tickets.map((t) => [t.paymentId, t]));
  const rows = new Map<string, RowFigures>();
  const row = (windowId: number, departmentId: number | null) => {
    const key = `${windowId}:${departmentId ?? ""}`;
    let r = rows.get(key);
    if (!r) {
      r = { windowId, departmentId, paymentsFen: 0, refundsFen: 0, depositsFen: 0, differenceFen: 0, ticketCount: 0, voidedCount: 0, depositedPaymentIds: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const p of payments) {
    const r = row(p.windowId, p.departmentId);
    const voided = ticketOf.get(p.id)?.status === TicketStatus.VOIDED;
    r.ticketCount++;
    if (voided) r.voidedCount++;
    else r.paymentsFen += p.amountFen;
  }
  for (const f of refunds) row(f.windowId, f.departmentId).refundsFen += f.amountFen;
  const unnamed = new Map<number, number>();
  for (const d of deposits) {
    if (d.departmentId !== null) row(d.windowId, d.departmentId).depositsFen += d.amountFen;
    else unnamed.set(d.windowId, (unnamed.get(d.windowId) ?? 0) + d.amountFen);
  }
  for (const [windowId, total] of unnamed) {
    let left = total;
    const own = [...rows.values()].filter((r) => r.windowId === windowId && r.departmentId !== null).sort((a, b) => (codeOf.get(a.departmentId!) ?? "").localeCompare(codeOf.get(b.departmentId!) ?? ""));
    for (const r of own) {
      const owed = Math.max(0, r.paymentsFen - r.refundsFen - r.depositsFen);
      const take = Math.min(owed, left);
      r.depositsFen += take;
      left -= take;
    }
    if (left > 0) row(windowId, null).depositsFen += left;
  }
  for (const r of rows.values()) {
    r.differenceFen = reconcile(r).differenceFen;
    let covered = r.depositsFen + r.refundsFen;
    for (const p of payments) {
      if (p.windowId !== r.windowId || p.departmentId !== r.departmentId || ticketOf.get(p.id)?.status === TicketStatus.VOIDED) continue;
      if (p.amountFen > covered) break;
      covered -= p.amountFen;
      r.depositedPaymentIds.push(p.id);
    }
  }
  return [...rows.values()].sort((a, b) => a.windowId - b.windowId || (codeOf.get(a.departmentId ?? 0) ?? "~").localeCompare(codeOf.get(b.departmentId ?? 0) ?? "~"));
}

/** The payments of a window's day whose money was deposited into the designated account (F5: "paid and deposited"). */
export async function depositedPaymentIds(em: EntityManager, windowId: number, day: string): Promise<Set<number>> {
  const rows = await dayFigures(em, day, [windowId]);
  return new Set(rows.flatMap((r) => r.depositedPaymentIds));
}

async function windowByCode(em: EntityManager, code: string): Promise<ServiceWindow> {
  const window = await em.getRepository(ServiceWindow).findOneBy({ code: code.toUpperCase() });
  if (!window) throw missing(["input", "windowCode"], "WINDOW_NOT_FOUND", { code });
  if (window.kind !== WindowKind.FINANCE) throw feeError(UserErrorCode.F3_NOT_FINANCE_WINDOW, "windowCode", "F6", "F6：只有金融窗口有收费对账。");
  return window;
}

async function rowsFor(em: EntityManager, day: string, windowIds: number[] | null): Promise<ReconciliationRow[]> {
  const figures = await dayFigures(em, day, windowIds);
  const closes = await em.getRepository(ReconciliationClose).find({ where: windowIds ? { day, windowId: In(windowIds) } : { day } });
  const ids = [...new Set([...figures.map((f) => f.windowId), ...closes.map((c) => c.windowId)])];
  const windows = ids.length ? await em.getRepository(ServiceWindow).findBy({ id: In(ids) }) : [];
  const deptIds = figures.map((f) => f.departmentId).filter((d): d is number => d !== null);
  const departments = deptIds.length ? await em.getRepository(Department).findBy({ id: In(deptIds) }) : [];
  const closerIds = closes.map((c) => c.closedById);
  const closers = closerIds.length ? await em.getRepository(Staff).findBy({ id: In(closerIds) }) : [];
  const rows: ReconciliationRow[] = figures.map((f) => {
    const close = closes.find((c) => c.windowId === f.windowId) ?? null;
    return {
      day,
      window: windows.find((w) => w.id === f.windowId)!,
      department: departments.find((d) => d.id === f.departmentId) ?? null,
      paymentsFen: f.paymentsFen,
      refundsFen: f.refundsFen,
      depositsFen: f.depositsFen,
      differenceFen: f.differenceFen,
      ticketCount: f.ticketCount,
      voidedCount: f.voidedCount,
      closed: close !== null,
      closedBy: close ? (closers.find((s) => s.id === close.closedById) ?? null) : null,
      closedAt: close?.closedAt ?? null,
      closeReason: close?.reason ?? null,
    };
  });
  return rows;
}

/** Who may read a window's reconciliation: its own finance clerk, the admin and the supervisor. */
function assertMayRead(ctx: RequestContext, window: ServiceWindow | null): void {
  if (ctx.actor.kind !== "staff") throw new AppError(ErrorCode.FORBIDDEN, "RECONCILIATION_NOT_READABLE", {}, { rule: "F6" });
  const { role, windowId } = ctx.actor.staff;
  if (role === Role.CENTER_ADMIN || role === Role.SUPERVISOR) return;
  if (role === Role.FINANCE_CLERK && window && window.id === windowId) return;
  throw new AppError(ErrorCode.FORBIDDEN, "RECONCILIATION_OWN_WINDOW", {}, { rule: "F6" });
}

function assertDay(day: string, field = "day"): void {
  if (!isRealDate(day)) throw feeError(UserErrorCode.INVALID, field, "F6", "", "INVALID_DATE", { day });
}

export const reconciliationService = {
  /** F6: money paid into the designated account for the window's day, by its finance clerk. */
  recordDeposit(ctx: RequestContext, input: RecordDepositInput): Promise<Deposit> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const own = await ownFinanceWindow(em, staff);
      const window = await windowByCode(em, input.windowCode);
      if (window.id !== own.id) throw feeError(UserErrorCode.F4_OTHER_UNIT, "windowCode", "F6", "F6：只能为本窗口登记解缴。");
      assertDay(input.day);
      if (input.day > today(ctx)) throw feeError(UserErrorCode.INVALID, "day", "F6", "", "DEPOSIT_IN_FUTURE");
      refuseProblem(amountProblem(input.amountFen, "amountFen", { positive: true, rule: "F6" }));
      if (await em.getRepository(ReconciliationClose).existsBy({ windowId: window.id, day: input.day })) {
        throw feeError(UserErrorCode.F6_DAY_CLOSED, "day", "F6", `F6：该窗口 ${input.day} 的对账已关账。`);
      }
      let departmentId: number | null = null;
      if (input.departmentCode) {
        const department = await em.getRepository(Department).findOneBy({ code: input.departmentCode.toUpperCase() });
        if (!department) throw missing(["input", "departmentCode"], "DEPARTMENT_NOT_FOUND", { code: input.departmentCode });
        departmentId = department.id;
      }
      const inserted = await em.getRepository(Deposit).insert({
        windowId: window.id,
        departmentId,
        day: input.day,
        amountFen: input.amountFen,
        bankReference: input.bankReference,
        recordedById: staff.id,
        recordedAt: ctx.clock.now(),
      });
      const deposit = await em.getRepository(Deposit).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      await auditFee(ctx, em, "fee.deposit_recorded", "deposit", deposit.id, { windowId: window.id, day: input.day, amountFen: input.amountFen, departmentId });
      return deposit;
    });
  },

  /** F6: the day's rows, for one window or every finance window. */
  async rows(ctx: RequestContext, day: string, windowCode?: string | null): Promise<ReconciliationRow[]> {
    const em = ctx.db.manager;
    let window: ServiceWindow | null = null;
    if (windowCode) {
      window = await em.getRepository(ServiceWindow).findOneBy({ code: windowCode.toUpperCase() });
      if (!window) throw notFound("WINDOW_NOT_FOUND", { code: windowCode }, "windowCode");
    } else if (ctx.actor.kind === "staff" && ctx.actor.staff.role === Role.FINANCE_CLERK && ctx.actor.staff.windowId !== null) {
      window = await em.getRepository(ServiceWindow).findOneBy({ id: ctx.actor.staff.windowId });
    }
    assertMayRead(ctx, window);
    if (!isRealDate(day)) throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_DATE", { day }, { field: "day" });
    return rowsFor(em, day, window ? [window.id] : null);
  },

  /** F6: the centre's finance supervisor closes a window's day; differences need a reason. */
  close(ctx: RequestContext, input: CloseReconciliationDayInput): Promise<ReconciliationRow[]> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const window = await windowByCode(em, input.windowCode);
      assertDay(input.day);
      if (input.day > today(ctx)) throw feeError(UserErrorCode.INVALID, "day", "F6", "", "DEPOSIT_IN_FUTURE");
      if (await em.getRepository(ReconciliationClose).existsBy({ windowId: window.id, day: input.day })) {
        throw feeError(UserErrorCode.F6_DAY_CLOSED, "day", "F6", `F6：该窗口 ${input.day} 已关账。`);
      }
      const figures = await dayFigures(em, input.day, [window.id]);
      const difference = sumFen(figures.map((f) => Math.abs(f.differenceFen)));
      const reason = input.reason?.trim() || null;
      if (difference !== 0 && !reason) {
        throw feeError(UserErrorCode.F6_DIFFERENCE_NEEDS_REASON, "reason", "F6", "F6：当日收款与解缴存在差额，关账须说明原因。");
      }
      await em.getRepository(ReconciliationClose).insert({ windowId: window.id, day: input.day, differenceFen: figures.reduce((s, f) => s + f.differenceFen, 0), reason, closedById: staff.id, closedAt: ctx.clock.now() });
      await auditFee(ctx, em, "fee.day_closed", "reconciliation_close", `${window.code}:${input.day}`, { differenceFen: difference, reason });
      return rowsFor(em, input.day, [window.id]);
    });
  },
};
