import { createHash, randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { UserErrorCode } from "../../common/errors";
import { once } from "../../common/idempotency";
import { missing } from "../../common/payload";
import { ServiceItem } from "../catalogue/service-item.entity";
import { actOnCase, ServiceAct } from "../cases/case-act";
import { CaseEventType } from "../cases/case-event-types";
import { eventText, PAYMENT_METHOD_LABEL } from "../cases/case-event-texts";
import { Case } from "../cases/case.entity";
import { CaseStatus } from "../cases/case.enums";
import { Role } from "../staff/role";
import { dueFen, refundProblem, sumFen, ticketNumber } from "./fee-arithmetic";
import { auditFee, DESIGNATED_ACCOUNT, feeError, lockedCase, lockRow, ownFinanceWindow, refuseProblem, staffOnly, today, updateVersioned } from "./fee-core";
import { CaseCharge, FeeTicket, Payment, PaymentCharge, ReconciliationClose, Refund, TicketBook } from "./fee.entities";
import { ChargeStatus, PaymentMethod, TicketBookStatus, TicketStatus } from "./fee.enums";
import type { RefundPaymentInput, RequestTicketVoidInput, TakePaymentInput, TicketRefInput } from "./fee.inputs";

const METHOD_LABEL: Record<PaymentMethod, string> = PAYMENT_METHOD_LABEL;
const requestHashOf = (operation: string, input: unknown) => createHash("sha256").update(JSON.stringify({ operation, input })).digest("hex");
const idOf = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : -1);

export interface PaymentResult {
  payment: Payment;
  ticket: FeeTicket;
}

async function refuseIfDayClosed(em: EntityManager, windowId: number, day: string): Promise<void> {
  if (await em.getRepository(ReconciliationClose).existsBy({ windowId, day })) {
    throw feeError(UserErrorCode.F6_DAY_CLOSED, null, "F6", `F6：该窗口 ${day} 的对账已关账，不能再办理当日收退款。`);
  }
}

/**
 * F4: the next consecutive number of the department's ACTIVE book at the point. The book row is
 * locked (PostgreSQL) and moved on by a version-checked conditional update; the last number
 * marks the book EXHAUSTED.
 */
async function nextTicket(ctx: RequestContext, em: EntityManager, departmentId: number, pointId: number, payment: Payment): Promise<FeeTicket> {
  const books = em.getRepository(TicketBook);
  const found = await books.findOne({ where: { departmentId, pointId, status: TicketBookStatus.ACTIVE }, order: { id: "ASC" } });
  if (!found) throw feeError(UserErrorCode.NO_TICKET_BOOK, null, "F4", "F4：收款部门在本网点没有在用的票据本；请部门申领新票据本。");
  await lockRow(em, "ticket_book", found.id);
  const book = await books.findOneByOrFail({ id: found.id });
  if (book.status !== TicketBookStatus.ACTIVE || book.nextNo > book.toNo) throw feeError(UserErrorCode.NO_TICKET_BOOK, null, "F4", "F4：票据本已用完；请部门申领新票据本。");
  const no = book.nextNo;
  await updateVersioned(em, TicketBook, book, { nextNo: no + 1, ...(no + 1 > book.toNo ? { status: TicketBookStatus.EXHAUSTED } : {}) });
  const number = ticketNumber(book.series, no);
  const inserted = await em.getRepository(FeeTicket).insert({
    bookId: book.id,
    number,
    seqNo: no,
    paymentId: payment.id,
    amountFen: payment.amountFen,
    status: TicketStatus.ISSUED,
    issuedAt: payment.takenAt,
    voidReason: null,
    voidRequestedById: null,
    voidRequestedAt: null,
    voidApprovedById: null,
    voidedAt: null,
  });
  await auditFee(ctx, em, "fee.ticket_issued", "fee_ticket", Number(inserted.identifiers[0].id), { number, bookId: book.id, paymentId: payment.id, amountFen: payment.amountFen });
  if (no === book.toNo) await auditFee(ctx, em, "fee.book_exhausted", "ticket_book", book.id, { series: book.series, toNo: book.toNo });
  return em.getRepository(FeeTicket).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
}

