import type { MigrationInterface, QueryRunner } from "typeorm";

export class FollowUpsInspections1796035942904 implements MigrationInterface {
  name = "FollowUpsInspections1796035942904";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"follow_up_draw\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"week\" varchar(10) NOT NULL, \"seed\" integer NOT NULL, \"perUnit\" integer NOT NULL, \"candidates\" integer NOT NULL, \"drawnAt\" datetime NOT NULL, \"drawnById\" integer, CONSTRAINT \"UQ_1c216ab3377ffba978c0e888723\" UNIQUE (\"week\"))");
    await queryRunner.query("CREATE TABLE \"follow_up_visit\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"drawId\" integer NOT NULL, \"caseId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"reached\" boolean, \"satisfied\" boolean, \"problem\" text, \"complaintId\" integer, \"calledAt\" datetime, \"calledById\" integer, CONSTRAINT \"UQ_73dadc64964970d17e6a639afea\" UNIQUE (\"caseId\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3ca8cf7bee091d51e2142ed733\" ON \"follow_up_visit\" (\"drawId\", \"windowId\") ");
    await queryRunner.query("CREATE TABLE \"inspection\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"pointId\" integer NOT NULL, \"inspectedOn\" varchar(10) NOT NULL, \"organization\" integer NOT NULL, \"premises\" integer NOT NULL, \"staffing\" integer NOT NULL, \"itemsMovedIn\" integer NOT NULL, \"operation\" integer NOT NULL, \"publicReview\" integer NOT NULL, \"total\" integer NOT NULL, \"passed\" boolean NOT NULL, \"findings\" text NOT NULL, \"inspectorId\" integer NOT NULL, \"recordedAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\" ON \"inspection\" (\"pointId\", \"inspectedOn\") ");
    await queryRunner.query("DROP INDEX \"IDX_3ca8cf7bee091d51e2142ed733\"");
    await queryRunner.query("CREATE TABLE \"temporary_follow_up_visit\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"drawId\" integer NOT NULL, \"caseId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"reached\" boolean, \"satisfied\" boolean, \"problem\" text, \"complaintId\" integer, \"calledAt\" datetime, \"calledById\" integer, CONSTRAINT \"UQ_73dadc64964970d17e6a639afea\" UNIQUE (\"caseId\"), CONSTRAINT \"FK_52f3ede18d7eb4cb50d50fb9945\" FOREIGN KEY (\"drawId\") REFERENCES \"follow_up_draw\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_73dadc64964970d17e6a639afea\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_fcef96d3f2fde75e57a9d845f05\" FOREIGN KEY (\"windowId\") REFERENCES \"service_window\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_follow_up_visit\"(\"id\", \"drawId\", \"caseId\", \"windowId\", \"reached\", \"satisfied\", \"problem\", \"complaintId\", \"calledAt\", \"calledById\") SELECT \"id\", \"drawId\", \"caseId\", \"windowId\", \"reached\", \"satisfied\", \"problem\", \"complaintId\", \"calledAt\", \"calledById\" FROM \"follow_up_visit\"");
    await queryRunner.query("DROP TABLE \"follow_up_visit\"");
    await queryRunner.query("ALTER TABLE \"temporary_follow_up_visit\" RENAME TO \"follow_up_visit\"");
    await queryRunner.query("CREATE INDEX \"IDX_3ca8cf7bee091d51e2142ed733\" ON \"follow_up_visit\" (\"drawId\", \"windowId\") ");
    await queryRunner.query("DROP INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\"");
    await queryRunner.query("CREATE TABLE \"temporary_inspection\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"pointId\" integer NOT NULL, \"inspectedOn\" varchar(10) NOT NULL, \"organization\" integer NOT NULL, \"premises\" integer NOT NULL, \"staffing\" integer NOT NULL, \"itemsMovedIn\" integer NOT NULL, \"operation\" integer NOT NULL, \"publicReview\" integer NOT NULL, \"total\" integer NOT NULL, \"passed\" boolean NOT NULL, \"findings\" text NOT NULL, \"inspectorId\" integer NOT NULL, \"recordedAt\" datetime NOT NULL, CONSTRAINT \"FK_b0314f191e1dd00aae6eda50428\" FOREIGN KEY (\"pointId\") REFERENCES \"service_point\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_inspection\"(\"id\", \"pointId\", \"inspectedOn\", \"organization\", \"premises\", \"staffing\", \"itemsMovedIn\", \"operation\", \"publicReview\", \"total\", \"passed\", \"findings\", \"inspectorId\", \"recordedAt\") SELECT \"id\", \"pointId\", \"inspectedOn\", \"organization\", \"premises\", \"staffing\", \"itemsMovedIn\", \"operation\", \"publicReview\", \"total\", \"passed\", \"findings\", \"inspectorId\", \"recordedAt\" FROM \"inspection\"");
    await queryRunner.query("DROP TABLE \"inspection\"");
    await queryRunner.query("ALTER TABLE \"temporary_inspection\" RENAME TO \"inspection\"");
    await queryRunner.query("CREATE INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\" ON \"inspection\" (\"pointId\", \"inspectedOn\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\"");
    await queryRunner.query("ALTER TABLE \"inspection\" RENAME TO \"temporary_inspection\"");
    await queryRunner.query("CREATE TABLE \"inspection\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"pointId\" integer NOT NULL, \"inspectedOn\" varchar(10) NOT NULL, \"organization\" integer NOT NULL, \"premises\" integer NOT NULL, \"staffing\" integer NOT NULL, \"itemsMovedIn\" integer NOT NULL, \"operation\" integer NOT NULL, \"publicReview\" integer NOT NULL, \"total\" integer NOT NULL, \"passed\" boolean NOT NULL, \"findings\" text NOT NULL, \"inspectorId\" integer NOT NULL, \"recordedAt\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"inspection\"(\"id\", \"pointId\", \"inspectedOn\", \"organization\", \"premises\", \"staffing\", \"itemsMovedIn\", \"operation\", \"publicReview\", \"total\", \"passed\", \"findings\", \"inspectorId\", \"recordedAt\") SELECT \"id\", \"pointId\", \"inspectedOn\", \"organization\", \"premises\", \"staffing\", \"itemsMovedIn\", \"operation\", \"publicReview\", \"total\", \"passed\", \"findings\", \"inspectorId\", \"recordedAt\" FROM \"temporary_inspection\"");
    await queryRunner.query("DROP TABLE \"temporary_inspection\"");
    await queryRunner.query("CREATE INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\" ON \"inspection\" (\"pointId\", \"inspectedOn\") ");
    await queryRunner.query("DROP INDEX \"IDX_3ca8cf7bee091d51e2142ed733\"");
    await queryRunner.query("ALTER TABLE \"follow_up_visit\" RENAME TO \"temporary_follow_up_visit\"");
    await queryRunner.query("CREATE TABLE \"follow_up_visit\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"drawId\" integer NOT NULL, \"caseId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"reached\" boolean, \"satisfied\" boolean, \"problem\" text, \"complaintId\" integer, \"calledAt\" datetime, \"calledById\" integer, CONSTRAINT \"UQ_73dadc64964970d17e6a639afea\" UNIQUE (\"caseId\"))");
    await queryRunner.query("INSERT INTO \"follow_up_visit\"(\"id\", \"drawId\", \"caseId\", \"windowId\", \"reached\", \"satisfied\", \"problem\", \"complaintId\", \"calledAt\", \"calledById\") SELECT \"id\", \"drawId\", \"caseId\", \"windowId\", \"reached\", \"satisfied\", \"problem\", \"complaintId\", \"calledAt\", \"calledById\" FROM \"temporary_follow_up_visit\"");
    await queryRunner.query("DROP TABLE \"temporary_follow_up_visit\"");
    await queryRunner.query("CREATE INDEX \"IDX_3ca8cf7bee091d51e2142ed733\" ON \"follow_up_visit\" (\"drawId\", \"windowId\") ");
    await queryRunner.query("DROP INDEX \"IDX_9d8fcc64047d12daab3b9bdfa4\"");
    await queryRunner.query("DROP TABLE \"inspection\"");
    await queryRunner.query("DROP INDEX \"IDX_3ca8cf7bee091d51e2142ed733\"");
    await queryRunner.query("DROP TABLE \"follow_up_visit\"");
    await queryRunner.query("DROP TABLE \"follow_up_draw\"");
  }
}
