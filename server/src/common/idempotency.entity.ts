import { Column, Entity, PrimaryGeneratedColumn, Unique } from "typeorm";

/**
 * The first answer to a money or legal act, kept under the caller's idempotency key: a retry of the
 * same request gets the same answer, and the act happens once (ARCHITECTURE.md).
 */
@Entity("idempotency_record")
@Unique(["actor", "key"])
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 40 })
  actor: string;

  @Column({ type: "varchar", length: 100 })
  key: string;

  @Column({ type: "varchar", length: 60 })
  operation: string;

  /** sha256 of the operation's input: the same key with other input is refused. */
  @Column({ type: "varchar", length: 64 })
  requestHash: string;

  @Column({ type: "text" })
  response: string;

  @Column({ type: Date })
  createdAt: Date;
}
