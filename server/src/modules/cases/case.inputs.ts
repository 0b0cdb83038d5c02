import { ArrayMaxSize, IsIn, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { CaseKind } from "../catalogue/enums";
import { DeliveryChannel, JointOpinionKind, PauseReason, ReturnCategory } from "./case.enums";
import { ACCEPTANCE_KINDS } from "./case-rules";
import { MultiLine, Name } from "../../common/validation";

const CASE_NUMBER = /^\d{20}$/;
const caseNumberRule = { message: "caseNumber: 20 digits (421081 + yyyyMMdd + 6-digit sequence, C1)" };
const idempotency = () => MaxLength(100);

@InputType({ description: "The applicant as on their ID card." })
export class ApplicantInput {
  @Field({ description: "The applicant's name (stored; masked in logs)." }) @Name() @MinLength(1) @MaxLength(50) name: string;
  @Field({ description: "18-character resident ID number; stored, shown masked." })
  @Matches(/^\d{17}[\dXx]$/, { message: "idNumber: 18 characters, digits with a final digit or X" })
  idNumber: string;
  @Field({ description: "Mobile phone number (stored masked in what staff see)." }) @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: "phone: an 11-digit mobile or a landline with area code" }) phone: string;
}

@InputType({ description: "Register a citizen's application at your point (C1)." })
export class RegisterCaseInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field(() => ApplicantInput, { description: "The applicant." }) @ValidateNested() applicant: ApplicantInput;
  @Field(() => [ID], { defaultValue: [], description: "Ids of the item's published materials handed in." })
  @ArrayMaxSize(50) @MaxLength(20, { each: true })
  materialIds: string[];
  @Field(() => [String], { defaultValue: [], description: "Anything else taken in that the guide does not list (flagged, G3)." })
  @ArrayMaxSize(20) @MaxLength(200, { each: true })
  otherDocuments: string[];
  @Field({ description: "A key of your choosing, new per registration: a retry with it never registers twice." }) @idempotency() idempotencyKey: string;
}

@InputType({ description: "Names one case by its number." })
export class CaseRefInput {
  @Field({ description: "The case's number." }) @Matches(CASE_NUMBER, caseNumberRule) caseNumber: string;
}

@InputType({ description: "Hand the file and its paper materials to the next point up (C2)." })
export class HandOverInput extends CaseRefInput {
  @Field({ description: "A note for the next point.", nullable: true }) @MultiLine() @IsOptional() @MaxLength(200) note?: string;
}

@InputType({ description: "Accept a case at the window and set its kind (C3, C4)." })
export class AcceptCaseInput extends CaseRefInput {
  @Field(() => CaseKind, { description: "The kind the case is accepted as." }) @IsIn([...ACCEPTANCE_KINDS], { message: "kind: accept as IMMEDIATE, COMMITTED, JOINT or REPORTED_UP; use issueSupplementNotice or returnCase for the others" })
  kind: CaseKind;
}

@InputType({ description: "Issue the one-time supplement notice (C3.6)." })
export class SupplementNoticeInput extends CaseRefInput {
  @Field(() => [ID], { defaultValue: [], description: "Optional materials to ask for as well; every missing required one is listed anyway." })
  @ArrayMaxSize(50) @MaxLength(20, { each: true })
  alsoMaterialIds: string[];
}

@InputType({ description: "Record materials handed in after the supplement notice." })
export class CompleteSupplementInput extends CaseRefInput {
  @Field(() => [ID], { description: "The materials now handed in (`Material.id`)." }) @ArrayMaxSize(50) @MaxLength(20, { each: true }) materialIds: string[];
}

@InputType({ description: "Return a case with a written reason (C3.5)." })
export class ReturnCaseInput extends CaseRefInput {
  @Field(() => ReturnCategory, { description: "Why the case is returned, as a category." }) category: ReturnCategory;
  @Field({ description: "Why the case is returned, in words." }) @MultiLine() @MinLength(4) @MaxLength(1000) reason: string;
}

@InputType({ description: "A case ending before its decision, with its reason (§6: withdrawal, a void request or its rejection)." })
export class EndCaseInput extends CaseRefInput {
  @Field({ description: "Why the case ends here." }) @MultiLine() @MinLength(2) @MaxLength(1000) reason: string;
}

@InputType({ description: "Stop the clock for a special procedure (art. 45)." })
export class PauseCaseInput extends CaseRefInput {
  @Field(() => PauseReason, { description: "Why the clock stops." }) @IsIn(Object.values(PauseReason).filter((r) => r !== PauseReason.SUPPLEMENT), { message: "reason: supplement pauses come with the supplement notice" })
  reason: PauseReason;
  @Field({ description: "A note on the pause." }) @MultiLine() @MinLength(2) @MaxLength(500) note: string;
}

@InputType({ description: "Extend the limit once (art. 42), with the reason told to the applicant." })
export class ExtendCaseInput extends CaseRefInput {
  @Field({ description: "Why the limit must be extended." }) @MultiLine() @MinLength(4) @MaxLength(500) reason: string;
}

@InputType({ description: "A co-department's answer to a joint case (C3.3)." })
export class JointOpinionInput extends CaseRefInput {
  @Field(() => JointOpinionKind, { description: "The co-department's opinion." }) @IsIn([JointOpinionKind.AGREE, JointOpinionKind.DISAGREE, JointOpinionKind.AGREE_REPORT_UP], { message: "opinion: AGREE, DISAGREE or AGREE_REPORT_UP" })
  opinion: JointOpinionKind;
  @Field({ nullable: true, description: "Required with DISAGREE; without them the answer counts as DEEMED_AGREE." }) @MultiLine() @IsOptional() @MaxLength(1000) reasons?: string;
}

@InputType({ description: "Approve or refuse under your authorization letter (A2)." })
export class DecideCaseInput extends CaseRefInput {
  @Field({ description: "true: 准予; false: 不予 (reason required)." }) approve: boolean;
  @Field({ description: "The reasons of the decision.", nullable: true }) @MultiLine() @IsOptional() @MaxLength(2000) reason?: string;
  @Field({ description: "New per decision: a retry never decides twice." }) @idempotency() idempotencyKey: string;
}

@InputType({ description: "Record the higher authority's reply to a REPORTED_UP case (C3.4)." })
export class HigherReplyInput extends CaseRefInput {
  @Field({ description: "Whether the higher authority approved." }) approved: boolean;
  @Field({ description: "The higher authority's reply, in words." }) @MultiLine() @MinLength(2) @MaxLength(2000) replyText: string;
}

@InputType({ description: "Deliver the result to the applicant and close the case (销号, C7)." })
export class CloseCaseInput extends CaseRefInput {
  @Field(() => DeliveryChannel, { description: "How the result was handed over." }) via: DeliveryChannel;
}
