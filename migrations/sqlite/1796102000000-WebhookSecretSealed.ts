import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Webhook secrets sealed at rest: `secret` becomes `secretSealed` (text) and `secretTail` keeps the last
 * 4 characters for the admin's hint. The rows are copied in clear: a migration cannot see the records
 * key (it lives outside the database), so the server seals them at start (secret-box.ts
 * sealWebhookSecrets, right after the records key is loaded), before any delivery is signed.
 */
export class WebhookSecretSealed1796102000000 implements MigrationInterface {
  name = "WebhookSecretSealed1796102000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"temporary_webhook_endpoint\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"url\" varchar(500) NOT NULL, \"secretSealed\" text NOT NULL, \"eventTypes\" text NOT NULL, \"pointCodes\" text NOT NULL, \"pointIds\" text NOT NULL, \"active\" boolean NOT NULL, \"createdAt\" datetime NOT NULL, \"createdById\" integer NOT NULL, \"secretTail\" varchar(8) NOT NULL)");
    await queryRunner.query("INSERT INTO \"temporary_webhook_endpoint\"(\"id\", \"url\", \"secretSealed\", \"eventTypes\", \"pointCodes\", \"pointIds\", \"active\", \"createdAt\", \"createdById\", \"secretTail\") SELECT \"id\", \"url\", \"secret\", \"eventTypes\", \"pointCodes\", \"pointIds\", \"active\", \"createdAt\", \"createdById\", substr(\"secret\", -4) FROM \"webhook_endpoint\"");
    await queryRunner.query("DROP TABLE \"webhook_endpoint\"");
    await queryRunner.query("ALTER TABLE \"temporary_webhook_endpoint\" RENAME TO \"webhook_endpoint\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ n }] = await queryRunner.query("SELECT COUNT(*) AS n FROM \"webhook_endpoint\"");
    if (Number(n)) throw new Error("webhook secrets are sealed with the records key and cannot be put back in clear by a migration: disable and re-register the endpoints instead");
    await queryRunner.query("DROP TABLE \"webhook_endpoint\"");
    await queryRunner.query("CREATE TABLE \"webhook_endpoint\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"url\" varchar(500) NOT NULL, \"secret\" varchar(200) NOT NULL, \"eventTypes\" text NOT NULL, \"pointCodes\" text NOT NULL, \"pointIds\" text NOT NULL, \"active\" boolean NOT NULL, \"createdAt\" datetime NOT NULL, \"createdById\" integer NOT NULL)");
  }
}
