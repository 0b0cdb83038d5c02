import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { ApplicationStatus, ChargeStatus, PaymentMethod, TicketBookStatus, TicketStatus } from "./fee.enums";

/**
 * 以票控费 (F1–F6). Money is integer fen. Rows are never deleted; the few mutable columns (a charge's
 * status, a book's next number, a ticket's void) change only by version-checked conditional updates,
 * and every write also appends a chained audit row (modules/audit).
 */

@ObjectType({ implements: Node, description: "A fee charged on a case at the standard in force on the day of acceptance (F2)." })
@Entity("case_charge")
@Index(["caseId", "id"])
@Index(["status", "caseId"])
export class CaseCharge {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;

  @Column({ type: "integer" })
  standardId: number;

  @Field(() => Int, { description: "How many units are charged." })
  @Column({ type: "integer" })
  quantity: number;

  @Field(() => Int, { description: "Standard × quantity, in fen." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field(() => Int, { description: "减免: the reduction granted, in fen (0: none)." })
  @Column({ type: "integer", default: 0 })
  reductionFen: number;

  @Field(() => Int, { description: "What is due: amount − reduction, in fen." })
  get dueFen(): number {
    return this.amountFen - this.reductionFen;
  }

  @Field(() => String, { nullable: true, description: "减免依据: the legal basis of the reduction." })
  @Column({ type: "text", nullable: true })
  reductionBasis: string | null;

  @Field(() => String, { description: "Why the charge was reduced; null if not reduced.", nullable: true })
  @Column({ type: "text", nullable: true })
  reductionReason: string | null;

  @Column({ type: "integer", nullable: true })
  reducedById: number | null;

  @Field(() => Date, { description: "When the charge was reduced; null if not reduced.", nullable: true })
  @Column({ type: Date, nullable: true })
  reducedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  letterId: number | null;

  @Field(() => ChargeStatus, { description: "Unpaid, paid, reduced to nothing or refunded." })
  @Column({ type: "varchar", length: 10 })
  status: ChargeStatus;

  @Field({ description: "When it was charged." })
  @Column({ type: Date })
  chargedAt: Date;

  @Column({ type: "integer" })
  chargedById: number;

  @Field(() => Int, { description: "Raised on every change of the charge." })
  @Column({ type: "integer", default: 1 })
  version: number;
}

@ObjectType({ implements: Node, description: "A fee payment taken at a FINANCE window into the designated account (F3)." })
@Entity("payment")
@Unique(["takenById", "idempotencyKey"])
@Index(["caseId", "id"])
@Index(["windowId", "day", "departmentId"])
export class Payment {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "缴款编号, e.g. ZF20261126000001." })
  @Column({ type: "varchar", length: 24, unique: true })
  number: string;

  @Column({ type: "integer" })
  caseId: number;

  @Column({ type: "integer" })
  windowId: number;

  @Column({ type: "integer" })
  pointId: number;

  /** The collecting department: the item's. */
  @Column({ type: "integer" })
  departmentId: number;

