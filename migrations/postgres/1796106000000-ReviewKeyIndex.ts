import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 11 §3: the lists of cases in review in deadline order — a department's decisions awaiting and the
 * supervisor's overdue cases — sorted every matching case before the page (a sort that grows with the open cases:
 * 100× at 10 million). This partial index holds the cases IN_REVIEW by the queues' key (deadline, then number), so
 * both pages walk it in order and stop at the page's end. Queries write `status = 'IN_REVIEW'` literally (a bound
 * value does not match a partial index's predicate on SQLite).
 */
export class ReviewKeyIndex1796106000000 implements MigrationInterface {
  name = "ReviewKeyIndex1796106000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_case_file_review_key" ON "case_file" ((COALESCE("deadline", '9999-12-31') || "number")) WHERE "status" = 'IN_REVIEW'`);
    // The planner knows the key's distribution only once the table is analyzed (expression statistics): without
    // them it guesses a third of the cases in review for "key < today" and counts the overdue cases the slow way.
    await queryRunner.query(`ANALYZE "case_file"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_case_file_review_key"`);
  }
}
