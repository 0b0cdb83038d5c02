// Baseline for the takePayment benchmark (fees.mjs): a bare node:http handler running, statement for statement,
// the SQL text the stack sends for one payment (TypeORM writes numbers into the text; so does this handler), in
// one transaction: session and staff, the FINANCE window, the case, the idempotency check, the closed-day check,
// the charges, the item; the payment, its number, its charge link and the charge's conditional update; the
// department's ACTIVE book and its conditional update; the ticket; two audit rows with the audit head; the case
// timeline entry and the case seal; the idempotency record. Hashes and seals come from the server's own pure
// functions (the built dist), keyed with RECORDS_KEY. BARE_TRACE=true prints every statement as LOG_SQL does.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../server/dist/server/src");
const { parseKey } = require(`${dist}/modules/records/records-key.js`);
const { auditHash, auditHeadSeal, eventHash, sealColumns, GENESIS } = require(`${dist}/modules/records/records.js`);
const { formatYuan, sumFen, ticketNumber } = require(`${dist}/modules/fees/fee-arithmetic.js`);

const db = new Database(process.env.SQLITE_PATH);
// As the app's connections: WAL, a commit survives a power loss, foreign keys checked.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
const key = parseKey(process.env.RECORDS_KEY, "RECORDS_KEY");
const trace = process.env.BARE_TRACE === "true";

const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const chinaDate = (at) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** A Date as TypeORM binds it for SQLite (UTC "YYYY-MM-DD HH:MM:SS.mmm"). */
const sqliteTime = (at) => at.toISOString().replace("T", " ").slice(0, 23);
const parseTime = (text) => new Date(`${text.replace(" ", "T")}Z`);
const DESIGNATED_ACCOUNT = "石首市政务服务中心非税收入专户 421081-0001";
const ROLE_LABEL = { FINANCE_CLERK: "金融窗口人员" };
const METHOD_LABEL = { CASH: "现金", CARD: "刷卡", TRANSFER: "转账" };
const SESSION_TOUCH_MS = 60_000;

// Prepared statements by text (texts with numbers in them vary, as the stack's do; those are prepared per use).
const cache = new Map();
function stmt(text) {
  if (trace) console.log("[sql]", text);
  let s = cache.get(text);
  if (!s) {
    s = db.prepare(text);
    if (!/\d/.test(text.replace(/"[^"]*"/g, ""))) cache.set(text, s);
  }
  return s;
}
const get = (text, ...params) => stmt(text).get(...params);
const all = (text, ...params) => stmt(text).all(...params);
const run = (text, ...params) => stmt(text).run(...params);
const exec = (text) => {
  if (trace) console.log("[sql]", text);
  db.exec(text);
};

/** TypeORM's column list for an entity: "E"."c" AS "E_c", … */
const cols = (entity, names) => names.map((n) => `"${entity}"."${n}" AS "${entity}_${n}"`).join(", ");
const strip = (entity, row) => row && Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(`${entity}_`)).map(([k, v]) => [k.slice(entity.length + 1), v]));

const SESSION = cols("s", ["id", "tokenHash", "staffId", "createdAt", "lastSeenAt", "expiresAt", "revokedAt"]);
const STAFF = cols("st", ["id", "username", "displayName", "role", "pointId", "windowId", "departmentId", "phone", "passwordHash", "active", "mustChangePassword"]);
const WINDOW = cols("ServiceWindow", ["id", "code", "number", "name", "kind", "pointId", "departmentId", "active"]);
const CASE = cols("Case", [
  "id", "number", "itemId", "kind", "status", "applicantName", "applicantIdNumber", "applicantPhone", "registeredAt", "registeredById", "registeredPointId",
  "currentPointId", "handlingPointId", "windowId", "receivedOn", "acceptedOn", "limitDays", "deadline", "forwardDue", "informDue", "deadlineProvisional",
  "forwardDueProvisional", "informDueProvisional", "forwardedTo", "returnCategory", "returnReason", "outcome", "decidedAt", "deliveredVia", "closedAt",
  "queryCode", "version", "recordsHead", "recordsCount", "recordsState", "recordsSeal",
]);
const IDEMPOTENCY = cols("IdempotencyRecord", ["id", "actor", "key", "operation", "requestHash", "response", "createdAt"]);
const CHARGE = cols("CaseCharge", ["id", "caseId", "standardId", "quantity", "amountFen", "reductionFen", "reductionBasis", "reductionReason", "reducedById", "reducedAt", "letterId", "status", "chargedAt", "chargedById", "version"]);
const PAYMENT = cols("Payment", ["id", "number", "caseId", "windowId", "pointId", "departmentId", "amountFen", "method", "reference", "account", "idempotencyKey", "requestHash", "takenById", "takenAt", "day"]);
const BOOK = cols("TicketBook", ["id", "departmentId", "pointId", "series", "fromNo", "toNo", "nextNo", "status", "issuedAt", "issuedById", "applicationId", "version"]);
const TICKET = cols("FeeTicket", ["id", "bookId", "number", "seqNo", "paymentId", "amountFen", "status", "issuedAt", "voidReason", "voidRequestedById", "voidRequestedAt", "voidApprovedById", "voidedAt", "version"]);
const HEAD = cols("AuditHead", ["id", "lastId", "count", "lastHash", "keyId", "seal"]);
const SEALED_CASE = `"id", "number", "status", "kind", "outcome", "deadline", "acceptedOn", "limitDays", "decidedAt", "closedAt", "returnCategory", "forwardedTo", "deliveredVia", "itemId", "applicantName", "applicantIdNumber", "applicantPhone", "recordsHead", "recordsCount", "recordsState", "recordsSeal"`;

