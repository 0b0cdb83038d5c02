import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { loaderById } from "../../common/entity-loaders";
import { PageArgs } from "../../common/pagination";
import { toPayload } from "../../common/payload";
import { loadCalendar } from "../calendar/calendar.service";
import { chinaDate, deadlineState } from "../calendar/working-calendar";
import { mayRead } from "../cases/case-access";
import { Case } from "../cases/case.entity";
import { FaultRecord } from "../cases/case-records.entity";
import { DeadlineState } from "../cases/case.enums";
import { caseLoaders } from "../cases/case.loaders";
import { CaseStatusView, FaultRecordConnection } from "../cases/case.payloads";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { Department } from "../catalogue/department.entity";
import { networkLoaders } from "../network/network.loaders";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { complaintService } from "./complaint.service";
import { evaluationService } from "./evaluation.service";
import { faultService } from "./fault.service";
import { Complaint, Evaluation, Rectification } from "./supervision.entity";
import { ComplaintStatus, RectificationStatus } from "./supervision.enums";
import {
  AnswerComplaintInput,
  AnswerRectificationInput,
  AssignComplaintInput,
  CheckRectificationInput,
  CloseComplaintInput,
  ComplaintFields,
  ComplaintListArgs,
  EvaluateCaseInput,
  FaultFilterArgs,
  RectificationListArgs,
  RegisterComplaintInput,
  ReverseFaultInput,
} from "./supervision.inputs";
import {
  ComplaintConnection,
  ComplaintPayload,
  EvaluationPayload,
  FaultPayload,
  FileComplaintPayload,
  OverdueCaseConnection,
  UnitDeadlineWarnings,
  RectificationConnection,
  RectificationPayload,
} from "./supervision.payloads";
import { isOverseer } from "./supervision.rules";

/** Working-day warning of a due day (C5 applied to S1/S2): YELLOW with ≤ 2 working days left, RED when past. */
async function dueState(ctx: RequestContext, dueOn: string | null, open: boolean): Promise<DeadlineState> {
  if (!open || !dueOn) return DeadlineState.NONE;
  return deadlineState(dueOn, chinaDate(ctx.clock.now()), await loadCalendar(ctx), false) as DeadlineState;
}

async function readableCase(ctx: RequestContext, caseId: number | null): Promise<Case | null> {
  const c = caseId ? await caseLoaders.case(ctx).load(caseId) : null;
  return c && (await mayRead(ctx, c)) ? c : null;
}

