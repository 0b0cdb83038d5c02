import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Case } from "../cases/case.entity";
import { Department } from "../catalogue/department.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { ComplaintChannel, ComplaintOutcome, ComplaintStatus, EvaluationChannel, RectificationStatus } from "./supervision.enums";

/** 投诉举报 (S1): a complaint about a case, a window, a department or a person. Never deleted. */
@ObjectType({ implements: Node, description: "投诉举报 (S1): a complaint, its assignment, answer and outcome." })
@Entity("complaint")
@Index(["status", "dueOn"])
@Index(["assignedDepartmentId", "status"])
@Index(["assignedWindowId", "status"])
export class Complaint {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Complaint number, TS + yyyyMMdd + 6 digits; with the query code the complainant looks it up." })
  @Column({ type: "varchar", length: 20, unique: true })
  number: string;

  /** Given to the complainant once; shown to the supervisor and to staff who entered it. */
  @Column({ type: "varchar", length: 8 })
  queryCode: string;

  @Field(() => ComplaintChannel, { description: "How the complaint came in." })
  @Column({ type: "varchar", length: 10 })
  channel: ComplaintChannel;

  @Field(() => ComplaintStatus, { description: "Where the complaint stands." })
  @Column({ type: "varchar", length: 10 })
  status: ComplaintStatus;

  @Column({ type: "integer", nullable: true })
  caseId: number | null;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  /** The window complained about, as named by the complainant. */
  @Column({ type: "integer", nullable: true })
  windowId: number | null;
  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  /** The department complained about, as named by the complainant. */
  @Column({ type: "integer", nullable: true })
  departmentId: number | null;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Field(() => String, { nullable: true, description: "The person complained about, as the complainant names them (free text)." })
  @Column({ type: "varchar", length: 50, nullable: true })
  personName: string | null;

  @Field({ description: "What happened, as written (shown as text, never as markup)." })
  @Column({ type: "text" })
  content: string;

  /** How to reach the complainant (optional); only the supervisor sees it. */
  @Column({ type: "varchar", length: 100, nullable: true })
  contact: string | null;

  @Field({ description: "When it was received." })
  @Column({ type: Date })
  receivedAt: Date;

  /** Staff who entered it (null: the web form or an integration). */
  @Column({ type: "integer", nullable: true })
  receivedById: number | null;

  @Column({ type: "integer", nullable: true })
  assignedDepartmentId: number | null;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "assignedDepartmentId" })
  readonly assignedDepartmentRef?: Relation<Department>;

  @Column({ type: "integer", nullable: true })
  assignedWindowId: number | null;
  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "assignedWindowId" })
  readonly assignedWindowRef?: Relation<ServiceWindow>;

  /** The staff member held responsible if it is upheld (chosen by the supervisor). */
  @Column({ type: "integer", nullable: true })
  responsibleStaffId: number | null;

  @Field(() => Date, { description: "When it was assigned; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  assignedAt: Date | null;

  @Field(() => Int, { nullable: true, description: "Working days the unit has to answer." })
  @Column({ type: "integer", nullable: true })
  limitDays: number | null;

  @Field(() => String, { nullable: true, description: "The unit answers by this working day." })
  @Column({ type: "varchar", length: 10, nullable: true })
  dueOn: string | null;

  @Field({ description: "dueOn was counted on a provisional calendar year (暂定)." })
  @Column({ type: "boolean", default: false })
  dueOnProvisional: boolean;

  @Field(() => String, { nullable: true, description: "The unit's answer." })
  @Column({ type: "text", nullable: true })
  answer: string | null;

  @Field(() => Date, { description: "When it was answered; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  answeredAt: Date | null;

  @Column({ type: "integer", nullable: true })
  answeredById: number | null;

  @Field(() => ComplaintOutcome, { description: "Upheld or not; null until closed.", nullable: true })
  @Column({ type: "varchar", length: 12, nullable: true })
  outcome: ComplaintOutcome | null;

  @Field(() => String, { nullable: true, description: "The supervisor's finding." })
  @Column({ type: "text", nullable: true })
  outcomeNote: string | null;

  @Field(() => Date, { description: "When it was closed; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  closedById: number | null;

  /** Optimistic lock: every change is `WHERE id = ? AND version = ?`. */
  @Column({ type: "integer", default: 1 })
  version: number;
}

/** 好差评 (S2): the applicant's one rating of a closed case. Never edited. */
@ObjectType({ implements: Node, description: "好差评 (S2): the applicant's rating of a closed case, once, never edited." })
@Entity("evaluation")
export class Evaluation {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => Int, { description: "5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意." })
  @Column({ type: "integer" })
  rating: number;

  @Field(() => String, { nullable: true, description: "The applicant's words (shown as text)." })
  @Column({ type: "text", nullable: true })
  comment: string | null;

  @Field(() => EvaluationChannel, { description: "How the rating was given." })
  @Column({ type: "varchar", length: 12 })
  channel: EvaluationChannel;

  @Field({ description: "When the rating was given." })
  @Column({ type: Date })
  at: Date;
}

/** 整改 (S2): a 差评's rectification by the unit, checked by the supervisor. */
@ObjectType({ implements: Node, description: "整改 (S2): the unit's rectification of a poor rating, and the supervisor's check." })
@Entity("rectification")
@Index(["status", "dueOn"])
@Index(["departmentId", "status"])
@Index(["windowId", "status"])
export class Rectification {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", unique: true })
  evaluationId: number;
  @ManyToOne(() => Evaluation, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "evaluationId" })
  readonly evaluationRef?: Relation<Evaluation>;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  /** The item's department (answers with the window). */
  @Column({ type: "integer" })
  departmentId: number;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  /** The window that handled the case. */
  @Column({ type: "integer" })
  windowId: number;
  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Field(() => RectificationStatus, { description: "Where the rectification stands." })
  @Column({ type: "varchar", length: 10 })
  status: RectificationStatus;

  @Field({ description: "When it was opened." })
  @Column({ type: Date })
  openedAt: Date;

  @Field({ description: "The unit answers by this working day (RECTIFICATION_DAYS working days after the rating); later is a fault." })
  @Column({ type: "varchar", length: 10 })
  dueOn: string;

  @Field({ description: "dueOn was counted on a provisional calendar year (暂定)." })
  @Column({ type: "boolean", default: false })
  dueOnProvisional: boolean;

  @Field(() => String, { nullable: true, description: "What the unit verified, fixed and told the applicant." })
  @Column({ type: "text", nullable: true })
  response: string | null;

  @Field(() => Date, { description: "When it was answered; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  answeredAt: Date | null;

  @Column({ type: "integer", nullable: true })
  answeredById: number | null;

  @Field(() => String, { nullable: true, description: "The supervisor's last check." })
  @Column({ type: "text", nullable: true })
  checkNote: string | null;

  @Field(() => Date, { description: "When the supervisor checked it; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  checkedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  checkedById: number | null;

  @Field(() => Date, { nullable: true, description: "When lateness was recorded as a fault (once)." })
  @Column({ type: Date, nullable: true })
  lateFaultAt: Date | null;

  @Column({ type: "integer", default: 1 })
  version: number;
}
