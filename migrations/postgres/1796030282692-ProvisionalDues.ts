import type { MigrationInterface, QueryRunner } from "typeorm";

export class ProvisionalDues1796030282692 implements MigrationInterface {
  name = "ProvisionalDues1796030282692";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"deadlineProvisional\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"forwardDueProvisional\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"informDueProvisional\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"joint_notice\" ADD \"dueOnProvisional\" boolean NOT NULL DEFAULT false");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"joint_notice\" DROP COLUMN \"dueOnProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"informDueProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"forwardDueProvisional\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"deadlineProvisional\"");
  }
}
