// The PostgreSQL benchmarks of run.mjs (BENCH_ENGINE=postgres, or BENCH_ONLY=guide-pg,register-pg,queue-pg): the
// whole stack on PostgreSQL against bare node:http handlers running the stack's PostgreSQL statements through
// node-postgres (bare-pg-guide-server.mjs, bare-pg-cases-server.mjs), with the same goals as on SQLite.
//   guide-pg     serviceItems(search: "登记") on a fresh demo database (empty; the stack seeds it on its first start)
//   register-pg  C1 as a city window clerk, a fresh idempotency key per request, a fresh copy of the big database
//                per round pair (CREATE DATABASE … TEMPLATE), so rounds do not see each other's writes
//   queue-pg     the busiest window's first page as its own clerk, on a copy of the big database
// The big database is made once per BENCH_CASES by the bulk generator and cached (pg-lib.mjs cachedPgCasesDb).
// Before measuring, both servers trace one request's statements (SQL_TRACE_FILE) and samePgSql (pg-lib.mjs) refuses
// to report unless they have the same shapes in the same order and the same generic plan trees. Every database
// made here is dropped at the end except the cached one. Redis is not used (REDIS_URL unset).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CASES, CONNECTIONS, SECONDS, freePorts, load, login, post, root, rssMiB, start, stop } from "./lib.mjs";
import { cachedPgCasesDb, createDb, databasesLike, dropDb, pgUrl, samePgSql, withClient } from "./pg-lib.mjs";

const require = createRequire(import.meta.url);
const BARE_GUIDE = path.join(root, "tests/bench/bare-pg-guide-server.mjs");
const BARE_CASES = path.join(root, "tests/bench/bare-pg-cases-server.mjs");
const OPEN = `('REGISTERED', 'SUPPLEMENT', 'IN_REVIEW', 'DECIDED')`;
/** Databases of this run: named by the process, so two runs never share one. */
const runDb = (label) => `bianmin_benchrun_${process.pid}_${label}`;
const PG_LABEL = " (PostgreSQL)";
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};

/**
 * The three benchmarks; `ctx` is run.mjs's: MAIN (the built server), tmp (a directory), interleave, rss (the list
 * the stack's RSS goes into), answerOf, and the GUIDE, REGISTER and QUEUE operations.
 */
