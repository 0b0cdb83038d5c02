import { Max, MaxLength, Min } from "class-validator";
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload, UserError } from "../../common/payload";
import { AssessmentPeriod, AssessmentScore, AssessmentUnitType, Bulletin, ScoringFormula } from "./assessment.entity";
import { assessmentService, formulaService, kindStatistics, periodOf } from "./assessment.service";
import { bulletinService } from "./bulletin.service";

const Percent = () => (target: object, key: string) => {
  Min(0, { message: `${key}：不能小于 0。 At least 0.` })(target, key);
  Max(100, { message: `${key}：不能大于 100。 At most 100.` })(target, key);
};

@InputType({ description: "A new version of the scoring formula (S3): weights in percent summing to 100." })
export class ScoringFormulaInput {
  @Field(() => Int, { description: "Weight of on-time completion, in percent." }) @Percent() weightOnTime: number;
  @Field(() => Int, { description: "Weight of the completion rate, in percent." }) @Percent() weightCompletion: number;
  @Field(() => Int, { description: "Weight of satisfaction, in percent." }) @Percent() weightSatisfaction: number;
  @Field(() => Int, { description: "Weight of complaints, in percent." }) @Percent() weightComplaints: number;
  @Field(() => Int, { description: "Weight of fault records, in percent." }) @Percent() weightFaults: number;
  @Field(() => Int, { defaultValue: 0, description: "Weight of the township centres' inspection score (S7), percent, at most 50; other units share it out." })
  @Min(0, { message: "weightInspection：不能小于 0。 At least 0." })
  @Max(50, { message: "weightInspection：不能大于 50。 At most 50." })
  weightInspection: number;
  @Field(() => Int, { description: "Points deducted per upheld complaint." }) @Percent() complaintDeduction: number;
  @Field(() => Int, { description: "Points deducted per fault record." }) @Percent() faultDeduction: number;
  @Field(() => Int, { description: "How many units get a red flag." }) @Min(0) @Max(50) redFlagCount: number;
  @Field(() => Int, { description: "How many units are named service models." }) @Min(0) @Max(50) serviceModelCount: number;
  @Field(() => Int, { description: "Lowest score graded excellent." }) @Percent() excellentFrom: number;
  @Field(() => Int, { description: "Lowest score graded good." }) @Percent() goodFrom: number;
  @Field(() => Int, { description: "Lowest score graded pass." }) @Percent() passFrom: number;
  @Field(() => String, { description: "What changed, in words.", nullable: true }) @MaxLength(500) note?: string | null;
}

@InputType({ description: "Names an assessment period." })
export class PeriodInput {
  @Field({ description: "2026Q3 or 2026 (assessment); bulletins also take a month, 2026-11." }) @MaxLength(10) period: string;
}

@InputType({ description: "Names one bulletin." })
export class BulletinIdInput {
  @Field(() => ID, { description: "The bulletin (`Bulletin.id`)." }) id: string;
}