const evaluationOfCase = (ctx: RequestContext, caseId: number) =>
  ctx.loaders.get<number, Evaluation | null>("Evaluation#caseId", async (ids) => {
    const rows = await ctx.db.manager.getRepository(Evaluation).createQueryBuilder("e").where("e.caseId IN (:...ids)", { ids: [...ids] }).getMany();
    return ids.map((id) => rows.find((r) => r.caseId === id) ?? null);
  }).load(caseId);

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Allow("PUBLIC")
  @Mutation(() => FileComplaintPayload, { description: "S1: a citizen's complaint on the web, without login; keep the number and query code it returns. Limited per address (COMPLAINT_RATE_LIMIT a minute)." })
  fileComplaint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ComplaintFields) {
    return toPayload("receipt", () => complaintService.fileWeb(ctx, input));
  }

  @Allow("SUPERVISOR", "WINDOW_CLERK", "TOWNSHIP_CLERK", "scope:complaints:write")
  @Mutation(() => FileComplaintPayload, { description: "S1: a complaint by hotline (12345), box or at a window, entered by staff; the hotline's integration token (complaints:write) files HOTLINE ones." })
  registerComplaint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RegisterComplaintInput) {
    return toPayload("receipt", () => complaintService.register(ctx, input));
  }

  @Allow("PUBLIC")
  @Query(() => Complaint, { nullable: true, description: "The complainant's lookup by number and query code; null when they do not match." })
  complaintStatus(@Ctx() ctx: RequestContext, @Arg("number", { description: "The complaint's number." }) number: string, @Arg("queryCode", { description: "The query code on the complaint's receipt." }) queryCode: string) {
    return complaintService.publicStatus(ctx, number, queryCode);
  }

  @Allow("STAFF")
  @Query(() => ComplaintConnection, { description: "Complaints, nearest due day first: every one for the supervisor and the centre admin, those assigned to your unit otherwise." })
  complaints(@Ctx() ctx: RequestContext, @Args() args: ComplaintListArgs) {
    return complaintService.list(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => Complaint, { nullable: true, description: "One complaint, for the supervisor or the unit it is assigned to." })
  complaint(@Ctx() ctx: RequestContext, @Arg("number", { description: "The complaint's number." }) number: string) {
    return complaintService.byNumber(ctx, number);
  }

  @Allow("SUPERVISOR")
  @Mutation(() => ComplaintPayload, { description: "S1: assign a complaint to the unit concerned with a limit in working days." })
  assignComplaint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AssignComplaintInput) {
    return toPayload("complaint", () => complaintService.assign(ctx, input));
  }

  @Allow("STAFF")
  @Mutation(() => ComplaintPayload, { description: "S1: the unit's answer to a complaint assigned to it." })
  answerComplaint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AnswerComplaintInput) {
    return toPayload("complaint", () => complaintService.answer(ctx, input));
  }

  @Allow("SUPERVISOR")
  @Mutation(() => ComplaintPayload, { description: "S1/S5: the outcome; UPHELD records a fault against the unit and the person concerned." })
  closeComplaint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CloseComplaintInput) {
    return toPayload("complaint", () => complaintService.close(ctx, input));
  }

  @FieldResolver(() => String, { nullable: true, description: "How to reach the complainant: for the supervisor only." })
  contact(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return isOverseer(ctx.actor) ? k.contact : null;
  }

  @FieldResolver(() => Case, { nullable: true, description: "The case complained about, when you may read it." })
  case(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return readableCase(ctx, k.caseId);
  }

  @FieldResolver(() => ServiceWindow, { nullable: true, description: "The window complained about." })
  window(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return k.windowId ? networkLoaders.window(ctx).load(k.windowId) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department complained about." })
  department(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return k.departmentId ? catalogueLoaders.department(ctx).load(k.departmentId) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department that answers." })
  assignedDepartment(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return k.assignedDepartmentId ? catalogueLoaders.department(ctx).load(k.assignedDepartmentId) : null;
  }

  @FieldResolver(() => ServiceWindow, { nullable: true, description: "The window that answers." })
  assignedWindow(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return k.assignedWindowId ? networkLoaders.window(ctx).load(k.assignedWindowId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The staff member concerned (supervisor and centre admin only)." })
  responsibleStaff(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return k.responsibleStaffId && isOverseer(ctx.actor) ? loaderById(ctx, Staff).load(k.responsibleStaffId) : null;
  }

  @FieldResolver(() => DeadlineState, { description: "While assigned: YELLOW with ≤ 2 working days to the due day, RED past it." })
  deadlineState(@Root() k: Complaint, @Ctx() ctx: RequestContext) {
    return dueState(ctx, k.dueOn, k.status === ComplaintStatus.ASSIGNED);
  }
}

@Resolver(() => Rectification)
export class RectificationResolver {
  @Allow("PUBLIC", "scope:evaluations:write")
  @Mutation(() => EvaluationPayload, { description: "S2 好差评: rate a closed case 1–5 with its query code, once (the same rating again returns the first; a different one is refused). Staff opening the second screen for the applicant give the WINDOW channel." })
  evaluateCase(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: EvaluateCaseInput) {
    return toPayload("evaluation", () => evaluationService.evaluate(ctx, input));
  }

  @Allow("STAFF")
  @Query(() => RectificationConnection, { description: "整改 of poor ratings, nearest due day first: every one for the supervisor, your unit's otherwise." })
  rectifications(@Ctx() ctx: RequestContext, @Args() args: RectificationListArgs) {
    return evaluationService.list(ctx, args);
  }

  @Allow("STAFF")
  @Mutation(() => RectificationPayload, { description: "S2: the unit's rectification (what it verified, fixed and told the applicant)." })
  answerRectification(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AnswerRectificationInput) {
    return toPayload("rectification", () => evaluationService.answer(ctx, input));
  }

  @Allow("SUPERVISOR")
  @Mutation(() => RectificationPayload, { description: "S2: the supervisor's check: passed closes it, failed sends it back to the unit." })
  checkRectification(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CheckRectificationInput) {
    return toPayload("rectification", () => evaluationService.check(ctx, input));
  }

  @FieldResolver(() => Case, { nullable: true, description: "The case rated, when you may read it." })
  case(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return readableCase(ctx, r.caseId);
  }

  @FieldResolver(() => Evaluation, { description: "The poor rating it answers." })
  evaluation(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return loaderById(ctx, Evaluation).load(r.evaluationId);
  }

  @FieldResolver(() => Department, { description: "The department that must rectify." })
  department(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.department(ctx).load(r.departmentId);
  }

  @FieldResolver(() => ServiceWindow, { description: "The window that must rectify." })
  window(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return networkLoaders.window(ctx).load(r.windowId);
  }

  @FieldResolver(() => DeadlineState, { description: "While open: YELLOW with ≤ 2 working days to the due day, RED past it." })
  deadlineState(@Root() r: Rectification, @Ctx() ctx: RequestContext) {
    return dueState(ctx, r.dueOn, r.status === RectificationStatus.OPEN);
  }
}

@Resolver(() => FaultRecord)
export class FaultResolver {
  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => FaultRecordConnection, { description: "过错责任追究 records (S5), newest first, by unit, kind and period." })
  faultRecords(@Ctx() ctx: RequestContext, @Args() args: FaultFilterArgs) {
    return faultService.list(ctx, args);
  }

  @Allow("SUPERVISOR")
  @Mutation(() => FaultPayload, { description: "S5: reverse a fault record with a reason: a new record; the reversed one stays." })
  reverseFault(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ReverseFaultInput) {
    return toPayload("fault", () => faultService.reverse(ctx, input));
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => OverdueCaseConnection, { description: "Red cases: in review past their limit, across the network, earliest deadline first." })
  overdueCases(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return faultService.overdueCases(ctx, args);
  }

  @Allow("SUPERVISOR", "CENTER_ADMIN")
  @Query(() => [UnitDeadlineWarnings], { description: "Yellow and red counts per window (C5, the window queue's marks), most red first; windows with neither left out." })
  deadlineWarnings(@Ctx() ctx: RequestContext) {
    return faultService.deadlineWarnings(ctx);
  }

  @FieldResolver(() => ServiceWindow, { nullable: true, description: "The window held responsible, when the unit is a window." })
  window(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return f.windowId ? networkLoaders.window(ctx).load(f.windowId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The person held responsible, where known." })
  staff(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return f.staffId ? loaderById(ctx, Staff).load(f.staffId) : null;
  }

  @FieldResolver(() => Complaint, { nullable: true, description: "The upheld complaint (UPHELD_COMPLAINT)." })
  complaint(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return f.complaintId ? loaderById(ctx, Complaint).load(f.complaintId) : null;
  }

  @FieldResolver(() => FaultRecord, { nullable: true, description: "On a reversal: the record it reverses (its note is the reason)." })
  reversalOf(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return f.reversalOfId ? loaderById(ctx, FaultRecord).load(f.reversalOfId) : null;
  }

  @FieldResolver(() => FaultRecord, { nullable: true, description: "The reversal of this record, if it was reversed." })
  reversedBy(@Root() f: FaultRecord, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .get<number, FaultRecord | null>("FaultRecord#reversalOfId", async (ids) => {
        const rows = await ctx.db.manager.getRepository(FaultRecord).createQueryBuilder("f").where("f.reversalOfId IN (:...ids)", { ids: [...ids] }).getMany();
        return ids.map((id) => rows.find((r) => r.reversalOfId === id) ?? null);
      })
      .load(f.id);
  }
}

@Resolver(() => Case)
export class CaseEvaluationResolver {
  @FieldResolver(() => Evaluation, { nullable: true, description: "好差评: the applicant's rating, once the case is closed and rated." })
  evaluation(@Root() c: Case, @Ctx() ctx: RequestContext) {
    return evaluationOfCase(ctx, c.id);
  }
}

@Resolver(() => CaseStatusView)
export class StatusEvaluationResolver {
  @FieldResolver(() => Evaluation, { nullable: true, description: "好差评: the rating given, if any (the status page offers the form while this is null and the case is closed)." })
  async evaluation(@Root() view: CaseStatusView, @Ctx() ctx: RequestContext) {
    const c = await ctx.db.manager.getRepository(Case).findOneBy({ number: view.number });
    return c ? evaluationOfCase(ctx, c.id) : null;
  }
}

@Resolver(() => UnitDeadlineWarnings)
export class UnitDeadlineWarningsResolver {
  @FieldResolver(() => ServiceWindow, { description: "The window." })
  window(@Root() u: UnitDeadlineWarnings, @Ctx() ctx: RequestContext) {
    return networkLoaders.window(ctx).load(u.windowId);
  }
}
