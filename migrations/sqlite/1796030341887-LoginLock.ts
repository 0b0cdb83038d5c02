import type { MigrationInterface, QueryRunner } from "typeorm";

export class LoginLock1796030341887 implements MigrationInterface {
  name = "LoginLock1796030341887";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"login_lock\" (\"username\" varchar(40) PRIMARY KEY NOT NULL, \"failures\" integer NOT NULL, \"lockedUntil\" datetime, \"lastFailureAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_258cfaf7e824f992573c8b6a3b\" ON \"login_lock\" (\"lastFailureAt\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_258cfaf7e824f992573c8b6a3b\"");
    await queryRunner.query("DROP TABLE \"login_lock\"");
  }
}
