import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { PageArgs } from "../../common/pagination";
import { IsDay } from "../../common/validation";
import { MaxLength } from "class-validator";
import { AuthorizationLetter } from "../authorization/authorization.entity";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate, deadlineState, remainingWorkingDays } from "../calendar/working-calendar";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { networkLoaders } from "../network/network.loaders";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { loaderById } from "../../common/entity-loaders";
import { forbidden } from "../../common/errors";
import { actsFor, decisionLetterFor, mayPrintNotices, mayRead, nextStepFor, waitsForReview } from "./case-access";
import { CaseAct, HolderKind } from "./case-policy";
import { CaseKind } from "../catalogue/enums";
import { Role } from "../staff/role";
import { completionCodeOf, hasDecisionNotice, isRateable, maskIdNumber, maskPhone } from "./case-rules";
import { Case, CaseEvent, CaseMaterial } from "./case.entity";
import { CaseExtension, CasePause, CaseReview, Decision, FaultRecord, JointNotice, SupplementNotice } from "./case-records.entity";
import { CaseStatus, DeadlineState } from "./case.enums";
import { caseLoaders } from "./case.loaders";
import { Applicant, CaseConnection, CaseDocument, CaseStatusView, DecisionConnection, IntakeCheck, JointNoticeConnection, NextStep, WorkCounts } from "./case.payloads";
import { caseQueries } from "./case.queries";
import { DOCUMENT_TITLES, DocumentKind } from "./case-document-kinds";
import { CaseEventType } from "./case-event-types";

@ArgsType()
class QueueArgs extends PageArgs {
  @Field({ defaultValue: false, description: "Include closed cases." }) includeClosed: boolean;
  @Field(() => CaseStatus, { nullable: true, description: "Only cases in this status (CLOSED lists closed cases)." }) status?: CaseStatus;
  @Field(() => CaseKind, { description: "Only cases of this kind.", nullable: true }) kind?: CaseKind;
  @Field(() => DeadlineState, { nullable: true, description: "Only YELLOW, RED, PAUSED (or ON_TIME, NONE) cases, as Case.deadlineState says today." }) deadlineState?: DeadlineState;
  @Field({ nullable: true, description: "Only cases of this item (its code)." }) @MaxLength(40) itemCode?: string;
}

@ArgsType()
class WorkspaceArgs {
  @Field({ description: "Count the work of this window.", nullable: true }) @MaxLength(40) windowCode?: string;
  @Field({ description: "Count the work of this point.", nullable: true }) @MaxLength(40) pointCode?: string;
  @Field({ description: "Count the work of this department.", nullable: true }) @MaxLength(40) departmentCode?: string;
}

@ArgsType()
class AwaitingArgs extends PageArgs {
  @Field(() => CaseKind, { nullable: true, description: "Only cases of this kind (the deputy's desk: IMMEDIATE)." }) kind?: CaseKind;
}

@ArgsType()
class LedgerArgs extends PageArgs {
  @Field(() => CaseStatus, { nullable: true, description: "Only cases in this status." }) status?: CaseStatus;
  @Field({ nullable: true, description: "Registered on or after this day (YYYY-MM-DD)." }) @IsDay() from?: string;
  @Field({ nullable: true, description: "Registered on or before this day (YYYY-MM-DD)." }) @IsDay() to?: string;
  @Field({ defaultValue: false, description: "The cases this point relayed (handed over towards the handling point) instead of those it registered." }) relayed: boolean;
}


@Resolver(() => Case)
export class CaseResolver {
  @Allow("STAFF", "scope:cases:read", "scope:cases:write")
  @Query(() => Case, { nullable: true, description: "One case by number, for staff on its route or of its departments, and API tokens (cases:read: of their bound points; cases:write: those they registered); null when there is none." })
  case(@Ctx() ctx: RequestContext, @Arg("number", { description: "The case's number (办件编号)." }) number: string) {
    return caseQueries.byNumber(ctx, number);
  }

  @Allow("scope:cases:read", "scope:cases:write")
  @Query(() => CaseConnection, { description: "API tokens: the cases the token may read (cases:read: registered at, now at or handled at its bound points, every case when bound to none; cases:write: those it registered), newest first; optionally those of one point." })
  integrationCases(@Ctx() ctx: RequestContext, @Arg("pointCode", () => String, { description: "Only cases of this bound point; all bound points when omitted.", nullable: true }) pointCode: string | undefined, @Args() args: PageArgs) {
    return caseQueries.forToken(ctx, pointCode ?? null, args);
  }

  @Allow("STAFF")
  @Query(() => CaseConnection, { description: "A window's open cases, nearest deadline first." })
  windowQueue(@Ctx() ctx: RequestContext, @Arg("windowCode", { description: "The window whose queue to list." }) windowCode: string, @Args() args: QueueArgs) {
    return caseQueries.windowQueue(ctx, windowCode, args);
  }

