import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { Case } from "../cases/case.entity";
import { ServiceWindow } from "../network/service-window.entity";

/**
 * 工作回访 (S6): one week's draw. The sample is a pure function of the week's closed cases (by id),
 * `seed` and `perUnit` (followup.rules.ts: sampleFollowUps), so anyone can redraw it from the record.
 */
@ObjectType({ implements: Node, description: "工作回访 (S6): a week's random sample of closed cases per unit, with its seed (reproducible)." })
@Entity("follow_up_draw")
export class FollowUpDraw {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Monday (China time) of the week whose closed cases were sampled." })
  @Column({ type: "varchar", length: 10, unique: true })
  week: string;

  @Field(() => Int, { description: "The seed of the draw (mulberry32); with the week's closed cases it gives the same sample again." })
  @Column({ type: "integer" })
  seed: number;

  @Field(() => Int, { description: "Cases drawn per unit (window), at most." })
  @Column({ type: "integer" })
  perUnit: number;

  @Field(() => Int, { description: "Closed cases of the week the sample was drawn from." })
  @Column({ type: "integer" })
  candidates: number;

  @Field({ description: "When it was drawn." })
  @Column({ type: Date })
  drawnAt: Date;

  /** Staff who drew it; null: the scheduler. */
  @Column({ type: "integer", nullable: true })
  drawnById: number | null;
}

/** One call back (S6): the applicant of a sampled case, and what the call found. Recorded once. */
@ObjectType({ implements: Node, description: "回访: a sampled case's call back and its result (recorded once)." })
@Entity("follow_up_visit")
@Index(["drawId", "windowId"])
export class FollowUpVisit {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  drawId: number;
  @ManyToOne(() => FollowUpDraw, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "drawId" })
  readonly drawRef?: Relation<FollowUpDraw>;

  /** A case closes once, so it is sampled at most once. */
  @Column({ type: "integer", unique: true })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  /** The unit: the window that handled the case. */
  @Column({ type: "integer" })
  windowId: number;
  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Field(() => Boolean, { nullable: true, description: "Whether the applicant was reached; null until the call is recorded." })
  @Column({ type: "boolean", nullable: true })
  reached: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the applicant was satisfied (when reached)." })
  @Column({ type: "boolean", nullable: true })
  satisfied: boolean | null;

  @Field(() => String, { nullable: true, description: "The problem the call found (shown as text); it was filed as a complaint." })
  @Column({ type: "text", nullable: true })
  problem: string | null;

  /** The complaint filed for the problem found (channel FOLLOW_UP). */
  @Column({ type: "integer", nullable: true })
  complaintId: number | null;

  @Field(() => Date, { description: "When the call was made; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  calledAt: Date | null;

  @Column({ type: "integer", nullable: true })
  calledById: number | null;
}
