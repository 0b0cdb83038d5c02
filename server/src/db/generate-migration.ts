import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { loadConfig, repoRoot } from "../config";
import { createDataSource, type Engine } from "./data-source";

/**
 * Writes a migration per engine holding the difference between the entities and the schema that
 * the existing migrations build (TypeORM's schema builder computes it). Needs PostgreSQL running.
 */
async function generate(engine: Engine, name: string, stamp: number): Promise<void> {
  const schema = `migration_gen_${process.pid}`;
  const config =
    engine === "sqlite"
      ? loadConfig(process.env, { databaseUrl: undefined, sqlitePath: ":memory:" })
      : loadConfig(process.env, { databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", pgSchema: schema });
  if (engine === "postgres") {
    const admin = createDataSource({ ...config, pgSchema: undefined });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.destroy();
  }
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (!sql.upQueries.length) {
      console.log(`${engine}: entities and migrations agree; nothing to write.`);
      return;
    }
    const className = `${name}${stamp}`;
    const q = (s: string) => JSON.stringify(s.replace(`"${schema}".`, ""));
    const up = sql.upQueries.map((query) => `    await queryRunner.query(${q(query.query)});`).join("\n");
    const down = sql.downQueries.reverse().map((query) => `    await queryRunner.query(${q(query.query)});`).join("\n");
    const dir = path.join(repoRoot, "migrations", engine);
    const file = `${stamp}-${name}`;
    fs.writeFileSync(
      path.join(dir, `${file}.ts`),
      `import type { MigrationInterface, QueryRunner } from "typeorm";\n\nexport class ${className} implements MigrationInterface {\n  name = "${className}";\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    const indexPath = path.join(dir, "index.ts");
    let index = fs.readFileSync(indexPath, "utf8");
    index = `import { ${className} } from "./${file}";\n` + index.replace(/= \[(.*)\];/s, (_m, list: string) => {
      const items = list.split(",").map((s) => s.trim()).filter(Boolean);
      return `= [${[...items, className].join(", ")}];`;
    });
    fs.writeFileSync(indexPath, index);
    console.log(`${engine}: wrote migrations/${engine}/${file}.ts (${sql.upQueries.length} statements)`);
  } finally {
    if (engine === "postgres") await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error("usage: npm run migration:generate -- <PascalCaseName>");
  const stamp = Date.now();
  await generate("sqlite", name, stamp);
  await generate("postgres", name, stamp);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
