import type { MigrationInterface, QueryRunner } from "typeorm";

export class SearchParties1796040486040 implements MigrationInterface {
  name = "SearchParties1796040486040";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_party\" (\"id\" SERIAL NOT NULL, \"caseId\" integer NOT NULL, \"seq\" integer NOT NULL, \"role\" character varying(10) NOT NULL, \"kind\" character varying(10) NOT NULL, \"name\" character varying(100) NOT NULL, \"idNumber\" character varying(18), \"creditCode\" character varying(18), \"legalRepresentative\" character varying(50), \"phone\" character varying(20), \"actsForSeq\" integer, \"idHash\" character varying(64), \"phoneHash\" character varying(64), CONSTRAINT \"UQ_6142a087787611a48900feeb87a\" UNIQUE (\"caseId\", \"seq\"), CONSTRAINT \"PK_5c81ebb16804d0afd147c36bfbc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_1fb533037a77a59d0a04344e9a\" ON \"case_party\"  (\"phoneHash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_e6ef08941edef69f11505fe2d6\" ON \"case_party\"  (\"idHash\") ");
    await queryRunner.query("CREATE TABLE \"case_name_key\" (\"id\" SERIAL NOT NULL, \"caseId\" integer NOT NULL, \"partySeq\" integer NOT NULL, \"pos\" integer NOT NULL, \"key\" character varying(100) NOT NULL, CONSTRAINT \"PK_083f198c289a030a273a63da7d1\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_f8e6c85b9ed85694f7549c4d2d\" ON \"case_name_key\"  (\"caseId\") ");
    // The name search range as a byte range, whatever the database's collation (the query says COLLATE "C" too).
    await queryRunner.query("CREATE INDEX \"IDX_case_name_key_key\" ON \"case_name_key\" (\"key\" COLLATE \"C\", \"pos\", \"caseId\")");
    await queryRunner.query("ALTER TABLE \"case_file\" ADD \"numberReversed\" character varying(20)");
    await queryRunner.query("CREATE INDEX \"IDX_1eacc825ffa01668b3d30e3601\" ON \"case_file\"  (\"numberReversed\") ");
    await queryRunner.query("ALTER TABLE \"case_party\" ADD CONSTRAINT \"FK_17082f787c8fb83601d04ab9e5e\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"case_name_key\" ADD CONSTRAINT \"FK_f8e6c85b9ed85694f7549c4d2d6\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_name_key\" DROP CONSTRAINT \"FK_f8e6c85b9ed85694f7549c4d2d6\"");
    await queryRunner.query("ALTER TABLE \"case_party\" DROP CONSTRAINT \"FK_17082f787c8fb83601d04ab9e5e\"");
    await queryRunner.query("DROP INDEX \"IDX_1eacc825ffa01668b3d30e3601\"");
    await queryRunner.query("ALTER TABLE \"case_file\" DROP COLUMN \"numberReversed\"");
    await queryRunner.query("DROP INDEX \"IDX_f8e6c85b9ed85694f7549c4d2d\"");
    await queryRunner.query("DROP INDEX \"IDX_case_name_key_key\"");
    await queryRunner.query("DROP TABLE \"case_name_key\"");
    await queryRunner.query("DROP INDEX \"IDX_e6ef08941edef69f11505fe2d6\"");
    await queryRunner.query("DROP INDEX \"IDX_1fb533037a77a59d0a04344e9a\"");
    await queryRunner.query("DROP TABLE \"case_party\"");
  }
}
