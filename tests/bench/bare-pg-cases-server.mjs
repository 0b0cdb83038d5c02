// PostgreSQL baselines of the case benchmarks (run.mjs register-pg, queue-pg): bare node:http handlers running the
// stack's SQL through node-postgres — the same statement texts as TypeORM sends on PostgreSQL ($n placeholders,
// TypeORM's aliases, RETURNING where TypeORM asks for generated columns, LIMIT written into the text as TypeORM
// writes it), in the same order, checked by run.mjs (shapeOf and the generic EXPLAIN (FORMAT JSON) plans,
// pg-lib.mjs samePgSql) — and answering with the same JSON. Statements are sent unnamed (parse, bind, execute each
// time), as TypeORM sends them, on a pool of 10 connections, as the stack's; what the stack runs at once (two
// DataLoaders) runs at once here, in the same order. Started by run.mjs on a copy of the big database (DATABASE_URL).
//   POST /register  registerCase: session, then in one transaction (START TRANSACTION … COMMIT on one connection)
//                   the stack's reads and writes (idempotency check, item, point, window link, window, materials,
//                   counter upsert, case_file, its party with the keyed search hashes and name keys, case_material,
//                   case_event with its keyed hash, the case's records seal, the change feed (counter, case_change,
//                   endpoints), idempotency_record), then the answer's window and point: 26 statements.
//                   City window clerks registering a city item for one applicant only (the bench's case).
//   POST /queue     windowQueue of a window's own clerk: session, window, page and count (the literal open statuses:
//                   the partial index IDX_case_file_queue_open; no policy filter, case-policy.ts readsWholeWindow),
//                   items and open pauses (two loaders, in the order of the first load), calendar years and days.
// The keyed hashes and the seal are computed by the server's own functions (server/dist), with the records key of
// the database copy (RECORDS_KEY_FILE).
import { randomInt } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { root } from "./lib.mjs";
import { tracePool } from "./pg-lib.mjs";
import { C, DECISION_COLUMNS, OPEN_SQL, QUERY_ALPHABET, RECORD_COLUMNS, ROLE_LABEL, chinaDate, q, select, sha256, unalias, workingDaysBetween } from "./stack-shapes.mjs";

const require = createRequire(import.meta.url);
require("reflect-metadata"); // parties.js loads the decorated entities
const dist = (file) => require(path.join(root, "server/dist/server/src", file));
const { eventHash, sealColumns, GENESIS } = dist("modules/records/records.js");
const { parseKey } = dist("modules/records/records-key.js");
const { partiesOf, partyRecords } = dist("modules/cases/parties.js");
const pg = require("pg");
const pool = tracePool(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }));
const key = parseKey(fs.readFileSync(process.env.RECORDS_KEY_FILE, "utf8"), "bench");

/** $from, $from+1, … (n of them). */
const marks = (n, from = 1) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(", ");
/** A multi-row VALUES list of `rows` rows of `width` placeholders each, numbered on. */
const rowsOf = (rows, width) => Array.from({ length: rows }, (_, r) => `(${marks(width, 1 + r * width)})`).join(", ");
const CASE_INSERTED = C.case.filter((c) => c !== "id");
/** Where TypeORM writes DEFAULT (columns the registration leaves to the database), in the insert's column order. */
const CASE_DEFAULTS = new Set(["acceptedOn", "limitDays", "deadline", "forwardDue", "informDue", "deadlineProvisional", "forwardDueProvisional", "informDueProvisional", "forwardedTo", "returnCategory", "returnReason", "outcome", "decidedAt", "deliveredVia", "closedAt", "recordsHead", "recordsCount", "recordsState", "recordsSeal"]);
const CASE_VALUES = (() => {
  let n = 0;
  return CASE_INSERTED.map((c) => (CASE_DEFAULTS.has(c) ? "DEFAULT" : `$${++n}`)).join(", ");
})();