/** The logged-in staff member of the request, as the stack's resolveActor finds them (session touched once a minute). */
function staffOf(req, now) {
  const secret = /bianmin_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  if (!secret) return null;
  // The session and its staff member in one statement, as auth.service.ts resolveActor reads them.
  const row = get(`SELECT ${SESSION}, ${STAFF} FROM "staff_session" "s" INNER JOIN "staff" "st" ON "st"."id"="s"."staffId" WHERE "s"."tokenHash" = ?`, sha256(decodeURIComponent(secret)));
  const session = strip("s", row);
  if (!session || session.revokedAt || parseTime(session.expiresAt) <= now) return null;
  const staff = strip("st", row);
  if (!staff?.active) return null;
  if (now - parseTime(session.lastSeenAt) > SESSION_TOUCH_MS) run(`UPDATE "staff_session" SET "lastSeenAt" = ? WHERE "id" = ${session.id}`, sqliteTime(now));
  return staff;
}

/** The audit chain: one row after the head, and the head moved on (appendAuditRow). */
function audit(at, actor, action, entityType, entityId, detail) {
  const head = strip("AuditHead", get(`SELECT ${HEAD} FROM "audit_head" "AuditHead" WHERE (("AuditHead"."id" = 1)) LIMIT 1`));
  const entry = { at, actor, action, entityType, entityId: String(entityId), detail: JSON.stringify(detail) };
  const hash = auditHash(key, head.lastHash, entry);
  const id = Number(run(`INSERT INTO "audit_entry"("id", "at", "actor", "action", "entityType", "entityId", "detail", "prevHash", "hash") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)`, sqliteTime(at), actor, action, entityType, entry.entityId, entry.detail, head.lastHash, hash).lastInsertRowid);
  const next = { lastId: id, count: head.count + 1, lastHash: hash, keyId: key.id };
  run(`UPDATE "audit_head" SET "id" = 1, "lastId" = ${id}, "count" = ${next.count}, "lastHash" = ?, "keyId" = ?, "seal" = ? WHERE "id" = 1`, hash, key.id, auditHeadSeal(key, next));
}

class Refusal extends Error {}

