// npm run bench:scale (or BENCH_ONLY=scale): issue 11 §3, flat latency at 10 million cases. The real server (Express +
// Apollo + type-graphql + TypeORM, server/dist) runs on each PostgreSQL database made by `npm run seed:bulk` (by default
// bianmin_scale100k and bianmin_scale10m, BENCH_SCALE_DBS to name others; the first is the reference), all at once, and
// each read below is measured on each in interleaved rounds: one request at a time for BENCH_SECONDS, its median and
// p99 in ms; the medians of the rounds are printed with the goal (p99 at the big database ≤ 1.5 × the reference's) and
// misses marked. Registration: registerCase throughput (10 connections, fresh idempotency keys) at each size, goal
// within ±20 % of the reference (these registrations stay in the databases: a few thousand cases per run).
// Before measuring, a server per database runs each read once with auto_explain (EXPLAIN ANALYZE of every statement,
// PGOPTIONS) and the plans of the statements that read the case tables are printed from the PostgreSQL log
// (BENCH_PG_LOG, default /var/log/postgresql/postgresql-15-main.log; unreadable: no plans, said so).
// Settings: BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_SCALE_KEY (the databases' records key file,
// /tmp/scale/records.key), BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_SCALE_PLANS=0 to skip the plans.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { freePorts, load, login, median, pinSelf, post, root, ROUNDS, SECONDS, start, stop } from "./lib.mjs";

const require = createRequire(import.meta.url);
const pg = require("pg");
const { keyedHash, parseKey } = require(path.join(root, "server/dist/server/src/modules/records/records-key.js"));
const MAIN = path.join(root, "server/dist/server/src/main.js");
const PG = process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";
const DBS = (process.env.BENCH_SCALE_DBS ?? "bianmin_scale100k,bianmin_scale10m").split(",").filter(Boolean);
const KEY_FILE = process.env.BENCH_SCALE_KEY ?? "/tmp/scale/records.key";
const PG_LOG = process.env.BENCH_PG_LOG ?? "/var/log/postgresql/postgresql-15-main.log";
const P99_GOAL = 1.5;
const REGISTER_BAND = 0.2;
const OPEN = `('REGISTERED', 'SUPPLEMENT', 'IN_REVIEW', 'DECIDED')`;

