import fs from "node:fs";
import path from "node:path";

/** Settings read once from the environment at start-up. */
export interface Config {
  port: number;
  /** postgres://… selects PostgreSQL; empty means embedded SQLite. */
  databaseUrl: string | undefined;
  /** SQLite file (":memory:" allowed in tests). */
  sqlitePath: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema: string | undefined;
  redisUrl: string | undefined;
  /** Folder of the built SPA, served at / when present. */
  clientDist: string;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  /** Public operations allowed per client address per minute. */
  publicRateLimitPerMinute: number;
  /** Requests allowed per API token per minute. */
  tokenRateLimitPerMinute: number;
  /** Login attempts allowed per client address per minute. */
  loginRateLimitPerMinute: number;
  /** Per-account lockout: after this many failed logins in a row the account locks for loginLockMinutes, doubling with each further failure up to loginLockMaxMinutes. */
  loginLockAfter: number;
  loginLockMinutes: number;
  loginLockMaxMinutes: number;
  /** Proxies whose X-Forwarded-For is believed (express "trust proxy": addresses, CIDRs, loopback, uniquelocal …); false: none. */
  trustProxy: string[] | false;
  /** Where the server is reached from outside: links printed on notices (QR codes) start with it. */
  publicUrl: string;
  /** Office hours of the permanent windows on working days (HH:mm-HH:mm), shown in the guide; OFFICE_HOURS, comma separated. */
  officeHours: string[];
  seedDemoData: boolean;
  logSql: boolean;
  /** npm run bench: a file to which every SQL statement's text is appended (SQL_TRACE_FILE; never parameters). */
  sqlTraceFile: string | null;
  /** How often the scheduler sweeps (deemed agreement, acceptance, approval); 0 disables it. */
  schedulerIntervalMs: number;
  /** Origins (scheme://host[:port]) besides the server's own whose pages may open live connections (ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins: string[];
  /** PostgreSQL: take an advisory lock per sweep so only one process works at a time (SCHEDULER_LOCK=off disables). */
  schedulerLock: boolean;
  /** COMPLAINT_RATE_LIMIT: web complaints (and evaluations) accepted per client address per minute. */
  complaintRateLimitPerMinute: number;
  /** RECTIFICATION_DAYS: working days a unit has to rectify a poor rating (S2; 15 here, 5 elsewhere). */
  rectificationDays: number;
  /** SUPPLEMENT_ABANDON_DAYS: working days after an unanswered supplement notice before the sweep ends the case as abandoned (§6 code 5; 0 never). */
  supplementAbandonDays: number;
  /** RECORDS_KEY: the records key itself (64 hex characters); else it is read from recordsKeyFile. */
  recordsKey: string | undefined;
  /** RECORDS_KEY_FILE: the records key's file, generated (mode 0600) on first start; beside the SQLite file by default. */
  recordsKeyFile: string;
  /** WEBHOOK_ALLOW_PRIVATE=on: webhooks may go to private, loopback and link-local addresses (off by default). */
  webhookAllowPrivate: boolean;
  /** WEBHOOK_TIMEOUT_MS: a receiver that has not answered by then fails the attempt (retried later). */
  webhookTimeoutMs: number;
  /** WEBHOOK_BACKOFF_MS: the first retry's delay; each further one doubles it (capped at 6 hours). */
  webhookBackoffMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: after this many failed attempts a delivery is FAILED (redeliver by hand). */
  webhookMaxAttempts: number;
  /** WEBHOOK_INTERVAL_MS: how often the dispatcher looks for due deliveries; 0 disables it. */
  webhookIntervalMs: number;
}

/** The folder holding the workspace root package.json (works from src/ and from dist/). */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).workspaces) return dir;
  }
  return process.cwd();
}

export const repoRoot = findRepoRoot(__dirname);

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${value}"`);
  return n;
}

/** TRUST_PROXY: a comma-separated list of proxy addresses; empty, "false" or "none" trusts no one. */
function proxies(value: string | undefined): string[] | false {
  const list = (value ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  if (!list.length || (list.length === 1 && ["false", "none"].includes(list[0]))) return false;
  if (list.includes("true")) throw new Error('TRUST_PROXY: list the proxies\' addresses; "true" would let any client choose its address');
  return list;
}

function publicUrl(value: string | undefined, port: number): string {
  const url = new URL(value || `http://localhost:${port}`);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`PUBLIC_URL: expected an http(s) URL, got "${value}"`);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** ALLOWED_ORIGINS: origins besides the server's own (and PUBLIC_URL's) whose pages may open live connections. */
