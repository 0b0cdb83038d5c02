// npm run soak [-- SECONDS]     (default 600: ten minutes; e.g. `npm run soak -- 60` for a quick check)
//
// Two API processes behind nginx (deploy/cluster.mjs) on a fresh PostgreSQL database (SOAK_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/bianmin_soak) and Redis (REDIS_URL), under a steady mix:
//   - registrations through an API token, each with its idempotency key and external reference; after a
//     connection error, a 502/503/504 or an INTERNAL error the client retries with the same key and input, as an
//     integrator would (docs/integrations.md), until it has an answer;
//   - reads (guide search, a registered case by number);
//   - a live subscription (windowQueueChanged C01 as the clerk c01, through nginx's WebSocket upgrade), reconnected
//     when its process goes away;
//   - every 15 s a few registered cases are made 20 days old (receivedOn; not part of the sealed record), so that
//     the scheduler of either process (ticking every second here) deems them accepted (art. 32).
// At 40 % of the run process 1 is killed with SIGKILL and started again 5 s later.
// Then it checks, and exits 1 if any fails: every acknowledged registration is in the database; each key has
// exactly one case (none twice, none for a key that never got an answer beyond the one it may have committed);
// each aged case deemed accepted exactly once (no duplicate deemed act); `npm run verify` passes on the database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createClient } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { ensureDatabase, root, startCluster } from "../../deploy/cluster.mjs";
import { GUIDE, READ, REGISTER, gql, loadAverage, registration, workloadFixtures } from "./cluster-workload.mjs";

const SECONDS = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 600);
if (!Number.isFinite(SECONDS) || SECONDS < 20) throw new Error("usage: npm run soak [-- SECONDS ≥ 20]");
const DATABASE_URL = process.env.SOAK_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/bianmin_soak";
const REGISTER_WORKERS = 4;
const READ_WORKERS = 2;
const KILL_AT = SECONDS * 0.4;
const RESTART_AFTER = 5;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const t0 = Date.now();
const now = () => (Date.now() - t0) / 1000;
const log = (line) => console.log(`[soak ${now().toFixed(1).padStart(6)} s] ${line}`);

console.log(`soak: ${SECONDS} s, 2 API processes behind nginx, ${DATABASE_URL.replace(/\/\/[^@]*@/, "//…@")}; load average ${loadAverage()}`);
await ensureDatabase(DATABASE_URL, { fresh: true });
const cluster = await startCluster({ processes: 2, databaseUrl: DATABASE_URL, quiet: true, env: { SCHEDULER_INTERVAL_MS: "1000", PUBLIC_RATE_LIMIT: "100000000", LOGIN_RATE_LIMIT: "100000" } });
const url = cluster.url;
const fixtures = await workloadFixtures(url, DATABASE_URL);
const db = new pg.Client({ connectionString: DATABASE_URL });
await db.connect();
log(`cluster at ${url}: api pids ${cluster.processes.map((p) => p.child.pid).join(", ")}; item ${fixtures.item}; the load starts now`);
const loadStart = now();

const stats = {
  registrations: { requests: 0, acknowledged: 0, retries: 0, errors: {}, refused: 0, inFlight: 0 },
  reads: { requests: 0, ok: 0, errors: {} },
  errorsByPhase: { beforeKill: 0, killWindow: 0, afterRestart: 0 },
  live: { events: 0, connects: 0, closes: 0, eventsAfterRestart: 0 },
};
const acknowledged = new Map(); // key → case number
const keysTried = new Set();
const retriedKeys = new Set();
const gaveUp = new Set();
let killedAt = null, restartedAt = null;
let running = true;

function errorKind(kind) {
  if (killedAt === null) stats.errorsByPhase.beforeKill++;
  else if (restartedAt === null || now() < restartedAt + 5) stats.errorsByPhase.killWindow++;
  else stats.errorsByPhase.afterRestart++;
  return kind;
}
const bump = (map, kind) => (map[kind] = (map[kind] ?? 0) + 1);

