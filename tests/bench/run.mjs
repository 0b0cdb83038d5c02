// npm run bench: the whole stack (Express + Apollo + type-graphql + TypeORM) against a bare node:http handler
// running the same SQL, per benchmark, measured in one run: interleaved rounds, medians, ratios against the
// baseline of the same run, each printed with its goal (issue 11) and marked when it misses. Servers are pinned to
// core 0 and the load generator to core 1 where taskset exists; their ports are handed out by the system.
// Before measuring, each SQL benchmark traces one request on both servers (SQL_TRACE_FILE) and refuses to report
// unless the baseline ran the stack's statements (same text up to bound values, same order, same EXPLAIN QUERY PLAN;
// on PostgreSQL the same generic EXPLAIN (FORMAT JSON) plan trees).
//   typename      `{ __typename }` through the whole stack against a plain Apollo Server 5 (bare-apollo-server.mjs)
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
//   guide-pg, register-pg, queue-pg  the guide search, registerCase and windowQueue on PostgreSQL against bare handlers
//                 running the stack's PostgreSQL statements (pg-bench.mjs, bare-pg-*.mjs), same goals; only when named in
//                 BENCH_ONLY or with BENCH_ENGINE=postgres (then guide, register and queue in BENCH_ONLY mean these, and
//                 they are the default). Their same-SQL check compares the statements' shapes and EXPLAIN (FORMAT JSON)
//                 generic plan trees (pg-lib.mjs samePgSql). PostgreSQL at BENCH_PG (postgres://postgres@127.0.0.1:5432);
//                 the BENCH_CASES database is made once by the bulk generator and cached as bianmin_bench_N_<key>.
// Settings: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CASES (1000000), BENCH_ONLY (typename,guide,register,queue,payment,scoring,lighthouse[,token-register][,guide-pg,register-pg,queue-pg]),
// BENCH_ENGINE (sqlite; postgres), BENCH_PG, BENCH_LH_RUNS (3); BENCH_ONLY=payment, lighthouse or token-register needs no big database.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { paymentBench } from "./fees.mjs";
import { lighthouseBench } from "./lighthouse.mjs";
import { pgBenches } from "./pg-bench.mjs";
import { scoringBench, scoringTable } from "./scoring.mjs";
import { tokenRegisterBench } from "./token-register.mjs";
import { CASES, CONNECTIONS, ROUNDS, SECONDS, cachedCasesDb, copyDb, freePorts, hasTaskset, keyFileOf, load, login, pinSelf, post, removeDb, root, rssMiB, sameSql, stackEnv, start, stop, summarize } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const MAIN = path.join(root, "server/dist/server/src/main.js");
const BARE_CASES = path.join(root, "tests/bench/bare-cases-server.mjs");
const GUIDE = `query Guide($search: String!, $first: Int!) { serviceItems(search: $search, first: $first) { totalCount nodes { code name promisedLimitDays department { name } } } }`;
const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status kind registeredAt receivedOn window { code name } handlingPoint { code name } } userErrors { field message } } }`;
const QUEUE = `query Queue($windowCode: String!, $first: Int!) { windowQueue(windowCode: $windowCode, first: $first) { totalCount nodes { number status deadline deadlineState item { name } } } }`;
const OPEN = `('REGISTERED', 'SUPPLEMENT', 'IN_REVIEW', 'DECIDED')`;
/**
 * What the two servers must answer alike: data and errors. The stack also sends `extensions.cost` (the query's
 * cost, issue 10), which the baselines do not compute; it is left out of the comparison, not out of the stack's work.
 */
const answerOf = (r) => JSON.stringify({ data: r.data, errors: r.errors });
/** Issue 11's goals: stack ÷ baseline in the same run, at least this. */
const GOALS = { typename: 0.8, guide: 0.5, queue: 0.5, register: 0.4 };
const RSS_GOAL_MIB = 300;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-bench-"));
/** The stack's resident memory at the end of each benchmark (MiB). */
const rss = [];

/** Interleaved rounds (A,B then B,A …); `round(name, i)` measures one. */
async function interleave(round) {
  const runs = { stack: [], bare: [] };
  for (let i = 1; i <= ROUNDS; i++) {
    for (const name of i % 2 ? ["bare", "stack"] : ["stack", "bare"]) runs[name].push(await round(name, i));
  }
  return { stack: summarize(runs.stack), bare: summarize(runs.bare) };
}

/**
 * The stack and its baseline on `file`, on free ports, both tracing their SQL into files of their own until
 * `checked()` (SIGUSR2) turns tracing off; the scheduler is off so that only the requests run SQL.
 */
async function pair(label, file, bareScript, barePath, traced = true) {
  const [port, barePort] = await freePorts(2);
  const traces = { stack: path.join(tmp, `${label}-stack.sql`), bare: path.join(tmp, `${label}-bare.sql`) };
  const trace = (name) => (traced ? { SQL_TRACE_FILE: traces[name] } : {});
  const stack = await start(MAIN, { ...stackEnv(file, port), SCHEDULER_INTERVAL_MS: "0", ...trace("stack") }, /serving/);
  const bare = await start(bareScript, { SQLITE_PATH: file, PORT: String(barePort), ...trace("bare") });
  return {
    stack,
    bare,
    urls: { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${barePort}${barePath}` },
    /** Empties the traces: what follows is one request's SQL. */
    reset: () => Object.values(traces).forEach((f) => fs.writeFileSync(f, "")),
    /** Compares the traced SQL (throws when the baseline ran other SQL), prints it, and stops tracing. */
    checked(name, showPlans = () => true) {
      const { statements, plans } = sameSql(name, traces, file, Database);
      console.log(`  same SQL on both: ${statements} statements, same text (bound values aside) and order, same query plans; e.g.`);
      for (const p of plans.filter((x) => showPlans(x.sql))) console.log(`    ${p.sql.length > 110 ? `${p.sql.slice(0, 50)} … ${p.sql.slice(-56)}` : p.sql}\n      plan: ${p.plan || "(a write: no read plan)"}`);
      if (traced) for (const child of [stack, bare]) child.kill("SIGUSR2");
    },
    close: async () => {
      rss.push({ name: label, mib: rssMiB(stack.pid) });
      await Promise.all([stop(stack), stop(bare)]);
    },
  };
}

