// Shared by the benchmarks of run.mjs: settings, pinned child servers, autocannon rounds, medians, and the
// cached big database (generated once per N, migration list and generator, under data/bench/).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
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

export function start(script, env, readyPattern) {
  const command = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", "0", process.execPath, script] : [script];
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
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
export const freePort = () => 4500 + Math.floor(Math.random() * 400) * 2;

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
  return file;
}

/** A private copy of a database file for a run that writes (servers are stopped before it is removed). */
export function copyDb(source, target) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.copyFileSync(source, target);
  return target;
}

export const removeDb = (file) => ["", "-wal", "-shm"].forEach((suffix) => fs.rmSync(file + suffix, { force: true }));