  @Allow("STAFF")
  @Query(() => CaseConnection, { description: "服务台帐: the cases a point registered, newest first." })
  ledger(@Ctx() ctx: RequestContext, @Arg("pointCode", { description: "The point whose ledger to list." }) pointCode: string, @Args() args: LedgerArgs) {
    return caseQueries.ledger(ctx, pointCode, args);
  }

  @Allow("STAFF")
  @Query(() => CaseConnection, { description: "Files now at a point: arrived to pass on, or results to hand back." })
  casesAtPoint(@Ctx() ctx: RequestContext, @Arg("pointCode", { description: "The point." }) pointCode: string, @Args() args: PageArgs) {
    return caseQueries.atPoint(ctx, pointCode, args);
  }

  @Allow("STAFF")
  @Query(() => CaseConnection, { description: "A3: cases waiting for your decision under your authorization letters." })
  decisionsAwaiting(@Ctx() ctx: RequestContext, @Args() args: AwaitingArgs) {
    return caseQueries.decisionsAwaiting(ctx, args);
  }

  @Allow("SECTION_CHIEF")
  @Query(() => CaseConnection, { description: "A4: COMMITTED and JOINT cases of your department waiting for the approval section's review opinion, nearest deadline first." })
  reviewsAwaiting(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return caseQueries.reviewsAwaiting(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => WorkCounts, { description: "Today's counts of a workspace (give exactly one of windowCode, pointCode, departmentCode): open, by status, yellow, red, paused, done today." })
  workCounts(@Ctx() ctx: RequestContext, @Args() args: WorkspaceArgs) {
    return caseQueries.workCounts(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => DecisionConnection, { description: "Decided by me: your decisions, newest first." })
  decidedByMe(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return caseQueries.decidedByMe(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => JointNoticeConnection, { description: "My joint opinions: the opinions you gave, newest first." })
  myJointOpinions(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return caseQueries.myJointOpinions(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => JointNoticeConnection, { description: "Joint notices to your department still waiting for its opinion." })
  jointOpinionsAwaiting(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return caseQueries.jointOpinionsAwaiting(ctx, args);
  }

  @Allow("VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK")
  @Query(() => IntakeCheck, { description: "Before registering: which window accepts the item, what is missing, and the proposed kind." })
  intakeCheck(@Ctx() ctx: RequestContext, @Arg("itemCode", { description: "The catalogue item applied for." }) itemCode: string, @Arg("materialIds", () => [ID], { description: "IDs of the materials at hand (`Material.id`)." }) materialIds: string[]) {
    return caseQueries.intakeCheck(ctx, itemCode, materialIds.slice(0, 50));
  }

  @Allow("PUBLIC")
  @Query(() => CaseStatusView, { nullable: true, description: "Public status lookup with the query code printed on the notice: status and dates only. Null when number and code do not match." })
  caseStatus(@Ctx() ctx: RequestContext, @Arg("number", { description: "The case's number (printed on the notice)." }) number: string, @Arg("queryCode", { description: "The query code printed on the notice." }) queryCode: string) {
    return caseQueries.publicStatus(ctx, number, queryCode);
  }

  @FieldResolver(() => ServiceItem, { description: "The catalogue item applied for." })
  item(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.item(ctx).load(c.itemId);
  }

  @FieldResolver(() => ServiceWindow, { description: "The one window that accepts the case (N4)." })
  window(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return networkLoaders.window(ctx).load(c.windowId);
  }

  @FieldResolver(() => ServicePoint, { description: "Where it was registered; results come back here." })
  registeredPoint(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(c.registeredPointId);
  }

  @FieldResolver(() => ServicePoint, { description: "Where the file is now." })
  currentPoint(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(c.currentPointId);
  }

  @FieldResolver(() => ServicePoint, { description: "The point whose window accepts and handles it." })
  handlingPoint(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(c.handlingPointId);
  }

  @FieldResolver(() => Applicant, { description: "The applicant (ID number and phone masked)." })
  applicant(@Root() c: Case): Applicant {
    return { name: c.applicantName, idNumber: maskIdNumber(c.applicantIdNumber), phone: maskPhone(c.applicantPhone) };
  }

  @FieldResolver(() => String, { nullable: true, description: "Query code printed on the notices for the public status lookup; only for those who print notices (the registering point, the handling window), null otherwise." })
  async queryCode(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return (await mayPrintNotices(ctx, c)) ? c.queryCode : null;
  }

  @FieldResolver(() => [CaseAct], { description: "The acts you may take on the case now (the case policy's answer; empty when none)." })
  availableActs(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return actsFor(ctx, c);
  }

  @FieldResolver(() => NextStep, { description: "Who holds the case now (point, window, department, and the person where one person works there) and what happens next." })
  async nextStep(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<NextStep> {
    const step = await nextStepFor(ctx, c);
    const [point, window, department] = await Promise.all([
      step.pointId ? networkLoaders.point(ctx).load(step.pointId) : null,
      step.windowId ? networkLoaders.window(ctx).load(step.windowId) : null,
      step.departmentId ? catalogueLoaders.department(ctx).load(step.departmentId) : null,
    ]);
    let person: string | null = null;
    const holds = step.holder === HolderKind.WINDOW ? { windowId: step.windowId ?? 0, active: true } : step.holder === HolderKind.POINT && point?.level === "VILLAGE" ? { pointId: point.id, role: Role.VILLAGE_AGENT, active: true } : null;
    if (holds) {
      const staff = await ctx.db.manager.getRepository(Staff).find({ where: holds, select: { id: true, displayName: true }, take: 2 });
      if (staff.length === 1) person = staff[0].displayName;
    }
    return { code: step.code, holder: step.holder, point: point ?? null, window: window ?? null, department: department ?? null, person, waitingFor: step.waitingFor, yours: step.yours };
  }

  @FieldResolver(() => Int, { nullable: true, description: "§6 办结结果 for the provincial platform: 0 出证办结, 1 不予许可, 2 作废, 3 删除, 4 转报, 5 退件, 6 不予受理; null while undecided." })
  completionCode(@Root() c: Case) {
    return completionCodeOf(c.outcome);
  }

  @FieldResolver(() => Boolean, { description: "S2: whether the applicant may rate the case (closed, not withdrawn, not voided)." })
  rateable(@Root() c: Case) {
    return isRateable(c.status, c.outcome);
  }

  @FieldResolver(() => String, { nullable: true, description: "§6: the reason of the ending (required for codes 1–5): refusal reasons, the higher reply, withdrawal, void, abandonment, return." })
  async completionReason(@Root() c: Case, @Ctx() ctx: RequestContext) {
    if (!c.outcome) return null;
    return (await caseLoaders.decision(ctx).load(c.id))?.reason ?? c.returnReason ?? null;
  }

  @FieldResolver(() => AuthorizationLetter, { nullable: true, description: "A2: your letter in force covering this item, under which you would decide it; null when you hold none." })
  decisionLetter(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return decisionLetterFor(ctx, c);
  }

  @FieldResolver(() => [CaseMaterial], { description: "Documents handed in." })
  materials(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.materials(ctx).load(c.id);
  }

  @FieldResolver(() => [CaseEvent], { description: "The full timeline, oldest first." })
  events(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.events(ctx).load(c.id);
  }

  @FieldResolver(() => SupplementNotice, { description: "The one supplement notice (一次性告知书); null if none.", nullable: true })
  supplementNotice(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.supplementNotice(ctx).load(c.id);
  }

  @FieldResolver(() => [JointNotice], { description: "Notices to co-departments of a joint case." })
  jointNotices(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.jointNotices(ctx).load(c.id);
  }

  @FieldResolver(() => [CasePause], { description: "Stretches of time not counted in the limit." })
  pauses(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.pauses(ctx).load(c.id);
  }

  @FieldResolver(() => CaseExtension, { description: "The approved extension; null if none.", nullable: true })
  extension(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.extension(ctx).load(c.id);
  }

  @FieldResolver(() => Decision, { description: "The decision; null until decided.", nullable: true })
  decision(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.decision(ctx).load(c.id);
  }

  @FieldResolver(() => Boolean, { description: "A4: the item's procedure names the review step and the section chief has not given the review opinion yet: nobody may decide the case before it." })
  awaitingReview(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return waitsForReview(ctx, c);
  }

  @FieldResolver(() => CaseReview, { nullable: true, description: "A4: the approval section chief's review opinion, once given." })
  review(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return caseLoaders.review(ctx).load(c.id);
  }

  @FieldResolver(() => DeadlineState, { description: "YELLOW with 2 or fewer working days left, RED when overdue (C5)." })
  async deadlineState(@Root() c: Case, @Ctx() ctx: RequestContext) {
    if (c.status !== CaseStatus.IN_REVIEW) return c.status === CaseStatus.SUPPLEMENT ? DeadlineState.PAUSED : DeadlineState.NONE;
    const paused = (await caseLoaders.pauses(ctx).load(c.id)).some((p) => p.endedOn === null);
    return deadlineState(c.deadline, chinaDate(ctx.clock.now()), await loadCalendar(ctx), paused) as DeadlineState;
  }

  @FieldResolver(() => Int, { nullable: true, description: "Working days left until the deadline (negative when overdue)." })
  async remainingWorkingDays(@Root() c: Case, @Ctx() ctx: RequestContext) {
    if (c.status !== CaseStatus.IN_REVIEW || !c.deadline) return null;
    return remainingWorkingDays(c.deadline, chinaDate(ctx.clock.now()), await loadCalendar(ctx));
  }

  @FieldResolver(() => [CaseDocument], {
    description:
      "Printable papers of the case now (C8, issue 9 §3): the receipt and notices for those who print its notices (they carry the query code), and the hand-over list of its latest relay (handover) for whoever reads it.",
  })
  async documents(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<CaseDocument[]> {
    const kinds: DocumentKind[] = [];
    const relayed = (await caseLoaders.events(ctx).load(c.id)).some((e) => e.type === CaseEventType.HANDED_OVER || e.type === CaseEventType.RESULT_HANDED_BACK);
    const handover = relayed && (await mayRead(ctx, c)) ? [DocumentKind.HANDOVER] : [];
    if (!(await mayPrintNotices(ctx, c))) return handover.map((kind) => ({ kind, title: DOCUMENT_TITLES[kind], url: `/documents/cases/${c.number}/${kind}.pdf` }));
    kinds.push(DocumentKind.RECEIPT);
    if (c.acceptedOn) kinds.push(DocumentKind.ACCEPTANCE);
    if (await caseLoaders.supplementNotice(ctx).load(c.id)) kinds.push(DocumentKind.SUPPLEMENT);
    if (c.outcome === "RETURNED") kinds.push(DocumentKind.RETURN);
    else if (hasDecisionNotice(c.outcome)) kinds.push(DocumentKind.DECISION);
    kinds.push(...handover);
    return kinds.map((kind) => ({ kind, title: DOCUMENT_TITLES[kind], url: `/documents/cases/${c.number}/${kind}.pdf` }));
  }
}

@Resolver(() => CaseEvent)
export class CaseEventResolver {
  @FieldResolver(() => ServicePoint, { nullable: true, description: "Hand-overs: where the file came from." })
  fromPoint(@Root() e: CaseEvent, @Ctx() ctx: RequestContext) {
    return e.fromPointId ? networkLoaders.point(ctx).load(e.fromPointId) : null;
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: "Hand-overs: where the file went." })
  toPoint(@Root() e: CaseEvent, @Ctx() ctx: RequestContext) {
    return e.toPointId ? networkLoaders.point(ctx).load(e.toPointId) : null;
  }
}

@Resolver(() => JointNotice)
export class JointNoticeResolver {
  @FieldResolver(() => Department, { description: "The co-department notified." })
  department(@Root() n: JointNotice, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.department(ctx).load(n.departmentId);
  }

  @FieldResolver(() => Case, { description: "The joint case." })
  async case(@Root() n: JointNotice, @Ctx() ctx: RequestContext) {
    const c = await caseLoaders.case(ctx).load(n.caseId);
    if (!c || !(await mayRead(ctx, c))) throw forbidden("CASE_NOT_VISIBLE");
    return c;
  }
}

@Resolver(() => Decision)
export class DecisionResolver {
  @FieldResolver(() => Case, { description: "The case decided." })
  async case(@Root() d: Decision, @Ctx() ctx: RequestContext) {
    const c = await caseLoaders.case(ctx).load(d.caseId);
    if (!c || !(await mayRead(ctx, c))) throw forbidden("CASE_NOT_VISIBLE");
    return c;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "Who decided; null for a deemed approval." })
  decidedBy(@Root() d: Decision, @Ctx() ctx: RequestContext) {
    return d.decidedById ? loaderById(ctx, Staff).load(d.decidedById) : null;
  }

  @FieldResolver(() => AuthorizationLetter, { nullable: true, description: "The letter the decision was made under (A2)." })
  letter(@Root() d: Decision, @Ctx() ctx: RequestContext) {
    return d.letterId ? loaderById(ctx, AuthorizationLetter).load(d.letterId) : null;
  }

  @FieldResolver(() => CaseReview, { nullable: true, description: "A4: the review opinion the decision followed (given before it), if any." })
  review(@Root() d: Decision, @Ctx() ctx: RequestContext) {
    return caseLoaders.review(ctx).load(d.caseId);
  }
}

@Resolver(() => CaseReview)
export class CaseReviewResolver {
  @FieldResolver(() => Staff, { description: "The section chief who reviewed." })
  reviewedBy(@Root() r: CaseReview, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Staff).load(r.reviewedById);
  }
}

@Resolver(() => FaultRecord)
export class FaultRecordResolver {
  @FieldResolver(() => Department, { description: "The department the record is against; null when against a window or person.", nullable: true })
  department(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return f.departmentId ? catalogueLoaders.department(ctx).load(f.departmentId) : null;
  }

  @FieldResolver(() => Case, { nullable: true, description: "The case, when there is one and you may read it." })
  async case(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    const c = f.caseId ? await caseLoaders.case(ctx).load(f.caseId) : null;
    return c && (await mayRead(ctx, c)) ? c : null;
  }
}
