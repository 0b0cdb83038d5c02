import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { FeeStandard } from "../catalogue/service-item.entity";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { Role } from "../staff/role";
import { accountForNumbers, chargeFen, formatYuan, ticketNumber } from "./fee-arithmetic";
import { auditFee, feeError, lockRow, staffOnly, updateVersioned } from "./fee-core";
import { CaseCharge, FeeTicket, Payment, PaymentCharge, StubAudit, TicketBook, TicketBookApplication } from "./fee.entities";
import { ApplicationStatus, DiscrepancyKind, TicketBookStatus, TicketStatus } from "./fee.enums";
import type { ApplyForTicketBookInput, IssueTicketBookInput, TicketBookRefInput } from "./fee.inputs";
import type { StubDiscrepancy } from "./fee.payloads";
import { depositedPaymentIds } from "./reconciliation.service";

const idOf = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : -1);
/** The most numbers one book may hold. */
const MAX_BOOK_SIZE = 100_000;

async function bookById(em: EntityManager, id: string): Promise<TicketBook> {
  const book = await em.getRepository(TicketBook).findOneBy({ id: idOf(id) });
  if (!book) throw missing(["input", "bookId"], "TICKET_BOOK_NOT_FOUND", { id });
  await lockRow(em, "ticket_book", book.id);
  return em.getRepository(TicketBook).findOneByOrFail({ id: book.id });
}

/**
 * F5: every number of the used range [fromNo, nextNo) accounted for — a ticket whose payment is
 * deposited, or a voided one — and every ticket's amount equal to its charges at their standards.
 */
async function auditBook(em: EntityManager, book: TicketBook): Promise<StubDiscrepancy[]> {
  const tickets = await em.getRepository(FeeTicket).find({ where: { bookId: book.id }, order: { seqNo: "ASC" } });
  const found: StubDiscrepancy[] = [];
  const { missing: gaps, duplicates, outOfRange } = accountForNumbers(book.fromNo, book.nextNo, tickets.map((t) => t.seqNo));
  for (const no of [...gaps, ...duplicates, ...outOfRange]) {
    found.push({ ticketNumber: ticketNumber(book.series, no), kind: DiscrepancyKind.MISSING, detail: gaps.includes(no) ? "该号码没有存根。" : "该号码的存根重复或超出本册号段。" });
  }
  // A few batched reads for the whole book (chunks keep under both engines' parameter limits).
  const live = tickets.filter((t) => t.status !== TicketStatus.VOIDED);
  const payments = await inChunks(live.map((t) => t.paymentId), (ids) => em.getRepository(Payment).findBy({ id: In(ids) }));
  const links = await inChunks(live.map((t) => t.paymentId), (ids) => em.getRepository(PaymentCharge).findBy({ paymentId: In(ids) }));
  const charges = await inChunks([...new Set(links.map((l) => l.chargeId))], (ids) => em.getRepository(CaseCharge).findBy({ id: In(ids) }));
  const standards = await inChunks([...new Set(charges.map((ch) => ch.standardId))], (ids) => em.getRepository(FeeStandard).findBy({ id: In(ids) }));
  const paymentById = new Map(payments.map((p) => [p.id, p]));
  const chargeById = new Map(charges.map((ch) => [ch.id, ch]));
  const standardById = new Map(standards.map((st) => [st.id, st]));
  const linksOf = new Map<number, PaymentCharge[]>();
  for (const l of links) linksOf.set(l.paymentId, [...(linksOf.get(l.paymentId) ?? []), l]);
  const deposited = new Map<string, Set<number>>();
  for (const ticket of live) {
    if (ticket.voidRequestedAt !== null) {
      found.push({ ticketNumber: ticket.number, kind: DiscrepancyKind.VOID_PENDING, detail: "作废申请尚未审批。" });
      continue;
    }
    const payment = paymentById.get(ticket.paymentId)!;
    const paid = linksOf.get(payment.id) ?? [];
    const atStandard = paid.every((l) => {
      const charge = chargeById.get(l.chargeId);
      const standard = charge && standardById.get(charge.standardId);
      return charge !== undefined && standard !== undefined && chargeFen(standard.amountFen, charge.quantity) === charge.amountFen;
    });
    if (ticket.amountFen !== payment.amountFen || paid.reduce((sum, l) => sum + l.amountFen, 0) !== payment.amountFen || !atStandard) {
      found.push({ ticketNumber: ticket.number, kind: DiscrepancyKind.AMOUNT_MISMATCH, detail: `票面${formatYuan(ticket.amountFen)}元与缴款或收费标准不符。` });
      continue;
    }
    const key = `${payment.windowId}:${payment.day}`;
    if (!deposited.has(key)) deposited.set(key, await depositedPaymentIds(em, payment.windowId, payment.day));
    if (!deposited.get(key)!.has(payment.id)) {
      found.push({ ticketNumber: ticket.number, kind: DiscrepancyKind.NOT_DEPOSITED, detail: `${payment.day} 收取的${formatYuan(payment.amountFen)}元尚未解缴专户。` });
    }
  }
  return found;
}

