import type { MigrationInterface, QueryRunner } from "typeorm";

/** Issue 9 §2 (hall): the section chief's review opinion (case_review) and the item's review flag. Hand-written: no rebuild of service_item. */
export class HallReview1796040439229 implements MigrationInterface {
  name = "HallReview1796040439229";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_review\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"caseId\" integer NOT NULL, \"conclusion\" varchar(20) NOT NULL, \"opinion\" text NOT NULL, \"reviewedById\" integer NOT NULL, \"reviewedAt\" datetime NOT NULL, CONSTRAINT \"UQ_9c5371170d3ea4e0af0b0a380d9\" UNIQUE (\"caseId\"), CONSTRAINT \"FK_9c5371170d3ea4e0af0b0a380d9\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_681de10af0841037ac86f5d0382\" FOREIGN KEY (\"reviewedById\") REFERENCES \"staff\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("ALTER TABLE \"service_item\" ADD COLUMN \"reviewRequired\" boolean NOT NULL DEFAULT (0)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"service_item\" DROP COLUMN \"reviewRequired\"");
    await queryRunner.query("DROP TABLE \"case_review\"");
  }
}
