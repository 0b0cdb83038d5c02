import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Written by hand: the generator rebuilds staff and calendar_day through temporary tables; adding a column
 * needs no rebuild. guide_version is new.
 */
export class AdminScreens1796040801724 implements MigrationInterface {
  name = "AdminScreens1796040801724";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"guide_version\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"itemId\" integer NOT NULL, \"version\" integer NOT NULL, \"at\" datetime NOT NULL, \"by\" varchar(40) NOT NULL, \"change\" varchar(24) NOT NULL, \"subject\" varchar(200), \"guide\" text NOT NULL, CONSTRAINT \"UQ_33b526d880eca00b5de3953fde9\" UNIQUE (\"itemId\", \"version\"), CONSTRAINT \"FK_10d6c3810492431a85585b7bd89\" FOREIGN KEY (\"itemId\") REFERENCES \"service_item\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("ALTER TABLE \"staff\" ADD COLUMN \"mustChangePassword\" boolean NOT NULL DEFAULT (0)");
    await queryRunner.query("ALTER TABLE \"calendar_day\" ADD COLUMN \"reason\" varchar(200)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"calendar_day\" DROP COLUMN \"reason\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"mustChangePassword\"");
    await queryRunner.query("DROP TABLE \"guide_version\"");
  }
}