  @Field(() => Int, { description: "Amount paid, in fen." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field(() => PaymentMethod, { description: "How it was paid (cash, card, transfer)." })
  @Column({ type: "varchar", length: 10 })
  method: PaymentMethod;

  @Field(() => String, { nullable: true, description: "POS reference (CARD) or bank reference (TRANSFER)." })
  @Column({ type: "varchar", length: 64, nullable: true })
  reference: string | null;

  @Field({ description: "专户: the centre's designated account the money went into." })
  @Column({ type: "varchar", length: 64 })
  account: string;

  @Column({ type: "varchar", length: 100 })
  idempotencyKey: string;

  @Column({ type: "varchar", length: 64 })
  requestHash: string;

  @Column({ type: "integer" })
  takenById: number;

  @Field({ description: "When the payment was taken." })
  @Column({ type: Date })
  takenAt: Date;

  @Field({ description: "The day (Shishou time) the payment belongs to in the reconciliation." })
  @Column({ type: "date" })
  day: string;
}

/** Which charges a payment paid (and how much of each). */
@Entity("payment_charge")
@Unique(["paymentId", "chargeId"])
@Index(["chargeId"])
export class PaymentCharge {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  paymentId: number;

  @Column({ type: "integer" })
  chargeId: number;

  @Column({ type: "integer" })
  amountFen: number;
}

@ObjectType({ implements: Node, description: "退费: a refund, a new record linked to its payment, never an edit (F4)." })
@Entity("refund")
@Unique(["refundedById", "idempotencyKey"])
@Index(["paymentId"])
@Index(["windowId", "day", "departmentId"])
export class Refund {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  paymentId: number;

  @Column({ type: "integer" })
  windowId: number;

  @Column({ type: "integer" })
  departmentId: number;

  @Field(() => Int, { description: "Amount refunded, in fen." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field({ description: "Why the money was refunded." })
  @Column({ type: "text" })
  reason: string;

  @Column({ type: "varchar", length: 100 })
  idempotencyKey: string;

  @Column({ type: "integer" })
  refundedById: number;

  @Field({ description: "When it was refunded." })
  @Column({ type: Date })
  refundedAt: Date;

  @Field({ description: "The day of the refund." })
  @Column({ type: "date" })
  day: string;
}

@ObjectType({ implements: Node, description: "票据本: a book of consecutive ticket numbers issued to a department at a point (F4, F5)." })
@Entity("ticket_book")
@Index(["departmentId", "pointId", "status"])
export class TicketBook {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  departmentId: number;

  @Column({ type: "integer" })
  pointId: number;

  @Field({ description: "票据字号, e.g. 鄂财通(2026)00001." })
  @Column({ type: "varchar", length: 40 })
  series: string;

  @Field(() => Int, { description: "The first ticket number of the book." })
  @Column({ type: "integer" })
  fromNo: number;

  @Field(() => Int, { description: "The last ticket number of the book." })
  @Column({ type: "integer" })
  toNo: number;

  @Field(() => Int, { description: "The number the next ticket gets (fromNo … toNo + 1)." })
  @Column({ type: "integer" })
  nextNo: number;

  @Field(() => TicketBookStatus, { description: "Issued, handed in or exhausted." })
  @Column({ type: "varchar", length: 10 })
  status: TicketBookStatus;

  @Field({ description: "When the book was issued." })
  @Column({ type: Date })
  issuedAt: Date;

  @Column({ type: "integer", nullable: true })
  issuedById: number | null;

  @Column({ type: "integer", nullable: true })
  applicationId: number | null;

  @Field(() => Int, { description: "Raised on every change of the book." })
  @Column({ type: "integer", default: 1 })
  version: number;
}

@ObjectType({ implements: Node, description: "票据: the numbered receipt of one payment (F4)." })
@Entity("fee_ticket")
@Unique(["bookId", "seqNo"])
@Index(["status", "id"])
export class FeeTicket {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  bookId: number;

  @Field({ description: "票据号码: series + 8-digit number." })
  @Column({ type: "varchar", length: 60, unique: true })
  number: string;

  @Field(() => Int, { description: "The ticket's number within its book." })
  @Column({ type: "integer" })
  seqNo: number;

  @Column({ type: "integer", unique: true })
  paymentId: number;

  @Field(() => Int, { description: "Amount on the ticket, in fen." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field(() => TicketStatus, { description: "Issued, void requested or voided." })
  @Column({ type: "varchar", length: 10 })
  status: TicketStatus;

  @Field({ description: "When the ticket was issued." })
  @Column({ type: Date })
  issuedAt: Date;

  @Field(() => String, { description: "Why the ticket was voided; null if not.", nullable: true })
  @Column({ type: "text", nullable: true })
  voidReason: string | null;

  @Column({ type: "integer", nullable: true })
  voidRequestedById: number | null;

  @Field(() => Date, { description: "When the void was asked for; null if not.", nullable: true })
  @Column({ type: Date, nullable: true })
  voidRequestedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  voidApprovedById: number | null;

  @Field(() => Date, { description: "When it was voided; null if not.", nullable: true })
  @Column({ type: Date, nullable: true })
  voidedAt: Date | null;

  @Field(() => Int, { description: "Raised on every change of the ticket." })
  @Column({ type: "integer", default: 1 })
  version: number;
}

@ObjectType({ implements: Node, description: "A department's application for a new ticket book, with its two written statements (F5, F7)." })
@Entity("ticket_book_application")
@Index(["status", "id"])
export class TicketBookApplication {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  departmentId: number;

  @Column({ type: "integer" })
  pointId: number;

  @Field({ description: "无双轨运行: nothing runs outside the centre." })
  @Column({ type: "boolean" })
  statementNoDualTrack: boolean;

  @Field({ description: "The money went into the designated account." })
  @Column({ type: "boolean" })
  statementDeposited: boolean;

  @Column({ type: "integer" })
  appliedById: number;

  @Field({ description: "When it was applied for." })
  @Column({ type: Date })
  appliedAt: Date;

  @Field(() => ApplicationStatus, { description: "Pending, issued or refused." })
  @Column({ type: "varchar", length: 10 })
  status: ApplicationStatus;

  @Column({ type: "integer", nullable: true })
  bookId: number | null;

  @Field(() => Int, { description: "Raised on every change of the application." })
  @Column({ type: "integer", default: 1 })
  version: number;
}

@ObjectType({ implements: Node, description: "票据审验: the centre's audit of a used book's stubs, stamped with who and when (F5)." })
@Entity("stub_audit")
@Index(["bookId", "id"])
export class StubAudit {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  bookId: number;

  @Field({ description: "Whether the stubs accounted for every number of the book." })
  @Column({ type: "boolean" })
  passed: boolean;

  /** JSON list of { ticketNumber, kind, detail }. */
  @Column({ type: "text" })
  discrepanciesJson: string;

  @Field(() => Int, { description: "Numbers used (fromNo … nextNo − 1)." })
  @Column({ type: "integer" })
  numbersUsed: number;

  @Field(() => Int, { description: "How many tickets were voided." })
  @Column({ type: "integer" })
  voidedCount: number;

  @Column({ type: "integer" })
  stampedById: number;

  @Field({ description: "票据审验章: when the audit was stamped." })
  @Column({ type: Date })
  stampedAt: Date;
}

@ObjectType({ implements: Node, description: "Money paid into the designated account by a finance window for a day (F6)." })
@Entity("deposit")
@Index(["windowId", "day"])
export class Deposit {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  windowId: number;

  /** When given, the deposit is for this department's takings; otherwise spread over the window's departments. */
  @Column({ type: "integer", nullable: true })
  departmentId: number | null;

  @Field({ description: "The day of the takings deposited." })
  @Column({ type: "date" })
  day: string;

  @Field(() => Int, { description: "Amount deposited, in fen." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field({ description: "The bank's reference." })
  @Column({ type: "varchar", length: 64 })
  bankReference: string;

  @Column({ type: "integer" })
  recordedById: number;

  @Field({ description: "When it was recorded." })
  @Column({ type: Date })
  recordedAt: Date;
}

/** A finance window's day, closed by the centre's finance supervisor (F6); once per window and day. */
@Entity("reconciliation_close")
@Unique(["windowId", "day"])
export class ReconciliationClose {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  windowId: number;

  @Column({ type: "date" })
  day: string;

  @Column({ type: "integer" })
  differenceFen: number;

  @Column({ type: "text", nullable: true })
  reason: string | null;

  @Column({ type: "integer" })
  closedById: number;

  @Column({ type: Date })
  closedAt: Date;
}

export const feeEntities = [CaseCharge, Payment, PaymentCharge, Refund, TicketBook, FeeTicket, TicketBookApplication, StubAudit, Deposit, ReconciliationClose];
