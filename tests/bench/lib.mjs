// Shared by the benchmarks of run.mjs: settings, pinned child servers, autocannon rounds, medians, the same-SQL
// check (statement shapes, SQLite's plans; PostgreSQL's plans are in pg-lib.mjs), and the cached big SQLite database
// (generated once per N, migration list and generator, under data/bench/).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
export const CONNECTIONS = 10;
export const PASSWORD = "bianmin2026";

export const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return true;
  } catch {
    return false;
  }
})();

/** This process and the load generator on core 1; servers go to core 0. */
export function pinSelf() {
  if (hasTaskset) execFileSync("taskset", ["-pc", "1", String(process.pid)], { stdio: "ignore" });
}

const children = new Set();
process.on("exit", () => children.forEach((child) => child.kill("SIGKILL"))); // no server outlives a failed run

export function start(script, env, readyPattern, nodeArgs = []) {
  const command = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", "0", process.execPath, ...nodeArgs, script] : [...nodeArgs, script];
  // Every server of a run (the stack and its baselines alike) runs with NODE_ENV=production, as npm start does.
  const child = spawn(command, args, { env: { ...process.env, NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 120_000);
    const done = () => {
      clearTimeout(timer);
      resolve(child);
    };
    child.on("message", (m) => m === "ready" && done());
    child.stdout.on("data", (chunk) => readyPattern && readyPattern.test(String(chunk)) && done());
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** Stops a child and waits until it has closed its database. */
export function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

export const stackEnv = (sqlitePath, port) => ({ SQLITE_PATH: sqlitePath, PORT: String(port), PUBLIC_RATE_LIMIT: "100000000", DATABASE_URL: "" });
/** `n` ports that are free now: the system hands them out (listen on port 0), so a running server is never hit. */
export async function freePorts(n) {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise((resolve, reject) => {
      const server = net.createServer().once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Resident memory of a running process (Linux /proc), in MiB. */
export function rssMiB(pid) {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

/**
 * Statement tracing, for the check that the stack and its baseline run the same SQL: both servers
 * append each statement's text to their SQL_TRACE_FILE (the stack through its TypeORM logger,
 * data-source.ts; the bare handlers through traceDb) until SIGUSR2 turns tracing off for the load.
 */
export function traceDb(db) {
  let file = process.env.SQL_TRACE_FILE || null;
  if (!file) return db;
  process.once("SIGUSR2", () => (file = null));
  const log = (source) => file && fs.appendFileSync(file, `${source.replace(/\s+/g, " ").trim()}\n`);
  const prepare = db.prepare.bind(db);
  db.prepare = (source) => {
    const statement = prepare(source);
    for (const method of ["run", "get", "all"]) {
      const original = statement[method].bind(statement);
      statement[method] = (...args) => (log(source), original(...args));
    }
    return statement;
  };
  const exec = db.exec.bind(db);
  db.exec = (source) => (log(source), exec(source));
  return db;
}

/**
 * A statement's shape: its text with whitespace collapsed and every value a placeholder, since the stack
 * (TypeORM) writes some numbers into the text (ids, IN lists, LIMIT) where the baseline binds them. Placeholders
 * are SQLite's \`?\` or PostgreSQL's \`$1\`, \`$2\` … (TypeORM on PostgreSQL binds values as $n).
 * String literals stay: \`status IN ('REGISTERED', …)\` and \`status IN (?, ?, …)\` differ, and so do their plans.
 */
export const shapeOf = (sql) =>
  sql
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\$\d+|(?<![\w"'.])\d+(?![\w"'])|\?/g, "#")
    .replace(/#(, #)+/g, "#…")
    .replace(/"(\w+)"\."id" = # OR ("\1"\."id" = # OR )*"\1"\."id" = #/g, '"$1"."id" = #…');

const readTrace = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : []);

/**
 * The statements one request ran on each server (traced into `files.stack` and `files.bare`), required to have
 * the same shapes in the same order; throws with both statements printed at the first difference.
 */
export function sameShapes(name, files) {
  const stack = readTrace(files.stack), bare = readTrace(files.bare);
  if (!stack.length) throw new Error(`${name}: the stack traced no SQL (SQL_TRACE_FILE)`);
  const a = stack.map(shapeOf), b = bare.map(shapeOf);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) throw new Error(`${name}: the baseline does not run the stack's SQL; statement ${i + 1} of ${a.length} (stack) / ${b.length} (bare):\n  stack: ${stack[i] ?? "(none)"}\n  bare:  ${bare[i] ?? "(none)"}`);
  }
  return { stack, bare };
}

/**
 * Compares the statements one request ran on each server, shape by shape in order (sameShapes), and the query
 * plans of each (EXPLAIN QUERY PLAN on `dbFile`, values bound as NULL). Throws (the bench refuses to report) when
 * they differ; returns the plans to print. PostgreSQL: samePgSql in pg-lib.mjs.
 */
export function sameSql(name, files, dbFile, Database) {
  const { stack, bare } = sameShapes(name, files);
  const db = new Database(dbFile, { readonly: true });
  const plans = [];
  try {
    for (let i = 0; i < stack.length; i++) {
      if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)/i.test(stack[i])) continue;
      const plan = (sql) => {
        const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
        const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
        return statement.all(...params).map((r) => r.detail).join("; ");
      };
      const [p, q] = [plan(stack[i]), plan(bare[i])];
      if (p !== q) throw new Error(`${name}: statement ${i + 1} has another query plan in the baseline:\n  ${stack[i]}\n  stack: ${p}\n  bare:  ${q}`);
      plans.push({ sql: stack[i], plan: p });
    }
  } finally {
    db.close();
  }
  return { statements: stack.length, plans };
}

export async function post(url, body, headers = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return response.json();
}

/** Logs in through the stack; the session cookie works for the bare handlers too (same session table). */
export async function login(url, username) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { staff { id } userErrors { message } } }`, variables: { i: { username, password: PASSWORD } } }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login as ${username} failed: ${await response.text()}`);
  return cookie;
}

/** One closed-loop round; `body` is fixed, or `nextBody()` makes a fresh one per request. */
export async function load(url, { body, nextBody, headers = {}, seconds = SECONDS }) {
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    headers: { "content-type": "application/json", ...headers },
    ...(nextBody ? { requests: [{ method: "POST", setupRequest: (req) => ({ ...req, body: nextBody() }) }] } : { body }),
  });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result["2xx"] };
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const summarize = (list) => ({ rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) });

