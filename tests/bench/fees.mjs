// The takePayment benchmark of run.mjs (issue 7): the whole stack against bare-payment-server.mjs on a copy of
// one prepared database per round pair. Prepared once per run through the stack's API: CHARGED_CASES accepted
// cases of a city fee item, each charged at its standard; then (bench fixture, plain SQL) each charge is copied
// until there are PAYMENT_POOL unpaid charges, and the department's ticket book is made long enough. Every
// request pays one charge with a fresh idempotency key. Before measuring, both servers trace their SQL
// (the stack with LOG_SQL=true) for one payment each and the statement texts must be the same, in order.
// Settings: BENCH_PAYMENT_POOL (40000 unpaid charges per round pair).
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CONNECTIONS, SECONDS, copyDb, freePorts, load, login, post, removeDb, root, stackEnv, start, stop } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const BARE = path.join(root, "tests/bench/bare-payment-server.mjs");
const POOL = Number(process.env.BENCH_PAYMENT_POOL ?? 40_000);
const CHARGED_CASES = 40;
/** Both servers seal records with this key (the bare handler computes the same keyed hashes). */
const RECORDS_KEY = "5eed".repeat(16);
const FINANCE_CLERK = "c50";
export const TAKE = `mutation Take($input: TakePaymentInput!) { takePayment(input: $input) { payment { number amountFen method } ticket { number } userErrors { field message code } } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { message } } }`;
const ACCEPT = `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { number } userErrors { message } } }`;
const CHARGE = `mutation($input: ChargeCaseInput!) { chargeCase(input: $input) { charge { id } userErrors { message } } }`;

const env = (file, port, extra = {}) => ({ ...stackEnv(file, port), RECORDS_KEY, SCHEDULER_INTERVAL_MS: "0", ...extra });

/** A city fee item (standard in force, not delegated) whose department has an ACTIVE book at the city centre. */
function target(file) {
  const db = new Database(file, { readonly: true });
  try {
    const item = db
      .prepare(
        `SELECT i.id, i.code, w.code AS window, f.id AS standardId, f."amountFen", b.id AS bookId FROM service_item i
         JOIN fee_standard f ON f."itemId" = i.id AND f."supersededFrom" IS NULL
         JOIN window_item wi ON wi."itemId" = i.id AND wi."pointId" = 1 JOIN service_window w ON w.id = wi."windowId"
         JOIN ticket_book b ON b."departmentId" = i."departmentId" AND b."pointId" = 1 AND b.status = 'ACTIVE'
         WHERE i.level = 'CITY' AND i.active = 1 AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)
         ORDER BY i.code LIMIT 1`,
      )
      .get();
    if (!item) throw new Error("payment bench: no city fee item with an ACTIVE ticket book in the demo data");
    const clerk = db.prepare(`SELECT username FROM staff s JOIN service_window w ON w.id = s."windowId" WHERE w.code = ? AND s.role = 'WINDOW_CLERK' LIMIT 1`).get(item.window).username;
    const materialIds = db.prepare(`SELECT id FROM material WHERE "itemId" = ? AND active = 1 ORDER BY seq`).all(item.id).map((m) => String(m.id));
    return { ...item, clerk, materialIds };
  } finally {
    db.close();
  }
}

