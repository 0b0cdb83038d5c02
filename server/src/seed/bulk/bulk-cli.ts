/**
 * DATABASE_URL=postgres://… npm run seed:bulk -- --cases N [--seed 42] [--until YYYY-MM-DD] [--verify-sample 1000]
 *
 * Migrates and seeds the demo network into the PostgreSQL database of DATABASE_URL (it must have no
 * cases: use a new one, `createdb bianmin_scale10m`), then streams N historical cases into it with COPY
 * (bulk-load.ts), builds the indexes, and checks a random sample of the cases with the records verifier.
 * Prints the times of each step and the database's size.
 */
import "reflect-metadata";
import { loadConfig } from "../../config";
import { createDataSource, engineOf, StatementCounter } from "../../db/data-source";
import { Db } from "../../db/db";
import { ensureCalendarSeeded } from "../../modules/calendar/calendar.service";
import { prepareRecords } from "../../modules/records/records.service";
import { seedIfEmpty } from "../seed";
import { bulkLoad } from "./bulk-load";
import { verifySample } from "./bulk-verify";

const USAGE = "usage: DATABASE_URL=postgres://… npm run seed:bulk -- --cases N [--seed 42] [--until YYYY-MM-DD] [--verify-sample 1000]";

function parseArgs(argv: string[]): { cases: number; seed: number; until: Date; sample: number } {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) throw new Error(USAGE);
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  if ([...args.keys()].some((k) => !["cases", "seed", "until", "verify-sample"].includes(k))) throw new Error(USAGE);
  const cases = Number(args.get("cases")?.replaceAll("_", ""));
  const seed = Number(args.get("seed") ?? 42);
  const sample = Number(args.get("verify-sample") ?? 1000);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || !Number.isInteger(sample) || sample < 0) throw new Error(USAGE);
  const until = args.has("until") ? new Date(`${args.get("until")}T17:30:00+08:00`) : new Date();
  if (Number.isNaN(until.getTime())) throw new Error(`--until: not a date (${args.get("until")})`);
  return { cases, seed, sample, until: new Date(Math.min(until.getTime(), Date.now())) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env);
  if (engineOf(config) !== "postgres" || !config.databaseUrl) throw new Error(`${USAGE}\nDATABASE_URL must name a PostgreSQL database.`);
  const log = (line: string) => process.stderr.write(`[bulk ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const started = performance.now();
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: "each" });
    const db = new Db(dataSource, "postgres", new StatementCounter(false));
    const key = await prepareRecords(db, config, () => new Date(), log);
    await seedIfEmpty(db, new Date());
    await ensureCalendarSeeded(db, new Date());
    log(`loading ${args.cases.toLocaleString("en")} cases (seed ${args.seed}, until ${args.until.toISOString()})`);
    const result = await bulkLoad(dataSource, db, config.databaseUrl, key, { ...args, log });
    const verify = await verifySample(dataSource, key, args.sample);
    const [{ size }] = await dataSource.query(`SELECT pg_database_size(current_database()) AS size`);
    const total = (performance.now() - started) / 1000;
    const statuses = [...result.statuses].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ");
    console.log(`${args.cases.toLocaleString("en")} cases in ${total.toFixed(0)} s: rows ${result.loadSeconds.toFixed(0)} s (${Math.round(args.cases / result.loadSeconds).toLocaleString("en")} cases/s), indexes ${result.indexSeconds.toFixed(0)} s, vacuum+analyze ${result.analyzeSeconds.toFixed(0)} s`);
    console.log(`rows: ${Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString("en")}`).join(", ")}`);
    console.log(`status: ${statuses}`);
    console.log(`database size: ${(Number(size) / 2 ** 30).toFixed(2)} GiB`);
    console.log(`records verifier on ${verify.cases.toLocaleString("en")} random cases (${verify.events.toLocaleString("en")} timeline entries): ${verify.breaks.length ? `${verify.breaks.length} BREAKS` : "no breaks"}`);
    if (verify.breaks.length) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`\n${process.env.DEBUG ? error?.stack : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
