import type { MigrationInterface, QueryRunner } from "typeorm";

export class HallReview1796040439229 implements MigrationInterface {
  name = "HallReview1796040439229";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_review\" (\"id\" SERIAL NOT NULL, \"caseId\" integer NOT NULL, \"conclusion\" character varying(20) NOT NULL, \"opinion\" text NOT NULL, \"reviewedById\" integer NOT NULL, \"reviewedAt\" TIMESTAMP NOT NULL, CONSTRAINT \"UQ_9c5371170d3ea4e0af0b0a380d9\" UNIQUE (\"caseId\"), CONSTRAINT \"PK_413b3833522b8e3437eb304b16f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"service_item\" ADD \"reviewRequired\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"case_review\" ADD CONSTRAINT \"FK_9c5371170d3ea4e0af0b0a380d9\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"case_review\" ADD CONSTRAINT \"FK_681de10af0841037ac86f5d0382\" FOREIGN KEY (\"reviewedById\") REFERENCES \"staff\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case_review\" DROP CONSTRAINT \"FK_681de10af0841037ac86f5d0382\"");
    await queryRunner.query("ALTER TABLE \"case_review\" DROP CONSTRAINT \"FK_9c5371170d3ea4e0af0b0a380d9\"");
    await queryRunner.query("ALTER TABLE \"service_item\" DROP COLUMN \"reviewRequired\"");
    await queryRunner.query("DROP TABLE \"case_review\"");
  }
}
