import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiTokenScopes1796044070833 implements MigrationInterface {
  name = "ApiTokenScopes1796044070833";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"token_case_ref\" (\"id\" SERIAL NOT NULL, \"tokenId\" integer NOT NULL, \"externalRef\" character varying(64) NOT NULL, \"caseId\" integer NOT NULL, \"createdAt\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_2ca23dc5ca980b77862636008fd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\" ON \"token_case_ref\"  (\"caseId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_8fdd665fa8408e1966ca0ad756\" ON \"token_case_ref\"  (\"tokenId\", \"externalRef\") ");
    await queryRunner.query("ALTER TABLE \"api_token\" ADD \"owner\" character varying(100) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE \"api_token\" ADD \"pointIds\" text NOT NULL DEFAULT '[]'");
    await queryRunner.query("ALTER TABLE \"api_token\" ADD \"rateLimitPerMinute\" integer");
    await queryRunner.query("ALTER TABLE \"token_case_ref\" ADD CONSTRAINT \"FK_afc2f8eae598dcd8f3c9d020b0c\" FOREIGN KEY (\"tokenId\") REFERENCES \"api_token\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"token_case_ref\" DROP CONSTRAINT \"FK_afc2f8eae598dcd8f3c9d020b0c\"");
    await queryRunner.query("ALTER TABLE \"api_token\" DROP COLUMN \"rateLimitPerMinute\"");
    await queryRunner.query("ALTER TABLE \"api_token\" DROP COLUMN \"pointIds\"");
    await queryRunner.query("ALTER TABLE \"api_token\" DROP COLUMN \"owner\"");
    await queryRunner.query("DROP INDEX \"IDX_8fdd665fa8408e1966ca0ad756\"");
    await queryRunner.query("DROP INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\"");
    await queryRunner.query("DROP TABLE \"token_case_ref\"");
  }
}
