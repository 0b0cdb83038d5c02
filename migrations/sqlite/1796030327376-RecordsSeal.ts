import type { MigrationInterface, QueryRunner } from "typeorm";

// Hand-written: TypeORM's generated version rebuilt case_file and broke the window queue's expression
// indexes; SQLite adds nullable (or defaulted) columns in place.
export class RecordsSeal1796030327376 implements MigrationInterface {
  name = "RecordsSeal1796030327376";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_head\" (\"id\" integer PRIMARY KEY NOT NULL, \"lastId\" integer NOT NULL, \"count\" integer NOT NULL, \"lastHash\" varchar(64) NOT NULL, \"keyId\" varchar(16) NOT NULL, \"seal\" varchar(64) NOT NULL)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"recordsHead\" varchar(64)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"recordsCount\" integer NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"recordsState\" text");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"recordsSeal\" varchar(64)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsSeal\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsState\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsCount\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsHead\"");
    await queryRunner.query("DROP TABLE \"audit_head\"");
  }
}
