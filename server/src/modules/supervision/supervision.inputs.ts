import { IsIn, IsOptional, Matches, Max, MaxLength, Min, ValidateBy } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { IsDay, MultiLine, Name } from "../../common/validation";
import { FaultKind } from "../cases/case.enums";
import { ComplaintChannel, ComplaintOutcome, ComplaintStatus, RectificationStatus } from "./supervision.enums";

/** Size limits of what citizens and units write (S1, S2). */
export const LIMITS = { content: 2000, contact: 100, personName: 50, comment: 500, answer: 2000, note: 1000 } as const;

const CASE_NUMBER = /^\d{20}$/;
const COMPLAINT_NUMBER = /^TS\d{14}$/;

/** Text with something in it besides blanks. Rule name: `required`. */
export function Required() {
  return ValidateBy({
    name: "required",
    validator: {
      validate: (value: unknown) => typeof value === "string" && value.trim().length > 0,
      defaultMessage: () => "$property：必填，不能为空。 Required.",
    },
  });
}

@InputType({ description: "What a complaint is about and what happened (S1). Name at least one of case, window, department or person." })
export class ComplaintFields {
  @Field({ nullable: true, description: "The case number (20 digits); with its query code." })
  @IsOptional() @Matches(CASE_NUMBER, { message: "caseNumber：办件编号为 20 位数字。 20 digits." })
  caseNumber?: string;

  @Field({ nullable: true, description: "The query code printed on the case's notices (needed with caseNumber)." })
  @IsOptional() @MaxLength(8)
  queryCode?: string;

  @Field({ nullable: true, description: "The window complained about (e.g. C05)." })
  @IsOptional() @MaxLength(30)
  windowCode?: string;

  @Field({ nullable: true, description: "The department complained about (e.g. GAJ)." })
  @IsOptional() @MaxLength(30)
  departmentCode?: string;

  @Field({ nullable: true, description: "The person complained about, as you know them (name or staff number)." })
  @Name() @IsOptional() @MaxLength(LIMITS.personName)
  personName?: string;

  @Field({ description: `What happened (required, at most ${LIMITS.content} characters). Stored and shown as plain text.` })
  @MultiLine() @Required() @MaxLength(LIMITS.content)
  content: string;

  @Field({ nullable: true, description: "How to reach you (optional); only the supervisor sees it." })
  @Name() @IsOptional() @MaxLength(LIMITS.contact)
  contact?: string;
}

@InputType({ description: "A complaint entered by staff or the 12345 hotline's integration (S1)." })
export class RegisterComplaintInput extends ComplaintFields {
  @Field(() => ComplaintChannel, { description: "HOTLINE, BOX or WINDOW (web complaints file themselves); an integration token files HOTLINE." })
  @IsIn([ComplaintChannel.HOTLINE, ComplaintChannel.BOX, ComplaintChannel.WINDOW], { message: "channel：工作人员登记的投诉渠道为 HOTLINE、BOX 或 WINDOW。 HOTLINE, BOX or WINDOW." })
  channel: ComplaintChannel;
}

@InputType()
export class ComplaintRefInput {
  @Field({ description: "The complaint's number (TS + 14 digits)." }) @Matches(COMPLAINT_NUMBER, { message: "number：投诉编号为 TS 加 14 位数字。 TS + 14 digits." }) number: string;
}

@InputType({ description: "Assign a complaint to the unit concerned, with a limit in working days (S1)." })
export class AssignComplaintInput extends ComplaintRefInput {
  @Field({ nullable: true, description: "The department that answers (give this or windowCode)." }) @IsOptional() @MaxLength(30) departmentCode?: string;
  @Field({ nullable: true, description: "The window that answers (give this or departmentCode)." }) @IsOptional() @MaxLength(30) windowCode?: string;
  @Field(() => Int, { description: "Working days to answer, 1–60." }) @Min(1) @Max(60) limitDays: number;
  @Field({ nullable: true, description: "Username of the staff member concerned, if known: an upheld complaint is recorded against them too." })
  @IsOptional() @MaxLength(40)
  responsibleUsername?: string;
}

