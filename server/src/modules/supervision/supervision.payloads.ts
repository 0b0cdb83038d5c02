import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../common/pagination";
import { UserError } from "../../common/payload";
import { Case } from "../cases/case.entity";
import { FaultRecord } from "../cases/case-records.entity";
import { Complaint, Evaluation, Rectification } from "./supervision.entity";

export const ComplaintConnection = Connection(Complaint, "Complaint");
export const RectificationConnection = Connection(Rectification, "Rectification");
export const OverdueCaseConnection = Connection(Case, "OverdueCase");

@ObjectType({ description: "What the complainant keeps: the number and the query code to look the complaint up (shown once)." })
export class ComplaintReceipt {
  @Field({ description: "The complaint's number, for the complainant's lookup." }) number: string;
  @Field({ description: "Keep it: with the number it opens the complaint's status page." }) queryCode: string;
  @Field({ description: "When it was received." }) receivedAt: Date;
}

@ObjectType({ description: "Result of filing a complaint: the receipt with its number and query code." })
export class FileComplaintPayload {
  @Field(() => ComplaintReceipt, { description: "The receipt: number and query code for the complainant; null when nothing was done.", nullable: true }) receipt: ComplaintReceipt | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of an act on a complaint." })
export class ComplaintPayload {
  @Field(() => Complaint, { description: "The complaint after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) complaint: Complaint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of rating a case." })
export class EvaluationPayload {
  @Field(() => Evaluation, { description: "The rating it answers.", nullable: true }) evaluation: Evaluation | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of an act on a rectification." })
export class RectificationPayload {
  @Field(() => Rectification, { description: "The rectification after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) rectification: Rectification | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of an act on a fault record." })
export class FaultPayload {
  @Field(() => FaultRecord, { description: "The fault after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) fault: FaultRecord | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "C5 per unit: a window's cases in review with a YELLOW (≤ 2 working days left) or RED (overdue) clock; paused cases are not counted." })
export class UnitDeadlineWarnings {
  windowId: number;
  @Field(() => Int, { description: "Open cases at the yellow warning (due soon)." }) yellow: number;
  @Field(() => Int, { description: "Open cases at the red warning (due or overdue)." }) red: number;
}
