import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Written by hand: the generator rebuilds case_file through a temporary table and cannot re-create the
 * window queue's expression indexes; adding columns needs no rebuild.
 */
export class ProvisionalDues1796030282692 implements MigrationInterface {
  name = "ProvisionalDues1796030282692";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"deadlineProvisional\" boolean NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"forwardDueProvisional\" boolean NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"informDueProvisional\" boolean NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"joint_notice\" ADD COLUMN \"dueOnProvisional\" boolean NOT NULL DEFAULT (0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"joint_notice\" DROP COLUMN \"dueOnProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"informDueProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"forwardDueProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"deadlineProvisional\"");
  }
}
