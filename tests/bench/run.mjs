// npm run bench: the whole stack (Express + Apollo + type-graphql + TypeORM) against a bare node:http handler
// running the same SQL, per benchmark, measured in one run: interleaved rounds, medians, ratios against the
// baseline of the same run. Servers are pinned to core 0 and the load generator to core 1 where taskset exists.
//   guide search  serviceItems(search: "登记") on the demo catalogue (fresh database)
//   registerCase  C1 as a city window clerk, a fresh idempotency key per request, a copy of the big database per round pair
//   windowQueue   the busiest window's first page at BENCH_CASES cases (the database is generated once and cached)
//   takePayment   F3/F4 at the city FINANCE window C50: one charge per request, its ticket and records (fees.mjs);
//                 the two servers' SQL statements are compared text for text before measuring
//   scoring       S3: one quarter's scores of every unit type at BENCH_CASES cases, computed in process by the built
//                 server code, against the same SQL run bare (scoring.mjs); a time, not a throughput
//   lighthouse    /guide in Lighthouse (desktop, mobile) and the initial JS against a blank Vite + React app (lighthouse.mjs);
//                 its goals are checked there and a miss sets the exit code
//   token-register registerCase through an API token against the session path, same server, same run (token-register.mjs;
//                 only when named in BENCH_ONLY)
// Settings: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CASES (1000000), BENCH_ONLY (guide,register,queue,payment,scoring,lighthouse[,token-register]),
// BENCH_LH_RUNS (3); BENCH_ONLY=payment, lighthouse or token-register needs no big database.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { paymentBench } from "./fees.mjs";
import { lighthouseBench } from "./lighthouse.mjs";
import { scoringBench, scoringTable } from "./scoring.mjs";
import { tokenRegisterBench } from "./token-register.mjs";
import { CASES, CONNECTIONS, ROUNDS, SECONDS, cachedCasesDb, copyDb, freePort, hasTaskset, load, login, pinSelf, post, removeDb, root, stackEnv, start, stop, summarize } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const MAIN = path.join(root, "server/dist/server/src/main.js");
const BARE_CASES = path.join(root, "tests/bench/bare-cases-server.mjs");
const GUIDE = `query Guide($search: String!, $first: Int!) { serviceItems(search: $search, first: $first) { totalCount nodes { code name promisedLimitDays department { name } } } }`;
const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status kind registeredAt receivedOn window { code name } handlingPoint { code name } } userErrors { field message } } }`;
const QUEUE = `query Queue($windowCode: String!, $first: Int!) { windowQueue(windowCode: $windowCode, first: $first) { totalCount nodes { number status deadline deadlineState item { name } } } }`;
const OPEN = `('REGISTERED', 'SUPPLEMENT', 'IN_REVIEW', 'DECIDED')`;
const PAGE_SQL = `SELECT * FROM case_file c WHERE c."windowId" = ? AND c.status IN ${OPEN} ORDER BY (COALESCE(c.deadline, '9999-12-31') || c.number) ASC LIMIT 21`;
const COUNT_SQL = `SELECT COUNT(1) AS cnt FROM case_file c WHERE c."windowId" = ? AND c.status IN ${OPEN}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-bench-"));

/** Interleaved rounds (A,B then B,A …); `round(name, i)` measures one. */
async function interleave(round) {
  const runs = { stack: [], bare: [] };
  for (let i = 1; i <= ROUNDS; i++) {
    for (const name of i % 2 ? ["bare", "stack"] : ["stack", "bare"]) runs[name].push(await round(name, i));
  }
  return { stack: summarize(runs.stack), bare: summarize(runs.bare) };
}

async function guideBench() {
  const sqlitePath = path.join(tmp, "guide.sqlite");
  const port = freePort();
  const stack = await start(MAIN, stackEnv(sqlitePath, port), /serving/);
  const bare = await start(path.join(root, "tests/bench/bare-guide-server.mjs"), { SQLITE_PATH: sqlitePath, PORT: String(port + 1) });
  const urls = { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${port + 1}/` };
  const body = { query: GUIDE, variables: { search: "登记", first: 20 } };
  try {
    const [a, b] = [await post(urls.stack, body), await post(urls.bare, body)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`guide: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`\n[guide] "登记", first 20: ${a.data.serviceItems.totalCount} matches, same JSON from both (${JSON.stringify(a).length} bytes)`);
    const options = { body: JSON.stringify(body) };
    await load(urls.stack, options);
    await load(urls.bare, options);
    return { name: `guide search "登记"`, ...(await interleave((name) => load(urls[name], options))) };
  } finally {
    await Promise.all([stop(stack), stop(bare)]);
  }
}

