import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { ServiceItem } from "./service-item.entity";

/** What a new version of an item's guide changed (the SPA words it; `subject` names the material). */
export enum GuideChange {
  /** The guide as it stood before its first recorded change. */
  BASELINE = "BASELINE",
  ITEM_UPDATED = "ITEM_UPDATED",
  ITEM_DEACTIVATED = "ITEM_DEACTIVATED",
  MATERIAL_ADDED = "MATERIAL_ADDED",
  MATERIAL_UPDATED = "MATERIAL_UPDATED",
  MATERIAL_DEACTIVATED = "MATERIAL_DEACTIVATED",
}
registerEnumType(GuideChange, { name: "GuideChange", description: "What a version of an item's published guide changed." });

@ObjectType({ description: "A material as the guide published it in one version." })
export class GuideMaterialSnapshot {
  @Field(() => Int) id: number;
  @Field(() => Int) seq: number;
  @Field() name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => Int) originals: number;
  @Field(() => Int) copies: number;
  @Field() required: boolean;
}

/** The published guide of an item at one version (G2): what a citizen read then. */
export interface GuideSnapshot {
  name: string;
  content: string;
  legalBasis: string;
  promisedLimitDays: number;
  legalLimitDays: number;
  active: boolean;
  materials: GuideMaterialSnapshot[];
}

@ObjectType({ description: "One version of an item's published guide (办事指南), kept for ever: each change of the item or its materials adds one." })
@Entity("guide_version")
@Unique(["itemId", "version"])
export class GuideVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  itemId: number;

  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;

  @Field(() => Int, { description: "The item's version this guide was published as." })
  @Column({ type: "integer" })
  version: number;

  @Field({ description: "When this version was published." })
  @Column({ type: Date })
  at: Date;

  @Field({ description: "Who published it (login name), or system for the baseline." })
  @Column({ type: "varchar", length: 40 })
  by: string;

  @Field(() => GuideChange)
  @Column({ type: "varchar", length: 24 })
  change: GuideChange;

  @Field(() => String, { nullable: true, description: "The material the change concerns, by name." })
  @Column({ type: "varchar", length: 200, nullable: true })
  subject: string | null;

  @Column({ type: "simple-json" })
  guide: GuideSnapshot;
}
