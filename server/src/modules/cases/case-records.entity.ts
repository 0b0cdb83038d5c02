import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { Department } from "../catalogue/department.entity";
import { Staff } from "../staff/staff.entity";
import { AuthorizationLetter } from "../authorization/authorization.entity";
import { Case } from "./case.entity";
import { DecisionOutcome, FaultKind, JointOpinionKind, PauseReason, ReviewConclusion } from "./case.enums";

/** 一次性告知书: the single complete list of missing materials (C3.6): at most one per case. */
@ObjectType({ implements: Node, description: "一次性告知书: the one notice listing every missing material (C3.6)." })
@Entity("supplement_notice")
export class SupplementNotice {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => [String], { description: "Names of the missing materials, as published in the guide." })
  @Column({ type: "simple-json" })
  missing: string[];

  /** Ids of the item's materials that were missing. */
  @Column({ type: "simple-json" })
  missingMaterialIds: number[];

  @Field(() => [String], { description: "Defects of materials handed in, in the window's words (e.g. 身份证复印件不清晰): to be corrected as well." })
  @Column({ type: "simple-json", default: "[]" })
  defects: string[];

  @Field({ description: "When the notice was issued." })
  @Column({ type: Date })
  issuedAt: Date;

  @Column({ type: "integer" })
  issuedById: number;

  @Field(() => Date, { nullable: true, description: "When every missing material was handed in." })
  @Column({ type: Date, nullable: true })
  completedAt: Date | null;
}

/** 抄告 and 联办意见: a co-department's notice of a JOINT case and its answer (C3.3). */
@ObjectType({ implements: Node, description: "抄告/联办意见: a co-department's notice of a joint case and its answer (C3.3)." })
@Entity("joint_notice")
@Unique(["caseId", "departmentId"])
@Index(["departmentId", "opinion"])
@Index("IDX_joint_notice_answeredBy", ["answeredById", "id"]) // "my joint opinions"
export class JointNotice {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Column({ type: "integer" })
  departmentId: number;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Field({ description: "When the department was notified." })
  @Column({ type: Date })
  notifiedAt: Date;

  @Field({ description: "The co-department answers by this working day; silence after it is DEEMED_AGREE." })
  @Column({ type: "varchar", length: 10 })
  dueOn: string;

  @Field({ description: "dueOn was counted on a provisional year (暂定)." })
  @Column({ type: "boolean", default: false })
  dueOnProvisional: boolean;

  @Field(() => JointOpinionKind, { description: "The co-department's opinion; null until answered.", nullable: true })
  @Column({ type: "varchar", length: 16, nullable: true })
  opinion: JointOpinionKind | null;

  @Field(() => String, { description: "The reasons given with the opinion.", nullable: true })
  @Column({ type: "text", nullable: true })
  reasons: string | null;

  @Field(() => Date, { description: "When it was answered; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  answeredAt: Date | null;

  @Column({ type: "integer", nullable: true })
  answeredById: number | null;
}

/** Time not counted: supplement, hearing, testing, expert review … (C3.6, art. 45). */
@ObjectType({ implements: Node, description: "A stretch of time not counted in the limit." })
@Entity("case_pause")
@Index(["caseId"])
export class CasePause {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => PauseReason, { description: "Why the clock stopped." })
  @Column({ type: "varchar", length: 20 })
  reason: PauseReason;

  @Field({ description: "What is being done, as told to the applicant in writing." })
  @Column({ type: "text" })
  note: string;

  @Field({ description: "First day not counted." })
  @Column({ type: "varchar", length: 10 })
  startedOn: string;

  @Field(() => String, { nullable: true, description: "Day counting resumed; null while paused." })
  @Column({ type: "varchar", length: 10, nullable: true })
  endedOn: string | null;

  @Column({ type: "integer" })
  startedById: number;
}

/** Art. 42 extension: once per case, approved by the department head with a reason. */
@ObjectType({ implements: Node, description: "延期: an extension of the limit approved by the department head (art. 42)." })
@Entity("case_extension")
export class CaseExtension {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => Int, { description: "Working days added to the limit." })
  @Column({ type: "integer" })
  days: number;

  @Field({ description: "Why the limit was extended." })
  @Column({ type: "text" })
  reason: string;

  @Column({ type: "integer" })
  approvedById: number;

