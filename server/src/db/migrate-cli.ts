/**
 * npm run migrate — or, in the container image, `node server/dist/server/src/db/migrate-cli.js`
 *
 * Does to the configured database (DATABASE_URL, else the SQLite file) what a server's start does before
 * it serves (db/prepare.ts: migrations, records key, demo seed when SEED_DEMO is not false, fill-ins), under
 * the same PostgreSQL advisory lock, and exits: 0 when done, 1 with the reason otherwise. An upgrade runs it
 * once (a Kubernetes Job, `docker compose run --rm migrate`) before the new processes start; the servers
 * would do the same work on start, one at a time, and find nothing left to do.
 */
import "reflect-metadata";
import { systemClock } from "../common/clock";
import { describeError } from "../common/redact";
import { loadConfig } from "../config";
import { createDataSource, engineOf, StatementCounter } from "./data-source";
import { Db } from "./db";
import { prepareDatabase } from "./prepare";

async function main(): Promise<number> {
  const config = loadConfig();
  const statements = new StatementCounter(false);
  const dataSource = createDataSource(config, statements);
  await dataSource.initialize();
  try {
    const pending = await dataSource.showMigrations().catch(() => true);
    const db = new Db(dataSource, engineOf(config), statements);
    await prepareDatabase(dataSource, db, config, systemClock);
    const applied = (await dataSource.query(`SELECT count(*) AS n FROM migrations`)) as { n: string | number }[];
    console.log(`[migrate] ${db.engine}: ${pending ? "pending migrations applied" : "nothing pending"}; ${applied[0].n} migrations recorded.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("[migrate] failed:", describeError(error));
    process.exit(1);
  },
);