const READS = {
  queue: { label: "busiest window's queue page", who: (t) => t.queue.clerk, query: `query($w: String!) { windowQueue(windowCode: $w, first: 20) { totalCount nodes { number status deadline deadlineState item { name } } pageInfo { hasNextPage endCursor } } }`, vars: (t) => ({ w: t.queue.code }) },
  byNumber: { label: "a case by number", who: () => "supervisor", query: `query($n: String!) { case(number: $n) { number status kind deadline item { name } events { seq type at summary } } }`, vars: (t) => ({ n: t.numbers[Math.floor(Math.random() * t.numbers.length)] }) },
  ledger: { label: "a point's ledger page", who: (t) => t.ledger.agent, query: `query($p: String!) { ledger(pointCode: $p, first: 20) { totalCount nodes { number status registeredAt item { name } } pageInfo { hasNextPage endCursor } } }`, vars: (t) => ({ p: t.ledger.code }) },
  decisions: { label: "a department's decisions awaiting", who: (t) => t.decisions.deputy, query: `{ decisionsAwaiting(first: 20) { totalCount nodes { number deadline item { name } } pageInfo { hasNextPage endCursor } } }`, vars: () => ({}) },
  overdue: { label: "the supervisor's overdue list", who: () => "supervisor", query: `{ overdueCases(first: 20) { totalCount nodes { number deadline item { name } } pageInfo { hasNextPage endCursor } } }`, vars: () => ({}) },
  feed: { label: "the change feed page (100, from a random position)", who: () => "supervisor", query: `query($a: String) { caseChanges(first: 100, after: $a) { nodes { position caseNumber eventType status } pageInfo { hasNextPage endCursor } } }`, vars: (t) => ({ a: t.cursor(1 + Math.floor(Math.random() * t.feedLast)) }) },
  guide: { label: `the guide search "登记"`, who: () => null, query: `query($s: String!) { serviceItems(search: $s, first: 20) { totalCount nodes { code name promisedLimitDays department { name } } } }`, vars: () => ({ s: "登记" }) },
};
// BENCH_SCALE_READS=overdue,decisions: only these reads (and no registration), e.g. to check one plan again.
if (process.env.BENCH_SCALE_READS) {
  const only = new Set(process.env.BENCH_SCALE_READS.split(","));
  for (const name of Object.keys(READS)) if (!only.has(name)) delete READS[name];
}
const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status } userErrors { field message } } }`;

const key = parseKey(fs.readFileSync(KEY_FILE, "utf8"), KEY_FILE);
/** The feed's cursor for a position, as feed.ts issues it (cc1.position.mac, base64url). */
const cursorOf = (position) => Buffer.from(`cc1.${position}.${keyedHash(key, ["caseChanges", position]).slice(0, 24)}`, "utf8").toString("base64url");

/** What each read asks for, from the database itself: the busiest window, a busy village, a busy department, sample numbers. */
async function targetsOf(db) {
  const client = new pg.Client({ connectionString: `${PG}/${db}` });
  await client.connect();
  const one = async (sql, params) => (await client.query(sql, params)).rows[0];
  try {
    const { cases, max } = await one(`SELECT COUNT(*)::int AS cases, MAX(id) AS max FROM case_file`);
    if (!cases) throw new Error(`${db} has no cases: npm run seed:bulk -- --cases N into it first`);
    const busiest = await one(`SELECT c."windowId" AS id, COUNT(*)::int AS n FROM case_file c JOIN staff s ON s."windowId" = c."windowId" AND s.role = 'WINDOW_CLERK' WHERE c.status IN ${OPEN} GROUP BY c."windowId" ORDER BY n DESC LIMIT 1`);
    const window = await one(`SELECT w.code, (SELECT username FROM staff WHERE "windowId" = w.id AND role = 'WINDOW_CLERK' ORDER BY id LIMIT 1) AS clerk FROM service_window w WHERE id = $1`, [busiest.id]);
    const village = await one(`SELECT p.code, COUNT(*)::int AS n, (SELECT username FROM staff s WHERE s."pointId" = p.id AND s.role = 'VILLAGE_AGENT' ORDER BY id LIMIT 1) AS agent
      FROM case_file c JOIN service_point p ON p.id = c."registeredPointId" WHERE p.level = 'VILLAGE' AND c.id % 50 = 0 GROUP BY p.id, p.code ORDER BY n DESC LIMIT 1`);
    const dept = await one(`SELECT i."departmentId" AS id, COUNT(*)::int AS n FROM case_file c JOIN service_item i ON i.id = c."itemId" WHERE c.status = 'IN_REVIEW' AND c."handlingPointId" = (SELECT id FROM service_point WHERE level = 'CITY') GROUP BY 1 ORDER BY n DESC LIMIT 1`);
    const deputy = await one(`SELECT username FROM staff WHERE "departmentId" = $1 AND role = 'DEPUTY_DIRECTOR' ORDER BY id LIMIT 1`, [dept.id]);
    const ids = Array.from({ length: 1000 }, () => 1 + Math.floor(Math.random() * Number(max)));
    const numbers = (await client.query(`SELECT number FROM case_file WHERE id = ANY($1)`, [ids])).rows.map((r) => r.number);
    const { last: feedLast } = await one(`SELECT last FROM feed_counter WHERE name = 'caseChanges'`);
    const city = await one(`SELECT w.id, w.code, (SELECT username FROM staff WHERE "windowId" = w.id AND role = 'WINDOW_CLERK' ORDER BY id LIMIT 1) AS clerk FROM service_window w WHERE w.code = 'C01'`);
    const item = await one(`SELECT i.id, i.code FROM window_item wi JOIN service_item i ON i.id = wi."itemId" WHERE wi."windowId" = $1 AND i.active ORDER BY i.code LIMIT 1`, [city.id]);
    const materialIds = (await client.query(`SELECT id FROM material WHERE "itemId" = $1 AND active ORDER BY seq`, [item.id])).rows.map((m) => String(m.id));
    const { size } = await one(`SELECT pg_database_size(current_database())::bigint AS size`);
    return {
      db, cases, size: Number(size), numbers, feedLast: Math.max(1, Number(feedLast) - 100), cursor: cursorOf,
      queue: { code: window.code, clerk: window.clerk, open: busiest.n }, ledger: { code: village.code, agent: village.agent }, decisions: { deputy: deputy.username, inReview: dept.n },
      register: { clerk: city.clerk, input: { itemCode: item.code, materialIds, applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" } } },
    };
  } finally {
    await client.end();
  }
}

async function startServer(t, extraEnv = {}) {
  const [port] = await freePorts(1);
  const env = { DATABASE_URL: `${PG}/${t.db}`, RECORDS_KEY_FILE: KEY_FILE, PORT: String(port), SCHEDULER_INTERVAL_MS: "0", WEBHOOK_INTERVAL_MS: "0", PUBLIC_RATE_LIMIT: "100000000", LOGIN_RATE_LIMIT: "100000", TOKEN_RATE_LIMIT: "100000000", ...extraEnv };
  const child = await start(MAIN, env, /serving/);
  const url = `http://127.0.0.1:${port}/graphql`;
  const cookies = {};
  for (const who of new Set(Object.values(READS).map((r) => r.who(t)).concat(t.register.clerk).filter(Boolean))) cookies[who] = await login(url, who);
  return { child, url, headers: (who) => (who ? { cookie: cookies[who] } : {}) };
}

