import { Field, Int, ObjectType } from "type-graphql";
import { RuleViolation } from "../../common/errors";
import { UserError, userErrorOf } from "../../common/payload";
import { FeeStandard } from "../catalogue/service-item.entity";
import { Department } from "../catalogue/department.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { CaseCharge, Deposit, FeeTicket, Payment, Refund, StubAudit, TicketBook, TicketBookApplication } from "./fee.entities";
import { DiscrepancyKind } from "./fee.enums";

/** Runs a fee mutation; a RuleViolation becomes `userErrors` and every other field null (nothing was written). */
export async function feePayload<T extends object>(fields: (keyof T)[], run: () => Promise<T>): Promise<T & { userErrors: UserError[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    const empty = Object.fromEntries(fields.map((f) => [f, null])) as T;
    return { ...empty, userErrors: [userErrorOf(error)] };
  }
}

@ObjectType({ description: "Result of adding a fee standard version." })
export class FeeStandardPayload {
  @Field(() => FeeStandard, { description: "The fee standard.", nullable: true }) standard: FeeStandard | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of charging a case or reducing a charge." })
export class ChargePayload {
  @Field(() => CaseCharge, { description: "The charge.", nullable: true }) charge: CaseCharge | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of taking a payment: the payment and its one ticket (F3, F4)." })
export class PaymentPayload {
  @Field(() => Payment, { description: "The payment; null when `userErrors` say why nothing was done.", nullable: true }) payment: Payment | null;
  @Field(() => FeeTicket, { description: "The ticket issued for the payment; null when nothing was done.", nullable: true }) ticket: FeeTicket | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a void request or approval." })
export class TicketPayload {
  @Field(() => FeeTicket, { description: "The ticket.", nullable: true }) ticket: FeeTicket | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a refund." })
export class RefundPayload {
  @Field(() => Refund, { description: "The refund.", nullable: true }) refund: Refund | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of applying for a ticket book." })
export class TicketBookApplicationPayload {
  @Field(() => TicketBookApplication, { description: "The application.", nullable: true }) application: TicketBookApplication | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of issuing or handing in a ticket book." })
export class TicketBookPayload {
  @Field(() => TicketBook, { description: "The ticket book.", nullable: true }) book: TicketBook | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a stub audit (passed or not, it is stamped and kept)." })
export class StubAuditPayload {
  @Field(() => StubAudit, { description: "The stub audit.", nullable: true }) audit: StubAudit | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of recording a deposit." })
export class DepositPayload {
  @Field(() => Deposit, { description: "The deposit.", nullable: true }) deposit: Deposit | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "One ticket number the audit could not account for (F5)." })
export class StubDiscrepancy {
  @Field({ description: "The ticket number concerned." }) ticketNumber: string;
  @Field(() => DiscrepancyKind, { description: "What is wrong with this number." }) kind: DiscrepancyKind;
  @Field({ description: "Details in Chinese." }) detail: string;
}

@ObjectType({ description: "One row of a day's reconciliation: a finance window × a collecting department (F6)." })
export class ReconciliationRow {
  @Field({ description: "The day." }) day: string;
  @Field(() => ServiceWindow, { description: "The finance window." }) window: ServiceWindow;
  @Field(() => Department, { nullable: true, description: "Null: deposits of the window not matched to any department's takings." })
  department: Department | null;
  @Field(() => Int, { description: "Payments taken, in fen." }) paymentsFen: number;
  @Field(() => Int, { description: "Refunds paid, in fen." }) refundsFen: number;
  @Field(() => Int, { description: "Deposits recorded at the bank, in fen." }) depositsFen: number;
  @Field(() => Int, { description: "payments − refunds − deposits (0: balanced)." }) differenceFen: number;
  @Field(() => Int, { description: "How many tickets were issued." }) ticketCount: number;
  @Field(() => Int, { description: "How many tickets were voided." }) voidedCount: number;
  @Field({ description: "Whether the day is closed." }) closed: boolean;
  @Field(() => Staff, { description: "Who closed the day.", nullable: true }) closedBy: Staff | null;
  @Field(() => Date, { description: "When it was closed; null until then.", nullable: true }) closedAt: Date | null;
  @Field(() => String, { description: "Why a difference was accepted when closing; null if none.", nullable: true }) closeReason: string | null;
}

@ObjectType({ description: "Result of closing a window's day." })
export class ReconciliationDayPayload {
  @Field(() => [ReconciliationRow], { description: "The day's rows after closing.", nullable: true }) rows: ReconciliationRow[] | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}
