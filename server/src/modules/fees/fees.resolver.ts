import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { AuthorizationLetter } from "../authorization/authorization.entity";
import { Department } from "../catalogue/department.entity";
import { FeeStandard } from "../catalogue/service-item.entity";
import { Case } from "../cases/case.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { booksService } from "./books.service";
import { chargesService } from "./charges.service";
import { CaseCharge, Deposit, FeeTicket, Payment, PaymentCharge, Refund, StubAudit, TicketBook, TicketBookApplication } from "./fee.entities";
import { ApplicationStatus, ChargeStatus, FeeStatus } from "./fee.enums";
import {
  AddFeeStandardVersionInput,
  ApplyForTicketBookInput,
  ChargeCaseInput,
  CloseReconciliationDayInput,
  IssueTicketBookInput,
  RecordDepositInput,
  ReduceChargeInput,
  RefundPaymentInput,
  RequestTicketVoidInput,
  TakePaymentInput,
  TicketBookRefInput,
  TicketRefInput,
} from "./fee.inputs";
import {
  ChargePayload,
  DepositPayload,
  feePayload,
  FeeStandardPayload,
  PaymentPayload,
  ReconciliationDayPayload,
  ReconciliationRow,
  RefundPayload,
  StubAuditPayload,
  StubDiscrepancy,
  TicketBookApplicationPayload,
  TicketBookPayload,
  TicketPayload,
} from "./fee.payloads";
import { feeQueries } from "./fees.queries";
import { paymentsService } from "./payments.service";
import { reconciliationService } from "./reconciliation.service";

const charges = (ctx: RequestContext) => loaderByColumn(ctx, CaseCharge, "caseId", { order: { id: "ASC" } });
const staffById = (ctx: RequestContext, id: number | null) => (id === null ? null : loaderById(ctx, Staff).load(id));

/** 以票控费: the queries and mutations of F1–F6. Thin: permission, arguments, one service call. */
@Resolver()
export class FeeResolver {
  @Allow("PUBLIC")
  @Query(() => [FeeStandard], { description: "F1: an item's fee standards — every version, or those in force on `asOf` (YYYY-MM-DD)." })
  feeStandards(@Ctx() ctx: RequestContext, @Arg("itemCode", { description: "The catalogue item's code." }) itemCode: string, @Arg("asOf", () => String, { description: "Only the standards in force on this day (YYYY-MM-DD); all versions when omitted.", nullable: true }) asOf?: string | null) {
    return feeQueries.standards(ctx, itemCode, asOf);
  }

  @Allow("FINANCE_CLERK", "CENTER_ADMIN", "SUPERVISOR")
  @Query(() => [Case], { description: "F3/C7: cases handled at the finance window's point with charges still due (oldest first, at most 200)." })
  paymentsAwaiting(@Ctx() ctx: RequestContext, @Arg("windowCode", { description: "The finance window's code." }) windowCode: string) {
    return feeQueries.awaiting(ctx, windowCode);
  }

  @Allow("FINANCE_CLERK", "CENTER_ADMIN", "SUPERVISOR")
  @Query(() => [Payment], { description: "F3: the payments a finance window took on a day." })
  paymentsTaken(@Ctx() ctx: RequestContext, @Arg("windowCode", { description: "The finance window's code." }) windowCode: string, @Arg("day", { description: "The day (YYYY-MM-DD)." }) day: string) {
    return feeQueries.taken(ctx, windowCode, day);
  }

  @Allow("CENTER_ADMIN", "SUPERVISOR", "DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF", "FINANCE_CLERK")
  @Query(() => [TicketBook], { description: "F5: ticket books, newest first (department staff: their department's)." })
  ticketBooks(@Ctx() ctx: RequestContext, @Arg("departmentCode", () => String, { description: "Only this department's books.", nullable: true }) departmentCode?: string | null) {
    return feeQueries.books(ctx, departmentCode);
  }

  @Allow("CENTER_ADMIN", "SUPERVISOR", "DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF", "FINANCE_CLERK")
  @Query(() => [StubAudit], { description: "F5: the stub audits of a book, newest first." })
  stubAudits(@Ctx() ctx: RequestContext, @Arg("bookId", () => ID, { description: "The ticket book (`TicketBook.id`)." }) bookId: string) {
    return feeQueries.audits(ctx, bookId);
  }

  @Allow("CENTER_ADMIN", "SUPERVISOR", "DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF")
  @Query(() => [TicketBookApplication], { description: "F5: applications for ticket books, newest first." })
  ticketBookApplications(@Ctx() ctx: RequestContext, @Arg("status", () => ApplicationStatus, { description: "Only applications in this status.", nullable: true }) status?: ApplicationStatus | null) {
    return feeQueries.applications(ctx, status);
  }