/** The busiest queue (most open cases) and its clerk; for registration a city window clerk and an item of theirs. */
function targetsOf(file) {
  const db = new Database(file); // read only, but a read-write connection removes its -wal and -shm on close
  try {
    const busiest = db.prepare(`SELECT "windowId" AS id, COUNT(*) AS n FROM case_file WHERE status IN ${OPEN} GROUP BY "windowId" ORDER BY n DESC LIMIT 1`).get();
    const window = db.prepare(`SELECT * FROM service_window WHERE id = ?`).get(busiest.id);
    const clerkOf = (w) =>
      db.prepare(`SELECT username FROM staff WHERE ("windowId" = ? AND role = 'WINDOW_CLERK') OR (role = 'TOWNSHIP_CLERK' AND "pointId" = ?) ORDER BY role = 'WINDOW_CLERK' DESC LIMIT 1`).get(w.id, w.pointId).username;
    const city = window.pointId === 1 ? window : db.prepare(`SELECT * FROM service_window WHERE code = 'C01'`).get();
    const item = db.prepare(`SELECT i.* FROM window_item wi JOIN service_item i ON i.id = wi."itemId" WHERE wi."windowId" = ? AND i.active = 1 ORDER BY i.code LIMIT 1`).get(city.id);
    const materialIds = db.prepare(`SELECT id FROM material WHERE "itemId" = ? AND active = 1 ORDER BY seq`).all(item.id).map((m) => String(m.id));
    const plan = (sql) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(window.id).map((r) => r.detail).join("; ");
    const page = db.prepare(PAGE_SQL), count = db.prepare(COUNT_SQL);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) {
      page.all(window.id);
      count.get(window.id);
    }
    const sqlMs = (performance.now() - t0) / 50;
    return { queue: { code: window.code, name: window.name, clerk: clerkOf(window), open: busiest.n, plans: [plan(PAGE_SQL), plan(COUNT_SQL)], sqlMs }, register: { clerk: clerkOf(city), item: item.code, materialIds } };
  } finally {
    db.close();
  }
}

async function queueBench(bigDb, target) {
  const file = copyDb(bigDb, path.join(tmp, "queue.sqlite"));
  const port = freePort();
  const stack = await start(MAIN, stackEnv(file, port), /serving/);
  const bare = await start(BARE_CASES, { SQLITE_PATH: file, PORT: String(port + 1) });
  const urls = { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${port + 1}/queue` };
  try {
    const headers = { cookie: await login(urls.stack, target.clerk) };
    const body = { query: QUEUE, variables: { windowCode: target.code, first: 20 } };
    const [a, b] = [await post(urls.stack, body, headers), await post(urls.bare, body, headers)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`windowQueue: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`\n[windowQueue] ${target.code} ${target.name} as ${target.clerk}: ${a.data.windowQueue.totalCount} open cases of ${CASES.toLocaleString("en")}, same JSON from both (${JSON.stringify(a).length} bytes)`);
    console.log(`  plan, page:  ${target.plans[0]}\n  plan, count: ${target.plans[1]}\n  page + count SQL alone: ${target.sqlMs.toFixed(2)} ms`);
    const options = { body: JSON.stringify(body), headers };
    await load(urls.stack, options);
    await load(urls.bare, options);
    return { name: `windowQueue ${target.code} (${(CASES / 1e6).toFixed(CASES % 1e6 ? 2 : 0)}M cases)`, ...(await interleave((name) => load(urls[name], options))) };
  } finally {
    await Promise.all([stop(stack), stop(bare)]);
    removeDb(file);
  }
}

