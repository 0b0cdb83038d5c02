import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { Staff } from "../staff/staff.entity";

@ObjectType({ implements: Node, description: "行政审批专用章: a department's dedicated approval seal; every decision carries its code." })
@Entity("approval_seal")
export class ApprovalSeal {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  departmentId: number;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Field({ description: "Seal code printed on decisions." })
  @Column({ type: "varchar", length: 40, unique: true })
  code: string;

  @Field({ description: "Text of the seal, e.g. 石首市公安局行政审批专用章." })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field({ description: "Whether the seal is in use (false: withdrawn)." })
  @Column({ type: "boolean", default: true })
  active: boolean;
}

/**
 * 授权委托书 (A1): a director's written delegation of approval power. Never edited: a revocation
 * is recorded on it, and a changed scope is a new letter.
 */
@ObjectType({ implements: Node, description: "授权委托书: a director's written delegation of approval power (A1)." })
@Entity("authorization_letter")
@Index(["holderId", "validTo"])
@Index(["departmentId", "issuedAt"])
export class AuthorizationLetter {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Letter number, e.g. GAJ-SQ-2026-001." })
  @Column({ type: "varchar", length: 40, unique: true })
  number: string;

  @Column({ type: "integer" })
  departmentId: number;
  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  /** The director who signed it. */
  @Column({ type: "integer" })
  grantorId: number;
  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "grantorId" })
  readonly grantorRef?: Relation<Staff>;

  /** The person authorised to decide. */
  @Column({ type: "integer" })
  holderId: number;
  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "holderId" })
  readonly holderRef?: Relation<Staff>;

  @Field({ description: "True: all of the department's items; false: the listed items only." })
  @Column({ type: "boolean" })
  allItems: boolean;

  @Field({ description: "Valid from this instant…" })
  @Column({ type: Date })
  validFrom: Date;

  @Field({ description: "…until this instant (expires by itself)." })
  @Column({ type: Date })
  validTo: Date;

  @Column({ type: "integer" })
  sealId: number;
  @ManyToOne(() => ApprovalSeal, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "sealId" })
  readonly sealRef?: Relation<ApprovalSeal>;

  @Field({ description: "When the letter was issued." })
  @Column({ type: Date })
  issuedAt: Date;

  @Field(() => Date, { description: "When it was revoked; null while in force.", nullable: true })
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ type: "integer", nullable: true })
  revokedById: number | null;

  @Field(() => String, { description: "Why it was revoked; null while in force.", nullable: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  revokeReason: string | null;
}

@Entity("authorization_letter_item")
@Unique(["letterId", "itemId"])
@Index(["itemId"])
export class AuthorizationLetterItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  letterId: number;
  @ManyToOne(() => AuthorizationLetter, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "letterId" })
  readonly letterRef?: Relation<AuthorizationLetter>;

  @Column({ type: "integer" })
  itemId: number;
  @ManyToOne(() => ServiceItem, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "itemId" })
  readonly itemRef?: Relation<ServiceItem>;
}
