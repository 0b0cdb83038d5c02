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

console.log(`bench:multi on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}); load average before: ${loadAverage()}`);
await ensureDatabase(DATABASE_URL, { fresh: true });
const cluster = await startCluster({ processes: 2, databaseUrl: DATABASE_URL, quiet: true, env: { PUBLIC_RATE_LIMIT: "100000000", LOGIN_RATE_LIMIT: "100000" } });
try {
  const one = await cluster.addProxy([0]);
  const two = cluster.url;
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
    return { ...req, method: "POST", path: "/graphql", headers: tokenHeaders, body: JSON.stringify({ query: REGISTER, ...registration(fixtures, `multi-${process.pid}-${n++}`) }) };
  }
  async function round(url, seconds = SECONDS) {
    const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests: [{ setupRequest: next }] });
    if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, load: os.loadavg()[0] };
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
      console.log(`  round ${i}, ${p} process${p > 1 ? "es" : ""}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; load average ${r.load.toFixed(2)}`);
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
} finally {
  await cluster.stop();
}
