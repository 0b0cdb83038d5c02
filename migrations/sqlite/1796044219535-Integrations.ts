import type { MigrationInterface, QueryRunner } from "typeorm";

export class Integrations1796044219535 implements MigrationInterface {
  name = "Integrations1796044219535";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"feed_counter\" (\"name\" varchar(40) PRIMARY KEY NOT NULL, \"last\" integer NOT NULL)");
    await queryRunner.query("CREATE TABLE \"case_change\" (\"position\" integer PRIMARY KEY NOT NULL, \"caseId\" integer NOT NULL, \"caseNumber\" varchar(20) NOT NULL, \"eventSeq\" integer NOT NULL, \"eventType\" varchar(40) NOT NULL, \"status\" varchar(12) NOT NULL, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_39e7fccc3c9d1b4e58bbd44656\" ON \"case_change\" (\"caseId\", \"position\") ");
    // The timeline so far, in time order, starts the feed (status: the case's status now); then the counter.
    await queryRunner.query("INSERT INTO \"case_change\" (\"position\", \"caseId\", \"caseNumber\", \"eventSeq\", \"eventType\", \"status\", \"at\") SELECT ROW_NUMBER() OVER (ORDER BY e.\"at\", e.\"id\"), e.\"caseId\", c.\"number\", e.\"seq\", e.\"type\", c.\"status\", e.\"at\" FROM \"case_event\" e JOIN \"case_file\" c ON c.\"id\" = e.\"caseId\"");
    await queryRunner.query("INSERT INTO \"feed_counter\" (\"name\", \"last\") SELECT 'caseChanges', COUNT(*) FROM \"case_change\"");
    await queryRunner.query("CREATE TABLE \"webhook_endpoint\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"url\" varchar(500) NOT NULL, \"secret\" varchar(200) NOT NULL, \"eventTypes\" text NOT NULL, \"pointCodes\" text NOT NULL, \"pointIds\" text NOT NULL, \"active\" boolean NOT NULL, \"createdAt\" datetime NOT NULL, \"createdById\" integer NOT NULL)");
    await queryRunner.query("CREATE TABLE \"webhook_delivery\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"endpointId\" integer NOT NULL, \"position\" integer NOT NULL, \"eventType\" varchar(40) NOT NULL, \"caseNumber\" varchar(20) NOT NULL, \"payload\" text NOT NULL, \"status\" varchar(10) NOT NULL, \"attempts\" integer NOT NULL, \"nextAttemptAt\" datetime NOT NULL, \"leaseUntil\" datetime, \"lastStatusCode\" integer, \"lastError\" varchar(40), \"deliveredAt\" datetime, \"createdAt\" datetime NOT NULL, CONSTRAINT \"UQ_2802bb7add869f4e88ebf81428d\" UNIQUE (\"endpointId\", \"position\"))");
    await queryRunner.query("CREATE INDEX \"IDX_94782787f6d98f21d3cf247962\" ON \"webhook_delivery\" (\"status\", \"nextAttemptAt\") ");
    await queryRunner.query("CREATE TABLE \"webhook_attempt\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"deliveryId\" integer NOT NULL, \"endpointId\" integer NOT NULL, \"attempt\" integer NOT NULL, \"at\" datetime NOT NULL, \"durationMs\" integer NOT NULL, \"statusCode\" integer, \"error\" varchar(40), \"ok\" boolean NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_4492f1e4aced9619843382a499\" ON \"webhook_attempt\" (\"deliveryId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5fe2480bb794e63925b348af6e\" ON \"webhook_attempt\" (\"endpointId\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_5fe2480bb794e63925b348af6e\"");
    await queryRunner.query("DROP INDEX \"IDX_4492f1e4aced9619843382a499\"");
    await queryRunner.query("DROP TABLE \"webhook_attempt\"");
    await queryRunner.query("DROP INDEX \"IDX_94782787f6d98f21d3cf247962\"");
    await queryRunner.query("DROP TABLE \"webhook_delivery\"");
    await queryRunner.query("DROP TABLE \"webhook_endpoint\"");
    await queryRunner.query("DROP INDEX \"IDX_39e7fccc3c9d1b4e58bbd44656\"");
    await queryRunner.query("DROP TABLE \"case_change\"");
    await queryRunner.query("DROP TABLE \"feed_counter\"");
  }
}
