import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { ServicePoint } from "./service-point.entity";
import { Department } from "../catalogue/department.entity";

export enum WindowKind {
  PERMANENT = "PERMANENT",
  PERIODIC = "PERIODIC",
  AGENCY = "AGENCY",
  FINANCE = "FINANCE",
}
registerEnumType(WindowKind, {
  name: "WindowKind",
  description: "Kind of a counter (N3).",
  valuesConfig: {
    PERMANENT: { description: "常设窗口: a department or station moved in whole" },
    PERIODIC: { description: "定期办公窗口: staff visit on published weekdays" },
    AGENCY: { description: "代理窗口: a township agent handles items that need the city or above" },
    FINANCE: { description: "金融窗口: the only place fees are paid" },
  },
});

@ObjectType({ implements: Node, description: "A counter (窗口) at a service point (N3)." })
@Entity("service_window")
@Index(["pointId", "code"])
@Index(["departmentId", "code"])
export class ServiceWindow {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Window code, unique across the network (city windows C01–C50)." })
  @Column({ type: "varchar", length: 30, unique: true })
  code: string;

  @Field(() => Int, { description: "Number shown above the counter." })
  @Column({ type: "integer" })
  number: number;

  @Field({ description: "Name shown above the counter." })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => WindowKind, { description: "What the window does." })
  @Column({ type: "varchar", length: 12 })
  kind: WindowKind;

  @Column({ type: "integer" })
  pointId: number;

  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "pointId" })
  readonly pointRef?: Relation<ServicePoint>;

  @Column({ type: "integer", nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Field({ description: "False once the window is closed; closed windows stay on record." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}

@ObjectType({ implements: Node, description: "Published weekly office hours of a PERIODIC window (定期办公时间)." })
@Entity("window_schedule")
@Unique(["windowId", "weekday", "startTime"])
export class WindowSchedule {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  windowId: number;

  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Field(() => Int, { description: "ISO weekday: 1 = Monday … 7 = Sunday." })
  @Column({ type: "integer" })
  weekday: number;

  @Field({ description: "Opening time, HH:mm." })
  @Column({ type: "varchar", length: 5 })
  startTime: string;

  @Field({ description: "Closing time, HH:mm." })
  @Column({ type: "varchar", length: 5 })
  endTime: string;

  @Field(() => String, { nullable: true, description: "Who comes, e.g. 市税务局第三分局." })
  @Column({ type: "varchar", length: 100, nullable: true })
  note: string | null;

  @Field({ description: "Whether the hours are published." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}
