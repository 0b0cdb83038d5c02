import { registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import { Case } from "./case.entity";

export enum PartyRole {
  /** 申请人 */
  APPLICANT = "APPLICANT",
  /** 代理人: acts for one applicant of the case. */
  AGENT = "AGENT",
}
registerEnumType(PartyRole, { description: "A party's part in the case: an applicant, or an agent (代理人) acting for one.",
  name: "PartyRole",
  valuesConfig: { APPLICANT: { description: "申请人" }, AGENT: { description: "代理人: acts for an applicant of the case" } },
});

export enum PartyKind {
  /** 自然人, with a resident ID number (GB 11643). */
  PERSON = "PERSON",
  /** 法人或其他组织, with a 统一社会信用代码 (GB 32100) and a legal representative. */
  ENTERPRISE = "ENTERPRISE",
}
registerEnumType(PartyKind, { description: "What a party is: a natural person or an enterprise (with its 统一社会信用代码).",
  name: "PartyKind",
  valuesConfig: { PERSON: { description: "自然人 (resident ID number)" }, ENTERPRISE: { description: "法人或其他组织 (统一社会信用代码, legal representative)" } },
});

/**
 * A party of a case: its applicants (several: a marriage registration has two) and the agents acting
 * for them. Seq 1 is the primary applicant, the same person or enterprise as the case row's applicant
 * columns. Written at registration, never changed. ID numbers and phones are stored as the case row
 * stores them (in full, shown masked) and, for search, as keyed hashes (search-keys.ts).
 */
@Entity("case_party")
@Unique(["caseId", "seq"])
@Index(["idHash"])
@Index(["phoneHash"])
export class CaseParty {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  /** 1 for the primary applicant, then in the order given at registration. */
  @Column({ type: "integer" })
  seq: number;

  @Column({ type: "varchar", length: 10 })
  role: PartyRole;

  @Column({ type: "varchar", length: 10 })
  kind: PartyKind;

  @Column({ type: "varchar", length: 100 })
  name: string;

  /** Resident ID number of a person (stored in full, shown masked). */
  @Column({ type: "varchar", length: 18, nullable: true })
  idNumber: string | null;

  /** 统一社会信用代码 of an enterprise (public, shown in full). */
  @Column({ type: "varchar", length: 18, nullable: true })
  creditCode: string | null;

  /** 法定代表人 of an enterprise. */
  @Column({ type: "varchar", length: 50, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: "varchar", length: 20, nullable: true })
  phone: string | null;

  /** An agent: the seq of the applicant they act for. */
  @Column({ type: "integer", nullable: true })
  actsForSeq: number | null;

  /** Keyed hash of the ID number or credit code (exact-match search). */
  @Column({ type: "varchar", length: 64, nullable: true })
  idHash: string | null;

  /** Keyed hash of the phone's digits (exact-match search). */
  @Column({ type: "varchar", length: 64, nullable: true })
  phoneHash: string | null;
}

/**
 * The normalized suffixes of every party's name (search-keys.ts nameSuffixes): a name prefix search is
 * an index range over pos = 0, a contains search over all of them. The index is created by the
 * migration (on PostgreSQL with COLLATE "C", so the range is a byte range whatever the database's
 * collation), since TypeORM cannot describe a collated index.
 */
@Entity("case_name_key")
@Index("IDX_case_name_key_key", { synchronize: false })
@Index(["caseId"])
export class CaseNameKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  caseId: number;
  @ManyToOne(() => Case, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "caseId" })
  readonly caseRef?: Relation<Case>;

  @Column({ type: "integer" })
  partySeq: number;

  /** Where the suffix starts in the name (0: the whole name). */
  @Column({ type: "integer" })
  pos: number;

  @Column({ type: "varchar", length: 100 })
  key: string;
}