/** The prepared database (seeded, CHARGED_CASES charged cases, POOL unpaid charges) and the charges in paying order. */
async function prepare(tmp, main) {
  const file = path.join(tmp, "fees.sqlite");
  const [port] = await freePorts(1);
  const stack = await start(main, env(file, port), /serving/);
  const url = `http://127.0.0.1:${port}/graphql`;
  let item;
  try {
    item = target(file);
    const headers = { cookie: await login(url, item.clerk) };
    const ok = async (query, input, field) => {
      const answer = await post(url, { query, variables: { input } }, headers);
      const payload = answer.data?.[field];
      if (!payload || payload.userErrors.length) throw new Error(`payment bench: ${field} failed: ${JSON.stringify(answer)}`);
      return payload;
    };
    const one = async (i) => {
      const applicant = { name: "张三", idNumber: "421081198001011232", phone: "13871234567" };
      const { case: c } = await ok(REGISTER, { itemCode: item.code, applicant, materialIds: item.materialIds, idempotencyKey: `prepare-${i}` }, "registerCase");
      await ok(ACCEPT, { caseNumber: c.number, kind: "COMMITTED" }, "acceptCase");
      await ok(CHARGE, { caseNumber: c.number, standardId: String(item.standardId), quantity: 1, amountFen: item.amountFen }, "chargeCase");
    };
    for (let i = 0; i < CHARGED_CASES; i += 4) await Promise.all([0, 1, 2, 3].map((j) => one(i + j)));
  } finally {
    await stop(stack);
  }
  const db = new Database(file);
  try {
    // Bench fixture: more unpaid charges on the same cases (as chargeCase leaves them, without their CHARGED
    // timeline entries), and a book long enough for every payment of a round pair.
    const copies = Math.ceil(POOL / CHARGED_CASES) - 1;
    db.prepare(
      `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
       INSERT INTO case_charge ("caseId", "standardId", quantity, "amountFen", "reductionFen", status, "chargedAt", "chargedById", version)
       SELECT c."caseId", c."standardId", c.quantity, c."amountFen", 0, 'UNPAID', c."chargedAt", c."chargedById", 1 FROM case_charge c CROSS JOIN n`,
    ).run(copies);
    db.prepare(`UPDATE ticket_book SET "toNo" = "nextNo" + ? WHERE id = ?`).run(POOL * 2, item.bookId);
    const charges = db.prepare(`SELECT ch.id, c.number FROM case_charge ch JOIN case_file c ON c.id = ch."caseId" WHERE ch.status = 'UNPAID' ORDER BY ch.id`).all();
    // Round robin over the cases: consecutive requests pay charges of different cases.
    const byCase = new Map();
    for (const c of charges) byCase.set(c.number, [...(byCase.get(c.number) ?? []), c]);
    const lists = [...byCase.values()];
    const order = [];
    for (let i = 0; order.length < charges.length; i++) for (const list of lists) if (list[i]) order.push({ caseNumber: list[i].number, chargeId: String(list[i].id) });
    db.pragma("wal_checkpoint(TRUNCATE)");
    return { file, charges: order, item };
  } finally {
    db.close();
  }
}

