// Baselines for the case benchmarks: bare node:http handlers running the stack's SQL through better-sqlite3 —
// the same statement texts as TypeORM sends (numbers it writes into the text are bound here), in the same
// order, checked by run.mjs (shapeOf and EXPLAIN QUERY PLAN) — and answering with the same JSON.
// Started by run.mjs on a copy of the big database.
//   POST /register  registerCase: session, then in one BEGIN IMMEDIATE transaction the stack's reads and writes
//                   (idempotency check, item, point, window, materials, counter upsert, case_file, its party
//                   with the keyed search hashes and name keys, case_material, case_event with its keyed hash,
//                   the case's records seal, the change feed (counter, case_change, endpoints), idempotency_record),
//                   then the answer's window and point.
//                   City window clerks registering a city item for one applicant only (the bench's case).
//   POST /queue     windowQueue of a window clerk: session, window, page and count (the literal open statuses:
//                   the partial index IDX_case_file_queue_open), open pauses, items, calendar.
// The keyed hashes and the seal are computed by the server's own functions (server/dist), with the records key
// of the database copy.
import { randomInt } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { keyFileOf, root, traceDb } from "./lib.mjs";
import { C, DECISION_COLUMNS, OPEN_SQL, QUERY_ALPHABET, RECORD_COLUMNS, ROLE_LABEL, chinaDate, q, select, sha256, unalias, workingDaysBetween } from "./stack-shapes.mjs";

const require = createRequire(import.meta.url);
require("reflect-metadata"); // parties.js loads the decorated entities
const dist = (file) => require(path.join(root, "server/dist/server/src", file));
const { eventHash, sealColumns, GENESIS } = dist("modules/records/records.js");
const { parseKey } = dist("modules/records/records-key.js");
const { partiesOf, partyRecords } = dist("modules/cases/parties.js");
const Database = require("better-sqlite3");
const db = traceDb(new Database(process.env.SQLITE_PATH));
// As the app's connections: WAL, a commit survives a power loss, foreign keys checked.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
const key = parseKey(fs.readFileSync(process.env.RECORDS_KEY_FILE || keyFileOf(process.env.SQLITE_PATH), "utf8"), "bench");

const sqliteTime = (at) => at.toISOString().replace("T", " ").slice(0, 23);

