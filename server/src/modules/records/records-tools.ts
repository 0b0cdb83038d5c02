import "reflect-metadata";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";
import { createDataSource, engineOf } from "../../db/data-source";
import { BreakKind, type RecordBreak } from "./records";
import { AuditHead } from "./records.entity";
import { loadRecordsKey, type RecordsKey } from "./records-key";
import { verifyAllRecords, type VerificationSummary } from "./records.service";

/** The part of better-sqlite3 the tools use (the package ships no types). */
export interface RawSqlite {
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  close(): void;
}

export function openSqlite(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): RawSqlite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require("better-sqlite3") as new (file: string, options?: object) => RawSqlite;
  return new Database(file, options);
}

/** What each break means, for the command-line tools (Chinese first, like every word staff see). */
export const BREAK_TEXT: Record<BreakKind, string> = {
  EVENT_CHANGED: "记录内容与其哈希不符（被修改，或未持密钥重算） / entry no longer matches its hash",
  EVENT_MISSING: "缺少该序号的记录（被删除） / entry missing",
  EVENT_LINK_BROKEN: "记录与前一条不衔接（顺序被调换或前一条被替换） / entry does not follow the one before",
  EVENTS_TRUNCATED: "记录条数少于办件登记的条数（末尾被删除） / newest entries deleted",
  HEAD_MISMATCH: "最新记录不是办件所记的那一条 / newest entry is not the recorded head",
  CASE_SEAL_INVALID: "办件封签不符（头哈希、条数或状态被改写） / case seal does not verify",
  STATUS_CHANGED: "办件状态与封签不符 / status changed",
  OUTCOME_CHANGED: "办结结果与封签不符 / outcome changed",
  DEADLINE_CHANGED: "办理时限与封签不符 / deadline changed",
  CASE_FIELD_CHANGED: "办件字段与封签不符 / a sealed column changed",
  DECISION_CHANGED: "审批决定与封签不符 / decision changed",
  DECISION_REMOVED: "审批决定被删除 / decision removed",
  DECISION_ADDED: "出现未封签的审批决定 / decision added",
  UNSEALED: "办件没有封签（升级时旧链已断，或封签被删除） / case not sealed",
  LEGACY_CHAIN_BROKEN: "升级前的旧链在此已断 / the unkeyed chain was already broken here",
  AUDIT_ROW_CHANGED: "审计记录内容与其哈希不符 / audit row changed",
  AUDIT_LINK_BROKEN: "审计记录与前一条不衔接 / audit row does not follow the one before",
  AUDIT_TAIL_MISSING: "审计日志少于其封签所记（末尾被删除） / newest audit rows deleted",
  AUDIT_HEAD_INVALID: "审计日志封签不符 / audit head seal does not verify",
  AUDIT_HEAD_MISSING: "审计日志封签缺失 / audit head missing",
  LEGACY_AUDIT_BROKEN: "升级前的旧审计链在此已断 / the unkeyed audit chain was already broken here",
};

/** One line per break: case number (or "audit"), table and row, kind. No personal data. */
export function breakLine(b: RecordBreak): string {
  const where = b.table === "case_event" ? `case_event seq ${b.row}` : b.row === null ? b.table : `${b.table} id ${b.row}`;
  return `${b.caseNumber ? `case ${b.caseNumber}` : "audit"}  ${where}  ${b.kind}${b.detail ? ` (${b.detail})` : ""}  ${BREAK_TEXT[b.kind]}`;
}

/** --name value pairs, and positional arguments. */
export function parseArgs(argv: string[], names: string[], usage: string): { options: Map<string, string>; rest: string[] } {
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) {
      const name = argv[i].slice(2);
      if (!names.includes(name) || argv[i + 1] === undefined) throw new Error(usage);
      options.set(name, argv[++i]);
    } else rest.push(argv[i]);
  }
  return { options, rest };
}

export class ToolError extends Error {}

/**
 * Verifies a database's records with the given key (else the configured one): its schema must be
 * current and its records upgraded (the server does both on start). Never writes, never makes a key.
 */
export async function verifyDatabase(config: Config, key?: RecordsKey, onProgress?: (cases: number) => void, limit = Number.MAX_SAFE_INTEGER): Promise<VerificationSummary> {
  if (engineOf(config) === "sqlite" && !fs.existsSync(config.sqlitePath)) throw new ToolError(`${config.sqlitePath}: no such database file`);
  const dataSource = createDataSource({ ...config, logSql: false });
  await dataSource.initialize();
  try {
    if (await dataSource.showMigrations()) throw new ToolError("the database's schema is older than this version: start the server once (it migrates and upgrades the records to keyed hashes), then verify.");
    const head = await dataSource.manager.getRepository(AuditHead).findOneBy({ id: 1 });
    if (!head) throw new ToolError("the records are not yet upgraded to keyed hashes: start the server once, then verify.");
    const used = key ?? loadRecordsKey(config, false);
    if (used.id !== head.keyId) throw new ToolError(`records key mismatch: the records were sealed with key ${head.keyId}, ${used.source} holds key ${used.id}.`);
    return await verifyAllRecords(dataSource.manager, used, limit, onProgress);
  } finally {
    await dataSource.destroy();
  }
}

/** The key as a key file holds it (64 hex characters for a 32-byte key). */
export function keyFileText(key: RecordsKey): string {
  return `${key.secret.length === 32 ? key.secret.toString("hex") : key.secret.toString("utf8")}\n`;
}

export function writeKeyFile(file: string, key: RecordsKey): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, keyFileText(key), { mode: 0o600, flag: "wx" });
  fs.chmodSync(file, 0o600);
}

/** Runs a program (pg_dump, pg_restore) and resolves with its output; rejects on a non-zero exit. */
export function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => reject(new ToolError(`${program}: ${e.message} (is the PostgreSQL client installed? apt-get install postgresql-client)`)));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new ToolError(`${program} exited with ${code}: ${err.trim().split("\n").slice(-3).join(" / ")}`))));
  });
}

/** "20261130T092100Z" */
export function stamp(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export function progressLine(label: string): (cases: number) => void {
  let last = 0;
  return (cases) => {
    if (Date.now() - last < 1000) return;
    last = Date.now();
    process.stderr.write(process.stderr.isTTY ? `\r${label}: ${cases.toLocaleString("en")} cases\x1b[K` : `${label}: ${cases.toLocaleString("en")} cases\n`);
  };
}

export function summaryLine(s: VerificationSummary): string {
  return `${s.casesChecked.toLocaleString("en")} cases, ${s.eventsChecked.toLocaleString("en")} timeline entries, ${s.auditRowsChecked.toLocaleString("en")} audit rows (key ${s.keyId})`;
}

/** Runs a tool's main: ToolErrors are printed without a stack; the exit code is 1 on failure. */
export function runTool(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`\n${error instanceof ToolError || !process.env.DEBUG ? (error instanceof Error ? error.message : String(error)) : error.stack}\n`);
      process.exit(1);
    },
  );
}
