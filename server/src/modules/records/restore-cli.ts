/**
 * npm run restore -- <backup> [--db path/to/file.sqlite] [--key path/to/backup.records-key]
 *
 * Brings a backup made by `npm run backup` back into place, with its records key, once the server is
 * stopped. It refuses while a server may be using the database:
 * - the server's pid file beside the database (data/bianmin.sqlite.pid, written at start, removed on
 *   a clean stop) names a live process;
 * - anything answers http://127.0.0.1:$PORT/healthz (the configured port);
 * - PostgreSQL: a connection of a server to this schema is open (the servers name their connections
 *   bianmin:<schema> in pg_stat_activity).
 * SQLite: the backup is copied beside the database, checked (integrity_check, every chain with the
 * backup's key), and only then swapped in; the replaced file (with its -wal and -shm) and key file
 * are kept as *.before-restore-<time>. PostgreSQL: the configured schema is dropped and the dump
 * restored with pg_restore, then verified.
 */
import fs from "node:fs";
import path from "node:path";
import { Client as PgClient } from "pg";
import { loadConfig, type Config } from "../../config";
import { engineOf } from "../../db/data-source";
import { parseKey, type RecordsKey } from "./records-key";
import { breakLine, openSqlite, parseArgs, run, runTool, stamp, summaryLine, ToolError, verifyDatabase, writeKeyFile } from "./records-tools";
import { runningServerPid } from "./server-lock";

const USAGE = "usage: npm run restore -- <backup.sqlite | backup.pgdump> [--db path/to/file.sqlite] [--key path/to/backup.records-key]";

async function assertServerStopped(config: Config): Promise<void> {
  const pid = runningServerPid(config);
  if (pid) throw new ToolError(`a Bianmin server (pid ${pid}) is running on this database: stop it first (Ctrl-C, or kill ${pid}), then restore.`);
  try {
    const response = await fetch(`http://127.0.0.1:${config.port}/healthz`, { signal: AbortSignal.timeout(1500) });
    throw new ToolError(`something answers on port ${config.port} (/healthz ${response.status}): stop the server first (or set PORT to the port of the server this database belongs to).`);
  } catch (error) {
    if (error instanceof ToolError) throw error; // nothing listens: fine
  }
  if (engineOf(config) === "postgres") {
    const schema = config.pgSchema ?? "public";
    const pg = new PgClient({ connectionString: config.databaseUrl, application_name: "bianmin-restore" });
    await pg.connect();
    try {
      const { rows } = await pg.query(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [`bianmin:${schema}`]);
      if (rows[0].n > 0) throw new ToolError(`${rows[0].n} connection(s) of a Bianmin server to schema ${schema} are open: stop every server process first.`);
    } finally {
      await pg.end();
    }
  }
}

function moveAside(file: string, suffix: string): string | null {
  if (!fs.existsSync(file)) return null;
  const aside = `${file}.${suffix}`;
  fs.renameSync(file, aside);
  return aside;
}

runTool(async () => {
  const { options, rest } = parseArgs(process.argv.slice(2), ["db", "key"], USAGE);
  if (rest.length !== 1) throw new Error(USAGE);
  const backup = path.resolve(rest[0]);
  if (!fs.existsSync(backup)) throw new ToolError(`${backup}: no such backup`);
  const db = options.get("db");
  const config = loadConfig(process.env, db ? { sqlitePath: path.resolve(db), databaseUrl: undefined } : {});
  const keyFile = path.resolve(options.get("key") ?? backup.replace(/\.(sqlite|pgdump)$/, ".records-key"));
  if (!fs.existsSync(keyFile)) throw new ToolError(`${keyFile}: the backup's records key is missing (it is written beside every backup; pass --key).`);
  const key = parseKey(fs.readFileSync(keyFile, "utf8"), keyFile);
  if (config.recordsKey && parseKey(config.recordsKey, "RECORDS_KEY").id !== key.id) {
    throw new ToolError(`RECORDS_KEY holds another key than the one this backup was sealed with (${key.id}); unset it or set it to the backup's key.`);
  }
  await assertServerStopped(config);
  const suffix = `before-restore-${stamp()}`;

  if (engineOf(config) === "sqlite") {
    if (!backup.endsWith(".sqlite")) throw new ToolError(`${backup}: an SQLite backup ends in .sqlite`);
    const target = config.sqlitePath;
    const incoming = `${target}.restoring`;
    for (const f of [incoming, `${incoming}-wal`, `${incoming}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(backup, incoming);
    const check = openSqlite(incoming, { fileMustExist: true });
    const integrity = check.pragma("integrity_check", { simple: true });
    check.close();
    if (integrity !== "ok") throw new ToolError(`the backup fails integrity_check (${String(integrity)}); nothing was replaced.`);
    const summary = await verifyDatabase({ ...config, sqlitePath: incoming }, key);
    if (!summary.ok) {
      for (const b of summary.breaks.slice(0, 50)) console.log(breakLine(b));
      throw new ToolError(`the backup's records do not verify (${summary.breakCount} breaks); nothing was replaced (${incoming} kept for inspection).`);
    }
    const tidy = openSqlite(incoming, { fileMustExist: true }); // leave one self-contained file
    tidy.pragma("journal_mode = DELETE");
    tidy.close();
    await assertServerStopped(config); // still stopped?
    const aside = moveAside(target, suffix);
    for (const ext of ["-wal", "-shm"]) {
      // The replaced database keeps its WAL beside it (SQLite finds it by name); a stale one must not meet the restored file.
      if (aside && fs.existsSync(`${target}${ext}`)) fs.renameSync(`${target}${ext}`, `${aside}${ext}`);
      fs.rmSync(`${target}${ext}`, { force: true });
    }
    fs.renameSync(incoming, target);
    const keyAside = installKey(config, key, suffix);
    console.log(`restored: ${target} from ${backup}; ${summaryLine(summary)} verified.`);
    if (aside) console.log(`the replaced database is kept as ${aside}${keyAside ? `, its key as ${keyAside}` : ""}.`);
    return 0;
  }

  if (!backup.endsWith(".pgdump")) throw new ToolError(`${backup}: a PostgreSQL backup ends in .pgdump`);
  const schema = config.pgSchema ?? "public";
  const list = await run("pg_restore", ["--list", backup]);
  const pg = new PgClient({ connectionString: config.databaseUrl, application_name: "bianmin-restore" });
  await pg.connect();
  try {
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    if (!new RegExp(`SCHEMA - ${schema}\\b`).test(list)) await pg.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await pg.end();
  }
  await run("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${config.databaseUrl}`, backup]);
  const keyAside = installKey(config, key, suffix);
  const summary = await verifyDatabase(config, key);
  for (const b of summary.breaks.slice(0, 50)) console.log(breakLine(b));
  if (!summary.ok) throw new ToolError(`restored schema ${schema}, but its records do not verify (${summary.breakCount} breaks).`);
  console.log(`restored: schema ${schema} from ${backup}; ${summaryLine(summary)} verified.${keyAside ? ` The replaced key is kept as ${keyAside}.` : ""}`);
  return 0;
});

/** Puts the backup's key where the server reads it (unless RECORDS_KEY supplies it); a different old key is kept aside. */
function installKey(config: Config, key: RecordsKey, suffix: string): string | null {
  if (config.recordsKey) return null;
  const file = config.recordsKeyFile;
  if (fs.existsSync(file)) {
    if (parseKey(fs.readFileSync(file, "utf8"), file).id === key.id) return null;
    const aside = moveAside(file, suffix);
    writeKeyFile(file, key);
    return aside;
  }
  writeKeyFile(file, key);
  return null;
}
