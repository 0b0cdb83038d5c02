import type { MigrationInterface, QueryRunner } from "typeorm";

export class Integrations1796044219535 implements MigrationInterface {
  name = "Integrations1796044219535";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"feed_counter\" (\"name\" character varying(40) NOT NULL, \"last\" integer NOT NULL, CONSTRAINT \"PK_ff80d21f4806f35a105af3a3ad6\" PRIMARY KEY (\"name\"))");
    await queryRunner.query("CREATE TABLE \"case_change\" (\"position\" integer NOT NULL, \"caseId\" integer NOT NULL, \"caseNumber\" character varying(20) NOT NULL, \"eventSeq\" integer NOT NULL, \"eventType\" character varying(40) NOT NULL, \"status\" character varying(12) NOT NULL, \"at\" TIMESTAMP NOT NULL, CONSTRAINT \"PK_4f3ce7a47ddafea2a1e9850ac8c\" PRIMARY KEY (\"position\"))");
    await queryRunner.query("CREATE INDEX \"IDX_39e7fccc3c9d1b4e58bbd44656\" ON \"case_change\"  (\"caseId\", \"position\") ");
    // The timeline so far, in time order, starts the feed (status: the case's status now); then the counter.
    await queryRunner.query("INSERT INTO \"case_change\" (\"position\", \"caseId\", \"caseNumber\", \"eventSeq\", \"eventType\", \"status\", \"at\") SELECT ROW_NUMBER() OVER (ORDER BY e.\"at\", e.\"id\"), e.\"caseId\", c.\"number\", e.\"seq\", e.\"type\", c.\"status\", e.\"at\" FROM \"case_event\" e JOIN \"case_file\" c ON c.\"id\" = e.\"caseId\"");
    await queryRunner.query("INSERT INTO \"feed_counter\" (\"name\", \"last\") SELECT 'caseChanges', COUNT(*) FROM \"case_change\"");
    await queryRunner.query("CREATE TABLE \"webhook_endpoint\" (\"id\" SERIAL NOT NULL, \"url\" character varying(500) NOT NULL, \"secret\" character varying(200) NOT NULL, \"eventTypes\" text NOT NULL, \"pointCodes\" text NOT NULL, \"pointIds\" text NOT NULL, \"active\" boolean NOT NULL, \"createdAt\" TIMESTAMP NOT NULL, \"createdById\" integer NOT NULL, CONSTRAINT \"PK_6c98112122b2b8a4f3984d2efa8\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"webhook_delivery\" (\"id\" SERIAL NOT NULL, \"endpointId\" integer NOT NULL, \"position\" integer NOT NULL, \"eventType\" character varying(40) NOT NULL, \"caseNumber\" character varying(20) NOT NULL, \"payload\" text NOT NULL, \"status\" character varying(10) NOT NULL, \"attempts\" integer NOT NULL, \"nextAttemptAt\" TIMESTAMP NOT NULL, \"leaseUntil\" TIMESTAMP, \"lastStatusCode\" integer, \"lastError\" character varying(40), \"deliveredAt\" TIMESTAMP, \"createdAt\" TIMESTAMP NOT NULL, CONSTRAINT \"UQ_2802bb7add869f4e88ebf81428d\" UNIQUE (\"endpointId\", \"position\"), CONSTRAINT \"PK_b1ae290239a778f12399db91354\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_94782787f6d98f21d3cf247962\" ON \"webhook_delivery\"  (\"status\", \"nextAttemptAt\") ");
    await queryRunner.query("CREATE TABLE \"webhook_attempt\" (\"id\" SERIAL NOT NULL, \"deliveryId\" integer NOT NULL, \"endpointId\" integer NOT NULL, \"attempt\" integer NOT NULL, \"at\" TIMESTAMP NOT NULL, \"durationMs\" integer NOT NULL, \"statusCode\" integer, \"error\" character varying(40), \"ok\" boolean NOT NULL, CONSTRAINT \"PK_e4ff77b66cdd20591ba6189a1f9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_4492f1e4aced9619843382a499\" ON \"webhook_attempt\"  (\"deliveryId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5fe2480bb794e63925b348af6e\" ON \"webhook_attempt\"  (\"endpointId\", \"id\") ");
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
