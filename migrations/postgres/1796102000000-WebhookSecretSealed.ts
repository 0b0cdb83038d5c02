import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Webhook secrets sealed at rest: `secret` becomes `secretSealed` (text) and `secretTail` keeps the last
 * 4 characters for the admin's hint. The values stay in clear here: a migration cannot see the records
 * key (it lives outside the database), so the server seals them at start (secret-box.ts
 * sealWebhookSecrets, right after the records key is loaded), before any delivery is signed.
 */
export class WebhookSecretSealed1796102000000 implements MigrationInterface {
  name = "WebhookSecretSealed1796102000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" RENAME COLUMN \"secret\" TO \"secretSealed\"");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" ALTER COLUMN \"secretSealed\" TYPE text");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" ADD \"secretTail\" character varying(8) NOT NULL DEFAULT ''");
    await queryRunner.query("UPDATE \"webhook_endpoint\" SET \"secretTail\" = RIGHT(\"secretSealed\", 4)");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" ALTER COLUMN \"secretTail\" DROP DEFAULT");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const [{ n }] = await queryRunner.query("SELECT COUNT(*) AS n FROM \"webhook_endpoint\"");
    if (Number(n)) throw new Error("webhook secrets are sealed with the records key and cannot be put back in clear by a migration: disable and re-register the endpoints instead");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" DROP COLUMN \"secretTail\"");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" ALTER COLUMN \"secretSealed\" TYPE character varying(200)");
    await queryRunner.query("ALTER TABLE \"webhook_endpoint\" RENAME COLUMN \"secretSealed\" TO \"secret\"");
  }
}
