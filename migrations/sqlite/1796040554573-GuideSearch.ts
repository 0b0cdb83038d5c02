import type { MigrationInterface, QueryRunner } from "typeorm";

export class GuideSearch1796040554573 implements MigrationInterface {
  name = "GuideSearch1796040554573";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"item_search\" (\"itemId\" integer PRIMARY KEY NOT NULL, \"text\" text NOT NULL, \"initials\" text NOT NULL)");
    await queryRunner.query("CREATE TABLE \"search_synonym\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"term\" varchar(30) NOT NULL, \"initials\" varchar(30) NOT NULL, \"target\" varchar(60) NOT NULL, CONSTRAINT \"UQ_search_synonym_term_target\" UNIQUE (\"term\", \"target\"))");
    await queryRunner.query("CREATE INDEX \"IDX_cd835fa5122b4209e299a1a6d2\" ON \"search_synonym\" (\"initials\") ");
    // The full-text index of the guide (search-text.ts: Han characters as single tokens, so a phrase is a substring),
    // an external-content FTS5 table kept in step with item_search by triggers.
    await queryRunner.query(`CREATE VIRTUAL TABLE "item_search_fts" USING fts5("text", "initials", content='item_search', content_rowid='itemId', tokenize='unicode61')`);
    await queryRunner.query(`CREATE TRIGGER "item_search_ai" AFTER INSERT ON "item_search" BEGIN INSERT INTO "item_search_fts" (rowid, "text", "initials") VALUES (new."itemId", new."text", new."initials"); END`);
    await queryRunner.query(`CREATE TRIGGER "item_search_ad" AFTER DELETE ON "item_search" BEGIN INSERT INTO "item_search_fts" ("item_search_fts", rowid, "text", "initials") VALUES ('delete', old."itemId", old."text", old."initials"); END`);
    await queryRunner.query(`CREATE TRIGGER "item_search_au" AFTER UPDATE ON "item_search" BEGIN INSERT INTO "item_search_fts" ("item_search_fts", rowid, "text", "initials") VALUES ('delete', old."itemId", old."text", old."initials"); INSERT INTO "item_search_fts" (rowid, "text", "initials") VALUES (new."itemId", new."text", new."initials"); END`);
    // The common names citizens type, to start with; the centre's admin keeps the table (guide admin screen).
    await queryRunner.query(`INSERT INTO "search_synonym" ("term", "initials", "target") VALUES ('营业执照', 'yyzz', '设立登记'), ('开公司', 'kgs', '设立登记'), ('注册公司', 'zcgs', '设立登记'), ('个体户', 'gth', '个体工商户'), ('社保', 'sb', '社会保险'), ('社保', 'sb', '养老保险'), ('社保', 'sb', '医疗保险'), ('社保', 'sb', '失业保险'), ('医保', 'yb', '医疗保险'), ('养老金', 'ylj', '养老保险'), ('低保', 'db', '最低生活保障'), ('户口证明', 'hkzm', '户籍证明'), ('户口本', 'hkb', '居民户口簿'), ('驾照', 'jz', '驾驶证'), ('结婚证', 'jhz', '结婚登记'), ('离婚证', 'lhz', '离婚登记'), ('残疾证', 'cjz', '残疾人证')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "item_search_au"`);
    await queryRunner.query(`DROP TRIGGER "item_search_ad"`);
    await queryRunner.query(`DROP TRIGGER "item_search_ai"`);
    await queryRunner.query(`DROP TABLE "item_search_fts"`);
    await queryRunner.query("DROP INDEX \"IDX_cd835fa5122b4209e299a1a6d2\"");
    await queryRunner.query("DROP TABLE \"search_synonym\"");
    await queryRunner.query("DROP TABLE \"item_search\"");
  }
}
