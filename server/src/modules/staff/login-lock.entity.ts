import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * Failed logins in a row per username (known or not, so a lock does not reveal which accounts
 * exist). Kept in the database so every server process sees the same count; a success or an
 * admin's unlock deletes the row.
 */
@Entity("login_lock")
@Index(["lastFailureAt"])
export class LoginLock {
  /** The username as typed, trimmed and lower-cased. */
  @PrimaryColumn({ type: "varchar", length: 40 })
  username: string;

  @Column({ type: "integer" })
  failures: number;

  @Column({ type: Date, nullable: true })
  lockedUntil: Date | null;

  @Column({ type: Date })
  lastFailureAt: Date;
}