@InputType({ description: "The unit's answer to a complaint assigned to it." })
export class AnswerComplaintInput extends ComplaintRefInput {
  @Field({ description: "The answer, in words." }) @MultiLine() @Required() @MaxLength(LIMITS.answer) answer: string;
}

@InputType({ description: "The supervisor's outcome (S1): UPHELD records a fault against the unit and the person concerned." })
export class CloseComplaintInput extends ComplaintRefInput {
  @Field(() => ComplaintOutcome, { description: "Upheld or not." }) outcome: ComplaintOutcome;
  @Field({ description: "A note on the outcome." }) @MultiLine() @Required() @MaxLength(LIMITS.note) note: string;
}

@InputType({ description: "好差评 (S2): the applicant's rating of a closed case, once." })
export class EvaluateCaseInput {
  @Field({ description: "The case's number." }) @Matches(CASE_NUMBER, { message: "caseNumber：办件编号为 20 位数字。 20 digits." }) caseNumber: string;
  @Field({ description: "The query code printed on the case's notices." }) @MaxLength(8) queryCode: string;
  @Field(() => Int, { description: "5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意." })
  @Min(1, { message: "rating：评价为 1 至 5。 From 1 to 5." }) @Max(5, { message: "rating：评价为 1 至 5。 From 1 to 5." })
  rating: number;
  @Field({ nullable: true, description: `Optional words, at most ${LIMITS.comment} characters (shown as text).` })
  @MultiLine() @IsOptional() @MaxLength(LIMITS.comment)
  comment?: string;
}

@InputType({ description: "The unit's rectification of a poor rating: what it verified, fixed and told the applicant." })
export class AnswerRectificationInput {
  @Field(() => ID, { description: "The rectification (`Rectification.id`)." }) id: string;
  @Field({ description: "The unit's answer: what it verified, fixed and told the applicant." }) @MultiLine() @Required() @MaxLength(LIMITS.answer) response: string;
}

@InputType({ description: "The supervisor's check of a rectification: passed closes it, failed sends it back." })
export class CheckRectificationInput {
  @Field(() => ID, { description: "The rectification (`Rectification.id`)." }) id: string;
  @Field({ description: "True closes the rectification; false sends it back to the unit." }) passed: boolean;
  @Field({ description: "The supervisor's note." }) @MultiLine() @Required() @MaxLength(LIMITS.note) note: string;
}

@InputType({ description: "Reverse a fault record with a reason: a new record, the old one stays (S5)." })
export class ReverseFaultInput {
  @Field(() => ID, { description: "The fault record to reverse (`FaultRecord.id`)." }) id: string;
  @Field({ description: "Why the record is reversed." }) @MultiLine() @Required() @MaxLength(LIMITS.note) reason: string;
}

@ArgsType()
export class ComplaintListArgs extends PageArgs {
  @Field(() => ComplaintStatus, { nullable: true, description: "Only complaints in this status." }) status?: ComplaintStatus;
}

@ArgsType()
export class RectificationListArgs extends PageArgs {
  @Field(() => RectificationStatus, { nullable: true, description: "Only rectifications in this status." }) status?: RectificationStatus;
}

@ArgsType()
export class FaultFilterArgs extends PageArgs {
  @Field({ nullable: true, description: "Records against this department." }) @IsOptional() @MaxLength(30) departmentCode?: string;
  @Field({ nullable: true, description: "Records against this window." }) @IsOptional() @MaxLength(30) windowCode?: string;
  @Field(() => FaultKind, { nullable: true, description: "Only records of this kind." }) kind?: FaultKind;
  @Field({ nullable: true, description: "On or after this day (YYYY-MM-DD, Shishou time)." }) @IsOptional() @IsDay() from?: string;
  @Field({ nullable: true, description: "On or before this day (YYYY-MM-DD)." }) @IsOptional() @IsDay() to?: string;
}
