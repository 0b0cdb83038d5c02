import type { MigrationInterface, QueryRunner } from "typeorm";

export class AdminScreens1796040801724 implements MigrationInterface {
  name = "AdminScreens1796040801724";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"guide_version\" (\"id\" SERIAL NOT NULL, \"itemId\" integer NOT NULL, \"version\" integer NOT NULL, \"at\" TIMESTAMP NOT NULL, \"by\" character varying(40) NOT NULL, \"change\" character varying(24) NOT NULL, \"subject\" character varying(200), \"guide\" text NOT NULL, CONSTRAINT \"UQ_33b526d880eca00b5de3953fde9\" UNIQUE (\"itemId\", \"version\"), CONSTRAINT \"PK_dd67b84849e79b8af71de79fe97\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"staff\" ADD \"mustChangePassword\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"calendar_day\" ADD \"reason\" character varying(200)");
    await queryRunner.query("ALTER TABLE \"guide_version\" ADD CONSTRAINT \"FK_10d6c3810492431a85585b7bd89\" FOREIGN KEY (\"itemId\") REFERENCES \"service_item\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"guide_version\" DROP CONSTRAINT \"FK_10d6c3810492431a85585b7bd89\"");
    await queryRunner.query("ALTER TABLE \"calendar_day\" DROP COLUMN \"reason\"");
    await queryRunner.query("ALTER TABLE \"staff\" DROP COLUMN \"mustChangePassword\"");
    await queryRunner.query("DROP TABLE \"guide_version\"");
  }
}
