import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { PartyKind, PartyRole } from "./case-party.entity";
import { CaseKind } from "../catalogue/enums";
import { DeliveryChannel, JointOpinionKind, PauseReason, ReturnCategory, ReviewConclusion } from "./case.enums";
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

@InputType({ description: "A party of the case (issue 9 §2): an applicant — a person, or an enterprise with its 统一社会信用代码 and legal representative — or an agent (代理人) acting for one of the applicants." })
export class PartyInput {
  @Field(() => PartyRole, { description: "Applicant (default) or agent.", defaultValue: PartyRole.APPLICANT }) role: PartyRole;
  @Field(() => PartyKind, { description: "A person (default) or an enterprise.", defaultValue: PartyKind.PERSON }) kind: PartyKind;
  @Field({ description: "A person's name as on the ID card, or the enterprise's registered name." }) @Name() @MinLength(1) @MaxLength(50) name: string;
  @Field({ nullable: true, description: "PERSON: 18-character resident ID number (GB 11643 check digit); stored, shown masked." })
  @IsOptional() @Matches(/^\d{17}[\dXx]$/, { message: "idNumber: 18 characters, digits with a final digit or X" })
  idNumber?: string;
  @Field({ nullable: true, description: "ENTERPRISE: 统一社会信用代码, 18 characters (GB 32100 check character)." })
  @IsOptional() @Matches(/^[0-9A-Za-z]{18}$/, { message: "creditCode: 18 letters and digits" })
  creditCode?: string;
  @Field({ nullable: true, description: "ENTERPRISE: 法定代表人." }) @Name() @IsOptional() @MaxLength(50) legalRepresentative?: string;
  @Field({ description: "A telephone number: an 11-digit mobile, or a landline with its area code." }) @Matches(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: "phone: an 11-digit mobile or a landline with area code" }) phone: string;
  @Field(() => Int, { nullable: true, description: "AGENT: the position (from 1) in `parties` of the applicant acted for." }) @IsOptional() @Min(1) @Max(10) actsFor?: number;
}

@InputType({ description: "Register a citizen's application at your point (C1)." })
export class RegisterCaseInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field(() => ApplicantInput, { nullable: true, description: "The one applicant, a person (earlier callers); or give `parties`." })
  @IsOptional() @ValidateNested() applicant?: ApplicantInput | null;
  @Field(() => [PartyInput], { nullable: true, description: "Several applicants (a marriage registration has two), enterprises and agents; the first applicant is the primary one (`Case.applicant`)." })
  @IsOptional() @ArrayMaxSize(10) @ValidateNested({ each: true }) parties?: PartyInput[] | null;
  @Field(() => [ID], { defaultValue: [], description: "Ids of the item's published materials handed in." })
  @ArrayMaxSize(50) @MaxLength(20, { each: true })
  materialIds: string[];
  @Field(() => [String], { defaultValue: [], description: "Anything else taken in that the guide does not list (flagged, G3)." })
  @ArrayMaxSize(20) @MaxLength(200, { each: true })
  otherDocuments: string[];
  @Field({ description: "A key of your choosing, new per registration: a retry with it never registers twice." }) @idempotency() idempotencyKey: string;
  @Field({ nullable: true, description: "API tokens only (required): the code of the point, one the token is bound to, where the application is registered. Staff register at their own point." })
  @IsOptional() @MaxLength(40)
  pointCode?: string;
  @Field({ nullable: true, description: "API tokens only (required): the platform's own id of the application, unique per token; a second registration with it is refused (DUPLICATE, reason EXTERNAL_REF_USED, params.caseNumber)." })
  @IsOptional() @MinLength(1) @MaxLength(64) @Matches(/^[\x21-\x7e]+$/, { message: "externalRef：只用可打印的 ASCII 字符，不含空格。 Printable ASCII, no spaces." })
  externalRef?: string;
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
  @Field(() => [String], { defaultValue: [], description: "Defects of materials handed in, one per entry (2–200 characters, at most 20), e.g. 身份证复印件不清晰." })
  @ArrayMaxSize(20, { message: "defects：最多 20 条。 At most 20 defects." })
  @Name()
  @MinLength(2, { each: true, message: "defects：每条问题 2 至 200 个字。 Each defect is 2 to 200 characters." })
  @MaxLength(200, { each: true, message: "defects：每条问题 2 至 200 个字。 Each defect is 2 to 200 characters." })
  defects: string[];
}

@InputType({ description: "Record materials handed in after the supplement notice." })
export class CompleteSupplementInput extends CaseRefInput {
  @Field(() => [ID], { description: "The materials now handed in (`Material.id`)." }) @ArrayMaxSize(50) @MaxLength(20, { each: true }) materialIds: string[];
}

@InputType({ description: "T1: electronic materials of the item's guide, attached by the online channel that registered the case." })
export class AttachMaterialsInput extends CaseRefInput {
  @Field(() => [ID], { description: "The materials of the item's guide (`Material.id`)." }) @ArrayMinSize(1) @ArrayMaxSize(50) @MaxLength(20, { each: true }) materialIds: string[];
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

@InputType({ description: "The approval section chief's review opinion (审查, A4) on a COMMITTED or JOINT case." })
export class ReviewCaseInput extends CaseRefInput {
  @Field(() => ReviewConclusion, { description: "The review's conclusion." }) conclusion: ReviewConclusion;
  @Field({ description: "The opinion, 2–1000 characters." }) @MultiLine() @MinLength(2) @MaxLength(1000) opinion: string;
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
