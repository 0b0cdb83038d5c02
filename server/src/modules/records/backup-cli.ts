/**
 * npm run backup [-- --db path/to/file.sqlite] [--out folder]
 *
 * A consistent copy of the live database, taken while the server runs, into backups/ with a
 * timestamped name, the records key beside it (mode 0600), and the copy verified before success is
 * reported:
 * - SQLite: `VACUUM INTO` from a separate connection: one read transaction, so the copy is the
 *   database as of one commit (WAL lets the server keep writing meanwhile); then
 *   `PRAGMA integrity_check` and every chain verified on the copy.
 * - PostgreSQL: `pg_dump --format=custom` of the configured schema inside an exported snapshot, and
 *   every chain verified in that same snapshot (so exactly what the dump holds); then
 *   `pg_restore --list` reads the archive back.
 * Exits 1 (and says why) if anything fails; a failed copy is renamed *.failed.
 */
import path from "node:path";
import fs from "node:fs";
import { loadConfig, repoRoot } from "../../config";
import { createDataSource, engineOf } from "../../db/data-source";
import { loadRecordsKey } from "./records-key";
import { AuditHead } from "./records.entity";
import { verifyAllRecords } from "./records.service";
import { breakLine, openSqlite, parseArgs, progressLine, run, runTool, stamp, summaryLine, ToolError, verifyDatabase, writeKeyFile } from "./records-tools";

const USAGE = "usage: npm run backup [-- --db path/to/file.sqlite] [--out folder]";

runTool(async () => {
  const { options, rest } = parseArgs(process.argv.slice(2), ["db", "out"], USAGE);
  if (rest.length) throw new Error(USAGE);
  const db = options.get("db");
  const config = loadConfig(process.env, db ? { sqlitePath: path.resolve(db), databaseUrl: undefined } : {});
  const out = path.resolve(options.get("out") ?? path.join(repoRoot, "backups"));
  fs.mkdirSync(out, { recursive: true });
  const key = loadRecordsKey(config, false);
  const started = Date.now();

  if (engineOf(config) === "sqlite") {
    const source = config.sqlitePath;
    if (!fs.existsSync(source)) throw new ToolError(`${source}: no such database file`);
    const base = path.join(out, `${path.basename(source, path.extname(source))}-${stamp()}`);
    const copy = `${base}.sqlite`;
    const raw = openSqlite(source, { fileMustExist: true });
    try {
      raw.pragma("busy_timeout = 10000");
      raw.prepare("VACUUM INTO ?").run(copy);
    } finally {
      raw.close();
    }
    writeKeyFile(`${base}.records-key`, key);
    const check = openSqlite(copy, { readonly: true, fileMustExist: true });
    const integrity = check.pragma("integrity_check", { simple: true });
    check.close();
    if (integrity !== "ok") return fail(copy, `integrity_check: ${String(integrity)}`);
    const summary = await verifyDatabase({ ...config, sqlitePath: copy }, key, progressLine("verifying the copy"));
    if (!summary.ok) {
      for (const b of summary.breaks.slice(0, 50)) console.log(breakLine(b));
      return fail(copy, `the copy's records do not verify (${summary.breakCount} breaks; run npm run verify on the live database)`);
    }
    console.log(`backup: ${copy} (${(fs.statSync(copy).size / 2 ** 20).toFixed(1)} MiB) and its records key ${base}.records-key`);
    console.log(`verified: integrity_check ok; ${summaryLine(summary)}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  }

  // PostgreSQL: the dump and the verification read one exported snapshot.
  const schema = config.pgSchema ?? "public";
  const base = path.join(out, `bianmin-${schema}-${stamp()}`);
  const dump = `${base}.pgdump`;
  const dataSource = createDataSource({ ...config, logSql: false });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const [{ snapshot }] = await runner.query("SELECT pg_export_snapshot() AS snapshot");
    const head = await runner.manager.getRepository(AuditHead).findOneBy({ id: 1 });
    if (!head) throw new ToolError("the records are not yet upgraded to keyed hashes: start the server once, then back up.");
    if (head.keyId !== key.id) throw new ToolError(`records key mismatch: the records were sealed with key ${head.keyId}, ${key.source} holds key ${key.id}.`);
    const dumped = run("pg_dump", ["--format=custom", `--file=${dump}`, `--snapshot=${snapshot}`, `--schema=${schema}`, "--no-owner", `--dbname=${config.databaseUrl}`]);
    const verified = verifyAllRecords(runner.manager, key, 50, progressLine("verifying the snapshot"));
    const [, summary] = await Promise.all([dumped, verified]);
    await runner.query("COMMIT");
    writeKeyFile(`${base}.records-key`, key);
    const list = await run("pg_restore", ["--list", dump]);
    const tables = ["case_file", "case_event", "audit_entry", "audit_head"].filter((t) => !new RegExp(`TABLE DATA \\S+ ${t} `).test(list));
    if (tables.length) return fail(dump, `pg_restore --list: the archive lacks the data of ${tables.join(", ")}`);
    if (!summary.ok) {
      for (const b of summary.breaks) console.log(breakLine(b));
      return fail(dump, `the records in the dumped snapshot do not verify (${summary.breakCount} breaks)`);
    }
    console.log(`backup: ${dump} (${(fs.statSync(dump).size / 2 ** 20).toFixed(1)} MiB, schema ${schema}) and its records key ${base}.records-key`);
    console.log(`verified: pg_restore --list ok; ${summaryLine(summary)} in the dumped snapshot; ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
});

function fail(file: string, why: string): number {
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.failed`);
  console.error(`BACKUP FAILED: ${why}; the copy is kept as ${file}.failed`);
  return 1;
}
