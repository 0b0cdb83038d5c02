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
  @Field(() => FeeStandard, { nullable: true }) standard: FeeStandard | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of charging a case or reducing a charge." })
export class ChargePayload {
  @Field(() => CaseCharge, { nullable: true }) charge: CaseCharge | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of taking a payment: the payment and its one ticket (F3, F4)." })
export class PaymentPayload {
  @Field(() => Payment, { nullable: true }) payment: Payment | null;
  @Field(() => FeeTicket, { nullable: true }) ticket: FeeTicket | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a void request or approval." })
export class TicketPayload {
  @Field(() => FeeTicket, { nullable: true }) ticket: FeeTicket | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a refund." })
export class RefundPayload {
  @Field(() => Refund, { nullable: true }) refund: Refund | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of applying for a ticket book." })
export class TicketBookApplicationPayload {
  @Field(() => TicketBookApplication, { nullable: true }) application: TicketBookApplication | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of issuing or handing in a ticket book." })
export class TicketBookPayload {
  @Field(() => TicketBook, { nullable: true }) book: TicketBook | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a stub audit (passed or not, it is stamped and kept)." })
export class StubAuditPayload {
  @Field(() => StubAudit, { nullable: true }) audit: StubAudit | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of recording a deposit." })
export class DepositPayload {
  @Field(() => Deposit, { nullable: true }) deposit: Deposit | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "One ticket number the audit could not account for (F5)." })
export class StubDiscrepancy {
  @Field() ticketNumber: string;
  @Field(() => DiscrepancyKind) kind: DiscrepancyKind;
  @Field({ description: "Details in Chinese." }) detail: string;
}

@ObjectType({ description: "One row of a day's reconciliation: a finance window × a collecting department (F6)." })
export class ReconciliationRow {
  @Field() day: string;
  @Field(() => ServiceWindow) window: ServiceWindow;
  @Field(() => Department, { nullable: true, description: "Null: deposits of the window not matched to any department's takings." })
  department: Department | null;
  @Field(() => Int) paymentsFen: number;
  @Field(() => Int) refundsFen: number;
  @Field(() => Int) depositsFen: number;
  @Field(() => Int, { description: "payments − refunds − deposits (0: balanced)." }) differenceFen: number;
  @Field(() => Int) ticketCount: number;
  @Field(() => Int) voidedCount: number;
  @Field() closed: boolean;
  @Field(() => Staff, { nullable: true }) closedBy: Staff | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => String, { nullable: true }) closeReason: string | null;
}

@ObjectType({ description: "Result of closing a window's day." })
export class ReconciliationDayPayload {
  @Field(() => [ReconciliationRow], { nullable: true }) rows: ReconciliationRow[] | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}