const sql = {
  // The session and its staff member in one statement, as auth.service.ts resolveActor reads them.
  session: `SELECT ${[...C.session.map((c) => `"s"."${c}" AS "s_${c}"`), ...C.staff.map((c) => `"st"."${c}" AS "st_${c}"`)].join(", ")} FROM "staff_session" "s" INNER JOIN "staff" "st" ON "st"."id"="s"."staffId" WHERE "s"."tokenHash" = $1`,
  windowByCode: `${select("ServiceWindow", "service_window", C.window)} WHERE (("ServiceWindow"."code" = $1)) LIMIT 1`,
  page: (limit) => `${select("c", "case_file", C.case)} WHERE "c"."windowId" = $1 AND ${OPEN_SQL} ORDER BY (COALESCE("c"."deadline", '9999-12-31') || "c"."number") ASC LIMIT ${limit}`,
  count: `SELECT COUNT(1) AS "cnt" FROM "case_file" "c" WHERE "c"."windowId" = $1 AND ${OPEN_SQL}`,
  years: select("CalendarYear", "calendar_year", C.year),
  days: select("CalendarDay", "calendar_day", C.day),
  idempotency: `${select("IdempotencyRecord", "idempotency_record", C.idempotency)} WHERE (("IdempotencyRecord"."actor" = $1) AND ("IdempotencyRecord"."key" = $2)) LIMIT 1`,
  item: `${select("ServiceItem", "service_item", C.item)} WHERE (("ServiceItem"."code" = $1) AND ("ServiceItem"."active" = $2)) LIMIT 1`,
  point: `${select("ServicePoint", "service_point", C.point)} WHERE (("ServicePoint"."id" = $1)) LIMIT 1`,
  link: `${select("WindowItem", "window_item", C.windowItem)} WHERE (("WindowItem"."pointId" = $1) AND ("WindowItem"."itemId" = $2)) LIMIT 1`,
  window: `${select("ServiceWindow", "service_window", C.window)} WHERE (("ServiceWindow"."id" = $1) AND ("ServiceWindow"."active" = $2)) LIMIT 1`,
  materials: `${select("Material", "material", C.material)} WHERE (("Material"."itemId" = $1) AND ("Material"."active" = $2))`,
  counter: `INSERT INTO case_counter (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last`,
  insertCase: `INSERT INTO "case_file"(${q(CASE_INSERTED)}) VALUES (${CASE_VALUES}) RETURNING "id", "deadlineProvisional", "forwardDueProvisional", "informDueProvisional", "version", "recordsCount"`,
  insertParty: `INSERT INTO "case_party"(${q(["caseId", "seq", "role", "kind", "name", "idNumber", "creditCode", "legalRepresentative", "phone", "actsForSeq", "idHash", "phoneHash"])}) VALUES (${marks(12)}) RETURNING "id"`,
  insertNames: (n) => `INSERT INTO "case_name_key"("caseId", "partySeq", "pos", "key") VALUES ${rowsOf(n, 4)} RETURNING "id"`,
  insertMaterials: (n) => `INSERT INTO "case_material"("caseId", "materialId", "name", "paper", "receivedAt", "receivedById") VALUES ${rowsOf(n, 6)} RETURNING "id", "paper"`,
  lastEvent: `SELECT "CaseEvent"."seq" AS "CaseEvent_seq", "CaseEvent"."hash" AS "CaseEvent_hash", "CaseEvent"."id" AS "CaseEvent_id" FROM "case_event" "CaseEvent" WHERE (("CaseEvent"."caseId" = $1)) ORDER BY "CaseEvent_seq" DESC LIMIT 1`,
  insertEvent: `INSERT INTO "case_event"(${q(["caseId", "seq", "type", "at", "actorId", "actorLabel", "fromPointId", "toPointId", "summary", "data", "prevHash", "hash"])}) VALUES (${marks(12)}) RETURNING "id"`,
  recordRow: `SELECT ${q(RECORD_COLUMNS)} FROM case_file WHERE id = $1`,
  decision: `SELECT ${q(DECISION_COLUMNS)} FROM decision WHERE "caseId" = $1`,
  reseal: `UPDATE case_file SET "recordsHead" = $1, "recordsCount" = $2, "recordsState" = $3, "recordsSeal" = $4 WHERE id = $5`,
  // The change feed (integrations/change-log.ts recordCaseChange): the counter, the change row, the active endpoints.
  feedBump: `UPDATE "feed_counter" SET "last" = "last" + 1 WHERE "name" = $1`,
  feedRead: `SELECT "FeedCounter"."name" AS "FeedCounter_name", "FeedCounter"."last" AS "FeedCounter_last" FROM "feed_counter" "FeedCounter" WHERE (("FeedCounter"."name" = $1)) LIMIT 1`,
  insertChange: `INSERT INTO "case_change"("position", "caseId", "caseNumber", "eventSeq", "eventType", "status", "at") VALUES (${marks(7)})`,
  endpoints: `SELECT "WebhookEndpoint"."id" AS "WebhookEndpoint_id", "WebhookEndpoint"."eventTypes" AS "WebhookEndpoint_eventTypes", "WebhookEndpoint"."pointIds" AS "WebhookEndpoint_pointIds" FROM "webhook_endpoint" "WebhookEndpoint" WHERE (("WebhookEndpoint"."active" = $1))`,
  insertIdempotency: `INSERT INTO "idempotency_record"(${q(C.idempotency.filter((c) => c !== "id"))}) VALUES (${marks(6)}) RETURNING "id"`,
  // The stack's loaders: one statement per batch of ids.
  byIds: (alias, table, columns, n, order = "") => `${select(alias, table, columns)} WHERE (("${alias}"."${alias === "CasePause" ? "caseId" : "id"}" IN (${marks(n)})))${order}`,
};