@ObjectType({ description: "Result of publishing a scoring formula." })
export class ScoringFormulaPayload {
  @Field(() => ScoringFormula, { description: "The formula after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) formula: ScoringFormula | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "A period's ranking of one unit type: stored figures once published, else computed from the records." })
export class Assessment {
  @Field({ description: "The period." }) period: string;
  @Field({ description: "2026年第3季度" }) label: string;
  @Field(() => AssessmentPeriod, { nullable: true, description: "Set when the period is published." }) published: AssessmentPeriod | null;
  @Field(() => Int, { description: "The formula version of these figures." }) formulaVersion: number;
  @Field({ description: "True: computed from the records now; false: the stored published figures." }) recomputed: boolean;
  @Field(() => [AssessmentScore], { description: "One row per unit, by rank." }) rows: AssessmentScore[];
}

@ObjectType({ description: "Result of publishing an assessment period." })
export class AssessmentPayload {
  @Field(() => Assessment, { description: "The assessment after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) assessment: Assessment | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of generating or publishing a bulletin." })
export class BulletinPayload {
  @Field(() => Bulletin, { description: "The bulletin after the mutation; null when `userErrors` say why nothing was done.", nullable: true }) bulletin: Bulletin | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Cases of one kind (C4) in a period." })
export class KindShare {
  @Field({ description: "The case kind." }) kind: string;
  @Field(() => Int, { description: "How many cases of this kind." }) count: number;
  @Field(() => Float, { description: "Percent of the period's accepted cases, one decimal." }) share: number;
}

@ObjectType({ description: "C4: accepted cases by kind in a period." })
export class KindStatistics {
  @Field({ description: "The period." }) period: string;
  @Field(() => Int, { description: "Cases registered in the period." }) total: number;
  @Field(() => [KindShare], { description: "Cases per kind, with shares." }) kinds: KindShare[];
}

@Resolver()
export class AssessmentResolver {
  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [ScoringFormula], { description: "S3: every published version of the scoring formula, newest first." })
  scoringFormulas(@Ctx() ctx: RequestContext) {
    return formulaService.list(ctx);
  }

  @Allow("SUPERVISOR")
  @Mutation(() => ScoringFormulaPayload, { description: "S3: publish a new version of the formula (weights must sum to 100); earlier versions and published periods stay as they are." })
  publishScoringFormula(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ScoringFormulaInput) {
    return toPayload("formula", () => formulaService.publish(ctx, { ...input, note: input.note ?? null }));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => Assessment, { description: "S3: scores and ranking of a quarter (2026Q3) or year (2026); `recompute` (or another `formulaVersion`) computes from the records instead of answering with the published figures." })
  assessment(
    @Ctx() ctx: RequestContext,
    @Arg("period", { description: "A quarter (2026Q3) or year (2026)." }) period: string,
    @Arg("unitType", () => AssessmentUnitType, { description: "Which units to score." }) unitType: AssessmentUnitType,
    @Arg("formulaVersion", () => Int, { description: "Score with this formula version (default: the period's, or the latest).", nullable: true }) formulaVersion: number | null,
    @Arg("recompute", { description: "Compute from the records instead of answering with the published figures.", defaultValue: false }) recompute: boolean,
  ) {
    return assessmentService.view(ctx, period, unitType, formulaVersion ?? null, recompute);
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [AssessmentPeriod], { description: "Published assessment periods, newest first." })
  assessmentPeriods(@Ctx() ctx: RequestContext) {
    return assessmentService.publishedPeriods(ctx);
  }

  @Allow("SUPERVISOR")
  @Mutation(() => AssessmentPayload, { description: "S3: publish an ended quarter or year with the current formula; stored, never rewritten." })
  publishAssessment(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: PeriodInput) {
    return toPayload("assessment", () => assessmentService.publish(ctx, input.period));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => KindStatistics, { description: "C4: cases registered in a period (2026-11, 2026Q3, 2026) by kind, with shares." })
  async caseKindStatistics(@Ctx() ctx: RequestContext, @Arg("period", { description: "A month (2026-11), quarter (2026Q3) or year (2026)." }) period: string) {
    const p = periodOf(period, ["period"], true);
    return { period: p.text, ...(await kindStatistics(ctx.db.manager, p)) };
  }

  @Allow("SUPERVISOR")
  @Mutation(() => BulletinPayload, { description: "S4: generate a monthly (2026-11) or quarterly (2026Q3) bulletin PDF; not public until published." })
  generateBulletin(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: PeriodInput) {
    return toPayload("bulletin", () => bulletinService.generate(ctx, input.period));
  }

  @Allow("SUPERVISOR")
  @Mutation(() => BulletinPayload, { description: "S4: publish a bulletin at /bulletins." })
  publishBulletin(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: BulletinIdInput) {
    return toPayload("bulletin", () => bulletinService.publish(ctx, Number(input.id) || 0));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [Bulletin], { description: "S4: every bulletin, drafts included, newest first." })
  bulletins(@Ctx() ctx: RequestContext) {
    return bulletinService.list(ctx, false);
  }

  @Allow("PUBLIC")
  @Query(() => [Bulletin], { description: "S4: published bulletins, for everyone (/bulletins)." })
  publishedBulletins(@Ctx() ctx: RequestContext) {
    return bulletinService.list(ctx, true);
  }
}
