import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { ServicePoint } from "../network/service-point.entity";

/**
 * 检查验收 (S7): the city centre's inspection of a township centre or village station against the
 * checklist of inspection.rules.ts (INSPECTION_CHECKLIST), with findings. Never edited: a later
 * inspection is a new row, and the latest one stands.
 */
@ObjectType({ implements: Node, description: "检查验收 (S7): an inspection of a township centre or village station, scored on the checklist, with findings." })
@Entity("inspection")
@Index(["pointId", "inspectedOn"])
export class Inspection {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  pointId: number;
  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "pointId" })
  readonly pointRef?: Relation<ServicePoint>;

  @Field({ description: "The day of the inspection (China time)." })
  @Column({ type: "varchar", length: 10 })
  inspectedOn: string;

  @Field(() => Int, { description: "机构设置 (organization)." }) @Column({ type: "integer" }) organization: number;
  @Field(() => Int, { description: "场所设施 (premises)." }) @Column({ type: "integer" }) premises: number;
  @Field(() => Int, { description: "人员到岗 (staff in place)." }) @Column({ type: "integer" }) staffing: number;
  @Field(() => Int, { description: "事项进驻 (items moved in)." }) @Column({ type: "integer" }) itemsMovedIn: number;
  @Field(() => Int, { description: "运行情况 (operation)." }) @Column({ type: "integer" }) operation: number;
  @Field(() => Int, { description: "群众评议 (public review)." }) @Column({ type: "integer" }) publicReview: number;

  @Field(() => Int, { description: "The total of the checklist, out of 100." })
  @Column({ type: "integer" })
  total: number;

  @Field({ description: "验收合格: total at least INSPECTION_PASS_MARK (60)." })
  @Column({ type: "boolean" })
  passed: boolean;

  @Field({ description: "What the inspectors found (shown as text)." })
  @Column({ type: "text" })
  findings: string;

  @Column({ type: "integer" })
  inspectorId: number;

  @Field({ description: "When it was recorded." })
  @Column({ type: Date })
  recordedAt: Date;
}

@ObjectType({ description: "A township's inspection standing on a day (S7), for its quarterly assessment (S3)." })
export class TownshipInspectionScore {
  @Field(() => ServicePoint, { description: "The township centre." }) township: ServicePoint;
  @Field(() => Int, { nullable: true, description: "The township centre's latest total (null: never inspected)." }) centreScore: number | null;
  @Field(() => Float, { nullable: true, description: "Average of the latest totals of its village stations that were inspected." }) stationsAverage: number | null;
  @Field(() => Int, { description: "How many of its village stations have been inspected." }) stationsInspected: number;
  @Field(() => Float, { nullable: true, description: "The inspection score the assessment uses (inspection.rules.ts: townshipInspectionScore); null: nothing inspected." }) score: number | null;
  @Field(() => String, { nullable: true, description: "Day of the latest inspection counted." }) latestOn: string | null;
}