/** The statement texts a server printed (LOG_SQL lines), parameters and numbers taken out. */
function statements(text) {
  return text
    .split("\n")
    .filter((line) => line.startsWith("[sql] "))
    .map((line) => {
      let query = line.slice(6).trimEnd();
      const params = query.lastIndexOf(" [");
      if (params > 0 && query.endsWith("]")) {
        try {
          JSON.parse(query.slice(params + 1));
          query = query.slice(0, params);
        } catch {
          // not a parameter list
        }
      }
      // TypeORM writes numbers into the text: ids and counters differ from one payment to the next.
      return query.replace(/("[^"]*")|('[^']*')|\b\d+\b/g, (m, dq, sq) => dq ?? sq ?? "#").replace(/\s+/g, " ").trim();
    });
}

/** Starts a server whose stdout is kept, for tracing. */
async function traced(script, environment) {
  const child = await start(script, environment, /serving|listening/);
  const trace = { child, output: "" };
  child.stdout.on("data", (chunk) => (trace.output += chunk));
  return trace;
}

/** One payment on each server with SQL tracing on: the answers must match and so must the statements. */
async function compareStatements(tmp, main, prepared) {
  const file = copyDb(prepared.file, path.join(tmp, "fees-trace.sqlite"));
  const [port, barePort] = await freePorts(2);
  const stack = await traced(main, env(file, port, { LOG_SQL: "true" }));
  const bare = await traced(BARE, { SQLITE_PATH: file, PORT: String(barePort), RECORDS_KEY, BARE_TRACE: "true" });
  try {
    const urls = { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${barePort}/payment` };
    const headers = { cookie: await login(urls.stack, FINANCE_CLERK) };
    const [a, b] = prepared.charges.slice(0, 2);
    const pay = async (name, charge) => {
      const before = (name === "stack" ? stack : bare).output.length;
      const body = { query: TAKE, variables: { input: { caseNumber: charge.caseNumber, chargeIds: [charge.chargeId], method: "CASH", reference: null, idempotencyKey: randomUUID() } } };
      const answer = await post(urls[name], body, headers);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the last lines reach us
      return { answer, sql: statements((name === "stack" ? stack : bare).output.slice(before)) };
    };
    const s = await pay("stack", a);
    const r = await pay("bare", b);
    const shape = (x) => JSON.stringify(x, (key, value) => (key === "number" && typeof value === "string" ? value.replace(/\d+$/, "#") : value));
    const diff = [];
    for (let i = 0; i < Math.max(s.sql.length, r.sql.length); i++) if (s.sql[i] !== r.sql[i]) diff.push(`  #${i + 1}\n    stack: ${s.sql[i] ?? "(none)"}\n    bare:  ${r.sql[i] ?? "(none)"}`);
    if (diff.length) throw new Error(`takePayment: the bare handler's SQL differs from the stack's (${s.sql.length} vs ${r.sql.length} statements):\n${diff.join("\n")}`);
    if (shape(s.answer) !== shape(r.answer) || s.answer.data?.takePayment?.userErrors?.length !== 0) {
      throw new Error(`takePayment: the answers differ:\n${JSON.stringify(s.answer)}\n${JSON.stringify(r.answer)}`);
    }
    await Promise.all([stop(stack.child), stop(bare.child)]);
    // The bare handler's rows are real records: the case chains, seals and the audit log still verify.
    const verify = spawnSync(process.execPath, [path.join(root, "server/dist/server/src/modules/records/verify-cli.js"), "--db", file], { env: { ...process.env, RECORDS_KEY }, encoding: "utf8" });
    if (verify.status !== 0) throw new Error(`takePayment: the records do not verify after one payment from each:\n${verify.stdout}${verify.stderr}`);
    const writes = s.sql.filter((q) => /^(INSERT|UPDATE|DELETE)/i.test(q)).length;
    console.log(`\n[takePayment] ${prepared.item.code} at ${FINANCE_CLERK}: same JSON shape from both; the same ${s.sql.length} SQL statements, text for text (${writes} writes); the records of both verify`);
  } finally {
    await Promise.all([stop(stack.child), stop(bare.child)]);
    removeDb(file);
  }
}

/** How many payments a server wrote with keys of a prefix (each must be one acknowledged request, or one in flight). */
function written(file, prefix) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT COUNT(*) AS n FROM payment WHERE "idempotencyKey" LIKE ?`).get(`${prefix}%`).n;
  } finally {
    db.close();
  }
}

export async function paymentBench(tmp, main, interleave) {
  const prepared = await prepare(tmp, main);
  console.log(`\n[takePayment] prepared ${CHARGED_CASES} charged cases of ${prepared.item.code}, ${prepared.charges.length.toLocaleString("en")} unpaid charges per round pair`);
  await compareStatements(tmp, main, prepared);
  let pair = null;
  const runPair = async (i) => {
    if (pair?.i === i) return pair;
    if (pair) await pair.close();
    const file = copyDb(prepared.file, path.join(tmp, `fees-${i}.sqlite`));
    const [port, barePort] = await freePorts(2);
    const stack = await start(main, env(file, port), /serving/);
    const bare = await start(BARE, { SQLITE_PATH: file, PORT: String(barePort), RECORDS_KEY });
    const urls = { stack: `http://127.0.0.1:${port}/graphql`, bare: `http://127.0.0.1:${barePort}/payment` };
    const headers = { cookie: await login(urls.stack, FINANCE_CLERK) };
    let next = 0;
    const body = (key) => {
      const charge = prepared.charges[next++];
      if (!charge) throw new Error(`payment bench: the pool of ${prepared.charges.length} charges ran out; raise BENCH_PAYMENT_POOL`);
      return { query: TAKE, variables: { input: { caseNumber: charge.caseNumber, chargeIds: [charge.chargeId], method: "CASH", reference: null, idempotencyKey: `${key}-${next}` } } };
    };
    const close = async () => (await Promise.all([stop(stack), stop(bare)]), removeDb(file));
    pair = { i, file, urls, headers, body, close };
    return pair;
  };
  try {
    return {
      name: "takePayment",
      ...(await interleave(async (name, i) => {
        const p = await runPair(i);
        await new Promise((resolve) => setTimeout(resolve, 1000)); // the other server finishes its last requests: one writer at a time
        await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`warm-${name}`)), headers: p.headers, seconds: Math.min(2, SECONDS) });
        const result = await load(p.urls[name], { nextBody: () => JSON.stringify(p.body(`bench-${name}-${i}`)), headers: p.headers });
        const rows = written(p.file, `bench-${name}-${i}-`);
        if (rows < result.ok || rows > result.ok + CONNECTIONS) throw new Error(`takePayment ${name}: ${result.ok} answers but ${rows} payments`);
        return result;
      })),
    };
  } finally {
    await pair?.close();
    fs.rmSync(prepared.file, { force: true });
  }
}