/** One registration to the end: retried with the same key and input until the server answers it. */
async function register(key) {
  const variables = registration(fixtures, key);
  keysTried.add(key);
  for (let attempt = 1; ; attempt++) {
    stats.registrations.requests++;
    let kind;
    stats.registrations.inFlight++;
    try {
      const { status, body } = await gql(url, REGISTER, variables, fixtures.token).finally(() => stats.registrations.inFlight--);
      const answer = body?.data?.registerCase;
      if (status === 200 && answer?.case?.number) {
        acknowledged.set(key, answer.case.number);
        stats.registrations.acknowledged++;
        return;
      }
      if (status === 200 && answer?.userErrors?.length) {
        // A refusal is an answer (nothing written); none is expected here.
        stats.registrations.refused++;
        bump(stats.registrations.errors, `refused:${answer.userErrors[0].reason}`);
        return;
      }
      kind = `http ${status}${body?.errors?.[0]?.extensions?.code ? ` ${body.errors[0].extensions.code}` : ""}`;
    } catch (error) {
      kind = error.name === "TimeoutError" ? "timeout" : `connection: ${error.cause?.code ?? error.message}`;
    }
    bump(stats.registrations.errors, errorKind(kind));
    if (attempt >= 60) {
      gaveUp.add(key);
      return;
    }
    stats.registrations.retries++;
    retriedKeys.add(key);
    await sleep(Math.min(2000, 100 * attempt));
  }
}

async function registerLoop(worker) {
  for (let n = 1; running; n++) await register(`soak-${worker}-${n}`);
}

async function readLoop(worker) {
  for (let n = 0; running; n++) {
    stats.reads.requests++;
    try {
      const numbers = [...acknowledged.values()];
      const { status, body } = n % 2 === 0 || !numbers.length
        ? await gql(url, GUIDE, { search: worker % 2 ? "营业执照" : "hjzm" })
        : await gql(url, READ, { number: numbers[Math.floor(Math.random() * numbers.length)] }, fixtures.token);
      if (status === 200 && body?.data && !body.errors) stats.reads.ok++;
      else bump(stats.reads.errors, errorKind(`http ${status}`));
    } catch (error) {
      bump(stats.reads.errors, errorKind(`connection: ${error.cause?.code ?? error.message}`));
      await sleep(100);
    }
  }
}

/** The live subscription, through nginx; graphql-ws reconnects (and subscribes again) when its process dies. */
function liveSubscription() {
  const headers = { cookie: fixtures.clerkCookie, origin: url };
  class CookieSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: CookieSocket,
    retryAttempts: 1000,
    shouldRetry: () => true,
    retryWait: () => sleep(500),
    on: { connected: () => stats.live.connects++, closed: () => stats.live.closes++ },
  });
  const stop = client.subscribe(
    { query: `subscription { windowQueueChanged(windowCode: "C01") { caseNumber at } }` },
    {
      next: () => {
        stats.live.events++;
        if (restartedAt !== null && now() > restartedAt) stats.live.eventsAfterRestart++;
      },
      error: (error) => log(`live subscription error: ${JSON.stringify(error).slice(0, 200)}`),
      complete: () => undefined,
    },
  );
  return async () => {
    stop();
    await client.dispose();
  };
}

/** Every 15 s: up to 10 registered, untouched cases of the run become 20 days old, for the scheduler to deem accepted. */
const aged = new Set();
async function ageLoop() {
  while (running) {
    await sleep(15_000);
    if (!running) break;
    try {
      const rows = (await db.query(`UPDATE case_file SET "receivedOn" = to_char(CURRENT_DATE - 20, 'YYYY-MM-DD')
        WHERE id IN (SELECT c.id FROM case_file c JOIN token_case_ref r ON r."caseId" = c.id WHERE c.status = 'REGISTERED' AND c."receivedOn" >= to_char(CURRENT_DATE, 'YYYY-MM-DD') ORDER BY c.id LIMIT 10)
        RETURNING id`)).rows;
      for (const r of rows) aged.add(Number(r.id));
    } catch (error) {
      log(`ageing failed: ${error.message}`);
    }
  }
}

const stopLive = liveSubscription();
const loops = [
  ...Array.from({ length: REGISTER_WORKERS }, (_, i) => registerLoop(i + 1)),
  ...Array.from({ length: READ_WORKERS }, (_, i) => readLoop(i + 1)),
  ageLoop(),
];
const progress = setInterval(() => log(`registrations ${stats.registrations.acknowledged} acknowledged / ${stats.registrations.requests} requests, reads ${stats.reads.ok}, live events ${stats.live.events}, aged ${aged.size}; load ${loadAverage()}`), 30_000);

