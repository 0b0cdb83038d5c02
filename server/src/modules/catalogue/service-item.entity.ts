import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { ServiceWindow } from "../network/service-window.entity";
import { ServicePoint } from "../network/service-point.entity";
import { Department } from "./department.entity";
import { CaseKind, DelegationMode, ItemLevel } from "./enums";
import { RevenueType } from "../fees/fee.enums";

@ObjectType({ implements: Node, description: "A catalogue item (审批事项 / 服务事项) with what G1 requires of it." })
@Entity("service_item")
@Index(["level", "code"])
@Index(["departmentId", "code"])
@Index(["category", "code"])
export class ServiceItem {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Item code, unique and stable (e.g. GAJ-001, XZ-01)." })
  @Column({ type: "varchar", length: 30, unique: true })
  code: string;

  @Field({ description: "Item name as published." })
  @Column({ type: "varchar", length: 120 })
  name: string;

  @Field(() => ItemLevel, { description: "The item's level: city, township or village." })
  @Column({ type: "varchar", length: 10 })
  level: ItemLevel;

  @Column({ type: "integer" })
  departmentId: number;

  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Field({ description: "Category in the public guide (township items: one of the eight of DOMAIN.md §2)." })
  @Column({ type: "varchar", length: 40 })
  category: string;

  @Field(() => CaseKind, { description: "The kind a case of this item usually takes at acceptance (C3)." })
  @Column({ type: "varchar", length: 12 })
  defaultKind: CaseKind;

  @Field(() => Int, { description: "法定时限: legal time limit in working days." })
  @Column({ type: "integer" })
  legalLimitDays: number;

  @Field(() => Int, { description: "承诺时限: promised time limit in working days (never above the legal limit)." })
  @Column({ type: "integer" })
  promisedLimitDays: number;

  @Field({ description: "服务内容: what the item grants or provides, and to whom." })
  @Column({ type: "text" })
  content: string;

  @Field({ description: "设定依据: the law or regulation the item rests on." })
  @Column({ type: "text" })
  legalBasis: string;

  @Field(() => String, { nullable: true, description: "Higher authority that decides a REPORTED_UP case." })
  @Column({ type: "varchar", length: 100, nullable: true })
  higherAuthority: string | null;

  @Field({ description: "超时许可: a case still undecided after the limit counts as approved (C6)." })
  @Column({ type: "boolean", default: false })
  overdueCountsAsApproval: boolean;

  @Field({ description: "审查: the published procedure names the approval section's review step; a COMMITTED or JOINT case is decided only after the section chief's review opinion (A4)." })
  @Column({ type: "boolean", default: false })
  reviewRequired: boolean;

  @Field({ description: "Whether the item is offered (false: deactivated)." })
  @Column({ type: "boolean", default: true })
  active: boolean;

  @Field(() => Int, { description: "Increases by one with every change; send it back to update." })
  @Column({ type: "integer", default: 1 })
  version: number;
}

@ObjectType({ implements: Node, description: "A required document of an item (申报材料)." })
@Entity("material")
@Index(["itemId", "seq"])
export class Material {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Field(() => Int, { description: "Order in the published list." })
  @Column({ type: "integer" })
  seq: number;

  @Field({ description: "The material's name." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: "What exactly is asked: form, who signs, where to obtain it." })
  @Column({ type: "text", nullable: true })
  description: string | null;

  @Field(() => Int, { description: "Originals to hand in (0: shown and returned)." })
  @Column({ type: "integer", default: 0 })
  originals: number;

  @Field(() => Int, { description: "Photocopies to hand in." })
  @Column({ type: "integer", default: 1 })
  copies: number;

  @Field({ description: "False for documents asked only in some situations (stated in the description)." })
  @Column({ type: "boolean", default: true })
  required: boolean;

  @Field({ description: "Whether the material is still asked for." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}

@ObjectType({ implements: Node, description: "A step of an item's published procedure (办事程序)." })
@Entity("procedure_step")
@Index(["itemId", "seq"])
export class ProcedureStep {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Field(() => Int, { description: "Its place in the procedure (1, 2, …)." })
  @Column({ type: "integer" })
  seq: number;

  @Field({ description: "Step name, e.g. 受理, 审查, 决定, 送达." })
  @Column({ type: "varchar", length: 60 })
  name: string;

  @Field({ description: "What happens in this step and who does it." })
  @Column({ type: "text" })
  description: string;
}

@ObjectType({ implements: Node, description: "A locked fee standard (收费标准) of an item; a change is a new version (F1)." })
@Entity("fee_standard")
@Unique(["itemId", "name", "version"])
export class FeeStandard {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Field({ description: "What is charged for, e.g. 工本费." })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => Int, { description: "Amount in fen (1 yuan = 100 fen)." })
  @Column({ type: "integer" })
  amountFen: number;

  @Field({ description: "Unit the amount applies to, e.g. 每证." })
  @Column({ type: "varchar", length: 20 })
  unit: string;

  @Field({ description: "收费依据: the document that sets the fee." })
  @Column({ type: "text" })
  legalBasis: string;

  @Field(() => RevenueType, { description: "收入类别: administrative fee or government fund; never a fine (F1)." })
  @Column({ type: "varchar", length: 20, default: RevenueType.ADMINISTRATIVE_FEE })
  revenueType: RevenueType;

  @Field(() => Int, { description: "The standard's version (a change is a new version)." })
  @Column({ type: "integer", default: 1 })
  version: number;

  @Field({ description: "The day this version took effect." })
  @Column({ type: "date" })
  effectiveFrom: string;

  @Field(() => String, { nullable: true, description: "The day a later version replaced this one." })
  @Column({ type: "date", nullable: true })
  supersededFrom: string | null;
}

/** Co-departments that review a JOINT case of the item in parallel (C3.3). */
@Entity("item_co_department")
@Unique(["itemId", "departmentId"])
export class ItemCoDepartment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Column({ type: "integer" })
  departmentId: number;

  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;
}

@ObjectType({ implements: Node, description: "A city item handed down to a township (事项下放, G4)." })
@Entity("item_delegation")
@Index("IDX_item_delegation_township", ["townshipId", "itemId"])
@Index("IDX_item_delegation_item", ["itemId", "townshipId"])
export class ItemDelegation {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Column({ type: "integer" })
  townshipId: number;

  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "townshipId" })
  readonly townshipRef?: Relation<ServicePoint>;

  @Field(() => DelegationMode, { description: "How it is handed down." })
  @Column({ type: "varchar", length: 10 })
  mode: DelegationMode;

  @Field({ description: "The day the delegation took effect." })
  @Column({ type: "date" })
  effectiveFrom: string;

  @Field(() => Date, { nullable: true, description: "When the delegation was revoked; revoked delegations stay on record." })
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { description: "Why it was revoked; null while in force.", nullable: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  revokeReason: string | null;
}

/**
 * Which window of a point accepts an item. N4: one window per item per point, enforced by the
 * unique key, so two windows of one point can never both accept the same item.
 */
@Entity("window_item")
@Unique(["pointId", "itemId"])
@Index(["windowId", "itemId"])
export class WindowItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  pointId: number;

  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "pointId" })
  readonly pointRef?: Relation<ServicePoint>;

  @Column({ type: "integer" })
  windowId: number;

  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;
}
