import type { MigrationInterface, QueryRunner } from "typeorm";

/** Written by hand (added columns need no table rebuild): the inspection weight of the scoring formula (S3, S7) and the inspection score a township's quarter counted. */
export class InspectionWeight1796040050000 implements MigrationInterface {
  name = "InspectionWeight1796040050000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"scoring_formula\" ADD COLUMN \"weightInspection\" integer NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"assessment_score\" ADD COLUMN \"inspectionTenths\" integer");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"assessment_score\" DROP COLUMN \"inspectionTenths\"");
    await queryRunner.query("ALTER TABLE \"scoring_formula\" DROP COLUMN \"weightInspection\"");
  }
}
