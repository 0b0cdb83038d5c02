import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { CaseKind } from "../catalogue/enums";
import { Material, ServiceItem } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { CaseStatus, DecisionOutcome, DeliveryChannel, ReturnCategory } from "./case.enums";
import { CaseEventType } from "./case-event-types";

/** The last sequence number given out on a day (C1: never reused). */
@Entity("case_counter")
export class CaseCounter {
  @PrimaryColumn({ type: "varchar", length: 8 })
  day: string;

  @Column({ type: "integer" })
  last: number;
}

/** 办件: one application, from registration to close-out. Changes are events (CaseEvent); nothing is deleted. */
@ObjectType({ implements: Node, description: "办件: one application, from registration to close-out (C1–C8)." })
@Entity("case_file")
// The window queue's keyset order (deadline, then number) as expression indexes, open cases and all;
// created by the migration, since TypeORM cannot describe expression or partial indexes.
@Index("IDX_case_file_queue_open", { synchronize: false })
@Index("IDX_case_file_queue_all", { synchronize: false })
@Index("IDX_case_file_review_key", { synchronize: false }) // cases IN_REVIEW by deadline then number: decisions awaiting, overdue
@Index(["registeredPointId", "registeredAt"])
@Index("IDX_case_file_ledger", ["registeredPointId", "id"]) // a point's ledger, newest first (case.queries.ts ledger)
@Index(["registeredAt"]) // period statistics and scores (S3, C4) over the whole network
@Index(["currentPointId", "status"])
@Index(["status", "deadline"])
@Index(["itemId", "status"])
@Index("IDX_case_file_decidedAt", ["decidedAt"]) // done today (workspace counts)
@Index("IDX_case_file_closedAt", ["closedAt"])
@Index(["numberReversed"]) // search by the number's last digits (case-search.ts)
export class Case {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "办件编号: 421081 + yyyyMMdd + 6-digit sequence of the day (C1)." })
  @Column({ type: "varchar", length: 20, unique: true })
  number: string;

  /** The number reversed, for search by its last digits (an index range); set at registration, filled at start for older rows. */
  @Column({ type: "varchar", length: 20, nullable: true })
  numberReversed: string | null;

  @Column({ type: "integer" })
  itemId: number;
  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Field(() => CaseKind, { nullable: true, description: "Set at acceptance (C4); null before." })
  @Column({ type: "varchar", length: 12, nullable: true })
  kind: CaseKind | null;

  @Field(() => CaseStatus, { description: "Where the case stands now." })
  @Column({ type: "varchar", length: 12 })
  status: CaseStatus;

  @Column({ type: "varchar", length: 50 })
  applicantName: string;

  /** Stored in full, shown masked (STYLE.md habit 7). */
  @Column({ type: "varchar", length: 18 })
  applicantIdNumber: string;

  @Column({ type: "varchar", length: 20 })
  applicantPhone: string;

  @Field({ description: "When the case got its number (登记)." })
  @Column({ type: Date })
  registeredAt: Date;

  @Column({ type: "integer" })
  registeredById: number;
  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "registeredById" })
  readonly registeredByRef?: Relation<Staff>;

  /** The point that registered it; results come back here. */
  @Column({ type: "integer" })
  registeredPointId: number;
  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "registeredPointId" })
  readonly registeredPointRef?: Relation<ServicePoint>;

  /** Where the file (and its paper materials) is now. */
  @Column({ type: "integer" })
  currentPointId: number;
  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "currentPointId" })
  readonly currentPointRef?: Relation<ServicePoint>;

  /** The point whose window accepts and handles the item (township or city), fixed at registration (C2). */
  @Column({ type: "integer" })
  handlingPointId: number;
  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "handlingPointId" })
  readonly handlingPointRef?: Relation<ServicePoint>;

  /** The one window of the handling point that accepts the item (N4). */
  @Column({ type: "integer" })
  windowId: number;
  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Field(() => String, { nullable: true, description: "Day the file reached the handling point (the 5-working-day rule counts from it)." })
  @Column({ type: "varchar", length: 10, nullable: true })
  receivedOn: string | null;

  @Field(() => String, { nullable: true, description: "受理日期: the limit counts from this working day." })
  @Column({ type: "varchar", length: 10, nullable: true })
  acceptedOn: string | null;

  @Field(() => Int, { nullable: true, description: "Working days of the limit applied at acceptance." })
  @Column({ type: "integer", nullable: true })
  limitDays: number | null;

  @Field(() => String, { nullable: true, description: "Due date, pauses and extension included; null while paused or before acceptance." })
  @Column({ type: "varchar", length: 10, nullable: true })
  deadline: string | null;

  @Field(() => String, { nullable: true, description: "REPORTED_UP: must be forwarded by this day (3 working days, C3.4)." })
  @Column({ type: "varchar", length: 10, nullable: true })
  forwardDue: string | null;

  @Field(() => String, { nullable: true, description: "REPORTED_UP: the applicant must be told by this day (2 working days after the reply)." })
  @Column({ type: "varchar", length: 10, nullable: true })
  informDue: string | null;

  @Field({ description: "The deadline was counted on a provisional year (no State Council notice on record yet): 暂定, recomputed when the year is loaded, never earlier." })
  @Column({ type: "boolean", default: false })
  deadlineProvisional: boolean;

  @Field({ description: "forwardDue was counted on a provisional year." })
  @Column({ type: "boolean", default: false })
  forwardDueProvisional: boolean;

  @Field({ description: "informDue was counted on a provisional year." })
  @Column({ type: "boolean", default: false })
  informDueProvisional: boolean;

  @Field(() => String, { nullable: true, description: "Name of the higher authority the case went to." })
  @Column({ type: "varchar", length: 100, nullable: true })
  forwardedTo: string | null;

  @Field(() => ReturnCategory, { description: "Why the case was returned, as a category; null if not returned.", nullable: true })
  @Column({ type: "varchar", length: 30, nullable: true })
  returnCategory: ReturnCategory | null;

  @Field(() => String, { description: "Why the case was returned, in words; null if not returned.", nullable: true })
  @Column({ type: "text", nullable: true })
  returnReason: string | null;

  @Field(() => DecisionOutcome, { description: "The decision's outcome; null until decided.", nullable: true })
  @Column({ type: "varchar", length: 20, nullable: true })
  outcome: DecisionOutcome | null;

  @Field(() => Date, { description: "When the case was decided; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  @Field(() => DeliveryChannel, { description: "How the result was delivered; null until delivered.", nullable: true })
  @Column({ type: "varchar", length: 16, nullable: true })
  deliveredVia: DeliveryChannel | null;

  @Field(() => Date, { nullable: true, description: "销号: when the result was delivered and the case closed (C7)." })
  @Column({ type: Date, nullable: true })
  closedAt: Date | null;

  /**
   * Printed on every notice for the public status lookup. It unlocks status and dates only (no
   * personal data), and must be reprintable, so it is kept as issued.
   */
  @Column({ type: "varchar", length: 8 })
  queryCode: string;

  @Field(() => Int, { description: "Increases with every change; money and legal acts check it." })
  @Column({ type: "integer", default: 1 })
  version: number;

  /** Hash of the newest timeline entry (catches a deleted tail); see modules/records. */
  @Column({ type: "varchar", length: 64, nullable: true })
  recordsHead: string | null;

  /** How many timeline entries the case has. */
  @Column({ type: "integer", default: 0 })
  recordsCount: number;

  /** What the seal covers besides the head: status, outcome, deadline, the decision… (compact JSON, no personal data). */
  @Column({ type: "text", nullable: true })
  recordsState: string | null;

  /** HMAC of number, head, count and state with the records key; null on a case never sealed (a broken legacy chain). */
  @Column({ type: "varchar", length: 64, nullable: true })
  recordsSeal: string | null;
}

/** Append-only history of a case; each row hashes the previous one of the same case. */
@ObjectType({ implements: Node, description: "One entry of a case's timeline. Entries are never edited or removed." })
@Entity("case_event")
@Unique(["caseId", "seq"])
@Index(["fromPointId", "at"]) // a point's hand-over list of a day (移交清单, H1)
@Index("IDX_case_event_relay", ["fromPointId", "type", "caseId"]) // a township's relayed cases
export class CaseEvent {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Field(() => Int, { description: "Its place in the case's timeline (1, 2, …)." })
  @Column({ type: "integer" })
  seq: number;

  @Field(() => CaseEventType, { description: "What kind of entry it is (REGISTERED, ACCEPTED, DECIDED, CLOSED, …)." })
  @Column({ type: "varchar", length: 40 })
  type: CaseEventType;

  @Field({ description: "When it happened." })
  @Column({ type: Date })
  at: Date;

  @Column({ type: "integer", nullable: true })
  actorId: number | null;

  @Field({ description: "Who: a staff member's name and role, or 系统 for scheduled acts." })
  @Column({ type: "varchar", length: 60 })
  actorLabel: string;

  @Column({ type: "integer", nullable: true })
  fromPointId: number | null;

  @Column({ type: "integer", nullable: true })
  toPointId: number | null;

  @Field({ description: "What happened, in words." })
  @Column({ type: "text" })
  summary: string;

  /** Structured details (JSON). */
  @Column({ type: "text" })
  data: string;

  @Column({ type: "varchar", length: 64 })
  prevHash: string;

  @Column({ type: "varchar", length: 64 })
  hash: string;
}

@ObjectType({ implements: Node, description: "A document handed in with the case." })
@Entity("case_material")
@Index(["caseId"])
export class CaseMaterial {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  /** The item's published material this answers; null for something not in the guide (G3). */
  @Column({ type: "integer", nullable: true })
  materialId: number | null;
  @ManyToOne(() => Material, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "materialId" })
  readonly materialRef?: Relation<Material>;

  @Field({ description: "The material's name as handed in." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field({ description: "Handed in on paper (travels with the file; a receipt is given at each hand-over)." })
  @Column({ type: "boolean", default: true })
  paper: boolean;

  @Field({ description: "When it was received." })
  @Column({ type: Date })
  receivedAt: Date;

  @Column({ type: "integer" })
  receivedById: number;
}