async function typenameBench() {
  const sqlitePath = path.join(tmp, "typename.sqlite");
  const p = await pair("typename", sqlitePath, path.join(root, "tests/bench/bare-apollo-server.mjs"), "/", false);
  const body = { query: `{ __typename }` };
  try {
    const [a, b] = [await post(p.urls.stack, body), await post(p.urls.bare, body)];
    if (answerOf(a) !== answerOf(b)) throw new Error(`typename: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`\n[typename] { __typename }: same data from the stack and a plain Apollo Server 5 (${JSON.stringify(a)})`);
    const options = { body: JSON.stringify(body) };
    await load(p.urls.stack, options);
    await load(p.urls.bare, options);
    return { key: "typename", name: "{ __typename }", baseline: "plain Apollo Server 5", ...(await interleave((name) => load(p.urls[name], options))) };
  } finally {
    await p.close();
  }
}

async function guideBench() {
  const sqlitePath = path.join(tmp, "guide.sqlite");
  const p = await pair("guide", sqlitePath, path.join(root, "tests/bench/bare-guide-server.mjs"), "/");
  const body = { query: GUIDE, variables: { search: "登记", first: 20 } };
  try {
    p.reset();
    const [a, b] = [await post(p.urls.stack, body), await post(p.urls.bare, body)];
    if (answerOf(a) !== answerOf(b)) throw new Error(`guide: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`\n[guide] "登记", first 20: ${a.data.serviceItems.totalCount} matches, same data from both (${JSON.stringify(a).length} bytes)`);
    p.checked("guide", (sql) => /item_search_fts/.test(sql));
    const options = { body: JSON.stringify(body) };
    await load(p.urls.stack, options);
    await load(p.urls.bare, options);
    return { key: "guide", name: `guide search "登记"`, ...(await interleave((name) => load(p.urls[name], options))) };
  } finally {
    await p.close();
  }
}

/** The busiest queue (most open cases) and its window clerk; for registration a city window clerk and an item of theirs. */
function targetsOf(file) {
  const db = new Database(file); // read only, but a read-write connection removes its -wal and -shm on close
  try {
    const busiest = db
      .prepare(`SELECT c."windowId" AS id, COUNT(*) AS n FROM case_file c JOIN staff s ON s."windowId" = c."windowId" AND s.role = 'WINDOW_CLERK' WHERE c.status IN ${OPEN} GROUP BY c."windowId" ORDER BY n DESC LIMIT 1`)
      .get();
    const window = db.prepare(`SELECT * FROM service_window WHERE id = ?`).get(busiest.id);
    const clerkOf = (w) => db.prepare(`SELECT username FROM staff WHERE "windowId" = ? AND role = 'WINDOW_CLERK' ORDER BY id LIMIT 1`).get(w.id).username;
    const city = window.pointId === 1 ? window : db.prepare(`SELECT * FROM service_window WHERE code = 'C01'`).get();
    const item = db.prepare(`SELECT i.* FROM window_item wi JOIN service_item i ON i.id = wi."itemId" WHERE wi."windowId" = ? AND i.active = 1 ORDER BY i.code LIMIT 1`).get(city.id);
    const materialIds = db.prepare(`SELECT id FROM material WHERE "itemId" = ? AND active = 1 ORDER BY seq`).all(item.id).map((m) => String(m.id));
    return { queue: { id: window.id, code: window.code, name: window.name, clerk: clerkOf(window), open: busiest.n }, register: { clerk: clerkOf(city), item: item.code, materialIds } };
  } finally {
    db.close();
  }
}

