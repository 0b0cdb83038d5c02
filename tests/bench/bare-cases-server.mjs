// Baselines for the case benchmarks: bare node:http handlers running the stack's SQL through
// better-sqlite3 and answering with the same JSON. Started by run.mjs on a copy of the big database.
//   POST /register  registerCase: session, then in one transaction the stack's reads and writes (idempotency
//                   check, item, point, window, materials, counter upsert, case_file, case_material,
//                   case_event with its hash, idempotency_record). City window clerks only (the bench's case).
//   POST /queue     windowQueue: session, window, page and count, items, open pauses, calendar.
import { createHash, randomInt } from "node:crypto";
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const db = new Database(process.env.SQLITE_PATH);
// As the app's connections: WAL, a commit survives a power loss, foreign keys checked.
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");

const OPEN = ["REGISTERED", "SUPPLEMENT", "IN_REVIEW", "DECIDED"];
const ROLE_LABEL = { WINDOW_CLERK: "窗口人员", TOWNSHIP_CLERK: "乡镇窗口人员", VILLAGE_AGENT: "代办员" };
const QUERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const chinaDate = (at) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const sqliteTime = (at) => at.toISOString().replace("T", " ").slice(0, 23);

const sql = {
  session: db.prepare(`SELECT * FROM staff_session WHERE "tokenHash" = ? LIMIT 1`),
  staff: db.prepare(`SELECT * FROM staff WHERE id = ? LIMIT 1`),
  windowByCode: db.prepare(`SELECT * FROM service_window WHERE code = ? LIMIT 1`),
  page: db.prepare(`SELECT * FROM case_file c WHERE c."windowId" = ? AND c.status IN (?, ?, ?, ?) ORDER BY (COALESCE(c.deadline, '9999-12-31') || c.number) ASC LIMIT ?`),
  count: db.prepare(`SELECT COUNT(1) AS cnt FROM case_file c WHERE c."windowId" = ? AND c.status IN (?, ?, ?, ?)`),
  years: db.prepare(`SELECT * FROM calendar_year`),
  days: db.prepare(`SELECT * FROM calendar_day`),
  idempotency: db.prepare(`SELECT * FROM idempotency_record WHERE actor = ? AND key = ? LIMIT 1`),
  item: db.prepare(`SELECT * FROM service_item WHERE code = ? AND active = 1 LIMIT 1`),
  point: db.prepare(`SELECT * FROM service_point WHERE id = ? LIMIT 1`),
  link: db.prepare(`SELECT * FROM window_item WHERE "pointId" = ? AND "itemId" = ? LIMIT 1`),
  window: db.prepare(`SELECT * FROM service_window WHERE id = ? AND active = 1 LIMIT 1`),
  materials: db.prepare(`SELECT * FROM material WHERE "itemId" = ? AND active = 1`),
  counter: db.prepare(`INSERT INTO case_counter (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last`),
  insertCase: db.prepare(`INSERT INTO case_file (number, "itemId", kind, status, "applicantName", "applicantIdNumber", "applicantPhone", "registeredAt", "registeredById",
    "registeredPointId", "currentPointId", "handlingPointId", "windowId", "receivedOn", "queryCode", version) VALUES (?, ?, NULL, 'REGISTERED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
  insertMaterial: db.prepare(`INSERT INTO case_material ("caseId", "materialId", name, paper, "receivedAt", "receivedById") VALUES (?, ?, ?, 1, ?, ?)`),
  lastEvent: db.prepare(`SELECT seq, hash FROM case_event WHERE "caseId" = ? ORDER BY seq DESC LIMIT 1`),
  insertEvent: db.prepare(`INSERT INTO case_event ("caseId", seq, type, at, "actorId", "actorLabel", "fromPointId", "toPointId", summary, data, "prevHash", hash) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`),
  insertIdempotency: db.prepare(`INSERT INTO idempotency_record (actor, key, operation, "requestHash", response, "createdAt") VALUES (?, ?, ?, ?, ?, ?)`),
};
const inList = (table, n) => db.prepare(`SELECT * FROM ${table} WHERE "${table === "service_item" ? "id" : "caseId"}" IN (${Array(n).fill("?").join(", ")})`);

/** The logged-in staff member of the request, as the stack's resolveActor finds them. */
function staffOf(req) {
  const secret = /bianmin_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const session = secret && sql.session.get(sha256(decodeURIComponent(secret)));
  if (!session || session.revokedAt) return null;
  const staff = sql.staff.get(session.staffId);
  return staff?.active ? staff : null;
}

function validIdNumber(id) {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return "10X98765432"[weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0) % 11] === id[17];
}

// C5 on the stored calendar: working days in (from, to]; weekends off unless a make-up day.
function workingDaysBetween(from, to, years, days) {
  let count = 0;
  for (let d = Date.parse(`${from}T00:00:00Z`) + 86_400_000; d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    if (!years.has(Number(date.slice(0, 4)))) throw new Error(`no calendar for ${date}`);
    const kind = days.get(date);
    if (kind ? kind === "MAKEUP_WORKDAY" : ![0, 6].includes(new Date(d).getUTCDay())) count++;
  }
  return count;
}

function queue(staff, { windowCode, first }) {
  const window = sql.windowByCode.get(windowCode);
  if (!window || (staff.windowId !== window.id && !(staff.role === "TOWNSHIP_CLERK" && staff.pointId === window.pointId))) throw new Error("forbidden");
  const rows = sql.page.all(window.id, ...OPEN, first + 1).slice(0, first);
  const totalCount = sql.count.get(window.id, ...OPEN).cnt;
  const itemIds = [...new Set(rows.map((r) => r.itemId))];
  const items = new Map(itemIds.length ? inList("service_item", itemIds.length).all(...itemIds).map((i) => [i.id, i]) : []);
  const reviewed = rows.filter((r) => r.status === "IN_REVIEW").map((r) => r.id);
  const pauses = reviewed.length ? inList("case_pause", reviewed.length).all(...reviewed) : [];
  const years = new Set(sql.years.all().map((y) => y.year));
  const days = new Map(sql.days.all().map((d) => [d.date, d.kind]));
  const today = chinaDate(new Date());
  const state = (c) => {
    if (c.status !== "IN_REVIEW") return c.status === "SUPPLEMENT" ? "PAUSED" : "NONE";
    if (pauses.some((p) => p.caseId === c.id && p.endedOn === null)) return "PAUSED";
    if (c.deadline === null) return "NONE";
    if (today > c.deadline) return "RED";
    return workingDaysBetween(today, c.deadline, years, days) <= 2 ? "YELLOW" : "ON_TIME";
  };
  const nodes = rows.map((c) => ({ number: c.number, status: c.status, deadline: c.deadline, deadlineState: state(c), item: { name: items.get(c.itemId).name } }));
  return { data: { windowQueue: { totalCount, nodes } } };
}

const register = db.transaction((staff, input) => {
  const actor = `staff:${staff.id}`;
  if (sql.idempotency.get(actor, input.idempotencyKey)) throw new Error("bench keys are never reused");
  const idNumber = input.applicant.idNumber.toUpperCase();
  if (!validIdNumber(idNumber)) throw new Error("bad ID number");
  const item = sql.item.get(input.itemCode);
  const point = sql.point.get(staff.pointId);
  if (point.level !== "CITY" || item.level !== "CITY") throw new Error("the bare handler registers city items at the city only");
  const window = sql.window.get(sql.link.get(point.id, item.id).windowId);
  const materials = sql.materials.all(item.id);
  const now = new Date();
  const today = chinaDate(now);
  const day = today.replaceAll("-", "");
  const number = `421081${day}${String(sql.counter.get(day).last).padStart(6, "0")}`;
  const queryCode = Array.from({ length: 6 }, () => QUERY_ALPHABET[randomInt(QUERY_ALPHABET.length)]).join("");
  const at = sqliteTime(now);
  const caseId = Number(sql.insertCase.run(number, item.id, input.applicant.name.trim(), idNumber, input.applicant.phone, at, staff.id, point.id, point.id, point.id, window.id, today, queryCode).lastInsertRowid);
  const handedIn = materials.filter((m) => input.materialIds.includes(String(m.id)));
  for (const m of handedIn) sql.insertMaterial.run(caseId, m.id, m.name, at, staff.id);
  const last = sql.lastEvent.get(caseId);
  const prevHash = last?.hash ?? "0".repeat(64);
  const label = `${staff.displayName}（${ROLE_LABEL[staff.role]}）`;
  const summary = `${point.name}登记，办件编号 ${number}；由${point.name}${window.name}受理。`;
  const data = JSON.stringify({ item: item.code, materials: handedIn.map((m) => m.name), otherDocuments: [], handlingPoint: point.code, window: window.code });
  const hash = sha256([prevHash, number, 1, "REGISTERED", now.toISOString(), label, "", "", summary, data].join("\u001f"));
  sql.insertEvent.run(caseId, 1, "REGISTERED", at, staff.id, label, summary, data, prevHash, hash);
  sql.insertIdempotency.run(actor, input.idempotencyKey, "registerCase", sha256(JSON.stringify({ operation: "registerCase", input })), JSON.stringify(caseId), at);
  const c = { number, status: "REGISTERED", kind: null, registeredAt: now.toISOString(), receivedOn: today, window: { code: window.code, name: window.name }, handlingPoint: { code: point.code, name: point.name } };
  return { data: { registerCase: { case: c, userErrors: [] } } };
});

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
    // BEGIN IMMEDIATE: take the write lock first (waiting up to busy_timeout), not on the first write.
    const json = JSON.stringify(req.url === "/register" ? register.immediate(staff, variables.input) : queue(staff, variables));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