const rowsOfQuery = async (db, text, values) => (await db.query(text, values)).rows;
const one = async (db, text, values) => (await db.query(text, values)).rows[0];

/** The logged-in staff member of the request, as the stack's resolveActor finds them. */
async function staffOf(req) {
  const secret = /bianmin_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const row = secret && (await one(pool, sql.session, [sha256(decodeURIComponent(secret))]));
  if (!row || row.s_revokedAt) return null;
  const staff = Object.fromEntries(C.staff.map((c) => [c, row[`st_${c}`]]));
  return staff.active ? staff : null;
}

async function queue(staff, { windowCode, first }) {
  const window = unalias("ServiceWindow", await one(pool, sql.windowByCode, [windowCode]));
  if (!window || staff.role !== "WINDOW_CLERK" || staff.windowId !== window.id) throw new Error("the bare handler serves a window clerk's own queue only");
  // The window's own clerk reads every case of the window: no policy filter (case-policy.ts readsWholeWindow).
  const rows = (await rowsOfQuery(pool, sql.page(first + 1), [window.id])).slice(0, first).map((r) => unalias("c", r));
  const totalCount = Number((await one(pool, sql.count, [window.id])).cnt);
  const reviewed = rows.filter((r) => r.status === "IN_REVIEW").map((r) => r.id);
  const loadPauses = async () => (reviewed.length ? (await rowsOfQuery(pool, sql.byIds("CasePause", "case_pause", C.pause, reviewed.length, ` ORDER BY "CasePause"."id" ASC`), reviewed)).map((p) => unalias("CasePause", p)) : []);
  const itemIds = [...new Set(rows.map((r) => r.itemId))];
  const loadItems = async () => new Map(itemIds.length ? (await rowsOfQuery(pool, sql.byIds("ServiceItem", "service_item", C.item, itemIds.length), itemIds)).map((i) => [i.ServiceItem_id, i.ServiceItem_name]) : []);
  // The stack's two loaders run at once, dispatched in the order of their first load: the first case's
  // deadlineState asks for pauses before its item only when that case is IN_REVIEW.
  let pauses, items;
  if (rows[0]?.status === "IN_REVIEW") [pauses, items] = await Promise.all([loadPauses(), loadItems()]);
  else [items, pauses] = await Promise.all([loadItems(), loadPauses()]);
  const years = new Set((await rowsOfQuery(pool, sql.years)).map((y) => y.CalendarYear_year));
  const days = new Map((await rowsOfQuery(pool, sql.days)).map((d) => [d.CalendarDay_date, d.CalendarDay_kind]));
  const today = chinaDate(new Date());
  const state = (c) => {
    if (c.status !== "IN_REVIEW") return c.status === "SUPPLEMENT" ? "PAUSED" : "NONE";
    if (pauses.some((p) => p.caseId === c.id && p.endedOn === null)) return "PAUSED";
    if (c.deadline === null) return "NONE";
    if (today > c.deadline) return "RED";
    return workingDaysBetween(today, c.deadline, years, days, 3) <= 2 ? "YELLOW" : "ON_TIME";
  };
  const nodes = rows.map((c) => ({ number: c.number, status: c.status, deadline: c.deadline, deadlineState: state(c), item: { name: items.get(c.itemId) } }));
  return { data: { windowQueue: { totalCount, nodes } } };
}