const body = (read, t) => JSON.stringify({ query: read.query, variables: read.vars(t) });

async function ask(server, read, t) {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...server.headers(read.who(t)) }, body: body(read, t) });
  const json = await response.json();
  if (json.errors) throw new Error(`${read.label} on ${t.db}: ${JSON.stringify(json.errors).slice(0, 400)}`);
  return json.data;
}

/** One request at a time for `seconds`: each request's latency (ms). */
async function latencies(server, read, t, seconds = SECONDS) {
  const times = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", ...server.headers(read.who(t)) }, body: body(read, t) });
    const text = await response.text();
    times.push(performance.now() - t0);
    if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${read.label} on ${t.db}: ${response.status} ${text.slice(0, 300)}`);
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: times[Math.floor(times.length * 0.5)], p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] };
}

/** The plans of one request of each read (auto_explain: EXPLAIN ANALYZE of each statement, from the PostgreSQL log). */
async function plans(t) {
  try {
    fs.accessSync(PG_LOG, fs.constants.R_OK);
  } catch {
    console.log(`  (no plans: ${PG_LOG} is not readable; set BENCH_PG_LOG)`);
    return;
  }
  const server = await startServer(t, { PGOPTIONS: "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on -c auto_explain.log_timing=on" });
  try {
    for (const [name, read] of Object.entries(READS)) {
      const from = fs.statSync(PG_LOG).size;
      await ask(server, read, t);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the log is written by another process
      const text = fs.readFileSync(PG_LOG).subarray(from).toString("utf8");
      const entries = text.split(/\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/).filter((e) => e.includes(`@${t.db} LOG:  duration:`));
      const relevant = entries.filter((e) => /case_file|case_change|case_event|service_item_search|item_search/i.test(e) && !/audit_|session/.test(e.split("\n")[1] ?? ""));
      console.log(`\n  [${t.db}] ${read.label} (${name}): ${entries.length} statements, ${relevant.length} on the case tables or the guide's index:`);
      for (const e of relevant) {
        const lines = e.split("\n");
        const duration = /duration: ([\d.]+) ms/.exec(lines[0])?.[1];
        const sql = lines.find((l) => l.includes("Query Text:"))?.replace(/^\s*Query Text:\s*/, "") ?? "";
        console.log(`    ${duration} ms  ${sql.length > 300 ? `${sql.slice(0, 300)} …` : sql}`);
        for (const l of lines.slice(2).filter((l) => l.trim() && !l.includes("Query Text:"))) console.log(`      ${l.replace(/^\t/, "")}`);
      }
    }
  } finally {
    await stop(server.child);
  }
}

