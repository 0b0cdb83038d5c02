import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from "typeorm";
import { ServiceWindow } from "../network/service-window.entity";
import { ServicePoint } from "../network/service-point.entity";
import { Department } from "../catalogue/department.entity";
import { Role } from "./role";

@ObjectType({ implements: Node, description: "A person who works in the network, bound to their point, window or department." })
@Entity("staff")
@Index(["pointId"])
@Index(["windowId"])
@Index(["departmentId"])
export class Staff {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "Login name, unique." })
  @Column({ type: "varchar", length: 40, unique: true })
  username: string;

  @Field({ description: "Full name." })
  @Column({ type: "varchar", length: 40 })
  displayName: string;

  @Field(() => Role, { description: "What the staff member does." })
  @Column({ type: "varchar", length: 20 })
  role: Role;

  /** The point the person works at (every staff member has one). */
  @Column({ type: "integer" })
  pointId: number;

  @ManyToOne(() => ServicePoint, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "pointId" })
  readonly pointRef?: Relation<ServicePoint>;

  @Column({ type: "integer", nullable: true })
  windowId: number | null;

  @ManyToOne(() => ServiceWindow, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "windowId" })
  readonly windowRef?: Relation<ServiceWindow>;

  @Column({ type: "integer", nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "departmentId" })
  readonly departmentRef?: Relation<Department>;

  @Column({ type: "varchar", length: 30, nullable: true })
  phone: string | null;

  /** scrypt hash in PHC-like form; never exposed. */
  @Column({ type: "varchar", length: 200 })
  passwordHash: string;

  @Field({ description: "Whether the account may log in." })
  @Column({ type: "boolean", default: true })
  active: boolean;

  /** Set when an admin created the account or reset its password: the next login must choose a new password first. */
  @Column({ type: "boolean", default: false })
  mustChangePassword: boolean;
}

/** A server-side login session; the cookie carries only a random id whose hash is stored here. */
@Entity("staff_session")
export class StaffSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 64, unique: true })
  tokenHash: string;

  @Column({ type: "integer" })
  staffId: number;

  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "staffId" })
  readonly staffRef?: Relation<Staff>;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  lastSeenAt: Date;

  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}

@ObjectType({ implements: Node, description: "An API token for a third-party system. The secret is shown once, at creation, and stored hashed." })
@Entity("api_token")
export class ApiToken {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "What the token is for." })
  @Column({ type: "varchar", length: 100 })
  name: string;

  @Field({ description: "First characters of the secret, to recognise it in lists." })
  @Column({ type: "varchar", length: 16 })
  prefix: string;

  @Column({ type: "varchar", length: 64, unique: true })
  tokenHash: string;

  @Field(() => [String], { description: "What the token may do, e.g. catalogue:read." })
  @Column({ type: "simple-json" })
  scopes: string[];

  @Column({ type: "integer" })
  createdById: number;

  @ManyToOne(() => Staff, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "createdById" })
  readonly createdByRef?: Relation<Staff>;

  @Field({ description: "When the token was made." })
  @Column({ type: Date })
  createdAt: Date;

  @Field({ description: "Tokens stop working at this time (at most one year after creation)." })
  @Column({ type: Date })
  expiresAt: Date;

  @Field(() => Date, { description: "When it was revoked; null while in force.", nullable: true })
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { description: "When the token was last used; null if never.", nullable: true })
  @Column({ type: Date, nullable: true })
  lastUsedAt: Date | null;

  @Field({ description: "Who answers for the integration (organisation and contact), e.g. 省政务服务平台运维组." })
  @Column({ type: "varchar", length: 100, default: "" })
  owner: string;

  /** Ids of the service points (units) the token is bound to; empty: every point (cases:read only). */
  @Column({ type: "simple-json", default: "[]" })
  pointIds: number[];

  @Field(() => Int, { nullable: true, description: "Requests per minute for this token; null: the server's TOKEN_RATE_LIMIT." })
  @Column({ type: "integer", nullable: true })
  rateLimitPerMinute: number | null;
}

/**
 * A case registered through a token, under the platform's own reference: (tokenId, externalRef) is
 * unique, so the same reference registers once per token. Also says which token registered the case.
 */
@Entity("token_case_ref")
@Index(["tokenId", "externalRef"], { unique: true })
export class TokenCaseRef {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  tokenId: number;

  @ManyToOne(() => ApiToken, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "tokenId" })
  readonly tokenRef?: Relation<ApiToken>;

  @Column({ type: "varchar", length: 64 })
  externalRef: string;

  @Index({ unique: true })
  @Column({ type: "integer" })
  caseId: number;

  @Column({ type: Date })
  createdAt: Date;
}
