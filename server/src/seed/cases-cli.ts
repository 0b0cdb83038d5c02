/**
 * npm run seed -- --cases N [--db path] [--seed 42] [--until YYYY-MM-DD]
 * npm run seed -- --history [--db path] [--seed 42] [--until YYYY-MM-DD]
 *
 * Migrates and seeds the demo network into the target (data/bianmin.sqlite; --db another SQLite file;
 * DATABASE_URL for PostgreSQL), then writes N historical cases (case-loader.ts, historical-cases.ts).
 * --history writes the city's record (DOMAIN §2): 26,682 cases of which 99.1 % are closed, with
 * evaluations, rectifications, complaints and faults. Progress on stderr, summary on stdout.
 * Refuses a database that already has cases.
 */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "../config";
import { createDataSource, engineOf, StatementCounter } from "../db/data-source";
import { Db } from "../db/db";
import { ensureCalendarSeeded } from "../modules/calendar/calendar.service";
import { prepareRecords } from "../modules/records/records.service";
import { fillSearchKeys } from "../modules/cases/search-backfill";
import { completionPercent } from "../modules/supervision/supervision.rules";
import { ORDER, writeCases } from "./case-loader";
import { CITY_RECORD } from "./historical-cases";
import { seedIfEmpty } from "./seed";

const USAGE = "usage: npm run seed -- (--cases N | --history) [--db path/to/file.sqlite] [--seed 42] [--until YYYY-MM-DD]";

function parseArgs(argv: string[]): { cases: number; history: boolean; db?: string; seed: number; until: Date } {
  const args = new Map<string, string>();
  let history = false;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--history") {
      history = true;
      i--;
      continue;
    }
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) throw new Error(USAGE);
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  if (history && args.has("cases")) throw new Error(`${USAGE}\n--history writes the city's ${CITY_RECORD.cases.toLocaleString("en")} cases; leave out --cases.`);
  const cases = history ? CITY_RECORD.cases : Number(args.get("cases")?.replaceAll("_", ""));
  const seed = Number(args.get("seed") ?? 42);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || [...args.keys()].some((k) => !["cases", "db", "seed", "until"].includes(k))) throw new Error(USAGE);
  const until = args.has("until") ? new Date(`${args.get("until")}T17:30:00+08:00`) : new Date();
  if (Number.isNaN(until.getTime())) throw new Error(`--until: not a date (${args.get("until")})`);
  return { cases, history, db: args.get("db"), seed, until: new Date(Math.min(until.getTime(), Date.now())) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env, args.db ? { sqlitePath: path.resolve(args.db), databaseUrl: undefined } : {});
  const engine = engineOf(config);
  const started = performance.now();
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: "each" });
    const db = new Db(dataSource, engine, new StatementCounter(false));
    const key = await prepareRecords(db, config, () => new Date());
    await seedIfEmpty(db, new Date());
    await ensureCalendarSeeded(db, new Date());
    const target = engine === "sqlite" ? config.sqlitePath : "PostgreSQL (DATABASE_URL)";
    const result = await writeCases(dataSource, db, key, { ...args, progress: true, log: (line) => process.stderr.write(`${line} into ${target}\n`) });
    await fillSearchKeys(db, (line) => process.stderr.write(`${line}\n`)); // so the server starts with nothing to fill
    const { written, loadSeconds } = result;
    const q = (sql: string) => dataSource.query(sql) as Promise<any[]>;
    const [busiest] = await q(`SELECT w.code, COUNT(*) AS n FROM case_file c JOIN service_window w ON w.id = c."windowId" WHERE c.status <> 'CLOSED' GROUP BY w.code ORDER BY n DESC LIMIT 1`);
    const pct = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${((100 * v) / args.cases).toFixed(1)}%`).join(", ");
    const size = engine === "sqlite" ? fs.statSync(config.sqlitePath).size : null;
    console.log(`\n${args.cases.toLocaleString("en")} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (rows ${loadSeconds.toFixed(1)} s: generating ${(loadSeconds - result.writingSeconds).toFixed(1)} s, writing ${result.writingSeconds.toFixed(1)} s; ${Math.round(args.cases / loadSeconds).toLocaleString("en")} cases/s)${size ? `; ${target}: ${(size / 2 ** 30).toFixed(2)} GiB` : ""}`);
    console.log(`rows: ${ORDER.map((t) => `${t} ${written[t].toLocaleString("en")}`).join(", ")}`);
    console.log(`kinds: ${pct(result.kinds)}; went through SUPPLEMENT ${((100 * written.supplement_notice) / args.cases).toFixed(1)}%`);
    console.log(`status: ${pct(result.statuses)}`);
    const closed = result.statuses.get("CLOSED") ?? 0;
    console.log(`completion (办结率): ${closed.toLocaleString("en")} closed of ${args.cases.toLocaleString("en")} registered = ${completionPercent(closed, args.cases)} %`);
    if (busiest) console.log(`busiest queue: window ${busiest.code} with ${Number(busiest.n)} open cases`);
    if (engine === "sqlite") console.log(`browse it: SQLITE_PATH=${config.sqlitePath} npm start`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`\n${process.env.DEBUG ? error?.stack : error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
