import type { MigrationInterface, QueryRunner } from "typeorm";

/** Issue 9: the supplement notice lists defects of materials handed in (§2); a point's hand-over list of a day reads relays by index (§3). */
export class Paper1796040000000 implements MigrationInterface {
  name = "Paper1796040000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place (no table rebuild): a new column with a default.
    await queryRunner.query("ALTER TABLE \"supplement_notice\" ADD COLUMN \"defects\" text NOT NULL DEFAULT ('[]')");
    await queryRunner.query("CREATE INDEX \"IDX_f6dde86d397f31c6fb3ca9f1a4\" ON \"case_event\" (\"fromPointId\", \"at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_f6dde86d397f31c6fb3ca9f1a4\"");
    await queryRunner.query("ALTER TABLE \"supplement_notice\" DROP COLUMN \"defects\"");
  }
}