function takePayment(staff, input, now) {
  exec("BEGIN IMMEDIATE TRANSACTION"); // as the stack (data-source.ts)
  try {
    const window = strip("ServiceWindow", get(`SELECT ${WINDOW} FROM "service_window" "ServiceWindow" WHERE (("ServiceWindow"."id" = ${staff.windowId})) LIMIT 1`));
    if (window?.kind !== "FINANCE") throw new Refusal("F3_NOT_FINANCE_WINDOW");
    const c = strip("Case", get(`SELECT ${CASE} FROM "case_file" "Case" WHERE (("Case"."number" = ?)) LIMIT 1`, input.caseNumber));
    if (!c) throw new Refusal("NOT_FOUND");
    const actor = `staff:${staff.id}`;
    if (get(`SELECT ${IDEMPOTENCY} FROM "idempotency_record" "IdempotencyRecord" WHERE (("IdempotencyRecord"."actor" = ?) AND ("IdempotencyRecord"."key" = ?)) LIMIT 1`, actor, input.idempotencyKey)) {
      throw new Error("bench keys are never reused");
    }
    if (window.pointId !== c.handlingPointId) throw new Refusal("F3_OTHER_POINT");
    if (c.status !== "IN_REVIEW" && c.status !== "DECIDED") throw new Refusal("F3_CHARGE_NOT_PAYABLE");
    const day = chinaDate(now);
    const closed = get(`SELECT 1 AS "row_exists" FROM (SELECT 1 AS dummy_column) "dummy_table" WHERE EXISTS (SELECT 1 FROM "reconciliation_close" "ReconciliationClose" WHERE (("ReconciliationClose"."windowId" = ${window.id}) AND ("ReconciliationClose"."day" = ?))) LIMIT 1`, day);
    if (closed) throw new Refusal("F6_DAY_CLOSED");
    const reference = input.reference?.trim() || null;
    if (input.method !== "CASH" && !reference) throw new Refusal("F3_REFERENCE_REQUIRED");
    const ids = [...new Set(input.chargeIds.map((v) => (/^\d{1,10}$/.test(v) ? Number(v) : -1)))];
    const charges = all(`SELECT ${CHARGE} FROM "case_charge" "CaseCharge" WHERE (("CaseCharge"."id" IN (${ids.join(", ")}))) ORDER BY "CaseCharge"."id" ASC`).map((r) => strip("CaseCharge", r));
    const payable = charges.filter((ch) => ch.caseId === c.id && ch.status === "UNPAID" && ch.amountFen - ch.reductionFen > 0);
    if (charges.length !== ids.length || payable.length !== ids.length || ids.length !== input.chargeIds.length) throw new Refusal("F3_CHARGE_NOT_PAYABLE");
    const item = strip("ServiceItem", get(`SELECT "ServiceItem"."id" AS "ServiceItem_id", "ServiceItem"."departmentId" AS "ServiceItem_departmentId" FROM "service_item" "ServiceItem" WHERE (("ServiceItem"."id" = ${c.itemId})) LIMIT 1`));
    const amountFen = sumFen(payable.map((ch) => ch.amountFen - ch.reductionFen));
    const at = sqliteTime(now);
    const requestHash = sha256(JSON.stringify({ operation: "takePayment", input }));
    const id = Number(
      run(
        `INSERT INTO "payment"("id", "number", "caseId", "windowId", "pointId", "departmentId", "amountFen", "method", "reference", "account", "idempotencyKey", "requestHash", "takenById", "takenAt", "day") VALUES (NULL, ?, ${c.id}, ${window.id}, ${window.pointId}, ${item.departmentId}, ${amountFen}, ?, ?, ?, ?, ?, ${staff.id}, ?, ?)`,
        `tmp-${randomUUID().slice(0, 20)}`, input.method, reference, DESIGNATED_ACCOUNT, input.idempotencyKey, requestHash, at, day,
      ).lastInsertRowid,
    );
    const number = `ZF${day.replaceAll("-", "")}${String(id).padStart(8, "0")}`;
    run(`UPDATE "payment" SET "number" = ? WHERE "id" = ${id}`, number);
    const payment = strip("Payment", get(`SELECT ${PAYMENT} FROM "payment" "Payment" WHERE (("Payment"."id" = ${id})) LIMIT 1`));
    for (const ch of payable) run(`INSERT INTO "payment_charge"("id", "paymentId", "chargeId", "amountFen") VALUES (NULL, ${id}, ${ch.id}, ${ch.amountFen - ch.reductionFen})`);
    for (const ch of payable) {
      const changed = run(`UPDATE "case_charge" SET "status" = ?, "version" = "version" + 1 WHERE "id" = ${ch.id} AND "version" = ${ch.version} AND "status" = 'UNPAID'`, "PAID").changes;
      if (changed !== 1) throw new Refusal("STALE_VERSION");
    }
    // F4: the next number of the department's ACTIVE book at the point, by a version-checked update.
    const found = strip("TicketBook", get(`SELECT ${BOOK} FROM "ticket_book" "TicketBook" WHERE (("TicketBook"."departmentId" = ${item.departmentId}) AND ("TicketBook"."pointId" = ${window.pointId}) AND ("TicketBook"."status" = ?)) ORDER BY "TicketBook"."id" ASC LIMIT 1`, "ACTIVE"));
    if (!found) throw new Refusal("NO_TICKET_BOOK");
    const book = strip("TicketBook", get(`SELECT ${BOOK} FROM "ticket_book" "TicketBook" WHERE (("TicketBook"."id" = ${found.id})) LIMIT 1`));
    if (book.status !== "ACTIVE" || book.nextNo >= book.toNo) throw new Error("the bench's book is made long enough; it never runs out");
    const no = book.nextNo;
    if (run(`UPDATE "ticket_book" SET "nextNo" = ${no + 1}, "version" = "version" + 1 WHERE "id" = ${book.id} AND "version" = ${book.version}`).changes !== 1) throw new Refusal("STALE_VERSION");
    const ticketNo = ticketNumber(book.series, no);
    const ticketId = Number(
      run(
        `INSERT INTO "fee_ticket"("id", "bookId", "number", "seqNo", "paymentId", "amountFen", "status", "issuedAt", "voidReason", "voidRequestedById", "voidRequestedAt", "voidApprovedById", "voidedAt", "version") VALUES (NULL, ${book.id}, ?, ${no}, ${id}, ${amountFen}, ?, ?, ?, ?, ?, ?, ?, 1)`,
        ticketNo, "ISSUED", at, null, null, null, null, null,
      ).lastInsertRowid,
    );
    get(`SELECT "FeeTicket"."id" AS "FeeTicket_id", "FeeTicket"."version" AS "FeeTicket_version" FROM "fee_ticket" "FeeTicket" WHERE "FeeTicket"."id" = ${ticketId}`);
    audit(now, actor, "fee.ticket_issued", "fee_ticket", ticketId, { number: ticketNo, bookId: book.id, paymentId: id, amountFen });
    const ticket = strip("FeeTicket", get(`SELECT ${TICKET} FROM "fee_ticket" "FeeTicket" WHERE (("FeeTicket"."id" = ${ticketId})) LIMIT 1`));
    audit(now, actor, "fee.payment_taken", "payment", id, { number, caseNumber: c.number, windowId: window.id, amountFen, method: input.method, chargeIds: ids });
    // The case timeline entry (PAID), chained to the last one, and the case row re-sealed.
    const last = strip("CaseEvent", get(`SELECT "CaseEvent"."seq" AS "CaseEvent_seq", "CaseEvent"."hash" AS "CaseEvent_hash", "CaseEvent"."id" AS "CaseEvent_id" FROM "case_event" "CaseEvent" WHERE (("CaseEvent"."caseId" = ${c.id})) ORDER BY "CaseEvent_seq" DESC LIMIT 1`));
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS;
    const label = `${staff.displayName}（${ROLE_LABEL[staff.role]}）`;
    const summary = `${window.name}收讫${formatYuan(amountFen)}元（${METHOD_LABEL[input.method]}），票据号 ${ticket.number}。`;
    const data = JSON.stringify({ paymentNumber: number, ticketNumber: ticket.number, amountFen });
    const hash = eventHash(key, { prevHash, caseNumber: c.number, seq, type: "PAID", at: now, actorId: staff.id, actorLabel: label, fromPointId: null, toPointId: null, summary, data });
    run(`INSERT INTO "case_event"("id", "caseId", "seq", "type", "at", "actorId", "actorLabel", "fromPointId", "toPointId", "summary", "data", "prevHash", "hash") VALUES (NULL, ${c.id}, ${seq}, ?, ?, ${staff.id}, ?, ?, ?, ?, ?, ?, ?)`, "PAID", at, label, null, null, summary, data, prevHash, hash);
    const row = get(`SELECT ${SEALED_CASE} FROM case_file WHERE id = ?`, c.id);
    const decision = get(`SELECT "id", "caseId", "outcome", "reason", "decidedById", "letterId", "sealCode", "decidedAt" FROM decision WHERE "caseId" = ?`, c.id) ?? null;
    const seal = sealColumns(key, row, decision, hash, seq);
    run(`UPDATE case_file SET "recordsHead" = ?, "recordsCount" = ?, "recordsState" = ?, "recordsSeal" = ? WHERE id = ?`, seal.recordsHead, seal.recordsCount, seal.recordsState, seal.recordsSeal, c.id);
    run(`INSERT INTO "idempotency_record"("id", "actor", "key", "operation", "requestHash", "response", "createdAt") VALUES (NULL, ?, ?, ?, ?, ?, ?)`, actor, input.idempotencyKey, "takePayment", requestHash, JSON.stringify({ paymentId: id }), at);
    exec("COMMIT");
    return { data: { takePayment: { payment: { number: payment.number, amountFen: payment.amountFen, method: payment.method }, ticket: { number: ticket.number }, userErrors: [] } } };
  } catch (error) {
    exec("ROLLBACK");
    if (error instanceof Refusal) return { data: { takePayment: { payment: null, ticket: null, userErrors: [{ field: null, message: error.message, code: error.message }] } } };
    throw error;
  }
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const now = new Date();
    const staff = staffOf(req, now);
    if (!staff) {
      res.writeHead(401).end();
      return;
    }
    const { variables } = JSON.parse(body);
    const json = JSON.stringify(takePayment(staff, variables.input, now));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  process.send?.("ready");
  console.log(`bare takePayment listening on ${process.env.PORT}`);
});