  @Allow("CENTER_ADMIN", "SUPERVISOR")
  @Query(() => [FeeTicket], { description: "F4: tickets whose void waits for a second person's approval." })
  ticketVoidRequests(@Ctx() ctx: RequestContext) {
    return feeQueries.voidRequests(ctx);
  }

  @Allow("FINANCE_CLERK", "CENTER_ADMIN", "SUPERVISOR")
  @Query(() => [ReconciliationRow], { description: "F6: a day's reconciliation per finance window × department (a finance clerk: his window)." })
  reconciliation(@Ctx() ctx: RequestContext, @Arg("day", { description: "The day (YYYY-MM-DD)." }) day: string, @Arg("windowCode", () => String, { description: "Only this finance window (default: all the caller may see).", nullable: true }) windowCode?: string | null) {
    return reconciliationService.rows(ctx, day, windowCode);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => FeeStandardPayload, { description: "F1: a new version of a fee standard, effective today or later; the previous one is superseded, never edited." })
  addFeeStandardVersion(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddFeeStandardVersionInput) {
    return feePayload(["standard"], async () => ({ standard: await chargesService.addStandardVersion(ctx, input) }));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => ChargePayload, { description: "F2: charge a case at the standard in force on its acceptance day (handling window)." })
  chargeCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ChargeCaseInput) {
    return feePayload(["charge"], async () => ({ charge: await chargesService.charge(ctx, input) }));
  }

  @Allow("STAFF")
  @Mutation(() => ChargePayload, { description: "F2/A2: reduce or waive a charge — only a holder of a letter in force covering the item." })
  reduceCharge(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ReduceChargeInput) {
    return feePayload(["charge"], async () => ({ charge: await chargesService.reduce(ctx, input) }));
  }

  @Allow("FINANCE_CLERK", "WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => PaymentPayload, { description: "F3/F4: take a payment at your FINANCE window; issues the next consecutive ticket. Idempotent by key." })
  takePayment(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: TakePaymentInput) {
    return feePayload(["payment", "ticket"], () => paymentsService.take(ctx, input));
  }

  @Allow("FINANCE_CLERK", "CENTER_ADMIN")
  @Mutation(() => TicketPayload, { description: "F4: ask for a ticket's void, with a reason; a second person approves." })
  requestTicketVoid(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RequestTicketVoidInput) {
    return feePayload(["ticket"], async () => ({ ticket: await paymentsService.requestVoid(ctx, input) }));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => TicketPayload, { description: "F4: approve a void (not the person who asked); the number is kept, the charges are due again." })
  approveTicketVoid(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: TicketRefInput) {
    return feePayload(["ticket"], async () => ({ ticket: await paymentsService.approveVoid(ctx, input) }));
  }

  @Allow("FINANCE_CLERK", "CENTER_ADMIN")
  @Mutation(() => RefundPayload, { description: "F4: refund (part of) a payment: a new linked record, never an edit. Idempotent by key." })
  refundPayment(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RefundPaymentInput) {
    return feePayload(["refund"], async () => ({ refund: await paymentsService.refund(ctx, input) }));
  }

  @Allow("DIRECTOR")
  @Mutation(() => TicketBookApplicationPayload, { description: "F5/F7: apply for a new ticket book with both written statements." })
  applyForTicketBook(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ApplyForTicketBookInput) {
    return feePayload(["application"], async () => ({ application: await booksService.apply(ctx, input) }));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => TicketBookPayload, { description: "F5: issue a book for an application — only after the previous book's stub audit passed." })
  issueTicketBook(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: IssueTicketBookInput) {
    return feePayload(["book"], async () => ({ book: await booksService.issue(ctx, input) }));
  }

  @Allow("DIRECTOR", "CENTER_ADMIN")
  @Mutation(() => TicketBookPayload, { description: "F5: hand a book in for its stub audit." })
  handInTicketBook(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: TicketBookRefInput) {
    return feePayload(["book"], async () => ({ book: await booksService.handIn(ctx, input) }));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StubAuditPayload, { description: "F5: audit a handed-in or used-up book's stubs and stamp the result (票据审验章)." })
  auditTicketStubs(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: TicketBookRefInput) {
    return feePayload(["audit"], async () => ({ audit: await booksService.audit(ctx, input) }));
  }

  @Allow("FINANCE_CLERK")
  @Mutation(() => DepositPayload, { description: "F6: record money paid into the designated account for your window's day." })
  recordDeposit(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RecordDepositInput) {
    return feePayload(["deposit"], async () => ({ deposit: await reconciliationService.recordDeposit(ctx, input) }));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ReconciliationDayPayload, { description: "F6: close a finance window's day; differences need a reason." })
  closeReconciliationDay(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CloseReconciliationDayInput) {
    return feePayload(["rows"], async () => ({ rows: await reconciliationService.close(ctx, input) }));
  }
}