// The kill: SIGKILL process 1 mid-run, start it again 5 s later.
await sleep(KILL_AT * 1000);
const victim = cluster.processes[0];
const inFlightBefore = stats.registrations.inFlight;
killedAt = now();
log(`kill -9 api 1 (pid ${victim.child.pid})`);
await cluster.kill(0, "SIGKILL");
await sleep(RESTART_AFTER * 1000);
log("starting api 1 again");
await cluster.start(0);
restartedAt = now();
log(`api 1 is back (pid ${victim.child.pid}) after ${(restartedAt - killedAt).toFixed(1)} s`);

await sleep(Math.max(0, (loadStart + SECONDS - now()) * 1000));
running = false;
log("stopping the load; finishing registrations in progress (retries included)");
await Promise.all(loops);
clearInterval(progress);

// The scheduler's last word on the aged cases (ticks every second in each process).
const agedIds = [...aged];
const deadline = Date.now() + 30_000;
const deemedCount = async () => (agedIds.length ? Number((await db.query(`SELECT count(DISTINCT "caseId") AS n FROM case_event WHERE type = 'DEEMED_ACCEPTANCE' AND "caseId" = ANY($1)`, [agedIds])).rows[0].n) : 0);
while ((await deemedCount()) < agedIds.length && Date.now() < deadline) await sleep(500);
await sleep(2500); // a few more ticks in both processes, with nothing left to do
await stopLive();
await cluster.stop();
const outputs = cluster.processes.map((p) => p.output);

