import type { MigrationInterface, QueryRunner } from "typeorm";

export class ApiTokenScopes1796044070833 implements MigrationInterface {
  name = "ApiTokenScopes1796044070833";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"token_case_ref\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tokenId\" integer NOT NULL, \"externalRef\" varchar(64) NOT NULL, \"caseId\" integer NOT NULL, \"createdAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\" ON \"token_case_ref\" (\"caseId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_8fdd665fa8408e1966ca0ad756\" ON \"token_case_ref\" (\"tokenId\", \"externalRef\") ");
    await queryRunner.query("CREATE TABLE \"temporary_api_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(100) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"scopes\" text NOT NULL, \"createdById\" integer NOT NULL, \"createdAt\" datetime NOT NULL, \"expiresAt\" datetime NOT NULL, \"revokedAt\" datetime, \"lastUsedAt\" datetime, \"owner\" varchar(100) NOT NULL DEFAULT (''), \"pointIds\" text NOT NULL DEFAULT ('[]'), \"rateLimitPerMinute\" integer, CONSTRAINT \"UQ_b8d5076cd3f3572829943b3f8ad\" UNIQUE (\"tokenHash\"), CONSTRAINT \"FK_4d104f3172f053c6ac943241e6e\" FOREIGN KEY (\"createdById\") REFERENCES \"staff\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_api_token\"(\"id\", \"name\", \"prefix\", \"tokenHash\", \"scopes\", \"createdById\", \"createdAt\", \"expiresAt\", \"revokedAt\", \"lastUsedAt\") SELECT \"id\", \"name\", \"prefix\", \"tokenHash\", \"scopes\", \"createdById\", \"createdAt\", \"expiresAt\", \"revokedAt\", \"lastUsedAt\" FROM \"api_token\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("ALTER TABLE \"temporary_api_token\" RENAME TO \"api_token\"");
    await queryRunner.query("DROP INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\"");
    await queryRunner.query("DROP INDEX \"IDX_8fdd665fa8408e1966ca0ad756\"");
    await queryRunner.query("CREATE TABLE \"temporary_token_case_ref\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tokenId\" integer NOT NULL, \"externalRef\" varchar(64) NOT NULL, \"caseId\" integer NOT NULL, \"createdAt\" datetime NOT NULL, CONSTRAINT \"FK_afc2f8eae598dcd8f3c9d020b0c\" FOREIGN KEY (\"tokenId\") REFERENCES \"api_token\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_token_case_ref\"(\"id\", \"tokenId\", \"externalRef\", \"caseId\", \"createdAt\") SELECT \"id\", \"tokenId\", \"externalRef\", \"caseId\", \"createdAt\" FROM \"token_case_ref\"");
    await queryRunner.query("DROP TABLE \"token_case_ref\"");
    await queryRunner.query("ALTER TABLE \"temporary_token_case_ref\" RENAME TO \"token_case_ref\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\" ON \"token_case_ref\" (\"caseId\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_8fdd665fa8408e1966ca0ad756\" ON \"token_case_ref\" (\"tokenId\", \"externalRef\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_8fdd665fa8408e1966ca0ad756\"");
    await queryRunner.query("DROP INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\"");
    await queryRunner.query("ALTER TABLE \"token_case_ref\" RENAME TO \"temporary_token_case_ref\"");
    await queryRunner.query("CREATE TABLE \"token_case_ref\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tokenId\" integer NOT NULL, \"externalRef\" varchar(64) NOT NULL, \"caseId\" integer NOT NULL, \"createdAt\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"token_case_ref\"(\"id\", \"tokenId\", \"externalRef\", \"caseId\", \"createdAt\") SELECT \"id\", \"tokenId\", \"externalRef\", \"caseId\", \"createdAt\" FROM \"temporary_token_case_ref\"");
    await queryRunner.query("DROP TABLE \"temporary_token_case_ref\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_8fdd665fa8408e1966ca0ad756\" ON \"token_case_ref\" (\"tokenId\", \"externalRef\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\" ON \"token_case_ref\" (\"caseId\") ");
    await queryRunner.query("ALTER TABLE \"api_token\" RENAME TO \"temporary_api_token\"");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(100) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"tokenHash\" varchar(64) NOT NULL, \"scopes\" text NOT NULL, \"createdById\" integer NOT NULL, \"createdAt\" datetime NOT NULL, \"expiresAt\" datetime NOT NULL, \"revokedAt\" datetime, \"lastUsedAt\" datetime, CONSTRAINT \"UQ_b8d5076cd3f3572829943b3f8ad\" UNIQUE (\"tokenHash\"), CONSTRAINT \"FK_4d104f3172f053c6ac943241e6e\" FOREIGN KEY (\"createdById\") REFERENCES \"staff\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"api_token\"(\"id\", \"name\", \"prefix\", \"tokenHash\", \"scopes\", \"createdById\", \"createdAt\", \"expiresAt\", \"revokedAt\", \"lastUsedAt\") SELECT \"id\", \"name\", \"prefix\", \"tokenHash\", \"scopes\", \"createdById\", \"createdAt\", \"expiresAt\", \"revokedAt\", \"lastUsedAt\" FROM \"temporary_api_token\"");
    await queryRunner.query("DROP TABLE \"temporary_api_token\"");
    await queryRunner.query("DROP INDEX \"IDX_8fdd665fa8408e1966ca0ad756\"");
    await queryRunner.query("DROP INDEX \"IDX_dd1c82d2fa4f9ce3aecb80044a\"");
    await queryRunner.query("DROP TABLE \"token_case_ref\"");
  }
}
