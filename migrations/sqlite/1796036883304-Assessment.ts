import type { MigrationInterface, QueryRunner } from "typeorm";

export class Assessment1796036883304 implements MigrationInterface {
  name = "Assessment1796036883304";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"scoring_formula\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"version\" integer NOT NULL, \"weightOnTime\" integer NOT NULL, \"weightCompletion\" integer NOT NULL, \"weightSatisfaction\" integer NOT NULL, \"weightComplaints\" integer NOT NULL, \"weightFaults\" integer NOT NULL, \"complaintDeduction\" integer NOT NULL, \"faultDeduction\" integer NOT NULL, \"redFlagCount\" integer NOT NULL, \"serviceModelCount\" integer NOT NULL, \"excellentFrom\" integer NOT NULL, \"goodFrom\" integer NOT NULL, \"passFrom\" integer NOT NULL, \"note\" text, \"publishedAt\" datetime NOT NULL, \"publishedById\" integer, CONSTRAINT \"UQ_83e13e0d618b5e99a69b07147f6\" UNIQUE (\"version\"))");
    await queryRunner.query("CREATE TABLE \"assessment_period\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"period\" varchar(7) NOT NULL, \"formulaVersion\" integer NOT NULL, \"publishedAt\" datetime NOT NULL, \"publishedById\" integer, CONSTRAINT \"UQ_eb50f9908561d3b084a511bb7ce\" UNIQUE (\"period\"))");
    await queryRunner.query("CREATE TABLE \"assessment_score\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"periodId\" integer NOT NULL, \"unitType\" varchar(12) NOT NULL, \"unitId\" integer NOT NULL, \"unitCode\" varchar(40) NOT NULL, \"unitName\" varchar(100) NOT NULL, \"cases\" integer NOT NULL, \"closed\" integer NOT NULL, \"decided\" integer NOT NULL, \"onTime\" integer NOT NULL, \"evaluations\" integer NOT NULL, \"satisfied\" integer NOT NULL, \"upheldComplaints\" integer NOT NULL, \"faults\" integer NOT NULL, \"scoreHundredths\" integer NOT NULL, \"rank\" integer NOT NULL, \"redFlag\" boolean NOT NULL, \"serviceModel\" boolean NOT NULL, \"grade\" varchar(10))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_2a3775860a2c8cbe94f47535d8\" ON \"assessment_score\" (\"periodId\", \"unitType\", \"unitId\") ");
    await queryRunner.query("CREATE TABLE \"bulletin\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(8) NOT NULL, \"period\" varchar(7) NOT NULL, \"title\" varchar(100) NOT NULL, \"pdf\" text NOT NULL, \"generatedAt\" datetime NOT NULL, \"generatedById\" integer, \"publishedAt\" datetime, \"publishedById\" integer)");
    await queryRunner.query("CREATE INDEX \"IDX_742e1bba99e2d142010b33e458\" ON \"bulletin\" (\"publishedAt\") ");
    await queryRunner.query("CREATE INDEX \"IDX_577fddba6647743fcb98be9b7e\" ON \"case_file\" (\"registeredAt\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_577fddba6647743fcb98be9b7e\"");
    await queryRunner.query("DROP INDEX \"IDX_742e1bba99e2d142010b33e458\"");
    await queryRunner.query("DROP TABLE \"bulletin\"");
    await queryRunner.query("DROP INDEX \"IDX_2a3775860a2c8cbe94f47535d8\"");
    await queryRunner.query("DROP TABLE \"assessment_score\"");
    await queryRunner.query("DROP TABLE \"assessment_period\"");
    await queryRunner.query("DROP TABLE \"scoring_formula\"");
  }
}