@Resolver(() => Case)
export class CaseFeesResolver {
  @FieldResolver(() => [CaseCharge], { description: "F2: the case's charges, oldest first." })
  charges(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return charges(ctx).load(c.id);
  }

  @FieldResolver(() => [Payment], { description: "F3: the case's payments, oldest first." })
  payments(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return loaderByColumn(ctx, Payment, "caseId", { order: { id: "ASC" } }).load(c.id);
  }

  @FieldResolver(() => FeeStatus, { description: "NONE: no charge; UNPAID: something is due (the result waits, C7); PAID." })
  async feeStatus(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<FeeStatus> {
    const rows = await charges(ctx).load(c.id);
    const live = rows.filter((ch) => ch.status !== ChargeStatus.VOIDED);
    if (live.length === 0) return FeeStatus.NONE;
    return live.some((ch) => ch.status === ChargeStatus.UNPAID && ch.amountFen > ch.reductionFen) ? FeeStatus.UNPAID : FeeStatus.PAID;
  }
}

@Resolver(() => CaseCharge)
export class CaseChargeResolver {
  @FieldResolver(() => FeeStandard, { description: "The standard version charged (in force on the acceptance day)." })
  standard(@Root() ch: CaseCharge, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, FeeStandard).load(ch.standardId);
  }

  @FieldResolver(() => Staff, { description: "Who charged it." })
  chargedBy(@Root() ch: CaseCharge, @Ctx() ctx: RequestContext) {
    return staffById(ctx, ch.chargedById);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who granted the reduction (A2)." })
  reducedBy(@Root() ch: CaseCharge, @Ctx() ctx: RequestContext) {
    return staffById(ctx, ch.reducedById);
  }

  @FieldResolver(() => AuthorizationLetter, { nullable: true, description: "The letter the reduction was granted under (A2)." })
  letter(@Root() ch: CaseCharge, @Ctx() ctx: RequestContext) {
    return ch.letterId === null ? null : loaderById(ctx, AuthorizationLetter).load(ch.letterId);
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => FeeTicket, { description: "The one ticket the payment issued (F4)." })
  async ticket(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    const [ticket] = await loaderByColumn(ctx, FeeTicket, "paymentId").load(p.id);
    return ticket;
  }

  @FieldResolver(() => String, { description: "The case's number." })
  async caseNumber(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return (await loaderById(ctx, Case).load(p.caseId))?.number ?? "";
  }

  @FieldResolver(() => Case, { description: "The case paid for (its finance window reads it, R9)." })
  case(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Case).load(p.caseId);
  }

  @FieldResolver(() => ServiceWindow, { description: "The finance window that took it." })
  window(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, ServiceWindow).load(p.windowId);
  }

  @FieldResolver(() => Department, { description: "The collecting department (the item's)." })
  department(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Department).load(p.departmentId);
  }

  @FieldResolver(() => Staff, { description: "Who took the payment." })
  takenBy(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return staffById(ctx, p.takenById);
  }

  @FieldResolver(() => [CaseCharge], { description: "The charges the payment paid." })
  async charges(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    const links = await loaderByColumn(ctx, PaymentCharge, "paymentId").load(p.id);
    return Promise.all(links.map((l) => loaderById(ctx, CaseCharge).load(l.chargeId)));
  }

  @FieldResolver(() => [Refund], { description: "Refunds of the payment, oldest first." })
  refunds(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    return loaderByColumn(ctx, Refund, "paymentId", { order: { id: "ASC" } }).load(p.id);
  }

  @FieldResolver(() => Int, { description: "Refunded so far, in fen." })
  async refundedFen(@Root() p: Payment, @Ctx() ctx: RequestContext) {
    const refunds = await loaderByColumn(ctx, Refund, "paymentId").load(p.id);
    return refunds.reduce((sum, r) => sum + r.amountFen, 0);
  }
}

@Resolver(() => Refund)
export class RefundResolver {
  @FieldResolver(() => Staff, { description: "Who refunded it." })
  refundedBy(@Root() r: Refund, @Ctx() ctx: RequestContext) {
    return staffById(ctx, r.refundedById);
  }
}

