import { ArrayMaxSize, ArrayMinSize, Matches, MaxLength, MinLength } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { MultiLine, Name } from "../../common/validation";
import { PaymentMethod, RevenueType } from "./fee.enums";

const CASE_NUMBER = /^\d{20}$/;
const caseNumberRule = { message: "caseNumber: 20 digits (421081 + yyyyMMdd + 6-digit sequence, C1)" };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayRule = { message: "day: a date as YYYY-MM-DD" };

@InputType({ description: "A new version of a fee standard (F1): never an edit of the one in force." })
export class AddFeeStandardVersionInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field(() => ID, { nullable: true, description: "The standard this version replaces; omit for a new fee of the item." })
  standardId?: string | null;
  @Field({ description: "The fee's name." }) @Name() @MinLength(1) @MaxLength(100) name: string;
  @Field(() => Int, { description: "Amount in fen per unit (0 … 1,000,000,000)." }) amountFen: number;
  @Field({ description: "The unit charged for (每件, 每本 …)." }) @Name() @MinLength(1) @MaxLength(20) unit: string;
  @Field({ description: "收费依据: the document that sets the fee." }) @Name() @MultiLine() @MinLength(1) @MaxLength(500) legalBasis: string;
  @Field(() => RevenueType, { description: "The kind of revenue (administrative fee, government fund …)." }) revenueType: RevenueType;
  @Field({ description: "The day the version takes effect (today or later)." }) @Matches(DAY, dayRule) effectiveFrom: string;
}

@InputType({ description: "Charge a case a fee at the standard in force on its acceptance day (F2)." })
export class ChargeCaseInput {
  @Field({ description: "The case's number (办件编号)." }) @Matches(CASE_NUMBER, caseNumberRule) caseNumber: string;
  @Field(() => ID, { description: "The fee standard (`FeeStandard.id`)." }) standardId: string;
  @Field(() => Int, { description: "Units charged (1 … 1000)." }) quantity: number;
  @Field(() => Int, { description: "The amount in fen; must equal standard × quantity." }) amountFen: number;
}

@InputType({ description: "减免: reduce or waive a charge, by a holder of a letter in force for the item (F2, A2)." })
export class ReduceChargeInput {
  @Field(() => ID, { description: "The charge (`CaseCharge.id`)." }) chargeId: string;
  @Field(() => Int, { description: "The reduction in fen (up to the whole amount: an exemption)." }) reductionFen: number;
  @Field({ description: "减免依据: the legal basis." }) @Name() @MultiLine() @MinLength(1) @MaxLength(500) legalBasis: string;
  @Field({ description: "The basis and reason of the reduction." }) @Name() @MultiLine() @MinLength(1) @MaxLength(500) reason: string;
}

@InputType({ description: "Take a payment of a case's charges at your FINANCE window (F3); issues one ticket (F4)." })
export class TakePaymentInput {
  @Field({ description: "The case's number (办件编号)." }) @Matches(CASE_NUMBER, caseNumberRule) caseNumber: string;
  @Field(() => [ID], { description: "The charges paid (`CaseCharge.id`)." }) @ArrayMinSize(1) @ArrayMaxSize(50) chargeIds: string[];
  @Field(() => PaymentMethod, { description: "Cash, card or transfer (card and transfer need a reference)." }) method: PaymentMethod;
  @Field(() => String, { nullable: true, description: "POS reference (CARD) or bank reference (TRANSFER)." })
  @MaxLength(64)
  reference?: string | null;
  @Field({ description: "A key of your choosing, new per payment (per dialog): a retry with it never pays twice." })
  @MinLength(1) @MaxLength(100)
  idempotencyKey: string;
}

@InputType({ description: "Ask for a ticket to be voided, with a reason (a second person approves)." })
export class RequestTicketVoidInput {
  @Field({ description: "The ticket's number." }) @MaxLength(60) ticketNumber: string;
  @Field({ description: "Why the ticket must be voided." }) @Name() @MultiLine() @MinLength(1) @MaxLength(500) reason: string;
}

@InputType({ description: "Names one ticket by its number." })
export class TicketRefInput {
  @Field({ description: "The ticket's number." }) @MaxLength(60) ticketNumber: string;
}

@InputType({ description: "退费: a new linked record, never an edit of the payment (F4)." })
export class RefundPaymentInput {
  @Field({ description: "The payment's number." }) @MaxLength(24) paymentNumber: string;
  @Field(() => Int, { description: "Amount to refund, in fen (at most what was paid and not yet refunded)." }) amountFen: number;
  @Field({ description: "Why the money is refunded." }) @Name() @MultiLine() @MinLength(1) @MaxLength(500) reason: string;
  @Field({ description: "A key unique to this request: a retry with the same key and body returns the first answer and writes nothing new." }) @MinLength(1) @MaxLength(100) idempotencyKey: string;
}

@InputType({ description: "A department's application for a new ticket book, with both written statements (F5, F7)." })
export class ApplyForTicketBookInput {
  @Field({ nullable: true, description: "The point the book is for; default the city centre." }) @MaxLength(20) pointCode?: string;
  @Field({ description: "无双轨运行: nothing of ours runs outside the centre. Must be true." }) statementNoDualTrack: boolean;
  @Field({ description: "The money collected went into the designated account. Must be true." }) statementDeposited: boolean;
}

@InputType({ description: "Issue a ticket book against an application: series and number range." })
export class IssueTicketBookInput {
  @Field(() => ID, { description: "The application for a ticket book (`TicketBookApplication.id`)." }) applicationId: string;
  @Field({ description: "The series printed on the book." }) @Name() @MinLength(1) @MaxLength(40) series: string;
  @Field(() => Int, { description: "The first ticket number of the book." }) fromNo: number;
  @Field(() => Int, { description: "The last ticket number of the book." }) toNo: number;
}

@InputType({ description: "Names one ticket book." })
export class TicketBookRefInput {
  @Field(() => ID, { description: "The ticket book (`TicketBook.id`)." }) bookId: string;
}

@InputType({ description: "Money paid into the designated account for a window's day (F6)." })
export class RecordDepositInput {
  @Field({ description: "The window's code." }) @MaxLength(10) windowCode: string;
  @Field({ description: "The day of the takings deposited." }) @Matches(DAY, dayRule) day: string;
  @Field(() => Int, { description: "Amount deposited, in fen." }) amountFen: number;
  @Field({ description: "The bank's reference of the deposit." }) @Name() @MinLength(1) @MaxLength(64) bankReference: string;
  @Field({ nullable: true, description: "The department whose takings it is; omit to spread it over the window's departments." })
  @MaxLength(10)
  departmentCode?: string;
}

@InputType({ description: "Close a day's reconciliation, of one window or all." })
export class CloseReconciliationDayInput {
  @Field({ description: "The day to close." }) @Matches(DAY, dayRule) day: string;
  @Field({ description: "Only this finance window (default: all)." }) @MaxLength(10) windowCode: string;
  @Field({ nullable: true, description: "Required when differences remain." }) @MultiLine() @MaxLength(500) reason?: string;
}