async function inChunks<T>(ids: number[], load: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < ids.length; start += 1000) out.push(...(await load(ids.slice(start, start + 1000))));
  return out;
}

/** F5: ticket books — applications, issue only after a passed stub audit, hand-in, the audit. */
export const booksService = {
  /** F5/F7: the department's director applies, with both written statements. */
  apply(ctx: RequestContext, input: ApplyForTicketBookInput): Promise<TicketBookApplication> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      if (staff.departmentId === null) throw feeError(UserErrorCode.F5_OTHER_DEPARTMENT, null, "F5", "", "BOOK_HEADS_ONLY");
      if (!input.statementNoDualTrack) throw feeError(UserErrorCode.F5_STATEMENTS_REQUIRED, "statementNoDualTrack", "F5", "F5：申领须书面声明无双轨运行（无中心以外收费）。");
      if (!input.statementDeposited) throw feeError(UserErrorCode.F5_STATEMENTS_REQUIRED, "statementDeposited", "F5", "F5：申领须书面声明所收款项已全部缴入专户。");
      const point = await em.getRepository(ServicePoint).findOneBy(input.pointCode ? { code: input.pointCode } : { level: PointLevel.CITY });
      if (!point) throw missing(["input", "pointCode"], "POINT_NOT_FOUND", { code: input.pointCode ?? "" });
      const inserted = await em.getRepository(TicketBookApplication).insert({
        departmentId: staff.departmentId,
        pointId: point.id,
        statementNoDualTrack: true,
        statementDeposited: true,
        appliedById: staff.id,
        appliedAt: ctx.clock.now(),
        status: ApplicationStatus.PENDING,
        bookId: null,
      });
      const application = await em.getRepository(TicketBookApplication).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      await auditFee(ctx, em, "fee.book_applied", "ticket_book_application", application.id, { departmentId: staff.departmentId, pointId: point.id });
      return application;
    });
  },

  /** F5: the admin issues a book only when the department's previous book at the point passed its stub audit. */
  issue(ctx: RequestContext, input: IssueTicketBookInput): Promise<TicketBook> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const application = await em.getRepository(TicketBookApplication).findOneBy({ id: idOf(input.applicationId) });
      if (!application) throw missing(["input", "applicationId"], "BOOK_APPLICATION_NOT_FOUND", { id: input.applicationId });
      if (application.status !== ApplicationStatus.PENDING) throw feeError(UserErrorCode.F5_APPLICATION_CLOSED, "applicationId", "F5", "F5：该申领已办结。");
      if (!Number.isInteger(input.fromNo) || input.fromNo < 1 || input.toNo < input.fromNo || input.toNo - input.fromNo >= MAX_BOOK_SIZE || String(input.toNo).length > 8) {
        throw feeError(UserErrorCode.F5_RANGE_INVALID, "toNo", "F5", `F5：号段须为 1 至 99999999 之间、起号不大于止号、每本不超过 ${MAX_BOOK_SIZE} 张。`);
      }
      const overlapping = await em
        .getRepository(TicketBook)
        .createQueryBuilder("b")
        .where("b.series = :series AND b.fromNo <= :toNo AND b.toNo >= :fromNo", { series: input.series, fromNo: input.fromNo, toNo: input.toNo })
        .getExists();
      if (overlapping) throw feeError(UserErrorCode.F5_RANGE_INVALID, "fromNo", "F5", "F5：该字号的号段与已发放的票据本重叠；号码不得重复。");
      const previous = await em.getRepository(TicketBook).findOne({ where: { departmentId: application.departmentId, pointId: application.pointId }, order: { id: "DESC" } });
      if (previous && previous.status !== TicketBookStatus.AUDITED) {
        throw feeError(UserErrorCode.F5_AUDIT_NOT_PASSED, "applicationId", "F5", `F5：该部门上一本票据（${previous.series}）的存根尚未通过审验（票据审验章），不能发放新票据本。`);
      }
      const inserted = await em.getRepository(TicketBook).insert({
        departmentId: application.departmentId,
        pointId: application.pointId,
        series: input.series,
        fromNo: input.fromNo,
        toNo: input.toNo,
        nextNo: input.fromNo,
        status: TicketBookStatus.ACTIVE,
        issuedAt: ctx.clock.now(),
        issuedById: staff.id,
        applicationId: application.id,
      });
      const book = await em.getRepository(TicketBook).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      await updateVersioned(em, TicketBookApplication, application, { status: ApplicationStatus.ISSUED, bookId: book.id }, `status = '${ApplicationStatus.PENDING}'`);
      await auditFee(ctx, em, "fee.book_issued", "ticket_book", book.id, { series: book.series, fromNo: book.fromNo, toNo: book.toNo, applicationId: application.id, previousBookId: previous?.id ?? null });
      return book;
    });
  },

  /** F5: the department hands its book in for audit (ACTIVE or EXHAUSTED → HANDED_IN). */
  handIn(ctx: RequestContext, input: TicketBookRefInput): Promise<TicketBook> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const book = await bookById(em, input.bookId);
      if (staff.role !== Role.CENTER_ADMIN && staff.departmentId !== book.departmentId) {
        throw feeError(UserErrorCode.F5_OTHER_DEPARTMENT, "bookId", "F5", "F5：该票据本属于其他部门。");
      }
      if (book.status !== TicketBookStatus.ACTIVE && book.status !== TicketBookStatus.EXHAUSTED) {
        throw feeError(UserErrorCode.RULE_VIOLATION, "bookId", "F5", "", "BOOK_ALREADY_HANDED_IN");
      }
      await updateVersioned(em, TicketBook, book, { status: TicketBookStatus.HANDED_IN });
      await auditFee(ctx, em, "fee.book_handed_in", "ticket_book", book.id, { series: book.series, nextNo: book.nextNo });
      return book;
    });
  },

  /** F5: the centre audits a handed-in or used-up book's stubs and stamps the result; a pass closes the book. */
  audit(ctx: RequestContext, input: TicketBookRefInput): Promise<StubAudit> {
    const staff = staffOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const book = await bookById(em, input.bookId);
      if (book.status === TicketBookStatus.ACTIVE) throw feeError(UserErrorCode.F5_BOOK_OPEN, "bookId", "F5", "F5：票据本仍在使用，须先缴验或用完后才能审验存根。");
      if (book.status === TicketBookStatus.AUDITED) throw feeError(UserErrorCode.DUPLICATE, "bookId", "F5", "", "BOOK_ALREADY_AUDITED");
      const discrepancies = await auditBook(em, book);
      const voided = await em.getRepository(FeeTicket).countBy({ bookId: book.id, status: TicketStatus.VOIDED });
      const inserted = await em.getRepository(StubAudit).insert({
        bookId: book.id,
        passed: discrepancies.length === 0,
        discrepanciesJson: JSON.stringify(discrepancies),
        numbersUsed: book.nextNo - book.fromNo,
        voidedCount: voided,
        stampedById: staff.id,
        stampedAt: ctx.clock.now(),
      });
      const audit = await em.getRepository(StubAudit).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      if (audit.passed) await updateVersioned(em, TicketBook, book, { status: TicketBookStatus.AUDITED });
      await auditFee(ctx, em, "fee.stub_audit", "stub_audit", audit.id, { bookId: book.id, passed: audit.passed, discrepancies: discrepancies.length });
      return audit;
    });
  },
};