@Resolver(() => FeeTicket)
export class FeeTicketResolver {
  @FieldResolver(() => Payment, { description: "The payment the ticket is for." })
  payment(@Root() t: FeeTicket, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Payment).load(t.paymentId);
  }

  @FieldResolver(() => TicketBook, { description: "The book the ticket is from." })
  book(@Root() t: FeeTicket, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, TicketBook).load(t.bookId);
  }

  @FieldResolver(() => String, { description: "Where the printable ticket (PDF) is served." })
  pdfUrl(@Root() t: FeeTicket) {
    return `/documents/tickets/${encodeURIComponent(t.number)}.pdf`;
  }

  @FieldResolver(() => Staff, { description: "Who asked for the void.", nullable: true })
  voidRequestedBy(@Root() t: FeeTicket, @Ctx() ctx: RequestContext) {
    return staffById(ctx, t.voidRequestedById);
  }

  @FieldResolver(() => Staff, { description: "Who approved the void.", nullable: true })
  voidApprovedBy(@Root() t: FeeTicket, @Ctx() ctx: RequestContext) {
    return staffById(ctx, t.voidApprovedById);
  }
}

@Resolver(() => TicketBook)
export class TicketBookResolver {
  @FieldResolver(() => Department, { description: "The department the book belongs to." })
  department(@Root() b: TicketBook, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Department).load(b.departmentId);
  }

  @FieldResolver(() => ServicePoint, { description: "The point where the book is used." })
  point(@Root() b: TicketBook, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, ServicePoint).load(b.pointId);
  }

  @FieldResolver(() => Int, { description: "Numbers used so far." })
  used(@Root() b: TicketBook) {
    return b.nextNo - b.fromNo;
  }

  @FieldResolver(() => Int, { description: "Numbers left." })
  remaining(@Root() b: TicketBook) {
    return b.toNo - b.nextNo + 1;
  }

  @FieldResolver(() => [StubAudit], { description: "Its stub audits, newest first." })
  audits(@Root() b: TicketBook, @Ctx() ctx: RequestContext) {
    return loaderByColumn(ctx, StubAudit, "bookId", { order: { id: "DESC" } }).load(b.id);
  }

  @FieldResolver(() => StubAudit, { description: "The book's latest stub audit; null before the first.", nullable: true })
  async lastAudit(@Root() b: TicketBook, @Ctx() ctx: RequestContext) {
    const [last] = await loaderByColumn(ctx, StubAudit, "bookId", { order: { id: "DESC" } }).load(b.id);
    return last ?? null;
  }
}

@Resolver(() => TicketBookApplication)
export class TicketBookApplicationResolver {
  @FieldResolver(() => Department, { description: "The department applying." })
  department(@Root() a: TicketBookApplication, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Department).load(a.departmentId);
  }

  @FieldResolver(() => ServicePoint, { description: "The point the book is for." })
  point(@Root() a: TicketBookApplication, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, ServicePoint).load(a.pointId);
  }

  @FieldResolver(() => Staff, { description: "Who applied." })
  appliedBy(@Root() a: TicketBookApplication, @Ctx() ctx: RequestContext) {
    return staffById(ctx, a.appliedById);
  }

  @FieldResolver(() => TicketBook, { description: "The book issued; null until issued.", nullable: true })
  book(@Root() a: TicketBookApplication, @Ctx() ctx: RequestContext) {
    return a.bookId === null ? null : loaderById(ctx, TicketBook).load(a.bookId);
  }
}

@Resolver(() => StubAudit)
export class StubAuditResolver {
  @FieldResolver(() => [StubDiscrepancy], { description: "Each ticket number not accounted for (empty: passed)." })
  discrepancies(@Root() a: StubAudit): StubDiscrepancy[] {
    return JSON.parse(a.discrepanciesJson) as StubDiscrepancy[];
  }

  @FieldResolver(() => Staff, { description: "Who stamped the audit (票据审验章)." })
  stampedBy(@Root() a: StubAudit, @Ctx() ctx: RequestContext) {
    return staffById(ctx, a.stampedById);
  }

  @FieldResolver(() => TicketBook, { description: "The audited book." })
  book(@Root() a: StubAudit, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, TicketBook).load(a.bookId);
  }
}

@Resolver(() => Deposit)
export class DepositResolver {
  @FieldResolver(() => ServiceWindow, { description: "The finance window that deposited." })
  window(@Root() d: Deposit, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, ServiceWindow).load(d.windowId);
  }

  @FieldResolver(() => Department, { description: "The department whose money it is.", nullable: true })
  department(@Root() d: Deposit, @Ctx() ctx: RequestContext) {
    return d.departmentId === null ? null : loaderById(ctx, Department).load(d.departmentId);
  }
}

export const feeResolvers = [
  FeeResolver,
  CaseFeesResolver,
  CaseChargeResolver,
  PaymentResolver,
  RefundResolver,
  FeeTicketResolver,
  TicketBookResolver,
  TicketBookApplicationResolver,
  StubAuditResolver,
  DepositResolver,
];
