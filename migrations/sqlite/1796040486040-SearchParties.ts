import type { MigrationInterface, QueryRunner } from "typeorm";

/** Case search and several parties per case (issue 9 §1, §2): hand-written, as case_file gets a column in place. */
export class SearchParties1796040486040 implements MigrationInterface {
  name = "SearchParties1796040486040";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_party\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"caseId\" integer NOT NULL, \"seq\" integer NOT NULL, \"role\" varchar(10) NOT NULL, \"kind\" varchar(10) NOT NULL, \"name\" varchar(100) NOT NULL, \"idNumber\" varchar(18), \"creditCode\" varchar(18), \"legalRepresentative\" varchar(50), \"phone\" varchar(20), \"actsForSeq\" integer, \"idHash\" varchar(64), \"phoneHash\" varchar(64), CONSTRAINT \"UQ_6142a087787611a48900feeb87a\" UNIQUE (\"caseId\", \"seq\"), CONSTRAINT \"FK_17082f787c8fb83601d04ab9e5e\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("CREATE INDEX \"IDX_1fb533037a77a59d0a04344e9a\" ON \"case_party\" (\"phoneHash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e6ef08941edef69f11505fe2d6\" ON \"case_party\" (\"idHash\") ");
    await queryRunner.query("CREATE TABLE \"case_name_key\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"caseId\" integer NOT NULL, \"partySeq\" integer NOT NULL, \"pos\" integer NOT NULL, \"key\" varchar(100) NOT NULL, CONSTRAINT \"FK_f8e6c85b9ed85694f7549c4d2d6\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("CREATE INDEX \"IDX_f8e6c85b9ed85694f7549c4d2d\" ON \"case_name_key\" (\"caseId\") ");
    // The name search range (a byte range: SQLite compares text with BINARY).
    await queryRunner.query("CREATE INDEX \"IDX_case_name_key_key\" ON \"case_name_key\" (\"key\", \"pos\", \"caseId\")");
    // Added in place: a rebuild of case_file would drop its expression indexes. Filled at start (search-backfill.ts).
    await queryRunner.query("ALTER TABLE \"case_file\" ADD COLUMN \"numberReversed\" varchar(20)");
    await queryRunner.query("CREATE INDEX \"IDX_1eacc825ffa01668b3d30e3601\" ON \"case_file\" (\"numberReversed\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_1eacc825ffa01668b3d30e3601\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"numberReversed\"");
    await queryRunner.query("DROP TABLE \"case_name_key\"");
    await queryRunner.query("DROP TABLE \"case_party\"");
  }
}
