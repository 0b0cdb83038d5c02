import type { MigrationInterface, QueryRunner } from "typeorm";

/** Deliveries queued for a disabled endpoint are HELD (no attempt until it is enabled again), no longer PENDING forever. */
export class WebhookHeld1796102001000 implements MigrationInterface {
  name = "WebhookHeld1796102001000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE \"webhook_delivery\" SET \"status\" = 'HELD' WHERE \"status\" = 'PENDING' AND \"endpointId\" IN (SELECT \"id\" FROM \"webhook_endpoint\" WHERE \"active\" = false)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE \"webhook_delivery\" SET \"status\" = 'PENDING' WHERE \"status\" = 'HELD'");
  }
}
