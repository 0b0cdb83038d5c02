import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload } from "../../common/payload";
import { Case } from "./case.entity";
import {
  AcceptCaseInput,
  CaseRefInput,
  CloseCaseInput,
  CompleteSupplementInput,
  DecideCaseInput,
  EndCaseInput,
  ExtendCaseInput,
  HandOverInput,
  HigherReplyInput,
  JointOpinionInput,
  PauseCaseInput,
  RegisterCaseInput,
  AttachMaterialsInput,
  ReturnCaseInput,
  ReviewCaseInput,
  SupplementNoticeInput,
} from "./case.inputs";
import { CasePayload, SweepResult } from "./case.payloads";
import { decisionService } from "./decision.service";
import { deliveryService } from "./delivery.service";
import { endingsService } from "./endings.service";
import { handlingService } from "./handling.service";
import { registrationService } from "./registration.service";
import { reviewService } from "./review.service";
import { sweepAll } from "./scheduler";

const run = (act: () => Promise<Case>) => toPayload("case", act);

@Resolver(() => Case)
export class CaseMutations {
  @Allow("VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK", "scope:cases:write")
  @Mutation(() => CasePayload, { description: "C1: register an application at your point; it gets its number now. An API token (cases:write) registers at a point it is bound to, with pointCode and externalRef." })
  registerCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RegisterCaseInput) {
    return run(() => registrationService.register(ctx, input));
  }

  @Allow("VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK")
  @Mutation(() => CasePayload, { description: "C2: hand the file and paper materials to the next point up, with a receipt." })
  handOverCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: HandOverInput) {
    return run(() => registrationService.handOver(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3/C4: accept at the item's window as IMMEDIATE, COMMITTED, JOINT or REPORTED_UP; the clock starts." })
  acceptCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AcceptCaseInput) {
    return run(() => handlingService.accept(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3.6: the one-time notice of every missing material; the clock stops. A second one is refused." })
  issueSupplementNotice(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: SupplementNoticeInput) {
    return run(() => handlingService.issueSupplementNotice(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3.6/C4: the missing materials arrived; the case is accepted that day." })
  completeSupplement(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CompleteSupplementInput) {
    return run(() => handlingService.completeSupplement(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3.5: return the case with a reason category and a written reason." })
  returnCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ReturnCaseInput) {
    return run(() => handlingService.returnCase(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "Art. 45: stop the clock for a hearing, testing, expert review …" })
  pauseCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: PauseCaseInput) {
    return run(() => handlingService.pause(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "End the special procedure; the clock runs again." })
  resumeCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CaseRefInput) {
    return run(() => handlingService.resume(ctx, input));
  }

  @Allow("DIRECTOR", "DEPUTY_DIRECTOR")
  @Mutation(() => CasePayload, { description: "Art. 42: extend the limit once (+10, +15 for joint), with a reason." })
  extendCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ExtendCaseInput) {
    return run(() => handlingService.extend(ctx, input));
  }

  @Allow("SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR")
  @Mutation(() => CasePayload, { description: "C3.3: your department's opinion on a joint case." })
  giveJointOpinion(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: JointOpinionInput) {
    return run(() => decisionService.giveJointOpinion(ctx, input));
  }

  @Allow("SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR")
  @Mutation(() => CasePayload, { description: "A4: the approval section chief's review opinion (审查) on a COMMITTED or JOINT case of the department, once; where the item's procedure names the step, the decision waits for it." })
  reviewCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ReviewCaseInput) {
    return run(() => reviewService.review(ctx, input));
  }

  @Allow("STAFF")
  @Mutation(() => CasePayload, { description: "A2: approve or refuse; only a holder of an authorization letter in force covering the item may." })
  decideCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: DecideCaseInput) {
    return run(() => decisionService.decide(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3.4: forward a REPORTED_UP case to the higher authority (within 3 working days)." })
  forwardCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CaseRefInput) {
    return run(() => handlingService.forwardUp(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "C3.4: record the higher authority's reply; the applicant is told within 2 working days." })
  recordHigherReply(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: HigherReplyInput) {
    return run(() => handlingService.recordHigherReply(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK", "VILLAGE_AGENT")
  @Mutation(() => CasePayload, { description: "C2: pass the result one point back towards the applicant." })
  handBackResult(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CaseRefInput) {
    return run(() => deliveryService.handBack(ctx, input));
  }

  @Allow("WINDOW_CLERK", "TOWNSHIP_CLERK", "VILLAGE_AGENT")
  @Mutation(() => CasePayload, { description: "C7: the result is delivered; close the case (销号)." })
  closeCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CloseCaseInput) {
    return run(() => deliveryService.close(ctx, input));
  }

  @Allow("scope:cases:write")
  @Mutation(() => CasePayload, { description: "T1: an online channel (API token, cases:write) attaches electronic materials of the guide to an application it registered, before its decision." })
  attachCaseMaterials(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AttachMaterialsInput) {
    return run(() => registrationService.attachByToken(ctx, input));
  }

  @Allow("VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK", "scope:cases:write")
  @Mutation(() => CasePayload, { description: "§6 E1: the applicant withdraws before a decision; the case ends with completion code 5 (退件) and the reason." })
  withdrawCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: EndCaseInput) {
    return run(() => endingsService.withdraw(ctx, input));
  }

  @Allow("VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK")
  @Mutation(() => CasePayload, { description: "§6 E1: ask for a void of an erroneous registration; a second person approves it (approveVoid)." })
  requestVoid(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: EndCaseInput) {
    return run(() => endingsService.requestVoid(ctx, input));
  }

  @Allow("CENTER_ADMIN", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "§6 E2: approve a waiting void (completion code 2); never by the one who asked." })
  approveVoid(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CaseRefInput) {
    return run(() => endingsService.approveVoid(ctx, input));
  }

  @Allow("CENTER_ADMIN", "TOWNSHIP_CLERK")
  @Mutation(() => CasePayload, { description: "§6 E2: reject a waiting void with a reason; the case goes on." })
  rejectVoid(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: EndCaseInput) {
    return run(() => endingsService.rejectVoid(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => SweepResult, { description: "Run the scheduler's sweep now: deemed agreement, deemed acceptance, deemed approval, overdue faults, late rectifications, abandoned supplements, the weekly follow-up draw." })
  runDeadlineSweep(@Ctx() ctx: RequestContext) {
    return sweepAll(ctx);
  }
}