function origins(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      const url = URL.canParse(o) ? new URL(o) : null;
      if (!url || !["http:", "https:"].includes(url.protocol)) throw new Error(`ALLOWED_ORIGINS: expected origins like https://host[:port], got "${o}"`);
      return url.origin;
    });
}

function officeHours(value: string | undefined): string[] {
  const spans = (value ?? "08:30-12:00,14:30-17:30").split(",").map((s) => s.trim()).filter(Boolean);
  for (const span of spans) {
    if (!/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(span)) throw new Error(`OFFICE_HOURS: "${span}" is not HH:mm-HH:mm.`);
  }
  return spans;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? int(env.PORT, 4000);
  const config: Omit<Config, "recordsKeyFile"> & { recordsKeyFile?: string } = {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.SQLITE_PATH || path.join(repoRoot, "data", "bianmin.sqlite"),
    pgSchema: env.PG_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    clientDist: env.CLIENT_DIST || path.join(repoRoot, "client", "dist"),
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 8),
    sessionIdleMinutes: int(env.SESSION_IDLE_MINUTES, 30),
    secureCookies: env.SECURE_COOKIES === "true",
    publicRateLimitPerMinute: int(env.PUBLIC_RATE_LIMIT, 600),
    tokenRateLimitPerMinute: int(env.TOKEN_RATE_LIMIT, 1200),
    loginRateLimitPerMinute: int(env.LOGIN_RATE_LIMIT, 30),
    loginLockAfter: int(env.LOGIN_LOCK_AFTER, 5),
    loginLockMinutes: int(env.LOGIN_LOCK_MINUTES, 1),
    loginLockMaxMinutes: int(env.LOGIN_LOCK_MAX_MINUTES, 60),
    trustProxy: proxies(env.TRUST_PROXY),
    publicUrl: publicUrl(env.PUBLIC_URL, port),
    officeHours: officeHours(env.OFFICE_HOURS),
    seedDemoData: env.SEED_DEMO !== "false",
    logSql: env.LOG_SQL === "true",
    sqlTraceFile: env.SQL_TRACE_FILE || null,
    schedulerIntervalMs: int(env.SCHEDULER_INTERVAL_MS, 60_000),
    schedulerLock: env.SCHEDULER_LOCK !== "off",
    allowedOrigins: [...new Set([new URL(publicUrl(env.PUBLIC_URL, port)).origin, ...origins(env.ALLOWED_ORIGINS)])],
    complaintRateLimitPerMinute: int(env.COMPLAINT_RATE_LIMIT, 5),
    rectificationDays: int(env.RECTIFICATION_DAYS, 15),
    supplementAbandonDays: int(env.SUPPLEMENT_ABANDON_DAYS, 60),
    recordsKey: env.RECORDS_KEY || undefined,
    recordsKeyFile: env.RECORDS_KEY_FILE || undefined,
    webhookAllowPrivate: ["on", "true", "1"].includes(env.WEBHOOK_ALLOW_PRIVATE ?? ""),
    webhookTimeoutMs: int(env.WEBHOOK_TIMEOUT_MS, 10_000),
    webhookBackoffMs: int(env.WEBHOOK_BACKOFF_MS, 30_000),
    webhookMaxAttempts: int(env.WEBHOOK_MAX_ATTEMPTS, 12),
    webhookIntervalMs: int(env.WEBHOOK_INTERVAL_MS, 5_000),
    ...overrides,
  };
  // The records key's file goes with the database: data/bianmin.records-key beside data/bianmin.sqlite.
  const keyFile = config.databaseUrl?.startsWith("postgres")
    ? path.join(repoRoot, "data", "bianmin-postgres.records-key")
    : path.join(path.dirname(config.sqlitePath), `${path.basename(config.sqlitePath, path.extname(config.sqlitePath))}.records-key`);
  return { ...config, recordsKeyFile: config.recordsKeyFile ?? keyFile };
}
