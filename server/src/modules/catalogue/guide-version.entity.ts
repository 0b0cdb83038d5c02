import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DB_ID_FIELD } from "../../common/node-id";
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
registerEnumType(GuideChange, { name: "GuideChange", description: "What a version of an item's published guide changed.", valuesConfig: {
    MATERIAL_DEACTIVATED: { description: "A material was taken off the list." },
    MATERIAL_UPDATED: { description: "A material of the list was changed." },
    MATERIAL_ADDED: { description: "A material was added to the list." },
    ITEM_DEACTIVATED: { description: "The item was deactivated." },
    ITEM_UPDATED: { description: "The item's own text, limits or fees changed." },
    BASELINE: { description: "The guide as it stood when versions began to be kept." },
  } });

@ObjectType({ description: "A material as the guide published it in one version." })
export class GuideMaterialSnapshot {
  /** The material's database id (the snapshot's JSON keeps it); the API's `id` is the material's global ID (GuideMaterialSnapshotResolver). */
  @Field(() => Int, { ...DB_ID_FIELD, description: "The material's database id (deprecated: use `id`, the material's global ID)." }) id: number;
  @Field(() => Int, { description: "The material's place in the list, from 1." }) seq: number;
  @Field({ description: "The material's name in this version." }) name: string;
  @Field(() => String, { nullable: true, description: "Notes on the material in this version; null when none." }) description: string | null;
  @Field(() => Int, { description: "How many originals are shown." }) originals: number;
  @Field(() => Int, { description: "How many copies are handed in." }) copies: number;
  @Field({ description: "Whether the material is required." }) required: boolean;
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

  @Field(() => GuideChange, { description: "What this version changed." })
  @Column({ type: "varchar", length: 24 })
  change: GuideChange;

  @Field(() => String, { nullable: true, description: "The material the change concerns, by name." })
  @Column({ type: "varchar", length: 200, nullable: true })
  subject: string | null;

  @Column({ type: "simple-json" })
  guide: GuideSnapshot;
}
