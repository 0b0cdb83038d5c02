import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, FieldResolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload, UserError } from "../../common/payload";
import { IsDay, MultiLine } from "../../common/validation";
import { caseLoaders } from "../cases/case.loaders";
import { Case } from "../cases/case.entity";
import { networkLoaders } from "../network/network.loaders";
import { ServiceWindow } from "../network/service-window.entity";
import { Complaint } from "./supervision.entity";
import { FollowUpDraw, FollowUpVisit } from "./followup.entity";
import { FOLLOW_UP_MAX_PER_UNIT } from "./followup.rules";
import { followUpService } from "./followup.service";
import { LIMITS } from "./supervision.inputs";

@InputType({ description: "工作回访 (S6): draw a week's sample of closed cases per unit." })
export class DrawFollowUpsInput {
  @Field({ nullable: true, description: "Monday of the week to sample (default: the last full week)." })
  @IsOptional() @IsDay()
  week?: string;

  @Field(() => Int, { nullable: true, description: `Cases per unit (window), 1–${FOLLOW_UP_MAX_PER_UNIT}; default 2.` })
  @IsOptional() @Min(1) @Max(FOLLOW_UP_MAX_PER_UNIT)
  perUnit?: number;
}

@InputType({ description: "The result of one call back (S6), recorded once." })
export class RecordFollowUpInput {
  @Field(() => ID, { description: "The follow-up visit (`FollowUpVisit.id`)." }) id: string;
  @Field({ description: "Whether the applicant was reached." }) reached: boolean;
  @Field(() => Boolean, { nullable: true, description: "When reached: satisfied or not." }) satisfied?: boolean;
  @Field(() => String, { nullable: true, description: `A problem found (at most ${LIMITS.content} characters): filed as a complaint (channel FOLLOW_UP).` })
  @IsOptional() @MultiLine() @MaxLength(LIMITS.content) problem?: string;
}

@ObjectType({ description: "Result of a weekly follow-up draw." })
export class FollowUpDrawPayload {
  @Field(() => FollowUpDraw, { description: "The draw after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) draw: FollowUpDraw | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of recording a follow-up call." })
export class FollowUpVisitPayload {
  @Field(() => FollowUpVisit, { description: "The visit after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) visit: FollowUpVisit | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@Resolver(() => FollowUpDraw)
export class FollowUpDrawResolver {
  @Allow("SUPERVISOR")
  @Query(() => [FollowUpDraw], { description: "S6: the latest weekly draws, newest first." })
  followUpDraws(@Ctx() ctx: RequestContext) {
    return followUpService.draws(ctx);
  }

  @Allow("SUPERVISOR")
  @Mutation(() => FollowUpDrawPayload, { description: "S6: draw a week's sample now (the scheduler draws the last week's on its own); once per week." })
  drawFollowUps(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: DrawFollowUpsInput) {
    return toPayload("draw", () => followUpService.draw(ctx, input));
  }

  @Allow("SUPERVISOR")
  @Mutation(() => FollowUpVisitPayload, { description: "S6: record a call's result once; a problem found files a complaint." })
  recordFollowUp(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RecordFollowUpInput) {
    return toPayload("visit", () => followUpService.record(ctx, input));
  }

  @FieldResolver(() => [FollowUpVisit], { description: "The sampled cases, by unit." })
  visits(@Root() d: FollowUpDraw, @Ctx() ctx: RequestContext) {
    return followUpService.visits(ctx, d.id);
  }
}

@Resolver(() => FollowUpVisit)
export class FollowUpVisitResolver {
  @FieldResolver(() => Case, { description: "The sampled case (the supervisor reads every case)." })
  case(@Root() v: FollowUpVisit, @Ctx() ctx: RequestContext) {
    return caseLoaders.case(ctx).load(v.caseId);
  }

  @FieldResolver(() => ServiceWindow, { description: "The unit: the window that handled the case." })
  window(@Root() v: FollowUpVisit, @Ctx() ctx: RequestContext) {
    return networkLoaders.window(ctx).load(v.windowId);
  }

  @FieldResolver(() => String, { nullable: true, description: "Number of the complaint filed for the problem found." })
  async complaintNumber(@Root() v: FollowUpVisit, @Ctx() ctx: RequestContext) {
    return v.complaintId ? ((await ctx.db.manager.getRepository(Complaint).findOneBy({ id: v.complaintId }))?.number ?? null) : null;
  }
}
