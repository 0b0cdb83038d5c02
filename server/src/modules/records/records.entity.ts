import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * The audit log's head: one row (id 1) holding the newest row's id and hash and the row count, sealed
 * with the records key and updated in the same transaction as each append, so a deleted tail is
 * caught. Also names the key the records are sealed with (keyId) and when they were upgraded.
 */
@Entity("audit_head")
export class AuditHead {
  @PrimaryColumn({ type: "integer" })
  id: number;

  @Column({ type: "integer" })
  lastId: number;

  @Column({ type: "integer" })
  count: number;

  @Column({ type: "varchar", length: 64 })
  lastHash: string;

  /** Which records key sealed these records (a hash of the key, not the key). */
  @Column({ type: "varchar", length: 16 })
  keyId: string;

  @Column({ type: "varchar", length: 64 })
  seal: string;
}