/** Milliseconds per run of the traced statements alone (better-sqlite3, `args[i]` bound to statement i). */
function sqlAloneMs(file, statements, args) {
  const db = new Database(file, { readonly: true });
  try {
    const prepared = statements.map((sql) => db.prepare(sql));
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) prepared.forEach((s, j) => s.all(...args[j]));
    return (performance.now() - t0) / 50;
  } finally {
    db.close();
  }
}

async function queueBench(bigDb, target) {
  const file = copyDb(bigDb, path.join(tmp, "queue.sqlite"));
  const p = await pair("queue", file, BARE_CASES, "/queue");
  try {
    const headers = { cookie: await login(p.urls.stack, target.clerk) };
    const body = { query: QUEUE, variables: { windowCode: target.code, first: 20 } };
    p.reset();
    const [a, b] = [await post(p.urls.stack, body, headers), await post(p.urls.bare, body, headers)];
    if (answerOf(a) !== answerOf(b)) throw new Error(`windowQueue: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`\n[windowQueue] ${target.code} ${target.name} as ${target.clerk}: ${a.data.windowQueue.totalCount} open cases of ${CASES.toLocaleString("en")}, same data from both (${JSON.stringify(a).length} bytes)`);
    const pageAndCount = fs.readFileSync(path.join(tmp, "queue-stack.sql"), "utf8").split("\n").filter((sql) => /FROM "case_file" "c"/.test(sql));
    p.checked("windowQueue", (sql) => /FROM "case_file" "c"/.test(sql));
    console.log(`  page + count SQL alone (the stack's text): ${sqlAloneMs(file, pageAndCount, pageAndCount.map((sql) => [target.id, 21].slice(0, (sql.match(/\?/g) ?? []).length))).toFixed(2)} ms`);
    const options = { body: JSON.stringify(body), headers };
    await load(p.urls.stack, options);
    await load(p.urls.bare, options);
    return { key: "queue", name: `windowQueue ${target.code} (${(CASES / 1e6).toFixed(CASES % 1e6 ? 2 : 0)}M cases)`, ...(await interleave((name) => load(p.urls[name], options))) };
  } finally {
    await p.close();
    removeDb(file);
  }
}

/**
 * The two check registrations must have written the same: the same answer (number and instant aside), the same
 * rows (party with its keyed search hashes, name keys, materials, one event), and both must verify (keyed event
 * hash, head, seal) with the server's own verifier and the database's records key.
 */
function checkRegistrations(file, a, b) {
  const shape = (r) => JSON.stringify(r, (key, value) => (key === "number" ? /^421081\d{14}$/.test(value) : key === "registeredAt" ? !Number.isNaN(Date.parse(value)) : value));
  if (shape({ ...a, extensions: undefined }) !== shape(b) || a.data.registerCase.userErrors.length) throw new Error(`registerCase: the answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
  require("reflect-metadata"); // records.js loads the decorated entities
  const { verifyCase, normalizeEvent, CASE_RECORD_COLUMNS, EVENT_COLUMNS, cols } = require(path.join(root, "server/dist/server/src/modules/records/records.js"));
  const { parseKey } = require(path.join(root, "server/dist/server/src/modules/records/records-key.js"));
  const key = parseKey(fs.readFileSync(keyFileOf(file), "utf8"), "bench");
  const db = new Database(file);
  try {
    const written = [a, b].map(({ data }) => {
      const c = db.prepare(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE number = ?`).get(data.registerCase.case.number);
      const events = db.prepare(`SELECT ${cols(EVENT_COLUMNS)} FROM case_event WHERE "caseId" = ? ORDER BY seq`).all(c.id).map(normalizeEvent);
      const breaks = verifyCase(key, c, events, null);
      if (breaks.length) throw new Error(`registerCase: the records of ${c.number} do not verify: ${JSON.stringify(breaks)}`);
      const rows = (table, columns) => db.prepare(`SELECT ${columns} FROM ${table} WHERE "caseId" = ? ORDER BY id`).all(c.id);
      return JSON.stringify({
        state: c.recordsState,
        count: c.recordsCount,
        parties: rows("case_party", `seq, role, kind, name, "idNumber", "creditCode", phone, "idHash", "phoneHash"`),
        names: rows("case_name_key", `"partySeq", pos, key`),
        materials: rows("case_material", `"materialId", name, paper`),
        events: events.map((e) => [e.seq, e.type, e.actorLabel, e.data]),
      });
    });
    if (written[0] !== written[1]) throw new Error(`registerCase: the two registrations wrote different rows:\n${written[0]}\n${written[1]}`);
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
  let current = null;
  const runPair = async (i) => {
    if (current?.i === i) return current;
    if (current) await current.close();
    const file = copyDb(bigDb, path.join(tmp, `register-${i}.sqlite`));
    const p = await pair(`register-${i}`, file, BARE_CASES, "/register", i === 1);
    const headers = { cookie: await login(p.urls.stack, target.clerk) };
    let n = 0;
    const body = (key) => ({ query: REGISTER, variables: { input: { ...input, idempotencyKey: `${key}-${++n}` } } });
    const close = async () => (await p.close(), removeDb(file));
    current = { i, file, urls: p.urls, headers, body, close };
    if (i === 1) {
      p.reset();
      const [a, b] = [await post(p.urls.stack, body("check"), headers), await post(p.urls.bare, body("check"), headers)];
      const bytes = checkRegistrations(file, a, b);
      console.log(`\n[registerCase] ${target.item} as ${target.clerk} on a copy of the ${CASES.toLocaleString("en")}-case database per round pair: same JSON shape from both (${bytes} bytes), the same rows written, both verify (keyed hashes, seal)`);
      p.checked("registerCase", (sql) => /^(BEGIN|INSERT INTO "case_file"|UPDATE case_file)/.test(sql));
    }
    return current;
  };
  try {
    return {
      key: "register",
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
    await current?.close();
  }
}

function table(results) {
  const f = (s) => `${s.rps.toFixed(0).padStart(8)} ${String(s.p50).padStart(7)} ${String(s.p99).padStart(7)}`;
  const width = Math.max(30, ...results.map((r) => r.name.length));
  console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians${hasTaskset ? ", servers on core 0, load on core 1" : ""}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}:`);
  console.log(`${"".padEnd(width)} ${"stack (Bianmin GraphQL)".padEnd(24)} ${"baseline (bare + same SQL)".padEnd(26)} ratio`);
  console.log(`${"benchmark".padEnd(width)}    req/s  p50 ms  p99 ms    req/s  p50 ms  p99 ms    stack/base  goal`);
  const misses = [];
  for (const r of results) {
    const ratio = r.stack.rps / r.bare.rps;
    const goal = GOALS[r.key];
    const miss = goal !== undefined && !(ratio >= goal);
    if (miss) misses.push(r.name);
    console.log(`${r.name.padEnd(width)} ${f(r.stack)} ${f(r.bare)}    ${ratio.toFixed(3).padStart(8)}  ${goal === undefined ? "—" : `≥ ${goal}`}${miss ? "  MISS" : goal === undefined ? "" : "  met"}${r.baseline ? `  (baseline: ${r.baseline})` : ""}`);
  }
  for (const { name, mib } of rss) {
    const miss = !(mib <= RSS_GOAL_MIB);
    if (miss) misses.push(`RSS ${name}`);
    console.log(`server RSS after ${name.padEnd(13)} ${mib.toFixed(0).padStart(5)} MiB  goal ≤ ${RSS_GOAL_MIB} MiB${miss ? "  MISS" : "  met"}`);
  }
  console.log(misses.length ? `\n${misses.length} goal(s) missed: ${misses.join(", ")}` : `\nall goals met`);
}

async function main() {
  pinSelf();
  const postgres = process.env.BENCH_ENGINE === "postgres";
  if (![undefined, "", "sqlite", "postgres"].includes(process.env.BENCH_ENGINE)) throw new Error(`BENCH_ENGINE: sqlite or postgres, not ${process.env.BENCH_ENGINE}`);
  // BENCH_ENGINE=postgres: guide, register and queue are the PostgreSQL benchmarks (and the default).
  const named = (process.env.BENCH_ONLY ?? (postgres ? "guide,register,queue" : "typename,guide,register,queue,payment,scoring,lighthouse")).split(",");
  const only = new Set(named.map((name) => (postgres && ["guide", "register", "queue"].includes(name) ? `${name}-pg` : name)));
  const results = [];
  const timings = [];
  if (only.has("typename")) results.push(await typenameBench());
  if (only.has("guide")) results.push(await guideBench());
  if (only.has("register") || only.has("queue") || only.has("scoring")) {
    const bigDb = cachedCasesDb(CASES);
    if (only.has("register") || only.has("queue")) {
      const targets = targetsOf(bigDb);
      if (only.has("register")) results.push(await registrationBench(bigDb, targets.register));
      if (only.has("queue")) results.push(await queueBench(bigDb, targets.queue));
    }
    if (only.has("scoring")) timings.push(await scoringBench(bigDb, CASES));
  }
  if (["guide-pg", "register-pg", "queue-pg"].some((name) => only.has(name))) {
    results.push(...(await pgBenches({ MAIN, tmp, interleave, rss, answerOf, GUIDE, REGISTER, QUEUE })(only)));
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
