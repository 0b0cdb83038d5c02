import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../common/pagination";
import { UserError } from "../../common/payload";
import { CaseKind } from "../catalogue/enums";
import { Material } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Case } from "./case.entity";
import { CollectionPlace } from "./case-collection";
import { Decision, FaultRecord, JointNotice } from "./case-records.entity";
import { HolderKind, NextStepCode } from "./case-policy";
import { Department } from "../catalogue/department.entity";
import { CaseStatus, DecisionOutcome } from "./case.enums";
import { DocumentKind } from "./case-document-kinds";

export const CaseConnection = Connection(Case, "Case");
export const JointNoticeConnection = Connection(JointNotice, "JointNotice");
export const DecisionConnection = Connection(Decision, "Decision");
export const FaultRecordConnection = Connection(FaultRecord, "FaultRecord");

@ObjectType({ description: "Result of an act on a case." })
export class CasePayload {
  @Field(() => Case, { description: "The case.", nullable: true }) case: Case | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "The applicant, as staff who handle the case see them: ID number and phone masked." })
export class Applicant {
  @Field({ description: "The applicant's name." }) name: string;
  @Field({ description: "e.g. 4210**********1234" }) idNumber: string;
  @Field({ description: "e.g. 138****5678" }) phone: string;
}

@ObjectType({ description: "A printable document of a case (C8), served as PDF to staff who can see the case." })
export class CaseDocument {
  @Field(() => DocumentKind, { description: "Which paper: the receipt, a notice, the decision or the hand-over list." }) kind: DocumentKind;
  @Field({ description: "受理通知书, 一次性告知书, …" }) title: string;
  @Field({ description: "Path of the PDF on this server." }) url: string;
}

@ObjectType({ description: "What the window sees before registering: which window accepts the item, what is missing, the proposed kind." })
export class IntakeCheck {
  @Field(() => ServicePoint, { description: "The point whose window accepts the item for an application made here (C2)." }) handlingPoint: ServicePoint;
  @Field(() => ServiceWindow, { description: "The window that accepts the item at the caller's point; null if none." }) window: ServiceWindow;
  @Field(() => [Material], { description: "Required materials not handed in." }) missing: Material[];
  @Field(() => CaseKind, { description: "SUPPLEMENT when something is missing, else the item's default kind." }) proposedKind: CaseKind;
}

@ObjectType({ description: "Public status of a case: status and dates only, no personal data." })
export class CaseStatusView {
  @Field({ description: "The case's number." }) number: string;
  @Field({ description: "The item's name." }) itemName: string;
  @Field({ description: "The name of the point handling the case." }) handlingPointName: string;
  @Field(() => CaseStatus, { description: "Where the case stands now." }) status: CaseStatus;
  @Field(() => CaseKind, { description: "The case's kind.", nullable: true }) kind: CaseKind | null;
  @Field({ description: "Day of registration." }) registeredOn: string;
  @Field(() => String, { description: "Day of acceptance; null until accepted.", nullable: true }) acceptedOn: string | null;
  @Field(() => String, { description: "The deadline day; null until accepted.", nullable: true }) deadline: string | null;
  @Field({ description: "The deadline was counted on a provisional year (暂定, to be confirmed by the State Council's holiday notice)." }) deadlineProvisional: boolean;
  @Field(() => DecisionOutcome, { description: "The decision's outcome; null until decided.", nullable: true }) outcome: DecisionOutcome | null;
  @Field(() => String, { description: "Day of the decision; null until decided.", nullable: true }) decidedOn: string | null;
  @Field(() => String, { description: "Day the case was closed; null until closed.", nullable: true }) closedOn: string | null;
  @Field(() => CollectionPlace, { nullable: true, description: "Once decided and until collected: where and when to collect the result (issue 9 §3)." })
  collection: CollectionPlace | null;
  @Field({ description: "S2: whether the applicant may rate the case now (closed, not withdrawn, not voided)." }) rateable: boolean;
}

@ObjectType({ description: "How the scheduler's last sweep went." })
export class SweepResult {
  @Field(() => Int, { description: "Joint notices deemed agreed (no answer in time)." }) deemedAgree: number;
  @Field(() => Int, { description: "Cases deemed accepted (no decision in time)." }) deemedAcceptance: number;
  @Field(() => Int, { description: "Cases deemed approved (默认许可)." }) deemedApproval: number;
  @Field(() => Int, { description: "OVERDUE faults written (S5): cases past their limit on items without deemed approval." }) overdue: number;
  @Field(() => Int, { description: "Late rectifications recorded as faults (S2)." }) lateRectifications: number;
  @Field(() => Int, { description: "Cases ended as abandoned: a supplement notice unanswered past SUPPLEMENT_ABANDON_DAYS (§6 code 5)." }) abandoned: number;
  @Field(() => Int, { description: "Weekly follow-up draws made (S6): 1 when last week was not drawn yet, else 0." }) followUpDraws: number;
}

@ObjectType({ description: "Today's counts of a workspace (window, point or department), on the cases you may read." })
export class WorkCounts {
  @Field(() => Int, { description: "Open cases (registered, supplement, in review, decided)." }) open: number;
  @Field(() => Int, { description: "Registered, waiting to be accepted or passed on." }) registered: number;
  @Field(() => Int, { description: "Waiting for the applicant's supplement (C3.6)." }) supplement: number;
  @Field(() => Int, { description: "Cases waiting for the review opinion (A4)." }) inReview: number;
  @Field(() => Int, { description: "Decided, the result on its way back or to be delivered." }) decided: number;
  @Field(() => Int, { description: "In review with 2 or fewer working days left (C5)." }) yellow: number;
  @Field(() => Int, { description: "In review past the deadline (C5)." }) red: number;
  @Field(() => Int, { description: "Clock stopped: supplement or a special procedure." }) paused: number;
  @Field(() => Int, { description: "Decided or closed today (China time)." }) doneToday: number;
}

@ObjectType({ description: "Who holds a case now and what happens next (from its state and the case policy); the client words `code`." })
export class NextStep {
  @Field(() => NextStepCode, { description: "The step, as a stable code the client words." }) code: NextStepCode;
  @Field(() => HolderKind, { description: "Who holds the case for this step." }) holder: HolderKind;
  @Field(() => ServicePoint, { nullable: true, description: "The point that holds it (or where the applicant goes)." }) point: ServicePoint | null;
  @Field(() => ServiceWindow, { nullable: true, description: "The window that holds it, or that the applicant goes back to." }) window: ServiceWindow | null;
  @Field(() => Department, { nullable: true, description: "The department that decides, or the first co-department still to answer." }) department: Department | null;
  @Field(() => String, { nullable: true, description: "The person, where one person holds it (a window's one clerk, a village's agent)." }) person: string | null;
  @Field(() => Int, { description: "JOINT_OPINIONS: how many co-departments are still to answer." }) waitingFor: number;
  @Field({ description: "Whether the next step is yours: you may take now one of the acts that take it (in Case.availableActs)." }) yours: boolean;
}