const sql = {
  // The session and its staff member in one statement, as auth.service.ts resolveActor reads them.
  session: db.prepare(`SELECT ${[...C.session.map((c) => `"s"."${c}" AS "s_${c}"`), ...C.staff.map((c) => `"st"."${c}" AS "st_${c}"`)].join(", ")} FROM "staff_session" "s" INNER JOIN "staff" "st" ON "st"."id"="s"."staffId" WHERE "s"."tokenHash" = ?`),
  windowByCode: db.prepare(`${select("ServiceWindow", "service_window", C.window)} WHERE (("ServiceWindow"."code" = ?)) LIMIT 1`),
  page: db.prepare(`${select("c", "case_file", C.case)} WHERE "c"."windowId" = ? AND ${OPEN_SQL} ORDER BY (COALESCE("c"."deadline", '9999-12-31') || "c"."number") ASC LIMIT ?`),
  count: db.prepare(`SELECT COUNT(1) AS "cnt" FROM "case_file" "c" WHERE "c"."windowId" = ? AND ${OPEN_SQL}`),
  years: db.prepare(select("CalendarYear", "calendar_year", C.year)),
  days: db.prepare(select("CalendarDay", "calendar_day", C.day)),
  idempotency: db.prepare(`${select("IdempotencyRecord", "idempotency_record", C.idempotency)} WHERE (("IdempotencyRecord"."actor" = ?) AND ("IdempotencyRecord"."key" = ?)) LIMIT 1`),
  item: db.prepare(`${select("ServiceItem", "service_item", C.item)} WHERE (("ServiceItem"."code" = ?) AND ("ServiceItem"."active" = ?)) LIMIT 1`),
  point: db.prepare(`${select("ServicePoint", "service_point", C.point)} WHERE (("ServicePoint"."id" = ?)) LIMIT 1`),
  link: db.prepare(`${select("WindowItem", "window_item", C.windowItem)} WHERE (("WindowItem"."pointId" = ?) AND ("WindowItem"."itemId" = ?)) LIMIT 1`),
  window: db.prepare(`${select("ServiceWindow", "service_window", C.window)} WHERE (("ServiceWindow"."id" = ?) AND ("ServiceWindow"."active" = ?)) LIMIT 1`),
  materials: db.prepare(`${select("Material", "material", C.material)} WHERE (("Material"."itemId" = ?) AND ("Material"."active" = ?))`),
  counter: db.prepare(`INSERT INTO case_counter (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last`),
  insertCase: db.prepare(
    `INSERT INTO "case_file"(${q(C.case)}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, 1, NULL, 0, NULL, NULL)`,
  ),
  caseDefaults: db.prepare(`${select("Case", "case_file", ["id", "deadlineProvisional", "forwardDueProvisional", "informDueProvisional", "version", "recordsCount"])} WHERE "Case"."id" = ?`),
  insertParty: db.prepare(`INSERT INTO "case_party"(${q(["id", "caseId", "seq", "role", "kind", "name", "idNumber", "creditCode", "legalRepresentative", "phone", "actsForSeq", "idHash", "phoneHash"])}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  lastEvent: db.prepare(`SELECT "CaseEvent"."seq" AS "CaseEvent_seq", "CaseEvent"."hash" AS "CaseEvent_hash", "CaseEvent"."id" AS "CaseEvent_id" FROM "case_event" "CaseEvent" WHERE (("CaseEvent"."caseId" = ?)) ORDER BY "CaseEvent_seq" DESC LIMIT 1`),
  insertEvent: db.prepare(`INSERT INTO "case_event"(${q(["id", "caseId", "seq", "type", "at", "actorId", "actorLabel", "fromPointId", "toPointId", "summary", "data", "prevHash", "hash"])}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  recordRow: db.prepare(`SELECT ${q(RECORD_COLUMNS)} FROM case_file WHERE id = ?`),
  decision: db.prepare(`SELECT ${q(DECISION_COLUMNS)} FROM decision WHERE "caseId" = ?`),
  reseal: db.prepare(`UPDATE case_file SET "recordsHead" = ?, "recordsCount" = ?, "recordsState" = ?, "recordsSeal" = ? WHERE id = ?`),
  // The change feed (integrations/change-log.ts recordCaseChange): the counter, the change row, the active endpoints.
  feedBump: db.prepare(`UPDATE "feed_counter" SET "last" = "last" + 1 WHERE "name" = ?`),
  feedRead: db.prepare(`SELECT "FeedCounter"."name" AS "FeedCounter_name", "FeedCounter"."last" AS "FeedCounter_last" FROM "feed_counter" "FeedCounter" WHERE (("FeedCounter"."name" = ?)) LIMIT 1`),
  insertChange: db.prepare(`INSERT INTO "case_change"("position", "caseId", "caseNumber", "eventSeq", "eventType", "status", "at") VALUES (?, ?, ?, ?, ?, ?, ?)`),
  endpoints: db.prepare(`SELECT "WebhookEndpoint"."id" AS "WebhookEndpoint_id", "WebhookEndpoint"."eventTypes" AS "WebhookEndpoint_eventTypes", "WebhookEndpoint"."pointIds" AS "WebhookEndpoint_pointIds" FROM "webhook_endpoint" "WebhookEndpoint" WHERE (("WebhookEndpoint"."active" = ?))`),
  insertIdempotency: db.prepare(`INSERT INTO "idempotency_record"(${q(C.idempotency)}) VALUES (NULL, ?, ?, ?, ?, ?, ?)`),
};
// Statements whose text depends on a count (IN lists, multi-row inserts), prepared once per count.
const cache = new Map();
const prepared = (text) => cache.get(text) ?? cache.set(text, db.prepare(text)).get(text);
const marks = (n) => Array(n).fill("?").join(", ");
const byIds = (alias, table, columns, n, order = "") => prepared(`${select(alias, table, columns)} WHERE (("${alias}"."${alias === "CasePause" ? "caseId" : "id"}" IN (${marks(n)})))${order}`);

/** The logged-in staff member of the request, as the stack's resolveActor finds them. */
function staffOf(req) {
  const secret = /bianmin_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const row = secret && sql.session.get(sha256(decodeURIComponent(secret)));
  if (!row || row.s_revokedAt) return null;
  const staff = Object.fromEntries(C.staff.map((c) => [c, row[`st_${c}`]]));
  return staff.active ? staff : null;
}

function queue(staff, { windowCode, first }) {
  const window = unalias("ServiceWindow", sql.windowByCode.get(windowCode));
  if (!window || staff.role !== "WINDOW_CLERK" || staff.windowId !== window.id) throw new Error("the bare handler serves a window clerk's own queue only");
  // The window's own clerk reads every case of the window: no policy filter (case-policy.ts readsWholeWindow).
  const rows = sql.page.all(window.id, first + 1).slice(0, first).map((r) => unalias("c", r));
  const totalCount = sql.count.get(window.id).cnt;
  const reviewed = rows.filter((r) => r.status === "IN_REVIEW").map((r) => r.id);
  const loadPauses = () => (reviewed.length ? byIds("CasePause", "case_pause", C.pause, reviewed.length, ` ORDER BY "CasePause"."id" ASC`).all(...reviewed).map((p) => unalias("CasePause", p)) : []);
  const itemIds = [...new Set(rows.map((r) => r.itemId))];
  const loadItems = () => new Map(itemIds.length ? byIds("ServiceItem", "service_item", C.item, itemIds.length).all(...itemIds).map((i) => [i.ServiceItem_id, i.ServiceItem_name]) : []);
  // The stack's two loaders run in the order of their first load: the first case's deadlineState asks for pauses
  // before its item only when that case is IN_REVIEW.
  let pauses, items;
  if (rows[0]?.status === "IN_REVIEW") [pauses, items] = [loadPauses(), loadItems()];
  else [items, pauses] = [loadItems(), loadPauses()];
  const years = new Set(sql.years.all().map((y) => y.CalendarYear_year));
  const days = new Map(sql.days.all().map((d) => [d.CalendarDay_date, d.CalendarDay_kind]));
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

function register(staff, input) {
  const actor = `staff:${staff.id}`;
  const parties = partiesOf(input);
  const primary = parties[0];
  if (parties.length !== 1) throw new Error("the bare handler registers one applicant");
  if (sql.idempotency.get(actor, input.idempotencyKey)) throw new Error("bench keys are never reused");
  const item = unalias("ServiceItem", sql.item.get(input.itemCode, 1));
  const point = unalias("ServicePoint", sql.point.get(staff.pointId));
  if (point.level !== "CITY" || item.level !== "CITY") throw new Error("the bare handler registers city items at the city only");
  const link = unalias("WindowItem", sql.link.get(point.id, item.id));
  const window = unalias("ServiceWindow", sql.window.get(link.windowId, 1));
  const materials = sql.materials.all(item.id, 1).map((m) => unalias("Material", m));
  const now = new Date();
  const today = chinaDate(now);
  const day = today.replaceAll("-", "");
  const number = `421081${day}${String(sql.counter.get(day).last).padStart(6, "0")}`;
  const queryCode = Array.from({ length: 6 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join("");
  const at = sqliteTime(now);
  const caseId = Number(
    sql.insertCase.run(number, [...number].reverse().join(""), item.id, null, "REGISTERED", primary.name, primary.idNumber, primary.phone, at, staff.id, point.id, point.id, point.id, window.id, today, queryCode).lastInsertRowid,
  );
  sql.caseDefaults.get(caseId);
  const records = partyRecords(key, caseId, parties);
  for (const p of records.parties) sql.insertParty.run(caseId, p.seq, p.role, p.kind, p.name, p.idNumber, p.creditCode, p.legalRepresentative, p.phone, p.actsForSeq, p.idHash, p.phoneHash);
  for (let i = 0; i < records.names.length; i += 200) {
    const chunk = records.names.slice(i, i + 200);
    prepared(`INSERT INTO "case_name_key"("id", "caseId", "partySeq", "pos", "key") VALUES ${chunk.map(() => "(NULL, ?, ?, ?, ?)").join(", ")}`).run(...chunk.flatMap((n) => [caseId, n.partySeq, n.pos, n.key]));
  }
  const handedIn = materials.filter((m) => input.materialIds.includes(String(m.id)));
  if (handedIn.length) {
    const last = Number(
      prepared(`INSERT INTO "case_material"("id", "caseId", "materialId", "name", "paper", "receivedAt", "receivedById") VALUES ${handedIn.map(() => "(NULL, ?, ?, ?, 1, ?, ?)").join(", ")}`).run(
        ...handedIn.flatMap((m) => [caseId, m.id, m.name, at, staff.id]),
      ).lastInsertRowid,
    );
    const ids = handedIn.map((_, i) => last - handedIn.length + 1 + i);
    prepared(`SELECT "CaseMaterial"."id" AS "CaseMaterial_id", "CaseMaterial"."paper" AS "CaseMaterial_paper" FROM "case_material" "CaseMaterial" WHERE (${ids.map(() => `"CaseMaterial"."id" = ?`).join(" OR ")})`).all(...ids);
  }
  const lastEvent = sql.lastEvent.get(caseId);
  const seq = (lastEvent?.CaseEvent_seq ?? 0) + 1;
  const prevHash = lastEvent?.CaseEvent_hash ?? GENESIS;
  const label = `${staff.displayName}（${ROLE_LABEL[staff.role]}）`;
  const summary = `${point.name}登记，办件编号 ${number}；由${point.name}${window.name}受理。`;
  const data = JSON.stringify({ item: item.code, materials: handedIn.map((m) => m.name), otherDocuments: input.otherDocuments ?? [], handlingPoint: point.code, window: window.code });
  const eventAt = new Date();
  const hash = eventHash(key, { prevHash, caseNumber: number, seq, type: "REGISTERED", at: eventAt, actorId: staff.id, actorLabel: label, fromPointId: null, toPointId: null, summary, data });
  sql.insertEvent.run(caseId, seq, "REGISTERED", sqliteTime(eventAt), staff.id, label, null, null, summary, data, prevHash, hash);
  const seal = sealColumns(key, sql.recordRow.get(caseId), sql.decision.get(caseId) ?? null, hash, seq);
  sql.reseal.run(seal.recordsHead, seal.recordsCount, seal.recordsState, seal.recordsSeal, caseId);
  sql.feedBump.run("caseChanges");
  const position = sql.feedRead.get("caseChanges").FeedCounter_last;
  sql.insertChange.run(position, caseId, number, seq, "REGISTERED", "REGISTERED", sqliteTime(eventAt));
  if (sql.endpoints.all(1).length) throw new Error("the bare handler writes no webhook deliveries: the benchmark's database has no endpoints");
  sql.insertIdempotency.run(actor, input.idempotencyKey, "registerCase", sha256(JSON.stringify({ operation: "registerCase", input })), JSON.stringify(caseId), sqliteTime(new Date()));
  return { number, registeredAt: now.toISOString(), receivedOn: today, windowId: window.id, pointId: point.id };
}

function registered(c) {
  // After the commit, as the stack's loaders answer the case's window and handling point.
  const window = unalias("ServiceWindow", byIds("ServiceWindow", "service_window", C.window, 1).get(c.windowId));
  const point = unalias("ServicePoint", byIds("ServicePoint", "service_point", C.point, 1).get(c.pointId));
  const answer = { number: c.number, status: "REGISTERED", kind: null, registeredAt: c.registeredAt, receivedOn: c.receivedOn, window: { code: window.code, name: window.name }, handlingPoint: { code: point.code, name: point.name } };
  return { data: { registerCase: { case: answer, userErrors: [] } } };
}

// BEGIN IMMEDIATE: take the write lock first (waiting up to busy_timeout), not on the first write — as the stack does.
const begin = () => db.exec("BEGIN IMMEDIATE TRANSACTION");
function inTransaction(work) {
  begin();
  try {
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const staff = staffOf(req);
    if (!staff) {
      res.writeHead(401).end();
      return;
    }
    const { variables } = JSON.parse(body);
    const json = JSON.stringify(req.url === "/register" ? registered(inTransaction(() => register(staff, variables.input))) : queue(staff, variables));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
