import type { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUpsInspections1796035942904 implements MigrationInterface {
  name = "FollowUpsInspections1796035942904";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"follow_up_draw\" (\"id\" SERIAL NOT NULL, \"week\" character varying(10) NOT NULL, \"seed\" integer NOT NULL, \"perUnit\" integer NOT NULL, \"candidates\" integer NOT NULL, \"drawnAt\" TIMESTAMP NOT NULL, \"drawnById\" integer, CONSTRAINT \"UQ_1c216ab3377ffba978c0e888723\" UNIQUE (\"week\"), CONSTRAINT \"PK_e11a84797651c4d8db0b7285224\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"follow_up_visit\" (\"id\" SERIAL NOT NULL, \"drawId\" integer NOT NULL, \"caseId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"reached\" boolean, \"satisfied\" boolean, \"problem\" text, \"complaintId\" integer, \"calledAt\" TIMESTAMP, \"calledById\" integer, CONSTRAINT \"UQ_73dadc64964970d17e6a639afea\" UNIQUE (\"caseId\"), CONSTRAINT \"PK_6931e0523d069c1adcb15815917\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3ca8cf7bee091d51e2142ed733\" ON \"follow_up_visit\"  (\"drawId\", \"windowId\") ");
    await queryRunner.query("CREATE TABLE \"inspection\" (\"id\" SERIAL NOT NULL, \"pointId\" integer NOT NULL, \"inspectedOn\" character varying(10) NOT NULL, \"organization\" integer NOT NULL, \"premises\" integer NOT NULL, \"staffing\" integer NOT NULL, \"itemsMovedIn\" integer NOT NULL, \"operation\" integer NOT NULL, \"publicReview\" integer NOT NULL, \"total\" integer NOT NULL, \"passed\" boolean NOT NULL, \"findings\" text NOT NULL, \"inspectorId\" integer NOT NULL, \"recordedAt\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_1e895c2ae7b7d9d1ec464950013\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\" ON \"inspection\"  (\"pointId\", \"inspectedOn\") ");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" ADD CONSTRAINT \"FK_52f3ede18d7eb4cb50d50fb9945\" FOREIGN KEY (\"drawId\") REFERENCES \"follow_up_draw\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" ADD CONSTRAINT \"FK_73dadc64964970d17e6a639afea\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" ADD CONSTRAINT \"FK_fcef96d3f2fde75e57a9d845f05\" FOREIGN KEY (\"windowId\") REFERENCES \"service_window\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"inspection\" ADD CONSTRAINT \"FK_b0314f191e1dd00aae6eda50428\" FOREIGN KEY (\"pointId\") REFERENCES \"service_point\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"inspection\" DROP CONSTRAINT \"FK_b0314f191e1dd00aae6eda50428\"");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" DROP CONSTRAINT \"FK_fcef96d3f2fde75e57a9d845f05\"");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" DROP CONSTRAINT \"FK_73dadc64964970d17e6a639afea\"");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" DROP CONSTRAINT \"FK_52f3ede18d7eb4cb50d50fb9945\"");
    await queryRunner.query("DROP INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\"");
    await queryRunner.query("DROP TABLE \"inspection\"");
    await queryRunner.query("DROP INDEX \"IDX_3ca8cf7bee091d51e2142ed733\"");
    await queryRunner.query("DROP TABLE \"follow_up_visit\"");
    await queryRunner.query("DROP TABLE \"follow_up_draw\"");
  }
}