// ---- checks ----
const q = async (sql, params = []) => (await db.query(sql, params)).rows;
const keys = [...keysTried];
const numbers = [...acknowledged.values()];
const present = Number((await q(`SELECT count(*) AS n FROM case_file WHERE number = ANY($1)`, [numbers]))[0].n);
const lost = numbers.length - present;
const refs = await q(`SELECT r."externalRef" AS ref, count(*) AS n, min(c.number) AS number FROM token_case_ref r JOIN case_file c ON c.id = r."caseId" GROUP BY r."externalRef"`);
const refCount = new Map(refs.map((r) => [r.ref, Number(r.n)]));
const duplicateKeys = refs.filter((r) => Number(r.n) > 1).length;
const idempotencyDuplicates = Number((await q(`SELECT count(*) AS n FROM (SELECT actor, key FROM idempotency_record GROUP BY actor, key HAVING count(*) > 1) d`))[0].n);
const casesTotal = Number((await q(`SELECT count(*) AS n FROM case_file c JOIN token_case_ref r ON r."caseId" = c.id`))[0].n);
const wrongCase = [...acknowledged].filter(([key, number]) => refs.find((r) => r.ref === `ext-${key}`)?.number !== number).length;
const retriedWithOneCase = [...retriedKeys].filter((k) => acknowledged.has(k) && refCount.get(`ext-${k}`) === 1).length;
const unanswered = keys.filter((k) => !acknowledged.has(k));
const unansweredWithCase = unanswered.filter((k) => refCount.get(`ext-${k}`)).length;
const casesWithoutKey = casesTotal - [...refCount.keys()].filter((ref) => keysTried.has(ref.slice(4))).length;
const deemedDuplicates = Number((await q(`SELECT count(*) AS n FROM (SELECT "caseId" FROM case_event WHERE type = 'DEEMED_ACCEPTANCE' GROUP BY "caseId" HAVING count(*) > 1) d`))[0].n);
const deemed = await deemedCount();
const deemedDecisionsTwice = Number((await q(`SELECT count(*) AS n FROM (SELECT "caseId" FROM decision GROUP BY "caseId" HAVING count(*) > 1) d`))[0].n);
const sweeps = outputs.map((o) => /\[scheduler\] stopped: (\d+) sweeps, (\d+) skipped/.exec(o)).map((m) => (m ? { sweeps: Number(m[1]), skipped: Number(m[2]) } : null));
const deemedLogged = outputs.map((o) => [...o.matchAll(/deemed acceptance (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0));
await db.end();

let verify;
try {
  verify = { ok: true, line: execFileSync(process.execPath, [path.join(root, "server/dist/server/src/modules/records/verify-cli.js")], { env: { ...process.env, DATABASE_URL, RECORDS_KEY: cluster.recordsKey }, encoding: "utf8" }).trim().split("\n").pop() };
} catch (error) {
  verify = { ok: false, line: String(error.stdout ?? error.message).trim().split("\n").slice(-3).join(" / ") };
}

const elapsed = now();
const result = {
  seconds: SECONDS,
  loadAverageAtEnd: loadAverage(),
  killAt: killedAt - loadStart,
  restartedAfter: restartedAt - killedAt,
  inFlightRegistrationsAtKill: inFlightBefore,
  registrations: { ...stats.registrations, keys: keys.length, perSecond: stats.registrations.acknowledged / SECONDS, retriedKeys: retriedKeys.size, retriedWithOneCase, gaveUp: gaveUp.size, unanswered: unanswered.length, unansweredWithCase },
  reads: { ...stats.reads, perSecond: stats.reads.ok / SECONDS },
  errorsByPhase: stats.errorsByPhase,
  live: stats.live,
  checks: { lost, wrongCase, duplicateKeys, idempotencyDuplicates, casesWithoutKey, agedCases: agedIds.length, deemedOnce: deemed, deemedDuplicates, decisionsTwice: deemedDecisionsTwice, verify },
  scheduler: { processes: sweeps, deemedAcceptanceLogged: deemedLogged },
};
const out = path.join(root, "data/bench", `soak-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2));

const r = result.registrations;
console.log(`\n==== soak: ${SECONDS} s (${elapsed.toFixed(0)} s with start and checks), 2 API processes behind nginx; load average at the end ${result.loadAverageAtEnd}`);
console.log(`registrations: ${r.acknowledged} acknowledged (${r.perSecond.toFixed(1)}/s) of ${r.keys} keys, ${r.requests} requests, ${r.retries} retries of ${r.retriedKeys} keys, ${r.refused} refused, ${r.gaveUp} given up`);
console.log(`  errors: ${JSON.stringify(r.errors)}; by phase: before the kill ${result.errorsByPhase.beforeKill}, kill → restart + 5 s ${result.errorsByPhase.killWindow}, after ${result.errorsByPhase.afterRestart}`);
console.log(`reads: ${stats.reads.ok} ok (${result.reads.perSecond.toFixed(1)}/s) of ${stats.reads.requests}, errors ${JSON.stringify(stats.reads.errors)}`);
console.log(`live: ${stats.live.events} events (${stats.live.eventsAfterRestart} after the restart), ${stats.live.connects} connects, ${stats.live.closes} closes`);
console.log(`kill -9 of api 1 at ${result.killAt.toFixed(1)} s of the load (${result.inFlightRegistrationsAtKill} registrations in flight across both processes), back after ${result.restartedAfter.toFixed(1)} s`);
const checks = [
  ["acknowledged registrations missing from the database (lost)", lost, 0],
  ["acknowledged registrations whose key holds another case", wrongCase, 0],
  ["keys with more than one case (duplicates)", duplicateKeys, 0],
  ["idempotency records twice for one key", idempotencyDuplicates, 0],
  ["cases of the token without a key of this run", casesWithoutKey, 0],
  ["retried keys, answered, with exactly one case", retriedWithOneCase, [...retriedKeys].filter((k) => acknowledged.has(k)).length],
  ["aged cases deemed accepted (each once)", deemed, agedIds.length],
  ["cases deemed accepted more than once", deemedDuplicates, 0],
  ["cases with two decisions", deemedDecisionsTwice, 0],
];
let failed = 0;
for (const [what, got, want] of checks) {
  const ok = got === want;
  if (!ok) failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}: ${got}${ok ? "" : ` (expected ${want})`}`);
}
console.log(`  ${verify.ok ? "ok  " : "FAIL"} npm run verify: ${verify.line}`);
if (!verify.ok) failed++;
if (!stats.live.eventsAfterRestart) {
  failed++;
  console.log("  FAIL the live subscription heard nothing after the restart");
}
console.log(`scheduler: sweeps/skipped (lock held by the other) per surviving process: ${JSON.stringify(sweeps)}; deemed acceptances logged per process ${JSON.stringify(deemedLogged)} (process 1's log restarts with it)`);
console.log(`figures written to ${path.relative(root, out)}`);
process.exit(failed ? 1 : 0);
