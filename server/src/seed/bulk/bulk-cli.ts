/**
 * DATABASE_URL=postgres://… npm run seed:bulk -- --cases N [--parts 2] [--seed 42] [--until YYYY-MM-DD] [--verify-sample 1000]
 *
 * Migrates and seeds the demo network into the PostgreSQL database of DATABASE_URL (it must have no
 * cases: use a new one, `createdb bianmin_scale10m`), then streams N historical cases into it with COPY
 * (bulk-load.ts) from `--parts` processes at once (default: one per core), builds the indexes, and
 * checks a random sample of the cases with the records verifier. Prints the times of each step and the
 * database's size. A failed load leaves what its parts committed: drop the database and start again.
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import os from "node:os";
import { loadConfig } from "../../config";
import { createDataSource, engineOf, StatementCounter } from "../../db/data-source";
import { Db } from "../../db/db";
import { ensureCalendarSeeded } from "../../modules/calendar/calendar.service";
import { prepareRecords } from "../../modules/records/records.service";
import { seedIfEmpty } from "../seed";
import { loadRecordsKey } from "../../modules/records/records-key";
import { abortBulk, finishBulk, partSize, prepareBulk, streamPart, type BulkTable, type PartResult } from "./bulk-load";
import { verifySample } from "./bulk-verify";

const USAGE = "usage: DATABASE_URL=postgres://… npm run seed:bulk -- --cases N [--parts 2] [--seed 42] [--until YYYY-MM-DD] [--verify-sample 1000]";

interface Args { cases: number; seed: number; until: Date; sample: number; parts: number; part: number | null }

function parseArgs(argv: string[]): Args {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || argv[i + 1] === undefined) throw new Error(USAGE);
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  if ([...args.keys()].some((k) => !["cases", "seed", "until", "verify-sample", "parts", "part"].includes(k))) throw new Error(USAGE);
  const cases = Number(args.get("cases")?.replaceAll("_", ""));
  const seed = Number(args.get("seed") ?? 42);
  const sample = Number(args.get("verify-sample") ?? 1000);
  const parts = Number(args.get("parts") ?? Math.max(1, Math.min(os.availableParallelism(), 8)));
  const part = args.has("part") ? Number(args.get("part")) : null;
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || !Number.isInteger(sample) || sample < 0) throw new Error(USAGE);
  if (!Number.isInteger(parts) || parts < 1 || parts > cases || (part !== null && !(Number.isInteger(part) && part >= 0 && part < parts))) throw new Error(USAGE);
  // --until is an instant here (the parts must agree on it to the millisecond): a day, or the ISO instant the main process passes on.
  const text = args.get("until");
  const until = text === undefined ? new Date() : /^\d{4}-\d\d-\d\d$/.test(text) ? new Date(`${text}T17:30:00+08:00`) : new Date(text);
  if (Number.isNaN(until.getTime())) throw new Error(`--until: not a date (${text})`);
  return { cases, seed, sample, parts, part, until: part === null ? new Date(Math.min(until.getTime(), Date.now())) : until };
}

/** A part as its own process: streams its share and prints its result as the last line of stdout. */
async function runPart(args: Args & { part: number }): Promise<void> {
  const config = loadConfig(process.env);
  const key = loadRecordsKey(config, false);
  const log = (line: string) => process.stderr.write(`[bulk ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const result = await streamPart(config.databaseUrl!, key, { ...args, log });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The parts running now: stopped with the main process (Ctrl-C, kill), so no part outlives a stopped load. */
const running = new Set<ReturnType<typeof spawn>>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill("SIGTERM");
    process.stderr.write(`\n${signal}: load stopped; the parts' open COPY transactions roll back, the rows already committed stay: drop the database and start again.\n`);
    process.exit(1);
  });
}

function spawnPart(args: Args, part: number): Promise<PartResult> {
  const argv = [process.argv[1], "--cases", String(args.cases), "--seed", String(args.seed), "--until", args.until.toISOString(), "--parts", String(args.parts), "--part", String(part)];
  const child = spawn(process.execPath, [...process.execArgv, ...argv], { stdio: ["ignore", "pipe", "inherit"] });
  running.add(child);
  child.on("exit", () => running.delete(child));
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as PartResult) : reject(new Error(`part ${part + 1}/${args.parts} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.part !== null) return runPart({ ...args, part: args.part });
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
    log(`loading ${args.cases.toLocaleString("en")} cases in ${args.parts} parts (seed ${args.seed}, until ${args.until.toISOString()})`);
    const plan = await prepareBulk(dataSource, db, args.until, log);
    const loadStart = performance.now();
    let parts: PartResult[];
    try {
      parts = await Promise.all(Array.from({ length: args.parts }, (_, k) => spawnPart(args, k)));
    } catch (error) {
      await abortBulk(config.databaseUrl, plan);
      throw error;
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const rows = {} as Record<BulkTable, number>, statusCount = new Map<string, number>(), dayLast: Record<string, number> = {};
    for (const p of parts) {
      for (const [t, n] of Object.entries(p.rows)) rows[t as BulkTable] = (rows[t as BulkTable] ?? 0) + n;
      for (const [st, n] of Object.entries(p.statuses)) statusCount.set(st, (statusCount.get(st) ?? 0) + n);
      for (const [day, last] of Object.entries(p.dayLast)) dayLast[day] = Math.max(last, dayLast[day] ?? 0);
    }
    log(`rows streamed in ${loadSeconds.toFixed(0)} s (parts: ${parts.map((p, k) => `${partSize(args.cases, args.parts, k).toLocaleString("en")} in ${p.seconds.toFixed(0)} s`).join(", ")})`);
    const { indexSeconds, analyzeSeconds } = await finishBulk(dataSource, config.databaseUrl, plan, args.cases, dayLast, log);
    const result = { rows, statuses: statusCount, loadSeconds, indexSeconds, analyzeSeconds };
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