/**
 * The N-case SQLite database, generated once by the seed CLI and kept under data/bench/, keyed by N, the
 * migration list and the generator's code (a change to either makes a new one; older ones are removed).
 */
export function cachedCasesDb(n) {
  const migrations = fs.readdirSync(path.join(root, "migrations/sqlite")).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
  const hash = createHash("sha256").update(JSON.stringify({ n, seed: 42, migrations }));
  for (const file of ["historical-cases.js", "case-loader.js", "cases-cli.js"]) hash.update(fs.readFileSync(path.join(root, "server/dist/server/src/seed", file)));
  const key = hash.digest("hex").slice(0, 12);
  const dir = path.join(root, "data/bench");
  const file = path.join(dir, `cases-${n}-${key}.sqlite`);
  if (fs.existsSync(file)) {
    if (fs.existsSync(`${file}.records-key`) && !fs.existsSync(keyFileOf(file))) fs.renameSync(`${file}.records-key`, keyFileOf(file)); // cached before the key moved with it
    console.log(`reusing the cached ${n.toLocaleString("en")}-case database ${path.relative(root, file)} (${(fs.statSync(file).size / 2 ** 30).toFixed(2)} GiB)`);
    return file;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir).filter((f) => f.startsWith(`cases-${n}-`))) fs.rmSync(path.join(dir, old));
  const part = `${file}.part`;
  console.log(`generating the ${n.toLocaleString("en")}-case database once (cached as ${path.relative(root, file)})`);
  execFileSync(process.execPath, [path.join(root, "server/dist/server/src/seed/cases-cli.js"), "--cases", String(n), "--db", part, "--seed", "42"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: "" },
  });
  fs.renameSync(part, file);
  if (fs.existsSync(keyFileOf(part))) fs.renameSync(keyFileOf(part), keyFileOf(file));
  return file;
}

/** A private copy of a database file for a run that writes (servers are stopped before it is removed). */
export function copyDb(source, target) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.copyFileSync(source, target);
  // Its records key goes with it (the server refuses a sealed database without the key that sealed it).
  if (fs.existsSync(keyFileOf(source))) fs.copyFileSync(keyFileOf(source), keyFileOf(target));
  return target;
}

/** The records key file next to a SQLite file, as the server's config names it. */
export const keyFileOf = (file) => path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.records-key`);

export const removeDb = (file) => [...["", "-wal", "-shm"].map((suffix) => file + suffix), keyFileOf(file)].forEach((f) => fs.rmSync(f, { force: true }));
