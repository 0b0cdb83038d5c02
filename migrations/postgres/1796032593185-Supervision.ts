import type { MigrationInterface, QueryRunner } from "typeorm";

export class Supervision1796032593185 implements MigrationInterface {
  name = "Supervision1796032593185";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"complaint\" (\"id\" SERIAL NOT NULL, \"number\" character varying(20) NOT NULL, \"queryCode\" character varying(8) NOT NULL, \"channel\" character varying(10) NOT NULL, \"status\" character varying(10) NOT NULL, \"caseId\" integer, \"windowId\" integer, \"departmentId\" integer, \"personName\" character varying(50), \"content\" text NOT NULL, \"contact\" character varying(100), \"receivedAt\" TIMESTAMP NOT NULL, \"receivedById\" integer, \"assignedDepartmentId\" integer, \"assignedWindowId\" integer, \"responsibleStaffId\" integer, \"assignedAt\" TIMESTAMP, \"limitDays\" integer, \"dueOn\" character varying(10), \"dueOnProvisional\" boolean NOT NULL DEFAULT false, \"answer\" text, \"answeredAt\" TIMESTAMP, \"answeredById\" integer, \"outcome\" character varying(12), \"outcomeNote\" text, \"closedAt\" TIMESTAMP, \"closedById\" integer, \"version\" integer NOT NULL DEFAULT '1', CONSTRAINT \"UQ_0b888ed2fd6800daf0ebdf568b1\" UNIQUE (\"number\"), CONSTRAINT \"PK_a9c8dbc2ab4988edcc2ff0a7337\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_83e1f846bcf75a164b87ed3c8b\" ON \"complaint\"  (\"assignedWindowId\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_4c177b123341c0c25e69d8e919\" ON \"complaint\"  (\"assignedDepartmentId\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_b88b82bddd962a7f2ef016fb63\" ON \"complaint\"  (\"status\", \"dueOn\") ");
    await queryRunner.query("CREATE TABLE \"evaluation\" (\"id\" SERIAL NOT NULL, \"caseId\" integer NOT NULL, \"rating\" integer NOT NULL, \"comment\" text, \"channel\" character varying(12) NOT NULL, \"at\" TIMESTAMP NOT NULL, CONSTRAINT \"UQ_8b04ebed51e6e9c55ce91092ef6\" UNIQUE (\"caseId\"), CONSTRAINT \"PK_b72edd439b9db736f55b584fa54\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"rectification\" (\"id\" SERIAL NOT NULL, \"evaluationId\" integer NOT NULL, \"caseId\" integer NOT NULL, \"departmentId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"status\" character varying(10) NOT NULL, \"openedAt\" TIMESTAMP NOT NULL, \"dueOn\" character varying(10) NOT NULL, \"dueOnProvisional\" boolean NOT NULL DEFAULT false, \"response\" text, \"answeredAt\" TIMESTAMP, \"answeredById\" integer, \"checkNote\" text, \"checkedAt\" TIMESTAMP, \"checkedById\" integer, \"lateFaultAt\" TIMESTAMP, \"version\" integer NOT NULL DEFAULT '1', CONSTRAINT \"UQ_5bfc95d7fd66bd9067e5614c689\" UNIQUE (\"evaluationId\"), CONSTRAINT \"PK_490098febcd6556a2ad09c7f368\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_647c98c7eed8b6ff21cd27fa00\" ON \"rectification\"  (\"windowId\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_cda87687368b293bbe8041de35\" ON \"rectification\"  (\"departmentId\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_b8a51683f0f8982b172949aeab\" ON \"rectification\"  (\"status\", \"dueOn\") ");
    await queryRunner.query("ALTER TABLE \"fault_record\" ADD \"windowId\" integer");
    await queryRunner.query("ALTER TABLE \"fault_record\" ADD \"complaintId\" integer");
    await queryRunner.query("ALTER TABLE \"fault_record\" ADD \"rectificationId\" integer");
    await queryRunner.query("ALTER TABLE \"fault_record\" ADD \"reversalOfId\" integer");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fault_record_reversal_of\" ON \"fault_record\"  (\"reversalOfId\") ");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"FK_53a9ac1317906571f12889cdfef\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"FK_bf3d075e7ce5867081be52987dd\" FOREIGN KEY (\"windowId\") REFERENCES \"service_window\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"FK_83ae2b7583e005d15457867b267\" FOREIGN KEY (\"departmentId\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"FK_2020451eba62c2281f5eb8c6240\" FOREIGN KEY (\"assignedDepartmentId\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"complaint\" ADD CONSTRAINT \"FK_151452489ed3475709b4cd8a9fc\" FOREIGN KEY (\"assignedWindowId\") REFERENCES \"service_window\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"evaluation\" ADD CONSTRAINT \"FK_8b04ebed51e6e9c55ce91092ef6\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rectification\" ADD CONSTRAINT \"FK_5bfc95d7fd66bd9067e5614c689\" FOREIGN KEY (\"evaluationId\") REFERENCES \"evaluation\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rectification\" ADD CONSTRAINT \"FK_9267e9537729658db30c04a1776\" FOREIGN KEY (\"caseId\") REFERENCES \"case_file\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rectification\" ADD CONSTRAINT \"FK_6c9368d00bca08be86d00a8e880\" FOREIGN KEY (\"departmentId\") REFERENCES \"department\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"rectification\" ADD CONSTRAINT \"FK_6c8de163379afa6a3effce01ae2\" FOREIGN KEY (\"windowId\") REFERENCES \"service_window\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"rectification\" DROP CONSTRAINT \"FK_6c8de163379afa6a3effce01ae2\"");
    await queryRunner.query("ALTER TABLE \"rectification\" DROP CONSTRAINT \"FK_6c9368d00bca08be86d00a8e880\"");
    await queryRunner.query("ALTER TABLE \"rectification\" DROP CONSTRAINT \"FK_9267e9537729658db30c04a1776\"");
    await queryRunner.query("ALTER TABLE \"rectification\" DROP CONSTRAINT \"FK_5bfc95d7fd66bd9067e5614c689\"");
    await queryRunner.query("ALTER TABLE \"evaluation\" DROP CONSTRAINT \"FK_8b04ebed51e6e9c55ce91092ef6\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"FK_151452489ed3475709b4cd8a9fc\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"FK_2020451eba62c2281f5eb8c6240\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"FK_83ae2b7583e005d15457867b267\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"FK_bf3d075e7ce5867081be52987dd\"");
    await queryRunner.query("ALTER TABLE \"complaint\" DROP CONSTRAINT \"FK_53a9ac1317906571f12889cdfef\"");
    await queryRunner.query("DROP INDEX \"IDX_fault_record_reversal_of\"");
    await queryRunner.query("ALTER TABLE \"fault_record\" DROP COLUMN \"reversalOfId\"");
    await queryRunner.query("ALTER TABLE \"fault_record\" DROP COLUMN \"rectificationId\"");
    await queryRunner.query("ALTER TABLE \"fault_record\" DROP COLUMN \"complaintId\"");
    await queryRunner.query("ALTER TABLE \"fault_record\" DROP COLUMN \"windowId\"");
    await queryRunner.query("DROP INDEX \"IDX_b8a51683f0f8982b172949aeab\"");
    await queryRunner.query("DROP INDEX \"IDX_cda87687368b293bbe8041de35\"");
    await queryRunner.query("DROP INDEX \"IDX_647c98c7eed8b6ff21cd27fa00\"");
    await queryRunner.query("DROP TABLE \"rectification\"");
    await queryRunner.query("DROP TABLE \"evaluation\"");
    await queryRunner.query("DROP INDEX \"IDX_b88b82bddd962a7f2ef016fb63\"");
    await queryRunner.query("DROP INDEX \"IDX_4c177b123341c0c25e69d8e919\"");
    await queryRunner.query("DROP INDEX \"IDX_83e1f846bcf75a164b87ed3c8b\"");
    await queryRunner.query("DROP TABLE \"complaint\"");
  }
}
