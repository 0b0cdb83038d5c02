import { Field, ObjectType } from "type-graphql";
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
  @Field() number: string;
  @Field({ description: "Keep it: with the number it opens the complaint's status page." }) queryCode: string;
  @Field() receivedAt: Date;
}

@ObjectType()
export class FileComplaintPayload {
  @Field(() => ComplaintReceipt, { nullable: true }) receipt: ComplaintReceipt | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType()
export class ComplaintPayload {
  @Field(() => Complaint, { nullable: true }) complaint: Complaint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType()
export class EvaluationPayload {
  @Field(() => Evaluation, { nullable: true }) evaluation: Evaluation | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType()
export class RectificationPayload {
  @Field(() => Rectification, { nullable: true }) rectification: Rectification | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType()
export class FaultPayload {
  @Field(() => FaultRecord, { nullable: true }) fault: FaultRecord | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}
