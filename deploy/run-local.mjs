#!/usr/bin/env node
// node deploy/run-local.mjs [--processes N] [--port P] [--fresh]
//
// N Bianmin API processes (default 2) on one PostgreSQL database and one Redis, nginx in front (Debian's
// nginx: apt-get install -y nginx-light), all in the foreground: Ctrl-C stops everything. nginx runs as a
// non-daemon with its configuration, pid and logs in a temp directory (no system service is touched).
//
//   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/bianmin_local (created when missing; --fresh drops it first)
//   REDIS_URL     default redis://127.0.0.1:6379
//   RECORDS_KEY   the records key of that database (64 hex); without it a new one is made, so keep it for a second start
//
// Needs the built server and SPA (npm run build).
import { randomBytes } from "node:crypto";
import { ensureDatabase, startCluster } from "./cluster.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const processes = Number(option("processes", 2));
const port = Number(option("port", 8080));
if (!Number.isInteger(processes) || processes < 1 || processes > 16) throw new Error("--processes: 1 to 16");
const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/bianmin_local";
await ensureDatabase(databaseUrl, { fresh: args.includes("--fresh") });
const recordsKey = process.env.RECORDS_KEY || randomBytes(32).toString("hex");
if (!process.env.RECORDS_KEY) console.log(`RECORDS_KEY not set: this run uses a new key. For a second start on the same database:\n  export RECORDS_KEY=${recordsKey}\n(a database sealed with another key refuses to start; --fresh starts over)`);
const cluster = await startCluster({ processes, databaseUrl, port, env: { RECORDS_KEY: recordsKey }, workers: "auto" });
console.log(`\nBianmin: ${processes} API process(es) behind nginx at ${cluster.url}  (GraphQL ${cluster.url}/graphql)`);
for (const p of cluster.processes) console.log(`  api ${p.index + 1}: pid ${p.child.pid}, http://127.0.0.1:${p.port}`);
console.log(`  nginx: pid ${cluster.nginxPid()}, logs in ${cluster.temp}\nCtrl-C stops them all.`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    await cluster.stop();
    process.exit(0);
  });
}
