import type { MigrationInterface, QueryRunner } from "typeorm";

export class RecordsSeal1796030327376 implements MigrationInterface {
  name = "RecordsSeal1796030327376";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_head\" (\"id\" integer NOT NULL, \"lastId\" integer NOT NULL, \"count\" integer NOT NULL, \"lastHash\" character varying(64) NOT NULL, \"keyId\" character varying(16) NOT NULL, \"seal\" character varying(64) NOT NULL, CONSTRAINT \"PK_d3ed64edb3e208e83ccb5da589a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"recordsHead\" character varying(64)");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"recordsCount\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"recordsState\" text");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"recordsSeal\" character varying(64)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsSeal\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsState\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsCount\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"recordsHead\"");
    await queryRunner.query("DROP TABLE \"audit_head\"");
  }
}
