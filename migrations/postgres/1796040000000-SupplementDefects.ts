import type { MigrationInterface, QueryRunner } from "typeorm";

/** Issue 9 §2: the supplement notice lists defects of materials handed in as well as missing ones. */
export class SupplementDefects1796040000000 implements MigrationInterface {
  name = "SupplementDefects1796040000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place (no table rebuild): a new column with a default.
    await queryRunner.query("ALTER TABLE \"supplement_notice\" ADD COLUMN \"defects\" text NOT NULL DEFAULT ('[]')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"supplement_notice\" DROP COLUMN \"defects\"");
  }
}
