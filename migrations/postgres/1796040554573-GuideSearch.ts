import type { MigrationInterface, QueryRunner } from "typeorm";

export class GuideSearch1796040554573 implements MigrationInterface {
  name = "GuideSearch1796040554573";

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"item_search\" (\"itemId\" integer NOT NULL, \"text\" text NOT NULL, \"initials\" text NOT NULL, CONSTRAINT \"PK_3294ec060dba478a19da61282d6\" PRIMARY KEY (\"itemId\"))");
    await queryRunner.query("CREATE TABLE \"search_synonym\" (\"id\" SERIAL NOT NULL, \"term\" character varying(30) NOT NULL, \"initials\" character varying(30) NOT NULL, \"target\" character varying(60) NOT NULL, CONSTRAINT \"UQ_search_synonym_term_target\" UNIQUE (\"term\", \"target\"), CONSTRAINT \"PK_f90672bb61b83865cd95007ca15\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_cd835fa5122b4209e299a1a6d2\" ON \"search_synonym\"  (\"initials\") ");
    // The full-text index of the guide (search-text.ts: Han characters as single tokens, so a phrase is a substring).
    await queryRunner.query(`CREATE INDEX "IDX_item_search_text_fts" ON "item_search" USING gin (to_tsvector('simple', "text"))`);
    await queryRunner.query(`CREATE INDEX "IDX_item_search_initials_fts" ON "item_search" USING gin (to_tsvector('simple', "initials"))`);
    // The common names citizens type, to start with; the centre's admin keeps the table (guide admin screen).
    await queryRunner.query(`INSERT INTO "search_synonym" ("term", "initials", "target") VALUES ('营业执照', 'yyzz', '设立登记'), ('开公司', 'kgs', '设立登记'), ('注册公司', 'zcgs', '设立登记'), ('个体户', 'gth', '个体工商户'), ('社保', 'sb', '社会保险'), ('社保', 'sb', '养老保险'), ('社保', 'sb', '医疗保险'), ('社保', 'sb', '失业保险'), ('医保', 'yb', '医疗保险'), ('养老金', 'ylj', '养老保险'), ('低保', 'db', '最低生活保障'), ('户口证明', 'hkzm', '户籍证明'), ('户口本', 'hkb', '居民户口簿'), ('驾照', 'jz', '驾驶证'), ('结婚证', 'jhz', '结婚登记'), ('离婚证', 'lhz', '离婚登记'), ('残疾证', 'cjz', '残疾人证')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_item_search_initials_fts"`);
    await queryRunner.query(`DROP INDEX "IDX_item_search_text_fts"`);
    await queryRunner.query("DROP INDEX \"IDX_cd835fa5122b4209e299a1a6d2\"");
    await queryRunner.query("DROP TABLE \"search_synonym\"");
    await queryRunner.query("DROP TABLE \"item_search\"");
  }
}
