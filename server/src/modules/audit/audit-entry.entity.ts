import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * Append-only audit trail, written in the same transaction as the change it records.
 * Each row carries the hash of the previous one, so an edited, removed or reordered row breaks the chain.
 */
@Entity("audit_entry")
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Date })
  at: Date;

  /** "staff:12", "token:3", "system". */
  @Column({ type: "varchar", length: 40 })
  actor: string;

  @Column({ type: "varchar", length: 60 })
  action: string;

  @Column({ type: "varchar", length: 40 })
  entityType: string;

  @Column({ type: "varchar", length: 40 })
  entityId: string;

  @Column({ type: "text" })
  detail: string;

  @Column({ type: "varchar", length: 64 })
  prevHash: string;

  @Column({ type: "varchar", length: 64, unique: true })
  hash: string;
}