async function paymentResult(em: EntityManager, paymentId: number): Promise<PaymentResult> {
  const payment = await em.getRepository(Payment).findOneByOrFail({ id: paymentId });
  const ticket = await em.getRepository(FeeTicket).findOneByOrFail({ paymentId });
  return { payment, ticket };
}

/** Moves charges from one status to another, each by a version-checked conditional update. */
async function moveCharges(em: EntityManager, charges: CaseCharge[], from: ChargeStatus, to: ChargeStatus): Promise<void> {
  for (const charge of charges) await updateVersioned(em, CaseCharge, charge, { status: to }, `status = '${from}'`);
}

async function chargesOfPayment(em: EntityManager, paymentId: number): Promise<CaseCharge[]> {
  const links = await em.getRepository(PaymentCharge).find({ where: { paymentId }, order: { chargeId: "ASC" } });
  return links.length ? em.getRepository(CaseCharge).find({ where: { id: In(links.map((l) => l.chargeId)) }, order: { id: "ASC" } }) : [];
}

/** F3, F4: payments, tickets, voids and refunds. */
export const paymentsService = {
  /** F3: take a payment at the caller's FINANCE window of the point handling the case; one ticket (F4). */
  take(ctx: RequestContext, input: TakePaymentInput): Promise<PaymentResult> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const window = await ownFinanceWindow(em, staff);
      const c = await lockedCase(em, input.caseNumber);
      return once(ctx, em, input.idempotencyKey, "takePayment", input, () => actOnCase(ctx, em, { case: c }, ServiceAct.TAKE_PAYMENT, async ({ record }) => {
        if (window.pointId !== c.handlingPointId) {
          throw feeError(UserErrorCode.F3_OTHER_POINT, "caseNumber", "F3", "F3：该办件由其他网点办理，费用须在办理网点的金融窗口缴纳。");
        }
        if (c.status !== CaseStatus.IN_REVIEW && c.status !== CaseStatus.DECIDED) {
          throw feeError(UserErrorCode.F3_CHARGE_NOT_PAYABLE, "caseNumber", "F3", "F3：该办件当前没有可以缴纳的费用。");
        }
        const day = today(ctx);
        await refuseIfDayClosed(em, window.id, day);
        const reference = input.reference?.trim() || null;
        if (input.method !== PaymentMethod.CASH && !reference) {
          const what = input.method === PaymentMethod.CARD ? "POS 参考号" : "银行流水号";
          throw feeError(UserErrorCode.F3_REFERENCE_REQUIRED, "reference", "F3", `F3：${METHOD_LABEL[input.method]}缴费须填写${what}。`);
        }
        const ids = [...new Set(input.chargeIds.map(idOf))];
        const charges = await em.getRepository(CaseCharge).find({ where: { id: In(ids) }, order: { id: "ASC" } });
        const payable = charges.filter((ch) => ch.caseId === c.id && ch.status === ChargeStatus.UNPAID && dueFen(ch.amountFen, ch.reductionFen) > 0);
        if (charges.length !== ids.length || payable.length !== ids.length || ids.length !== input.chargeIds.length) {
          throw feeError(UserErrorCode.F3_CHARGE_NOT_PAYABLE, "chargeIds", "F3", "F3：所选收费项目不属于该办件，或已缴纳、已免收。");
        }
        const item = await em.getRepository(ServiceItem).findOneOrFail({ where: { id: c.itemId }, select: { id: true, departmentId: true } });
        const amountFen = sumFen(payable.map((ch) => dueFen(ch.amountFen, ch.reductionFen)));
        const takenAt = ctx.clock.now();
        const inserted = await em.getRepository(Payment).insert({
          number: `tmp-${randomUUID().slice(0, 20)}`, // replaced below, once the id is known
          caseId: c.id,
          windowId: window.id,
          pointId: window.pointId,
          departmentId: item.departmentId,
          amountFen,
          method: input.method,
          reference,
          account: DESIGNATED_ACCOUNT,
          idempotencyKey: input.idempotencyKey,
          requestHash: requestHashOf("takePayment", input),
          takenById: staff.id,
          takenAt,
          day,
        });
        const id = Number(inserted.identifiers[0].id);
        const number = `ZF${day.replaceAll("-", "")}${String(id).padStart(8, "0")}`;
        await em.getRepository(Payment).update({ id }, { number });
        const payment = await em.getRepository(Payment).findOneByOrFail({ id });
        await em.getRepository(PaymentCharge).insert(payable.map((ch) => ({ paymentId: id, chargeId: ch.id, amountFen: dueFen(ch.amountFen, ch.reductionFen) })));
        await moveCharges(em, payable, ChargeStatus.UNPAID, ChargeStatus.PAID);
        // Locks in one order everywhere: case row, then book row, then the audit chain's head.
        const ticket = await nextTicket(ctx, em, item.departmentId, window.pointId, payment);
        await auditFee(ctx, em, "fee.payment_taken", "payment", id, { number, caseNumber: c.number, windowId: window.id, amountFen, method: input.method, chargeIds: ids });
        await record({
          type: CaseEventType.PAID,
          summary: eventText.paid({ window: window.name, amountFen, method: input.method, ticket: ticket.number }),
          data: { paymentNumber: number, ticketNumber: ticket.number, amountFen },
        });
        return { payment, ticket };
      }), {
        toJson: (r) => ({ paymentId: r.payment.id }),
        fromJson: (json: { paymentId: number }) => paymentResult(em, json.paymentId),
      });
    });
  },

  /** F4: the finance clerk who took the payment (or the admin) asks for a void, with a reason. */
  requestVoid(ctx: RequestContext, input: RequestTicketVoidInput): Promise<FeeTicket> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const found = await em.getRepository(FeeTicket).findOneBy({ number: input.ticketNumber });
      if (!found) throw missing(["input", "ticketNumber"], "TICKET_NOT_FOUND", { number: input.ticketNumber });
      const payment = await em.getRepository(Payment).findOneByOrFail({ id: found.paymentId });
      if (staff.role !== Role.CENTER_ADMIN && staff.windowId !== payment.windowId) {
        throw feeError(UserErrorCode.F4_OTHER_UNIT, "ticketNumber", "F4", "F4：该票据不是本窗口开具的，不能申请作废。");
      }
      const c = await em.getRepository(Case).findOneByOrFail({ id: payment.caseId });
      await lockedCase(em, c.number);
      const ticket = await em.getRepository(FeeTicket).findOneByOrFail({ id: found.id });
      if (ticket.status === TicketStatus.VOIDED) throw feeError(UserErrorCode.F4_ALREADY_VOIDED, "ticketNumber", "F4", "F4：该票据已作废。");
      if (ticket.voidRequestedAt !== null) throw feeError(UserErrorCode.F4_VOID_PENDING, "ticketNumber", "F4", "F4：该票据的作废申请正在等待审批。");
      if (await em.getRepository(Refund).existsBy({ paymentId: payment.id })) {
        throw feeError(UserErrorCode.F4_ALREADY_VOIDED, "ticketNumber", "F4", "F4：该笔缴款已办理退费，票据不能再作废。");
      }
      await updateVersioned(em, FeeTicket, ticket, { voidReason: input.reason, voidRequestedById: staff.id, voidRequestedAt: ctx.clock.now() }, `status = '${TicketStatus.ISSUED}'`);
      await auditFee(ctx, em, "fee.void_requested", "fee_ticket", ticket.id, { number: ticket.number, reason: input.reason });
      return ticket;
    });
  },

  /** F4: a second person (the admin) approves: VOIDED, the number kept; the charges are due again. */
  approveVoid(ctx: RequestContext, input: TicketRefInput): Promise<FeeTicket> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const found = await em.getRepository(FeeTicket).findOneBy({ number: input.ticketNumber });
      if (!found) throw missing(["input", "ticketNumber"], "TICKET_NOT_FOUND", { number: input.ticketNumber });
      const payment = await em.getRepository(Payment).findOneByOrFail({ id: found.paymentId });
      const c = await lockedCase(em, (await em.getRepository(Case).findOneByOrFail({ id: payment.caseId })).number);
      const ticket = await em.getRepository(FeeTicket).findOneByOrFail({ id: found.id });
      if (ticket.status === TicketStatus.VOIDED) throw feeError(UserErrorCode.F4_ALREADY_VOIDED, "ticketNumber", "F4", "F4：该票据已作废。");
      if (ticket.voidRequestedById === null) throw feeError(UserErrorCode.F4_NO_VOID_REQUEST, "ticketNumber", "F4", "F4：该票据没有作废申请；作废须先由金融窗口提出申请并说明理由。");
      if (ticket.voidRequestedById === staff.id) throw feeError(UserErrorCode.F4_SAME_PERSON, "ticketNumber", "F4", "F4：作废须由另一人审批，申请人不能自己审批。");
      await updateVersioned(em, FeeTicket, ticket, { status: TicketStatus.VOIDED, voidApprovedById: staff.id, voidedAt: ctx.clock.now() }, `status = '${TicketStatus.ISSUED}'`);
      await moveCharges(em, await chargesOfPayment(em, payment.id), ChargeStatus.PAID, ChargeStatus.UNPAID);
      await auditFee(ctx, em, "fee.ticket_voided", "fee_ticket", ticket.id, { number: ticket.number, paymentNumber: payment.number, requestedById: ticket.voidRequestedById });
      return actOnCase(ctx, em, { case: c }, ServiceAct.VOID_TICKET, async ({ record }) => {
        await record({
          type: CaseEventType.VOIDED,
          summary: eventText.ticketVoided({ ticket: ticket.number, amountFen: ticket.amountFen, reason: ticket.voidReason }),
          data: { ticketNumber: ticket.number, paymentNumber: payment.number },
        });
        return ticket;
      });
    });
  },

  /** F4: a refund is a new record linked to its payment; a full refund marks the charges REFUNDED. */
  refund(ctx: RequestContext, input: RefundPaymentInput): Promise<Refund> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const found = await em.getRepository(Payment).findOneBy({ number: input.paymentNumber });
      if (!found) throw missing(["input", "paymentNumber"], "PAYMENT_NOT_FOUND", { number: input.paymentNumber });
      if (staff.role !== Role.CENTER_ADMIN && staff.windowId !== found.windowId) {
        throw feeError(UserErrorCode.F4_OTHER_UNIT, "paymentNumber", "F4", "F4：该笔缴款不是本窗口收取的，不能在本窗口退费。");
      }
      const c = await lockedCase(em, (await em.getRepository(Case).findOneByOrFail({ id: found.caseId })).number);
      return once(ctx, em, input.idempotencyKey, "refundPayment", input, () => actOnCase(ctx, em, { case: c }, ServiceAct.REFUND, async ({ record }) => {
        const payment = await em.getRepository(Payment).findOneByOrFail({ id: found.id });
        const ticket = await em.getRepository(FeeTicket).findOneByOrFail({ paymentId: payment.id });
        if (ticket.status === TicketStatus.VOIDED) throw feeError(UserErrorCode.F4_ALREADY_VOIDED, "paymentNumber", "F4", "F4：该笔缴款的票据已作废，无需退费。");
        const refunds = await em.getRepository(Refund).find({ where: { paymentId: payment.id } });
        const refundedFen = sumFen(refunds.map((r) => r.amountFen));
        refuseProblem(refundProblem({ amountFen: payment.amountFen, refundedFen }, input.amountFen));
        const day = today(ctx);
        await refuseIfDayClosed(em, payment.windowId, day);
        const inserted = await em.getRepository(Refund).insert({
          paymentId: payment.id,
          windowId: payment.windowId,
          departmentId: payment.departmentId,
          amountFen: input.amountFen,
          reason: input.reason,
          idempotencyKey: input.idempotencyKey,
          refundedById: staff.id,
          refundedAt: ctx.clock.now(),
          day,
        });
        const refund = await em.getRepository(Refund).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
        if (refundedFen + input.amountFen === payment.amountFen) await moveCharges(em, await chargesOfPayment(em, payment.id), ChargeStatus.PAID, ChargeStatus.REFUNDED);
        await auditFee(ctx, em, "fee.refunded", "refund", refund.id, { paymentNumber: payment.number, amountFen: input.amountFen });
        await record({ type: CaseEventType.REFUNDED, summary: eventText.refunded({ payment: payment.number, amountFen: input.amountFen, reason: input.reason }), data: { paymentNumber: payment.number, amountFen: input.amountFen } });
        return refund;
      }), {
        toJson: (r) => ({ refundId: r.id }),
        fromJson: (json: { refundId: number }) => em.getRepository(Refund).findOneByOrFail({ id: json.refundId }),
      });
    });
  },
};