async function main() {
  pinSelf();
  const targets = [];
  for (const db of DBS) targets.push(await targetsOf(db));
  for (const t of targets) {
    console.log(`${t.db}: ${t.cases.toLocaleString("en")} cases, ${(t.size / 2 ** 30).toFixed(2)} GiB; busiest window ${t.queue.code} (${t.queue.open.toLocaleString("en")} open, clerk ${t.queue.clerk}); ledger of village ${t.ledger.code} (${t.ledger.agent}); decisions awaiting of ${t.decisions.deputy} (${t.decisions.inReview.toLocaleString("en")} in review in the department)`);
  }
  if (process.env.BENCH_SCALE_PLANS !== "0") {
    console.log("\nPlans (auto_explain, EXPLAIN ANALYZE with buffers, one request of each read):");
    for (const t of targets) await plans(t);
  }
  const servers = [];
  try {
    for (const t of targets) servers.push(await startServer(t));
    // Warm up: each read a few times on each server (connections, caches, the JIT).
    for (const read of Object.values(READS)) for (const [i, t] of targets.entries()) for (let k = 0; k < 20; k++) await ask(servers[i], read, t);
    const results = {};
    for (const [name, read] of Object.entries(READS)) {
      const runs = targets.map(() => []);
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
        for (const i of order) runs[i].push(await latencies(servers[i], read, targets[i]));
      }
      results[name] = runs.map((list) => ({ n: list.reduce((s, x) => s + x.n, 0), p50: median(list.map((x) => x.p50)), p99: median(list.map((x) => x.p99)) }));
    }
    const registration = targets.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
      for (const i of order) {
        const t = targets[i];
        let n = 0;
        const tag = `scale-${Date.now()}-${i}-${r}`;
        const check = await post(servers[i].url, { query: REGISTER, variables: { input: { ...t.register.input, idempotencyKey: `${tag}-check` } } }, servers[i].headers(t.register.clerk));
        if (check.errors || check.data.registerCase.userErrors.length) throw new Error(`registerCase on ${t.db}: ${JSON.stringify(check).slice(0, 300)}`);
        const result = await load(servers[i].url, { headers: servers[i].headers(t.register.clerk), nextBody: () => JSON.stringify({ query: REGISTER, variables: { input: { ...t.register.input, idempotencyKey: `${tag}-${++n}` } } }) });
        registration[i].push(result.rps);
      }
    }
    report(targets, results, registration.map((list) => median(list)));
  } finally {
    await Promise.all(servers.map((s) => stop(s.child)));
  }
}

function report(targets, results, registration) {
  const [ref, ...big] = targets;
  const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
  console.log(`\nLatency, one request at a time, ${ROUNDS} interleaved rounds of ${SECONDS} s (median of the rounds' median and p99, ms); goal: p99 ≤ ${P99_GOAL} × ${ref.db}'s`);
  console.log(`| read | ${targets.map((t) => `${t.db} p50 / p99 (requests)`).join(" | ")} | ${big.map((t) => `${t.db} ÷ ${ref.db} (p99)`).join(" | ")} |`);
  console.log(`|---|${targets.map(() => "---").join("|")}|${big.map(() => "---").join("|")}|`);
  let misses = 0;
  for (const [name, read] of Object.entries(READS)) {
    const row = results[name];
    const ratios = row.slice(1).map((r) => r.p99 / row[0].p99);
    const marks = ratios.map((x) => (x <= P99_GOAL ? `${x.toFixed(2)} ok` : (misses++, `**${x.toFixed(2)} MISS**`)));
    console.log(`| ${read.label} | ${row.map((r) => `${fmt(r.p50)} / ${fmt(r.p99)} (${r.n})`).join(" | ")} | ${marks.join(" | ")} |`);
  }
  console.log(`\nregisterCase throughput (10 connections, ${ROUNDS} rounds of ${SECONDS} s, median req/s); goal: within ±${REGISTER_BAND * 100} % of ${ref.db}'s`);
  for (const [i, t] of targets.entries()) {
    const ratio = registration[i] / registration[0];
    const mark = i === 0 ? "(reference)" : Math.abs(ratio - 1) <= REGISTER_BAND ? `${ratio.toFixed(2)} ok` : (misses++, `**${ratio.toFixed(2)} MISS**`);
    console.log(`  ${t.db}: ${registration[i].toFixed(1)} req/s ${mark}`);
  }
  if (misses) {
    console.log(`\n${misses} goal(s) missed.`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
