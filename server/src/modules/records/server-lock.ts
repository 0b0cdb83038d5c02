import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";

/**
 * The running server's pid file, beside its database (data/bianmin.sqlite.pid; for PostgreSQL
 * bianmin-<schema>.pid beside the records key file, data/ by default). `npm run restore` refuses
 * while the process it names is alive.
 */
export function serverPidFile(config: Pick<Config, "sqlitePath" | "databaseUrl" | "pgSchema" | "recordsKeyFile">): string | null {
  if (config.databaseUrl?.startsWith("postgres")) return path.join(path.dirname(config.recordsKeyFile), `bianmin-${config.pgSchema ?? "public"}.pid`);
  return config.sqlitePath === ":memory:" ? null : `${config.sqlitePath}.pid`;
}

/** Writes the pid file; returns a function that removes it (on a clean stop). */
export function holdPidFile(config: Config): () => void {
  const file = serverPidFile(config);
  if (!file) return () => undefined;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/** The pid of a live server on this database, or null (a stale file of a killed server counts as none). */
export function runningServerPid(config: Pick<Config, "sqlitePath" | "databaseUrl" | "pgSchema" | "recordsKeyFile">): number | null {
  const file = serverPidFile(config);
  if (!file || !fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}
