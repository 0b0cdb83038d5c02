import fs from "node:fs";
import path from "node:path";
import { DataSource, type Logger, type QueryRunner } from "typeorm";
import { postgresMigrations } from "../../../migrations/postgres";
import { sqliteMigrations } from "../../../migrations/sqlite";
import { describeError, maskParameters } from "../common/redact";
import type { Config } from "../config";
import { entities } from "./entities";
import { installTypeormFastPaths } from "./typeorm-fast";
import { SAFETY_NET_PAGES } from "./wal-checkpointer";

export type Engine = "sqlite" | "postgres";

/**
 * Counts SQL statements sent to the database (tests assert there is no query per row). With
 * LOG_SQL=true it prints them; parameters only then, with ID numbers and phones masked.
 */
export class StatementCounter implements Logger {
  count = 0;
  /** The last few statements with their parameters (for query-plan tests; never logged). */
  readonly recent: { query: string; parameters: unknown[] }[] = [];
  /** npm run bench (SQL_TRACE_FILE): each statement's text, never its parameters, until SIGUSR2 stops it. */
  private traceFile: string | null;
  constructor(
    private readonly echo: boolean,
    traceFile: string | null = null,
  ) {
    this.traceFile = traceFile;
    if (traceFile) process.once("SIGUSR2", () => (this.traceFile = null));
  }
  logQuery(query: string, parameters?: unknown[]): void {
    this.count++;
    if (this.traceFile) fs.appendFileSync(this.traceFile, `${query.replace(/\s+/g, " ").trim()}\n`);
    this.recent.push({ query, parameters: parameters ?? [] });
    if (this.recent.length > 20) this.recent.shift();
    if (this.echo) console.log("[sql]", query, maskParameters(parameters));
  }
  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    if (this.echo) console.error("[sql error]", describeError(error).split("\n")[0], query, maskParameters(parameters));
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function engineOf(config: Config): Engine {
  return config.databaseUrl?.startsWith("postgres") ? "postgres" : "sqlite";
}

export function createDataSource(config: Config, counter = new StatementCounter(config.logSql, config.sqlTraceFile)): DataSource {
  installTypeormFastPaths();
  if (engineOf(config) === "postgres") {
    return new DataSource({
      type: "postgres",
      url: config.databaseUrl,
      schema: config.pgSchema,
      // Names the server's connections, so npm run restore can tell whether one is still open.
      applicationName: `bianmin:${config.pgSchema ?? "public"}`,
      entities,
      migrations: postgresMigrations,
      migrationsTableName: "migrations",
      logger: counter,
      logging: true,
      extra: {
        max: 10,
        // No JIT compilation: it pays off for long analytic queries, not for pages of 20 rows, yet PostgreSQL's cost
        // threshold started it for a list whose plan it costed high (decisions awaiting at 10 M cases: 85 functions
        // compiled, ~30 ms, for a 4 ms index walk). Each connection also searches our schema first (tests give every
        // file its own schema).
        options: ["-c jit=off", ...(config.pgSchema ? [`-c search_path=${config.pgSchema}`] : [])].join(" "),
      },
    });
  }
  if (config.sqlitePath !== ":memory:") fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  return beginImmediate(new DataSource({
    type: "better-sqlite3",
    database: config.sqlitePath,
    entities,
    migrations: sqliteMigrations,
    migrationsTableName: "migrations",
    logger: counter,
    logging: true,
    // Money and legal records: a committed transaction must survive a power loss (STACK-NOTES).
    enableWAL: config.sqlitePath !== ":memory:",
    timeout: 5000,
    // Prepared statements kept (least recently used out: typeorm-fast.ts); a request's statements are prepared once.
    statementCacheSize: 1000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma("synchronous = FULL");
      db.pragma("foreign_keys = ON");
      // Checkpoints run in a thread of their own (wal-checkpointer.ts); this connection only as a safety net.
      if (config.sqlitePath !== ":memory:") db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    },
  }));
}

/**
 * SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting up to the busy
 * timeout, instead of at their first write: a deferred transaction that reads and then writes while
 * another process (the CLI) writes fails at once with "database is locked" (SQLITE_BUSY), whatever
 * the timeout. TypeORM's SQLite query runner always sends "BEGIN TRANSACTION"; its one query runner is
 * wrapped here to send the immediate form instead.
 */
function beginImmediate(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: string): QueryRunner };
  const create = driver.createQueryRunner.bind(driver);
  const wrapped = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode: string) => {
    const runner = create(mode);
    if (!wrapped.has(runner)) {
      wrapped.add(runner);
      const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
      (runner as { query: unknown }).query = (sql: string, ...rest: unknown[]) => query(sql === "BEGIN TRANSACTION" ? "BEGIN IMMEDIATE TRANSACTION" : sql, ...rest);
    }
    return runner;
  };
  return dataSource;
}

export type { QueryRunner };