async function register(db, staff, input) {
  const actor = `staff:${staff.id}`;
  const parties = partiesOf(input);
  const primary = parties[0];
  if (parties.length !== 1) throw new Error("the bare handler registers one applicant");
  if (await one(db, sql.idempotency, [actor, input.idempotencyKey])) throw new Error("bench keys are never reused");
  const item = unalias("ServiceItem", await one(db, sql.item, [input.itemCode, true]));
  const point = unalias("ServicePoint", await one(db, sql.point, [staff.pointId]));
  if (point.level !== "CITY" || item.level !== "CITY") throw new Error("the bare handler registers city items at the city only");
  const link = unalias("WindowItem", await one(db, sql.link, [point.id, item.id]));
  const window = unalias("ServiceWindow", await one(db, sql.window, [link.windowId, true]));
  const materials = (await rowsOfQuery(db, sql.materials, [item.id, true])).map((m) => unalias("Material", m));
  const now = new Date();
  const today = chinaDate(now);
  const day = today.replaceAll("-", "");
  const number = `421081${day}${String((await one(db, sql.counter, [day])).last).padStart(6, "0")}`;
  const queryCode = Array.from({ length: 6 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join("");
  // The stack's save: number, numberReversed, itemId, kind, status, applicant (3), registeredAt, registeredById,
  // the three points, windowId, receivedOn, queryCode, version; the rest DEFAULT.
  const caseId = (
    await one(db, sql.insertCase, [number, [...number].reverse().join(""), item.id, null, "REGISTERED", primary.name, primary.idNumber, primary.phone, now, staff.id, point.id, point.id, point.id, window.id, today, queryCode, 1])
  ).id;
  const records = partyRecords(key, caseId, parties);
  for (const p of records.parties) await db.query(sql.insertParty, [caseId, p.seq, p.role, p.kind, p.name, p.idNumber, p.creditCode, p.legalRepresentative, p.phone, p.actsForSeq, p.idHash, p.phoneHash]);
  for (let i = 0; i < records.names.length; i += 200) {
    const chunk = records.names.slice(i, i + 200);
    await db.query(sql.insertNames(chunk.length), chunk.flatMap((n) => [caseId, n.partySeq, n.pos, n.key]));
  }
  const handedIn = materials.filter((m) => input.materialIds.includes(String(m.id)));
  if (handedIn.length) await db.query(sql.insertMaterials(handedIn.length), handedIn.flatMap((m) => [caseId, m.id, m.name, true, now, staff.id]));
  const lastEvent = await one(db, sql.lastEvent, [caseId]);
  const seq = (lastEvent?.CaseEvent_seq ?? 0) + 1;
  const prevHash = lastEvent?.CaseEvent_hash ?? GENESIS;
  const label = `${staff.displayName}（${ROLE_LABEL[staff.role]}）`;
  const summary = `${point.name}登记，办件编号 ${number}；由${point.name}${window.name}受理。`;
  const data = JSON.stringify({ item: item.code, materials: handedIn.map((m) => m.name), otherDocuments: input.otherDocuments ?? [], handlingPoint: point.code, window: window.code });
  const eventAt = new Date();
  const hash = eventHash(key, { prevHash, caseNumber: number, seq, type: "REGISTERED", at: eventAt, actorId: staff.id, actorLabel: label, fromPointId: null, toPointId: null, summary, data });
  await db.query(sql.insertEvent, [caseId, seq, "REGISTERED", eventAt, staff.id, label, null, null, summary, data, prevHash, hash]);
  const seal = sealColumns(key, await one(db, sql.recordRow, [caseId]), (await one(db, sql.decision, [caseId])) ?? null, hash, seq);
  await db.query(sql.reseal, [seal.recordsHead, seal.recordsCount, seal.recordsState, seal.recordsSeal, caseId]);
  await db.query(sql.feedBump, ["caseChanges"]);
  const position = (await one(db, sql.feedRead, ["caseChanges"])).FeedCounter_last;
  await db.query(sql.insertChange, [position, caseId, number, seq, "REGISTERED", "REGISTERED", eventAt]);
  if ((await rowsOfQuery(db, sql.endpoints, [true])).length) throw new Error("the bare handler writes no webhook deliveries: the benchmark's database has no endpoints");
  await db.query(sql.insertIdempotency, [actor, input.idempotencyKey, "registerCase", sha256(JSON.stringify({ operation: "registerCase", input })), JSON.stringify(caseId), new Date()]);
  return { number, registeredAt: now.toISOString(), receivedOn: today, windowId: window.id, pointId: point.id };
}

async function registered(c) {
  // After the commit, as the stack's two loaders answer the case's window and handling point (at once).
  const [window, point] = await Promise.all([
    one(pool, sql.byIds("ServiceWindow", "service_window", C.window, 1), [c.windowId]).then((r) => unalias("ServiceWindow", r)),
    one(pool, sql.byIds("ServicePoint", "service_point", C.point, 1), [c.pointId]).then((r) => unalias("ServicePoint", r)),
  ]);
  const answer = { number: c.number, status: "REGISTERED", kind: null, registeredAt: c.registeredAt, receivedOn: c.receivedOn, window: { code: window.code, name: window.name }, handlingPoint: { code: point.code, name: point.name } };
  return { data: { registerCase: { case: answer, userErrors: [] } } };
}

/** One transaction on one connection, begun as TypeORM begins it (READ COMMITTED, the server's default). */
async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query("START TRANSACTION");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    client.release();
  }
}

async function answer(req, body) {
  const staff = await staffOf(req);
  if (!staff) return null;
  const { variables } = JSON.parse(body);
  return req.url === "/register" ? registered(await inTransaction((db) => register(db, staff, variables.input))) : queue(staff, variables);
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    answer(req, body).then(
      (json) => {
        if (!json) return res.writeHead(401).end();
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      },
      (error) => {
        console.error(error);
        res.writeHead(500).end();
      },
    );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