export function pgBenches(ctx) {
  const { MAIN, tmp, interleave, rss, answerOf } = ctx;

  /**
   * The stack and its baseline on database `db`, as run.mjs pair() on SQLite. The records key is copied into tmp for
   * the pair (the stack keeps its pid file beside the key file), or made there by the stack when there is none yet.
   */
  async function pair(label, db, sourceKeyFile, bareScript, barePath, traced = true) {
    const [port, barePort] = await freePorts(2);
    const keyFile = path.join(tmp, label, "records-key");
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    if (sourceKeyFile) fs.copyFileSync(sourceKeyFile, keyFile);
    const traces = { stack: path.join(tmp, `${label}-stack.sql`), bare: path.join(tmp, `${label}-bare.sql`) };
    const trace = (name) => (traced ? { SQL_TRACE_FILE: traces[name] } : {});
    const common = { DATABASE_URL: pgUrl(db), RECORDS_KEY_FILE: keyFile, RECORDS_KEY: "", REDIS_URL: "" };
    const stack = await start(MAIN, { ...common, PORT: String(port), PUBLIC_RATE_LIMIT: "100000000", SCHEDULER_INTERVAL_MS: "0", WEBHOOK_INTERVAL_MS: "0", ...trace("stack") }, /serving/);
    const bare = await start(bareScript, { ...common, PORT: String(barePort), ...trace("bare") });
    return {
      stack,
      bare,
      urls: { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${barePort}${barePath}` },
      reset: () => Object.values(traces).forEach((f) => fs.writeFileSync(f, "")),
      traces,
      async checked(name, showPlans = () => true) {
        const { statements, plans } = await samePgSql(name, traces, db);
        console.log(`  same SQL on both: ${statements} statements, same text (bound values aside) and order, same generic plans (EXPLAIN (FORMAT JSON): node types, relations, indexes); e.g.`);
        for (const p of plans.filter((x) => showPlans(x.sql))) console.log(`    ${p.sql.length > 110 ? `${p.sql.slice(0, 50)} … ${p.sql.slice(-56)}` : p.sql}\n      plan: ${p.plan}`);
        if (traced) for (const child of [stack, bare]) child.kill("SIGUSR2");
      },
      close: async () => {
        rss.push({ name: label, mib: rssMiB(stack.pid) });
        await Promise.all([stop(stack), stop(bare)]);
      },
    };
  }

  async function guideBench() {
    const db = await createDb(runDb("guide"));
    const p = await pair("guide-pg", db, null, BARE_GUIDE, "/");
    const body = { query: ctx.GUIDE, variables: { search: "登记", first: 20 } };
    try {
      p.reset();
      const [a, b] = [await post(p.urls.stack, body), await post(p.urls.bare, body)];
      if (answerOf(a) !== answerOf(b)) throw new Error(`guide-pg: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
      console.log(`\n[guide-pg] "登记", first 20, PostgreSQL (fresh demo database): ${a.data.serviceItems.totalCount} matches, same data from both (${JSON.stringify(a).length} bytes)`);
      await p.checked("guide-pg", (sql) => /item_search/.test(sql));
      const options = { body: JSON.stringify(body) };
      await load(p.urls.stack, options);
      await load(p.urls.bare, options);
      return { key: "guide", name: `guide search "登记"${PG_LABEL}`, ...(await interleave((name) => load(p.urls[name], options))) };
    } finally {
      await p.close();
      await dropDb(db);
    }
  }

  /** As run.mjs targetsOf, on the cached database (the connection is closed before any copy is made of it). */
  async function targetsOf(db) {
    return withClient(db, async (client) => {
      const one = async (sql, params) => (await client.query(sql, params)).rows[0];
      const busiest = await one(`SELECT c."windowId" AS id, COUNT(*)::int AS n FROM case_file c JOIN staff s ON s."windowId" = c."windowId" AND s.role = 'WINDOW_CLERK' WHERE c.status IN ${OPEN} GROUP BY c."windowId" ORDER BY n DESC LIMIT 1`);
      const window = await one(`SELECT * FROM service_window WHERE id = $1`, [busiest.id]);
      const clerkOf = async (w) => (await one(`SELECT username FROM staff WHERE "windowId" = $1 AND role = 'WINDOW_CLERK' ORDER BY id LIMIT 1`, [w.id])).username;
      const city = window.pointId === 1 ? window : await one(`SELECT * FROM service_window WHERE code = 'C01'`);
      const item = await one(`SELECT i.* FROM window_item wi JOIN service_item i ON i.id = wi."itemId" WHERE wi."windowId" = $1 AND i.active ORDER BY i.code LIMIT 1`, [city.id]);
      const materialIds = (await client.query(`SELECT id FROM material WHERE "itemId" = $1 AND active ORDER BY seq`, [item.id])).rows.map((m) => String(m.id));
      return { queue: { id: window.id, code: window.code, name: window.name, clerk: await clerkOf(window), open: busiest.n }, register: { clerk: await clerkOf(city), item: item.code, materialIds } };
    });
  }

  /** Milliseconds per run of the page and count statements alone (the stack's text, one connection, the window's id bound). */
  const sqlAloneMs = (db, statements, windowId) =>
    withClient(db, async (client) => {
      for (const sql of statements) await client.query(sql, [windowId]);
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) for (const sql of statements) await client.query(sql, [windowId]);
      return (performance.now() - t0) / 50;
    });

  async function queueBench(big, target) {
    const db = await createDb(runDb("queue"), big.db);
    const p = await pair("queue-pg", db, big.keyFile, BARE_CASES, "/queue");
    try {
      const headers = { cookie: await login(p.urls.stack, target.clerk) };
      const body = { query: ctx.QUEUE, variables: { windowCode: target.code, first: 20 } };
      p.reset();
      const [a, b] = [await post(p.urls.stack, body, headers), await post(p.urls.bare, body, headers)];
      if (answerOf(a) !== answerOf(b)) throw new Error(`windowQueue-pg: the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
      console.log(`\n[windowQueue-pg] ${target.code} ${target.name} as ${target.clerk}, PostgreSQL: ${a.data.windowQueue.totalCount} open cases of ${CASES.toLocaleString("en")}, same data from both (${JSON.stringify(a).length} bytes)`);
      const pageAndCount = fs.readFileSync(p.traces.stack, "utf8").split("\n").filter((sql) => /FROM "case_file" "c"/.test(sql));
      await p.checked("windowQueue-pg", (sql) => /FROM "case_file" "c"/.test(sql));
      console.log(`  page + count SQL alone (the stack's text, one connection): ${(await sqlAloneMs(db, pageAndCount, target.id)).toFixed(2)} ms`);
      const options = { body: JSON.stringify(body), headers };
      await load(p.urls.stack, options);
      await load(p.urls.bare, options);
      return { key: "queue", name: `windowQueue ${target.code} (${(CASES / 1e6).toFixed(CASES % 1e6 ? 2 : 0)}M cases)${PG_LABEL}`, ...(await interleave((name) => load(p.urls[name], options))) };
    } finally {
      await p.close();
      await dropDb(db);
    }
  }

  /**
   * As run.mjs checkRegistrations, on PostgreSQL: the same answer (number and instant aside), the same rows (party
   * with its keyed search hashes, name keys, materials, one event), and both verify with the server's own verifier
   * and the database's records key.
   */
  async function checkRegistrations(db, keyFile, a, b) {
    const shape = (r) => JSON.stringify(r, (key, value) => (key === "number" ? /^421081\d{14}$/.test(value) : key === "registeredAt" ? !Number.isNaN(Date.parse(value)) : value));
    if (shape({ ...a, extensions: undefined }) !== shape(b) || a.data.registerCase.userErrors.length) throw new Error(`registerCase-pg: the answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    require("reflect-metadata"); // records.js loads the decorated entities
    const { verifyCase, normalizeEvent, CASE_RECORD_COLUMNS, EVENT_COLUMNS, DECISION_COLUMNS, cols } = require(path.join(root, "server/dist/server/src/modules/records/records.js"));
    const { parseKey } = require(path.join(root, "server/dist/server/src/modules/records/records-key.js"));
    const key = parseKey(fs.readFileSync(keyFile, "utf8"), "bench");
    const written = await withClient(db, (client) =>
      Promise.all(
        [a, b].map(async ({ data }) => {
          const c = (await client.query(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE number = $1`, [data.registerCase.case.number])).rows[0];
          const events = (await client.query(`SELECT ${cols(EVENT_COLUMNS)} FROM case_event WHERE "caseId" = $1 ORDER BY seq`, [c.id])).rows.map(normalizeEvent);
          const decision = (await client.query(`SELECT ${cols(DECISION_COLUMNS)} FROM decision WHERE "caseId" = $1`, [c.id])).rows[0] ?? null;
          const breaks = verifyCase(key, c, events, decision);
          if (breaks.length) throw new Error(`registerCase-pg: the records of ${c.number} do not verify: ${JSON.stringify(breaks)}`);
          const rows = async (table, columns) => (await client.query(`SELECT ${columns} FROM ${table} WHERE "caseId" = $1 ORDER BY id`, [c.id])).rows;
          return JSON.stringify({
            state: c.recordsState,
            count: c.recordsCount,
            parties: await rows("case_party", `seq, role, kind, name, "idNumber", "creditCode", phone, "idHash", "phoneHash"`),
            names: await rows("case_name_key", `"partySeq", pos, key`),
            materials: await rows("case_material", `"materialId", name, paper`),
            events: events.map((e) => [e.seq, e.type, e.actorLabel, e.data]),
          });
        }),
      ),
    );
    if (written[0] !== written[1]) throw new Error(`registerCase-pg: the two registrations wrote different rows:\n${written[0]}\n${written[1]}`);
    return JSON.stringify(b).length;
  }

  const writtenCount = (db, prefix) => withClient(db, async (client) => (await client.query(`SELECT COUNT(*)::int AS n FROM idempotency_record WHERE key LIKE $1`, [`${prefix}%`])).rows[0].n);

  async function registrationBench(big, target) {
    const input = { itemCode: target.item, applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" }, materialIds: target.materialIds };
    let current = null;
    const runPair = async (i) => {
      if (current?.i === i) return current;
      if (current) await current.close();
      const db = await createDb(runDb(`register_${i}`), big.db);
      const p = await pair(`register-pg-${i}`, db, big.keyFile, BARE_CASES, "/register", i === 1);
      const headers = { cookie: await login(p.urls.stack, target.clerk) };
      let n = 0;
      const body = (key) => ({ query: ctx.REGISTER, variables: { input: { ...input, idempotencyKey: `${key}-${++n}` } } });
      const close = async () => (await p.close(), await dropDb(db));
      current = { i, db, urls: p.urls, headers, body, close };
      if (i === 1) {
        p.reset();
        const [a, b] = [await post(p.urls.stack, body("check"), headers), await post(p.urls.bare, body("check"), headers)];
        const bytes = await checkRegistrations(db, big.keyFile, a, b);
        console.log(`\n[registerCase-pg] ${target.item} as ${target.clerk} on a copy of the ${CASES.toLocaleString("en")}-case PostgreSQL database per round pair: same JSON shape from both (${bytes} bytes), the same rows written, both verify (keyed hashes, seal)`);
        await p.checked("registerCase-pg", (sql) => /^(START|INSERT INTO "case_file"|UPDATE case_file)/.test(sql));
      }
      return current;
    };
    try {
      return {
        key: "register",
        name: `registerCase${PG_LABEL}`,
        ...(await interleave(async (name, i) => {
          const p = await runPair(i);
          await new Promise((resolve) => setTimeout(resolve, 1000)); // the other server finishes its last requests
          await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`warm-${name}`)), headers: p.headers, seconds: Math.min(2, SECONDS) });
          const result = await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`bench-${name}-${i}`)), headers: p.headers });
          const rows = await writtenCount(p.db, `bench-${name}-${i}-`);
          if (rows < result.ok || rows > result.ok + CONNECTIONS) throw new Error(`registerCase-pg ${name}: ${result.ok} answers but ${rows} registrations`);
          return result;
        })),
      };
    } finally {
      await current?.close();
    }
  }

  /** The benchmarks named in `only` (guide-pg, register-pg, queue-pg), in that order; results for run.mjs's table. */
  return async function run(only) {
    // Databases left by a run that was killed (its process is gone) are dropped.
    for (const name of await databasesLike("bianmin_benchrun_")) {
      const pid = Number(/^bianmin_benchrun_(\d+)_/.exec(name)?.[1]);
      if (pid && pid !== process.pid && !alive(pid)) await dropDb(name);
    }
    const results = [];
    if (only.has("guide-pg")) results.push(await guideBench());
    if (only.has("register-pg") || only.has("queue-pg")) {
      const big = await cachedPgCasesDb(CASES);
      const targets = await targetsOf(big.db);
      if (only.has("register-pg")) results.push(await registrationBench(big, targets.register));
      if (only.has("queue-pg")) results.push(await queueBench(big, targets.queue));
    }
    return results;
  };
}