/** Compares the two registrations (numbers and instants aside) and re-computes the bare handler's event hash. */
function checkRegistrations(file, a, b) {
  const shape = (r) => JSON.stringify(r, (key, value) => (key === "number" ? /^421081\d{14}$/.test(value) : key === "registeredAt" ? !Number.isNaN(Date.parse(value)) : value));
  if (shape(a) !== shape(b) || a.data.registerCase.userErrors.length) throw new Error(`registerCase: the answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  require("reflect-metadata"); // case-core loads the decorated entities
  const { eventHash } = require(path.join(root, "server/dist/server/src/modules/cases/case-core.js"));
  const db = new Database(file);
  try {
    for (const { number } of [a.data.registerCase.case, b.data.registerCase.case]) {
      const e = db.prepare(`SELECT e.*, c.number FROM case_event e JOIN case_file c ON c.id = e."caseId" WHERE c.number = ?`).get(number);
      const at = new Date(`${e.at.replace(" ", "T")}Z`);
      if (eventHash({ ...e, caseNumber: e.number, at }) !== e.hash) throw new Error(`registerCase: the event hash of ${number} does not verify`);
    }
  } finally {
    db.close();
  }
  return JSON.stringify(b).length;
}

const written = (file, prefix) => {
  const db = new Database(file);
  try {
    return db.prepare(`SELECT COUNT(*) AS n FROM idempotency_record WHERE key LIKE ?`).get(`${prefix}%`).n;
  } finally {
    db.close();
  }
};

async function registrationBench(bigDb, target) {
  const input = { itemCode: target.item, applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" }, materialIds: target.materialIds };
  let pair = null;
  const runPair = async (i) => {
    if (pair?.i === i) return pair;
    if (pair) await pair.close();
    const file = copyDb(bigDb, path.join(tmp, `register-${i}.sqlite`));
    const port = freePort();
    const stack = await start(MAIN, stackEnv(file, port), /serving/);
    const bare = await start(BARE_CASES, { SQLITE_PATH: file, PORT: String(port + 1) });
    const urls = { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${port + 1}/register` };
    const headers = { cookie: await login(urls.stack, target.clerk) };
    let n = 0;
    const body = (key) => ({ query: REGISTER, variables: { input: { ...input, idempotencyKey: `${key}-${++n}` } } });
    const close = async () => (await Promise.all([stop(stack), stop(bare)]), removeDb(file));
    pair = { i, file, urls, headers, body, close };
    if (i === 1) {
      const bytes = checkRegistrations(file, await post(urls.stack, body("check"), headers), await post(urls.bare, body("check"), headers));
      console.log(`\n[registerCase] ${target.item} as ${target.clerk} on a copy of the ${CASES.toLocaleString("en")}-case database per round pair: same JSON shape from both (${bytes} bytes), event hashes verify`);
    }
    return pair;
  };
  try {
    return {
      name: "registerCase",
      ...(await interleave(async (name, i) => {
        const p = await runPair(i);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // the other server finishes its last requests: one writer at a time
        await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`warm-${name}`)), headers: p.headers, seconds: Math.min(2, SECONDS) });
        const result = await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`bench-${name}-${i}`)), headers: p.headers });
        const rows = written(p.file, `bench-${name}-${i}-`);
        if (rows < result.ok || rows > result.ok + CONNECTIONS) throw new Error(`registerCase ${name}: ${result.ok} answers but ${rows} registrations`);
        return result;
      })),
    };
  } finally {
    await pair?.close();
  }
}

function table(results) {
  const f = (s) => `${s.rps.toFixed(0).padStart(8)} ${String(s.p50).padStart(7)} ${String(s.p99).padStart(7)}`;
  console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians${hasTaskset ? ", servers on core 0, load on core 1" : ""}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}:`);
  console.log(`${"".padEnd(30)} ${"stack (Bianmin GraphQL)".padEnd(24)} ${"bare node:http + SQL".padEnd(24)} ratio`);
  console.log(`${"benchmark".padEnd(30)}    req/s  p50 ms  p99 ms    req/s  p50 ms  p99 ms  stack/bare`);
  for (const r of results) console.log(`${r.name.padEnd(30)} ${f(r.stack)} ${f(r.bare)}  ${(r.stack.rps / r.bare.rps).toFixed(3)}`);
}

async function main() {
  pinSelf();
  const only = new Set((process.env.BENCH_ONLY ?? "guide,register,queue,payment,scoring,lighthouse").split(","));
  const results = only.has("guide") ? [await guideBench()] : [];
  const timings = [];
  if (only.has("register") || only.has("queue") || only.has("scoring")) {
    const bigDb = cachedCasesDb(CASES);
    if (only.has("register") || only.has("queue")) {
      const targets = targetsOf(bigDb);
      if (only.has("register")) results.push(await registrationBench(bigDb, targets.register));
      if (only.has("queue")) results.push(await queueBench(bigDb, targets.queue));
    }
    if (only.has("scoring")) timings.push(await scoringBench(bigDb, CASES));
  }
  if (only.has("payment")) results.push(await paymentBench(tmp, MAIN, interleave));
  if (only.has("token-register")) await tokenRegisterBench(tmp, MAIN);
  if (results.length) table(results);
  scoringTable(timings);
  if (only.has("lighthouse") && (await lighthouseBench(tmp)).misses.length) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