  @Field({ description: "When it was approved." })
  @Column({ type: Date })
  approvedAt: Date;
}

/**
 * 审查意见 (A4): the approval section chief's review of a COMMITTED or JOINT case before the deputy
 * decides, once per case. Never edited; the deputy's decision names it.
 */
@ObjectType({ implements: Node, description: "审查意见: the approval section chief's review opinion before the decision (A4)." })
@Entity("case_review")
export class CaseReview {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => ReviewConclusion, { description: "The review's conclusion." })
  @Column({ type: "varchar", length: 20 })
  conclusion: ReviewConclusion;

  @Field({ description: "The opinion as written by the section chief." })
  @Column({ type: "text" })
  opinion: string;

  @Column({ type: "integer" })
  reviewedById: number;
  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "reviewedById" })
  readonly reviewedByRef?: Relation<Staff>;

  @Field({ description: "When the review opinion was given." })
  @Column({ type: Date })
  reviewedAt: Date;
}

/** The legal decision on a case: one per case (so a deemed approval can happen only once). */
@ObjectType({ implements: Node, description: "The decision on a case, with the letter and seal it was made under (A2)." })
@Entity("decision")
@Index("IDX_decision_decidedBy", ["decidedById", "id"]) // "decided by me"
export class Decision {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => DecisionOutcome, { description: "Approved or refused." })
  @Column({ type: "varchar", length: 20 })
  outcome: DecisionOutcome;

  @Field(() => String, { nullable: true, description: "Reasons (required when refusing)." })
  @Column({ type: "text", nullable: true })
  reason: string | null;

  /** Null for a deemed approval (nobody decided). */
  @Column({ type: "integer", nullable: true })
  decidedById: number | null;
  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "decidedById" })
  readonly decidedByRef?: Relation<Staff>;

  @Column({ type: "integer", nullable: true })
  letterId: number | null;
  @ManyToOne(() => AuthorizationLetter, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "letterId" })
  readonly letterRef?: Relation<AuthorizationLetter>;

  @Field(() => String, { nullable: true, description: "Code of the 行政审批专用章 the decision carries." })
  @Column({ type: "varchar", length: 40, nullable: true })
  sealCode: string | null;

  @Field({ description: "When the decision was made." })
  @Column({ type: Date })
  decidedAt: Date;
}

/**
 * 过错责任追究 (S5): an accountability record against a unit or person. Never deleted: a reversal is a
 * new record (same kind, `reversalOfId`, the reason as note). The unique key (kind, case, department)
 * makes case faults once-only; records that may repeat for a case (upheld complaints, reversals) carry
 * no caseId and reach the case through their complaint or the record they reverse.
 */
@ObjectType({ implements: Node, description: "过错责任追究: an accountability record against a department or person (S5)." })
@Entity("fault_record")
@Index(["departmentId", "at"])
@Unique(["kind", "caseId", "departmentId"])
export class FaultRecord {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Int, { description: "The record's number as people cite it (第 12 条); use `id` to fetch or act on it." })
  get recordNo(): number {
    return this.id;
  }

  @Field(() => FaultKind, { description: "What the record is for." })
  @Column({ type: "varchar", length: 20 })
  kind: FaultKind;

  @Column({ type: "integer", nullable: true })
  departmentId: number | null;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Column({ type: "integer", nullable: true })
  staffId: number | null;

  @Column({ type: "integer", nullable: true })
  caseId: number | null;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field({ description: "When it was recorded." })
  @Column({ type: Date })
  at: Date;

  @Field({ description: "What happened, in words." })
  @Column({ type: "text" })
  note: string;

  /** The window held responsible, when the unit is a window (plain column: added without rebuilding the table). */
  @Column({ type: "integer", nullable: true })
  windowId: number | null;

  /** The upheld complaint this record is for (UPHELD_COMPLAINT). */
  @Column({ type: "integer", nullable: true })
  complaintId: number | null;

  /** The rectification that was late (LATE_RECTIFICATION). */
  @Column({ type: "integer", nullable: true })
  rectificationId: number | null;

  /** Set on a reversal: the record it reverses (the reversal's note is its reason). Records are never deleted; one reversal each. */
  @Index("IDX_fault_record_reversal_of", { unique: true })
  @Column({ type: "integer", nullable: true })
  reversalOfId: number | null;
}
