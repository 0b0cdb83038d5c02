import type { MigrationInterface, QueryRunner } from "typeorm";

/** Issue 9 §1 (workspaces): today's counts, the staff histories and a township's relayed cases, each on an index. */
export class Workspaces1796040100000 implements MigrationInterface {
  name = "Workspaces1796040100000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"IDX_case_file_decidedAt\" ON \"case_file\" (\"decidedAt\") ");
    await queryRunner.query("CREATE INDEX \"IDX_case_file_closedAt\" ON \"case_file\" (\"closedAt\") ");
    await queryRunner.query("CREATE INDEX \"IDX_decision_decidedBy\" ON \"decision\" (\"decidedById\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_joint_notice_answeredBy\" ON \"joint_notice\" (\"answeredById\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_case_event_relay\" ON \"case_event\" (\"fromPointId\", \"type\", \"caseId\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_case_event_relay\"");
    await queryRunner.query("DROP INDEX \"IDX_joint_notice_answeredBy\"");
    await queryRunner.query("DROP INDEX \"IDX_decision_decidedBy\"");
    await queryRunner.query("DROP INDEX \"IDX_case_file_closedAt\"");
    await queryRunner.query("DROP INDEX \"IDX_case_file_decidedAt\"");
  }
}
