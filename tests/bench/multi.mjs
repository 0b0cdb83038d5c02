// npm run bench:multi — throughput of one and of two API processes behind nginx, on PostgreSQL and Redis.
//
// Two API processes (the built server) on a fresh database (MULTI_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/bianmin_multi) and Redis (REDIS_URL), with two nginx in front
// (deploy/cluster.mjs): one over process 1 only, one over both. Rounds alternate between them (1, 2, 2, 1, …), so
// both see the same database, warm processes and the same neighbours on the machine; medians of MULTI_ROUNDS
// (default 3) rounds of MULTI_SECONDS (default 10) with MULTI_CONNECTIONS (default 16) connections.
// The mix per request (autocannon, closed loop): 60 % guide search (anonymous), 25 % a registered case by number
// (API token, cases:read), 15 % registerCase (API token, cases:write, a new idempotency key and external reference
// each). Prints req/s, p50, p99, the ratio 2 ÷ 1 and the load average after each round; nothing is pinned to a core.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { ensureDatabase, startCluster } from "../../deploy/cluster.mjs";
import { GUIDE, READ, REGISTER, gql, loadAverage, registration, workloadFixtures } from "./cluster-workload.mjs";

const ROUNDS = Number(process.env.MULTI_ROUNDS ?? 3);
const SECONDS = Number(process.env.MULTI_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.MULTI_CONNECTIONS ?? 16);
const DATABASE_URL = process.env.MULTI_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/bianmin_multi";
const MIX = { guide: 0.6, read: 0.25, register: 0.15 };
const TICK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU time (user + system) of a process, or of a list of processes, in ms; 0 for one that is gone. */
function cpuMs(pids) {
  if (Array.isArray(pids)) return pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  try {
    const fields = fs.readFileSync(`/proc/${pids}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK;
  } catch {
    return 0;
  }
}
/** The processes whose parent is `pid` (nginx's workers). */
function childrenOf(pid) {
  return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(pid);
    } catch {
      return false;
    }
  }).map(Number);
}
/** PostgreSQL's backend processes serving the benchmark's database (same machine). */
async function backends() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const pids = (await db.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")).rows.map((r) => r.pid);
  await db.end();
  return pids;
}

console.log(`bench:multi on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); load average before: ${loadAverage()}`);
await ensureDatabase(DATABASE_URL, { fresh: true });
const cluster = await startCluster({ processes: 2, databaseUrl: DATABASE_URL, quiet: true, env: { PUBLIC_RATE_LIMIT: "100000000", LOGIN_RATE_LIMIT: "100000" } });
try {
  const proxyOne = await cluster.addProxy([0]);
  const one = proxyOne.url;
  const two = cluster.url;
  const apiPids = cluster.processes.map((p) => p.child.pid);
  const nginxPids = { [one]: [proxyOne.pid, ...childrenOf(proxyOne.pid)], [two]: [cluster.nginxPid(), ...childrenOf(cluster.nginxPid())] };
  const fixtures = await workloadFixtures(two, DATABASE_URL);
  // Cases to read: a few registered first (through each proxy).
  const numbers = [];
  for (let i = 0; i < 20; i++) {
    const { body } = await gql(i % 2 ? one : two, REGISTER, registration(fixtures, `multi-seed-${i}`), fixtures.token);
    const number = body?.data?.registerCase?.case?.number;
    if (!number) throw new Error(`registerCase: ${JSON.stringify(body)}`);
    numbers.push(number);
  }
  const guideBody = JSON.stringify({ query: GUIDE, variables: { search: "营业执照" } });
  const tokenHeaders = { "content-type": "application/json", ...fixtures.token };
  const anonymousHeaders = { "content-type": "application/json" };
  let n = 0;
  const counts = { guide: 0, read: 0, register: 0 };
  /** One request of the mix, drawn at random with the shares of MIX. */
  function next(req) {
    const r = Math.random();
    if (r < MIX.guide) {
      counts.guide++;
      return { ...req, method: "POST", path: "/graphql", headers: anonymousHeaders, body: guideBody };
    }
    if (r < MIX.guide + MIX.read) {
      counts.read++;
      return { ...req, method: "POST", path: "/graphql", headers: tokenHeaders, body: JSON.stringify({ query: READ, variables: { number: numbers[n++ % numbers.length] } }) };
    }
    counts.register++;
    return { ...req, method: "POST", path: "/graphql", headers: tokenHeaders, body: JSON.stringify({ query: REGISTER, variables: registration(fixtures, `multi-${process.pid}-${n++}`) }) };
  }
  async function round(url, seconds = SECONDS) {
    const bad = [];
    const pgPids = await backends();
    const before = { api: apiPids.map(cpuMs), nginx: cpuMs(nginxPids[url]), pg: new Map(pgPids.map((pid) => [pid, cpuMs(pid)])), load: process.cpuUsage() };
    const onResponse = (status, body) => status >= 300 && bad.length < 3 && bad.push(`${status} ${String(body).slice(0, 300)}`);
    const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 30, requests: [{ setupRequest: next, onResponse }] });
    if (bad.length) console.log(`  non-2xx answers: ${JSON.stringify(result.statusCodeStats)}; e.g. ${bad.join(" | ")}`);
    if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    const pgAfter = [...new Set([...pgPids, ...(await backends())])];
    const generator = process.cpuUsage(before.load);
    const total = result.requests.total;
    const cpu = {
      api: apiPids.map((pid, i) => (cpuMs(pid) - before.api[i]) / total),
      nginx: (cpuMs(nginxPids[url]) - before.nginx) / total,
      // per backend: one that ended during the round counts 0 (not negative); one that began counts from 0
      pg: pgAfter.reduce((sum, pid) => sum + Math.max(0, cpuMs(pid) - (before.pg.get(pid) ?? 0)), 0) / total,
      generator: (generator.user + generator.system) / 1000 / total,
    };
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, load: os.loadavg()[0], cpu };
  }
  const registeredBefore = async () => {
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    const n = Number((await db.query("SELECT count(*) AS n FROM token_case_ref")).rows[0].n);
    await db.end();
    return n;
  };
  const before = await registeredBefore();
  console.log(`warming both (3 s each) …`);
  await round(one, 3);
  await round(two, 3);
  const runs = { 1: [], 2: [] };
  Object.keys(counts).forEach((k) => (counts[k] = 0));
  for (let i = 1; i <= ROUNDS; i++) {
    for (const p of i % 2 ? [1, 2] : [2, 1]) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const r = await round(p === 1 ? one : two);
      runs[p].push(r);
      console.log(`  round ${i}, ${p} process${p > 1 ? "es" : ""}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; load average ${r.load.toFixed(2)}; CPU ms per request: API ${r.cpu.api.map((c) => c.toFixed(2)).join(" + ")}, nginx ${r.cpu.nginx.toFixed(2)}, PostgreSQL ${r.cpu.pg.toFixed(2)}, load generator ${r.cpu.generator.toFixed(2)}`);
    }
  }
  const registered = (await registeredBefore()) - before;
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const summary = (list) => ({ rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), load: median(list.map((r) => r.load)) });
  const s1 = summary(runs[1]), s2 = summary(runs[2]);
  const total = counts.guide + counts.read + counts.register;
  console.log(`\n[multi] the mix through nginx, ${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians`);
  console.log(`  requests sent in the measured rounds: ${total} (guide ${(100 * counts.guide / total).toFixed(0)} %, case reads ${(100 * counts.read / total).toFixed(0)} %, registrations ${(100 * counts.register / total).toFixed(0)} %); cases registered during warm-up and rounds: ${registered}`);
  console.log(`  1 process:   ${s1.rps.toFixed(0)} req/s, p50 ${s1.p50} ms, p99 ${s1.p99} ms (load average ${s1.load.toFixed(2)})`);
  console.log(`  2 processes: ${s2.rps.toFixed(0)} req/s, p50 ${s2.p50} ms, p99 ${s2.p99} ms (load average ${s2.load.toFixed(2)})`);
  console.log(`  ratio 2 ÷ 1: ${(s2.rps / s1.rps).toFixed(2)}   (${os.cpus().length} cores shared by nginx, PostgreSQL, Redis, the load generator and whatever else runs)`);
  // What the CPU per request says a quiet machine would do: one process is bound by its own core; two by both cores,
  // which every part of a request shares (API, nginx, PostgreSQL, the load generator; Redis is small).
  const cpu = (list, f) => median(list.map(f));
  const api1 = cpu(runs[1], (r) => r.cpu.api[0]);
  const all2 = cpu(runs[2], (r) => r.cpu.api[0] + r.cpu.api[1] + r.cpu.nginx + r.cpu.pg + r.cpu.generator);
  const all1 = cpu(runs[1], (r) => r.cpu.api[0] + r.cpu.api[1] + r.cpu.nginx + r.cpu.pg + r.cpu.generator);
  const quiet1 = Math.min(1000 / api1, (1000 * os.cpus().length) / all1), quiet2 = Math.min(2000 / cpu(runs[2], (r) => Math.max(r.cpu.api[0], r.cpu.api[1]) * 2), (1000 * os.cpus().length) / all2);
  console.log(`  CPU per request (medians): 1 process: API ${api1.toFixed(2)} ms, everything ${all1.toFixed(2)} ms; 2 processes: everything ${all2.toFixed(2)} ms`);
  console.log(`  on a quiet ${os.cpus().length}-core machine that bounds 1 process at ≈${quiet1.toFixed(0)} req/s and 2 at ≈${quiet2.toFixed(0)} req/s: ratio ≈${(quiet2 / quiet1).toFixed(2)}`);
} finally {
  await cluster.stop();
}
