import { Max, MaxLength, Min } from "class-validator";
import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload, UserError } from "../../common/payload";
import { IsDay, MultiLine } from "../../common/validation";
import { chinaDate } from "../calendar/working-calendar";
import { networkLoaders } from "../network/network.loaders";
import { ServicePoint } from "../network/service-point.entity";
import { Staff } from "../staff/staff.entity";
import { dashboardService, SupervisionDashboard } from "./dashboard.service";
import { Inspection, TownshipInspectionScore } from "./inspection.entity";
import { INSPECTION_CHECKLIST as MAX } from "./inspection.rules";
import { inspectionService, townshipInspectionScores } from "./inspection.service";
import { LIMITS, Required } from "./supervision.inputs";

const score = (max: number) => `Points, 0–${max}.`;

@InputType({ description: "检查验收 (S7): an inspection on the checklist (points per heading; the total is out of 100), with findings." })
export class RecordInspectionInput {
  @Field({ description: "The township centre's or village station's code." }) @MaxLength(30) pointCode: string;
  @Field({ description: "Day of the inspection (not in the future)." }) @IsDay() inspectedOn: string;
  @Field(() => Int, { description: `机构设置. ${score(MAX.organization)}` }) @Min(0) @Max(MAX.organization) organization: number;
  @Field(() => Int, { description: `场所设施. ${score(MAX.premises)}` }) @Min(0) @Max(MAX.premises) premises: number;
  @Field(() => Int, { description: `人员到岗. ${score(MAX.staffing)}` }) @Min(0) @Max(MAX.staffing) staffing: number;
  @Field(() => Int, { description: `事项进驻. ${score(MAX.itemsMovedIn)}` }) @Min(0) @Max(MAX.itemsMovedIn) itemsMovedIn: number;
  @Field(() => Int, { description: `运行情况. ${score(MAX.operation)}` }) @Min(0) @Max(MAX.operation) operation: number;
  @Field(() => Int, { description: `群众评议. ${score(MAX.publicReview)}` }) @Min(0) @Max(MAX.publicReview) publicReview: number;
  @Field({ description: `What was found (required, at most ${LIMITS.note} characters).` }) @MultiLine() @Required() @MaxLength(LIMITS.note) findings: string;
}

@ObjectType({ description: "Result of recording an inspection." })
export class InspectionPayload {
  @Field(() => Inspection, { description: "The inspection after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) inspection: Inspection | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Mutation(() => InspectionPayload, { description: "S7: record an inspection of a township centre or village station." })
  recordInspection(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RecordInspectionInput) {
    return toPayload("inspection", () => inspectionService.record(ctx, input));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [Inspection], { description: "S7: the latest inspections, newest first (of one point with pointCode)." })
  inspections(@Ctx() ctx: RequestContext, @Arg("pointCode", () => String, { description: "Only inspections of this point.", nullable: true }) pointCode: string | null) {
    return inspectionService.list(ctx, pointCode ?? null);
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [TownshipInspectionScore], { description: "S7 → S3: each township's latest inspection standing on a day (default today), as its assessment reads it." })
  townshipInspectionScores(@Ctx() ctx: RequestContext, @Arg("asOf", () => String, { description: "The day (YYYY-MM-DD); today when omitted.", nullable: true }) asOf: string | null) {
    return townshipInspectionScores(ctx.db.manager, asOf ?? chinaDate(ctx.clock.now()));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => SupervisionDashboard, { description: "The supervisor's figures (§2): registered, closed, 办结率, by kind, evaluations, complaints, faults; computed from the records." })
  supervisionDashboard(@Ctx() ctx: RequestContext) {
    return dashboardService.figures(ctx);
  }

  @FieldResolver(() => ServicePoint, { description: "The point inspected." })
  point(@Root() i: Inspection, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(i.pointId);
  }

  @FieldResolver(() => String, { nullable: true, description: "Who recorded it." })
  async inspector(@Root() i: Inspection, @Ctx() ctx: RequestContext) {
    return (await ctx.db.manager.getRepository(Staff).findOneBy({ id: i.inspectorId }))?.displayName ?? null;
  }
}
