import type { MigrationInterface, QueryRunner } from "typeorm";

export class Fees1796032732915 implements MigrationInterface {
  name = "Fees1796032732915";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"case_charge\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"caseId\" integer NOT NULL, \"standardId\" integer NOT NULL, \"quantity\" integer NOT NULL, \"amountFen\" integer NOT NULL, \"reductionFen\" integer NOT NULL DEFAULT (0), \"reductionBasis\" text, \"reductionReason\" text, \"reducedById\" integer, \"reducedAt\" datetime, \"letterId\" integer, \"status\" varchar(10) NOT NULL, \"chargedAt\" datetime NOT NULL, \"chargedById\" integer NOT NULL, \"version\" integer NOT NULL DEFAULT (1))");
    await queryRunner.query("CREATE INDEX \"IDX_e5905388cd078c266b076ff635\" ON \"case_charge\" (\"status\", \"caseId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_da6b5ad6372f80bbc7630a1cd0\" ON \"case_charge\" (\"caseId\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"payment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"number\" varchar(24) NOT NULL, \"caseId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"pointId\" integer NOT NULL, \"departmentId\" integer NOT NULL, \"amountFen\" integer NOT NULL, \"method\" varchar(10) NOT NULL, \"reference\" varchar(64), \"account\" varchar(64) NOT NULL, \"idempotencyKey\" varchar(100) NOT NULL, \"requestHash\" varchar(64) NOT NULL, \"takenById\" integer NOT NULL, \"takenAt\" datetime NOT NULL, \"day\" date NOT NULL, CONSTRAINT \"UQ_39743c6df320952cb12d4b57445\" UNIQUE (\"number\"), CONSTRAINT \"UQ_c45a43c1b3066fc636f79a00394\" UNIQUE (\"takenById\", \"idempotencyKey\"))");
    await queryRunner.query("CREATE INDEX \"IDX_368714d1914a0c1cc71249da76\" ON \"payment\" (\"windowId\", \"day\", \"departmentId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c2a1fea7ecd8d58a3e63310f7e\" ON \"payment\" (\"caseId\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"payment_charge\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"paymentId\" integer NOT NULL, \"chargeId\" integer NOT NULL, \"amountFen\" integer NOT NULL, CONSTRAINT \"UQ_b3a293fc8bb8ae6de9dc431ff72\" UNIQUE (\"paymentId\", \"chargeId\"))");
    await queryRunner.query("CREATE INDEX \"IDX_41df1cebe358d163da1dead3f6\" ON \"payment_charge\" (\"chargeId\") ");
    await queryRunner.query("CREATE TABLE \"refund\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"paymentId\" integer NOT NULL, \"windowId\" integer NOT NULL, \"departmentId\" integer NOT NULL, \"amountFen\" integer NOT NULL, \"reason\" text NOT NULL, \"idempotencyKey\" varchar(100) NOT NULL, \"refundedById\" integer NOT NULL, \"refundedAt\" datetime NOT NULL, \"day\" date NOT NULL, CONSTRAINT \"UQ_8262d1d1392dce96a818477f3d5\" UNIQUE (\"refundedById\", \"idempotencyKey\"))");
    await queryRunner.query("CREATE INDEX \"IDX_046557a256ba0c569f851308e9\" ON \"refund\" (\"windowId\", \"day\", \"departmentId\") ");
    await queryRunner.query("CREATE INDEX \"IDX_1c6932a756108788a361e7d440\" ON \"refund\" (\"paymentId\") ");
    await queryRunner.query("CREATE TABLE \"ticket_book\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"departmentId\" integer NOT NULL, \"pointId\" integer NOT NULL, \"series\" varchar(40) NOT NULL, \"fromNo\" integer NOT NULL, \"toNo\" integer NOT NULL, \"nextNo\" integer NOT NULL, \"status\" varchar(10) NOT NULL, \"issuedAt\" datetime NOT NULL, \"issuedById\" integer, \"applicationId\" integer, \"version\" integer NOT NULL DEFAULT (1))");
    await queryRunner.query("CREATE INDEX \"IDX_ca18be8cb5b63fc2a9f4838d16\" ON \"ticket_book\" (\"departmentId\", \"pointId\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"fee_ticket\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"bookId\" integer NOT NULL, \"number\" varchar(60) NOT NULL, \"seqNo\" integer NOT NULL, \"paymentId\" integer NOT NULL, \"amountFen\" integer NOT NULL, \"status\" varchar(10) NOT NULL, \"issuedAt\" datetime NOT NULL, \"voidReason\" text, \"voidRequestedById\" integer, \"voidRequestedAt\" datetime, \"voidApprovedById\" integer, \"voidedAt\" datetime, \"version\" integer NOT NULL DEFAULT (1), CONSTRAINT \"UQ_72c874e8efe950305b4fbf3aaea\" UNIQUE (\"number\"), CONSTRAINT \"UQ_39c5f2ae235acb8d01af25c4ee3\" UNIQUE (\"paymentId\"), CONSTRAINT \"UQ_928a68c5d8e647dde436acdb467\" UNIQUE (\"bookId\", \"seqNo\"))");
    await queryRunner.query("CREATE INDEX \"IDX_84ab3bb0ddfc862e74299188df\" ON \"fee_ticket\" (\"status\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"ticket_book_application\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"departmentId\" integer NOT NULL, \"pointId\" integer NOT NULL, \"statementNoDualTrack\" boolean NOT NULL, \"statementDeposited\" boolean NOT NULL, \"appliedById\" integer NOT NULL, \"appliedAt\" datetime NOT NULL, \"status\" varchar(10) NOT NULL, \"bookId\" integer, \"version\" integer NOT NULL DEFAULT (1))");
    await queryRunner.query("CREATE INDEX \"IDX_8e99c05e64a87a011e8552e53f\" ON \"ticket_book_application\" (\"status\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"stub_audit\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"bookId\" integer NOT NULL, \"passed\" boolean NOT NULL, \"discrepanciesJson\" text NOT NULL, \"numbersUsed\" integer NOT NULL, \"voidedCount\" integer NOT NULL, \"stampedById\" integer NOT NULL, \"stampedAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_902e4e898c858e84c6e55b59e6\" ON \"stub_audit\" (\"bookId\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"deposit\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"windowId\" integer NOT NULL, \"departmentId\" integer, \"day\" date NOT NULL, \"amountFen\" integer NOT NULL, \"bankReference\" varchar(64) NOT NULL, \"recordedById\" integer NOT NULL, \"recordedAt\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_1e7d847d1ea7690b512a08096b\" ON \"deposit\" (\"windowId\", \"day\") ");
    await queryRunner.query("CREATE TABLE \"reconciliation_close\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"windowId\" integer NOT NULL, \"day\" date NOT NULL, \"differenceFen\" integer NOT NULL, \"reason\" text, \"closedById\" integer NOT NULL, \"closedAt\" datetime NOT NULL, CONSTRAINT \"UQ_54e8518e84a177936ff5c04762e\" UNIQUE (\"windowId\", \"day\"))");
    // Added in place: a table rebuild is not needed for a new column with a default (SQLite ALTER TABLE ADD COLUMN).
    await queryRunner.query("ALTER TABLE \"fee_standard\" ADD COLUMN \"revenueType\" varchar(20) NOT NULL DEFAULT ('ADMINISTRATIVE_FEE')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"fee_standard\" DROP COLUMN \"revenueType\"");
    await queryRunner.query("DROP TABLE \"reconciliation_close\"");
    await queryRunner.query("DROP INDEX \"IDX_1e7d847d1ea7690b512a08096b\"");
    await queryRunner.query("DROP TABLE \"deposit\"");
    await queryRunner.query("DROP INDEX \"IDX_902e4e898c858e84c6e55b59e6\"");
    await queryRunner.query("DROP TABLE \"stub_audit\"");
    await queryRunner.query("DROP INDEX \"IDX_8e99c05e64a87a011e8552e53f\"");
    await queryRunner.query("DROP TABLE \"ticket_book_application\"");
    await queryRunner.query("DROP INDEX \"IDX_84ab3bb0ddfc862e74299188df\"");
    await queryRunner.query("DROP TABLE \"fee_ticket\"");
    await queryRunner.query("DROP INDEX \"IDX_ca18be8cb5b63fc2a9f4838d16\"");
    await queryRunner.query("DROP TABLE \"ticket_book\"");
    await queryRunner.query("DROP INDEX \"IDX_1c6932a756108788a361e7d440\"");
    await queryRunner.query("DROP INDEX \"IDX_046557a256ba0c569f851308e9\"");
    await queryRunner.query("DROP TABLE \"refund\"");
    await queryRunner.query("DROP INDEX \"IDX_41df1cebe358d163da1dead3f6\"");
    await queryRunner.query("DROP TABLE \"payment_charge\"");
    await queryRunner.query("DROP INDEX \"IDX_c2a1fea7ecd8d58a3e63310f7e\"");
    await queryRunner.query("DROP INDEX \"IDX_368714d1914a0c1cc71249da76\"");
    await queryRunner.query("DROP TABLE \"payment\"");
    await queryRunner.query("DROP INDEX \"IDX_da6b5ad6372f80bbc7630a1cd0\"");
    await queryRunner.query("DROP INDEX \"IDX_e5905388cd078c266b076ff635\"");
    await queryRunner.query("DROP TABLE \"case_charge\"");
  }
}
