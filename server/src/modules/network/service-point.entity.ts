import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";

export enum PointLevel {
  CITY = "CITY",
  TOWNSHIP = "TOWNSHIP",
  VILLAGE = "VILLAGE",
}
registerEnumType(PointLevel, {
  name: "PointLevel",
  description: "Tier of a service point (N1): the city centre, a township centre or a village station.",
  valuesConfig: {
    CITY: { description: "市行政服务中心: the city administrative service centre" },
    TOWNSHIP: { description: "乡镇便民服务中心: a township (town, subdistrict or zone) centre" },
    VILLAGE: { description: "村级便民服务站: a village or community station" },
  },
});

/** The "six ones" of a village station (N2): 一室一栏一卡一账一话一机. */
@ObjectType({ description: "The six-ones checklist of a village station (N2)." })
export class VillageChecklist {
  @Field({ description: "一室: an office" }) office: boolean;
  @Field({ description: "一栏: a public notice board" }) noticeBoard: boolean;
  @Field({ description: "一卡: a service card handed to villagers" }) serviceCard: boolean;
  @Field({ description: "一账: a service ledger" }) ledger: boolean;
  @Field({ description: "一话: a telephone" }) phone: boolean;
  @Field({ description: "一机: a computer" }) computer: boolean;
  @Field(() => Int, { description: "How many of the six are in place (0–6)." }) met: number;
}

@ObjectType({ implements: Node, description: "A service point (便民服务网点): the city centre, a township centre or a village station (N1)." })
@Entity("service_point")
@Index(["level", "code"])
@Index(["parentId", "code"])
export class ServicePoint {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Administrative division code of the point, unique (e.g. 421081 for the city)." })
  @Column({ type: "varchar", length: 20, unique: true })
  code: string;

  @Field({ description: "Name of the centre or station." })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field(() => PointLevel, { description: "City centre, township centre or village station." })
  @Column({ type: "varchar", length: 10 })
  level: PointLevel;

  @Column({ type: "integer", nullable: true })
  parentId: number | null;

  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "parentId" })
  readonly parentRef?: Relation<ServicePoint>;

  @Field(() => String, { nullable: true, description: "Street address." })
  @Column({ type: "varchar", length: 200, nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: "Public service telephone." })
  @Column({ type: "varchar", length: 30, nullable: true })
  phone: string | null;

  @Column({ type: "boolean", default: false }) hasOffice: boolean;
  @Column({ type: "boolean", default: false }) hasNoticeBoard: boolean;
  @Column({ type: "boolean", default: false }) hasServiceCard: boolean;
  @Column({ type: "boolean", default: false }) hasLedger: boolean;
  @Column({ type: "boolean", default: false }) hasPhone: boolean;
  @Column({ type: "boolean", default: false }) hasComputer: boolean;

  @Field({ description: "False once the point is closed; closed points stay on record." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}
