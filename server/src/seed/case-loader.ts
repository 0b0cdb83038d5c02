/**
 * Writes historical cases (historical-cases.ts) into a migrated, seeded database in big transactions,
 * bypassing the ORM: prepared statements on SQLite, multi-row INSERTs on PostgreSQL. Used by
 * cases-cli.ts (npm run seed -- --cases N | --history) and by the history test.
 */
import type { DataSource } from "typeorm";
import type { Db } from "../db/db";
import { beijingYear, letterNumber } from "../modules/authorization/authorization.rules";
import { chineseDaysExceptions } from "../modules/calendar/calendar.service";
import { dayNumber, fromDayNumber, WorkingCalendar } from "../modules/calendar/working-calendar";
import { ROLE_LABEL, type Role } from "../modules/staff/role";
import type { RecordsKey } from "../modules/records/records-key";
import { CaseGenerator, CITY_RECORD, historySpan, planHistory } from "./historical-cases";

export interface Point { id: number; code: string; name: string; level: string; parentId: number | null }
export interface Item { id: number; code: string; name: string; level: string; departmentId: number; defaultKind: string; promisedLimitDays: number; higherAuthority: string | null; overdueCountsAsApproval: boolean }
export interface Person { id: number; label: string }
export interface Letter { id: number; number: string; departmentId: number; allItems: boolean; from: number; to: number; revokedAt: number | null; items: Set<number>; sealCode: string; sealName: string }
/** What the generator needs from the seeded network (cases-cli.ts reads it from the database). */
export interface Network {
  points: Map<number, Point>;
  items: Item[];
  materials: Map<number, { id: number; name: string; required: boolean }[]>;
  windowOf: Map<string, { id: number; code: string; name: string }>; // `${pointId}:${itemId}` → the accepting window (N4)
  handleFrom: Map<string, string>; // `${townshipId}:${itemId}` → first day of a HANDLE delegation
  coDepartments: Map<number, number[]>;
  departments: Map<number, { code: string; name: string }>;
  atPoint: Map<number, Person>; // village agent or township clerk
  atWindow: Map<number, Person>; // city window clerk
  deputy: Map<number, Person>; // by department
  chief: Map<number, Person>; // section chief, by department
  letters: Map<number, Letter[]>; // by holder, newest validity first
  supervisor: Person | null; // checks rectifications and closes complaints (S1, S2)
}

export type Row = unknown[];
export const COLUMNS = {
  case_file: ["id", "number", "itemId", "kind", "status", "applicantName", "applicantIdNumber", "applicantPhone", "registeredAt", "registeredById", "registeredPointId", "currentPointId", "handlingPointId", "windowId", "receivedOn", "acceptedOn", "limitDays", "deadline", "forwardDue", "informDue", "forwardedTo", "returnCategory", "returnReason", "outcome", "decidedAt", "deliveredVia", "closedAt", "queryCode", "version", "deadlineProvisional", "forwardDueProvisional", "informDueProvisional", "recordsHead", "recordsCount", "recordsState", "recordsSeal"],
  case_material: ["caseId", "materialId", "name", "paper", "receivedAt", "receivedById"],
  case_event: ["caseId", "seq", "type", "at", "actorId", "actorLabel", "fromPointId", "toPointId", "summary", "data", "prevHash", "hash"],
  decision: ["caseId", "outcome", "reason", "decidedById", "letterId", "sealCode", "decidedAt"],
  joint_notice: ["caseId", "departmentId", "notifiedAt", "dueOn", "opinion", "reasons", "answeredAt", "answeredById", "dueOnProvisional"],
  supplement_notice: ["caseId", "missing", "missingMaterialIds", "issuedAt", "issuedById", "completedAt"],
  case_pause: ["caseId", "reason", "note", "startedOn", "endedOn", "startedById"],
  evaluation: ["id", "caseId", "rating", "comment", "channel", "at"],
  rectification: ["id", "evaluationId", "caseId", "departmentId", "windowId", "status", "openedAt", "dueOn", "dueOnProvisional", "response", "answeredAt", "answeredById", "checkNote", "checkedAt", "checkedById", "lateFaultAt", "version"],
  complaint: ["id", "number", "queryCode", "channel", "status", "caseId", "windowId", "departmentId", "personName", "content", "contact", "receivedAt", "receivedById", "assignedDepartmentId", "assignedWindowId", "responsibleStaffId", "assignedAt", "limitDays", "dueOn", "dueOnProvisional", "answer", "answeredAt", "answeredById", "outcome", "outcomeNote", "closedAt", "closedById", "version"],
  fault_record: ["kind", "departmentId", "staffId", "caseId", "at", "note", "windowId", "complaintId", "rectificationId"],
  case_counter: ["day", "last"],
  // The change feed (modules/integrations): one row per timeline entry, as runCaseAct writes it; the counter moved on.
  case_change: ["position", "caseId", "caseNumber", "eventSeq", "eventType", "status", "at"],
  feed_counter: ["name", "last"],
} as const;
export type Table = keyof typeof COLUMNS;
export type Batch = Record<Table, Row[]>;
/** How the target database wants instants and booleans. */
export interface Values { time(ms: number): unknown; bool(value: boolean): unknown }

export const BATCH = 500; // cases per transaction: big enough, and young enough for a cheap GC
export const ORDER: Table[] = ["case_file", "case_material", "case_event", "case_change", "decision", "joint_notice", "supplement_notice", "case_pause", "evaluation", "rectification", "complaint", "fault_record", "case_counter", "feed_counter"];
/** Tables without a generated id (no sequence to move on after loading). */
const NO_SERIAL: readonly Table[] = ["case_counter", "case_change", "feed_counter"];
export type Query = (sql: string, params?: unknown[]) => Promise<any[]>;


export const msOf = (v: unknown) => (v == null ? null : v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(" ", "T")}Z`));

/** The demo letters take effect on 2025-01-01; earlier decisions need the letters in force then (A2). */
export async function addEarlierLetters(db: Db, q: Query, from: Date): Promise<number> {
  const letters = await q(`SELECT l.*, d.code AS "departmentCode" FROM authorization_letter l JOIN department d ON d.id = l."departmentId" ORDER BY l.id`);
  if (!letters.length) return 0;
  const earliest = Math.min(...letters.map((l) => msOf(l.validFrom)!));
  const year = beijingYear(from);
  const start = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);
  if (start.getTime() >= earliest) return 0;
  const links = await q(`SELECT "letterId", "itemId" FROM authorization_letter_item`);
  const seq = new Map<string, number>();
  await db.transaction(async (em) => {
    for (const l of letters.filter((x) => msOf(x.validFrom) === earliest)) {
      const n = (seq.get(l.departmentCode) ?? 0) + 1;
      seq.set(l.departmentCode, n);
      const [{ id }] = await em.query(
        `INSERT INTO authorization_letter (number, "departmentId", "grantorId", "holderId", "allItems", "validFrom", "validTo", "sealId", "issuedAt") VALUES (${db.engine === "postgres" ? "$1, $2, $3, $4, $5, $6, $7, $8, $9" : "?, ?, ?, ?, ?, ?, ?, ?, ?"}) RETURNING id`,
        [letterNumber(l.departmentCode, year, n), l.departmentId, l.grantorId, l.holderId, l.allItems, start, new Date(earliest), l.sealId, start].map((v) => (v instanceof Date && db.engine === "sqlite" ? sqliteTime(v.getTime()) : v)),
      );
      for (const link of links.filter((x) => x.letterId === l.id)) {
        await em.query(`INSERT INTO authorization_letter_item ("letterId", "itemId") VALUES (${db.engine === "postgres" ? "$1, $2" : "?, ?"})`, [id, link.itemId]);
      }
    }
  });
  return [...seq.values()].reduce((a, b) => a + b, 0);
}

/** WorkingCalendar with every day precomputed: the same answers without a date parse per day (millions of calls here). */
export class FastCalendar extends WorkingCalendar {
  private readonly index = new Map<string, number>();
  private readonly dates: string[] = [];
  private readonly rank: number[] = []; // working days up to and including day i
  private readonly workdays: number[] = []; // day indexes of the working days
  /** `years` are official; the days run on to the end of `lastYear`, years past the official ones provisional (as in the app). */
  constructor(years: number[], exceptions: { date: string; kind: "HOLIDAY" | "MAKEUP_WORKDAY" }[], lastYear: number) {
    super(years, exceptions);
    for (let d = dayNumber(`${years[0]}-01-01`); d <= dayNumber(`${lastYear}-12-31`); d++) {
      const i = this.dates.push(fromDayNumber(d)) - 1;
      this.index.set(this.dates[i], i);
      if (super.isWorkday(this.dates[i])) this.workdays.push(i);
      this.rank.push(this.workdays.length);
    }
  }
  private at(date: string): number {
    const i = this.index.get(date);
    if (i === undefined) throw new RangeError(`FastCalendar: ${date} is outside the days it precomputed`);
    return i;
  }
  private nth(rank: number): string {
    if (rank > this.workdays.length) throw new RangeError(`FastCalendar: a working day past ${this.dates[this.dates.length - 1]}`);
    return this.dates[this.workdays[rank - 1]];
  }
  override isWorkday = (date: string) => this.rank[this.at(date)] !== (this.rank[this.at(date) - 1] ?? 0);
  override nextWorkday = (date: string) => this.nth(this.rank[this.at(date)] + 1);
  override addWorkingDays = (from: string, n: number) => (n === 0 && this.isWorkday(from) ? from : this.nth(this.rank[this.at(from)] + Math.max(n, 1)));
  override workingDaysBetween = (from: string, to: string) => this.rank[this.at(to)] - this.rank[this.at(from)];
}

/**
 * The working calendar of the history's years, from chinese-days (the same source as the app's seed), and
 * like the app's, provisional after them: deadlines that reach a year without a notice are counted on the
 * statutory holidays and marked provisional, never left unaccepted. Two years past `until` are precomputed.
 */
export function calendarFor(until: Date): FastCalendar {
  const [first, last] = historySpan(until).map((day) => Number(day.slice(0, 4)));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const exceptions = years.map((year) => chineseDaysExceptions(year));
  const gap = exceptions.findIndex((days) => days.length === 0);
  const official = gap === -1 ? years : years.slice(0, gap);
  if (!official.length) throw new Error(`chinese-days has no holidays for ${first}; pass --until with a day it covers.`);
  return new FastCalendar(official, exceptions.slice(0, official.length).flat(), last + 2);
}

export async function loadNetwork(q: Query): Promise<Network> {
  const points = await q(`SELECT id, code, name, level, "parentId" FROM service_point WHERE active = TRUE`);
  const items = await q(`SELECT id, code, name, level, "departmentId", "defaultKind", "promisedLimitDays", "higherAuthority", "overdueCountsAsApproval" FROM service_item WHERE active = TRUE ORDER BY id`);
  const materials = await q(`SELECT id, "itemId", name, required FROM material WHERE active = TRUE ORDER BY "itemId", seq`);
  const links = await q(`SELECT wi."pointId", wi."itemId", w.id, w.code, w.name FROM window_item wi JOIN service_window w ON w.id = wi."windowId" WHERE w.active = TRUE`);
  const handle = await q(`SELECT "itemId", "townshipId", CAST("effectiveFrom" AS TEXT) AS "from" FROM item_delegation WHERE mode = 'HANDLE' AND "revokedAt" IS NULL`);
  const co = await q(`SELECT "itemId", "departmentId" FROM item_co_department ORDER BY id`);
  const departments = await q(`SELECT id, code, name FROM department`);
  const staff = await q(`SELECT id, "displayName", role, "pointId", "windowId", "departmentId" FROM staff WHERE active = TRUE ORDER BY id`);
  const letters = await q(`SELECT l.id, l.number, l."departmentId", l."holderId", l."allItems", l."validFrom", l."validTo", l."revokedAt", s.code AS "sealCode", s.name AS "sealName"
    FROM authorization_letter l JOIN approval_seal s ON s.id = l."sealId" ORDER BY l."validTo" DESC, l.id DESC`);
  const letterItems = await q(`SELECT "letterId", "itemId" FROM authorization_letter_item`);
  const group = <T>(rows: any[], key: (r: any) => unknown, value: (r: any) => T) => {
    const map = new Map<any, T[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), value(r)]);
    return map;
  };
  const person = (s: any): Person => ({ id: s.id, label: `${s.displayName}（${ROLE_LABEL[s.role as Role]}）` }); // as the services write it
  const firstBy = (role: string[], key: string) => new Map(staff.filter((s) => role.includes(s.role)).reverse().map((s) => [s[key], person(s)]));
  const itemsOf = group(letterItems, (r) => r.letterId, (r) => Number(r.itemId));
  return {
    points: new Map(points.map((p) => [p.id, { ...p }])),
    items: items.map((i) => ({ ...i, overdueCountsAsApproval: Boolean(i.overdueCountsAsApproval) })),
    materials: group(materials, (m) => m.itemId, (m) => ({ id: m.id, name: m.name, required: Boolean(m.required) })),
    windowOf: new Map(links.map((l) => [`${l.pointId}:${l.itemId}`, { id: l.id, code: l.code, name: l.name }])),
    handleFrom: new Map(handle.map((d) => [`${d.townshipId}:${d.itemId}`, String(d.from).slice(0, 10)])),
    coDepartments: group(co, (r) => r.itemId, (r) => r.departmentId),
    departments: new Map(departments.map((d) => [d.id, { code: d.code, name: d.name }])),
    atPoint: firstBy(["VILLAGE_AGENT", "TOWNSHIP_CLERK"], "pointId"),
    atWindow: firstBy(["WINDOW_CLERK"], "windowId"),
    deputy: firstBy(["DEPUTY_DIRECTOR"], "departmentId"),
    chief: firstBy(["SECTION_CHIEF"], "departmentId"),
    supervisor: staff.filter((s) => s.role === "SUPERVISOR").map(person)[0] ?? null,
    letters: group(letters, (l) => l.holderId, (l): Letter => ({
      id: l.id, number: l.number, departmentId: l.departmentId, allItems: Boolean(l.allItems), from: msOf(l.validFrom)!, to: msOf(l.validTo)!,
      revokedAt: msOf(l.revokedAt), items: new Set(itemsOf.get(l.id) ?? []), sealCode: l.sealCode, sealName: l.sealName,
    })),
  };
}

/** TypeORM's SQLite form of an instant: UTC, "YYYY-MM-DD HH:MM:SS.mmm". */
export function sqliteTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export interface Sink { values: Values; write(batch: Batch): Promise<void>; finish(): Promise<void>; abort?(): Promise<void> }

export const insertSql = (table: Table, rows: number, mark: (i: number) => string) => {
  const cols = COLUMNS[table];
  const tuples = Array.from({ length: rows }, (_, r) => `(${cols.map((_, c) => mark(r * cols.length + c + 1)).join(", ")})`);
  const upsert = table === "case_counter" ? ` ON CONFLICT (day) DO UPDATE SET last = excluded.last` : table === "feed_counter" ? ` ON CONFLICT (name) DO UPDATE SET last = excluded.last` : "";
  return `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}${upsert}`;
};

/** The part of better-sqlite3's Database used here (the package ships no types). */
interface RawSqlite {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(params: unknown[]): unknown; all(): unknown[] };
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
}

/**
 * better-sqlite3 under TypeORM: a prepared single-row INSERT per table (faster here than multi-row ones),
 * one transaction per batch. While loading: no fsync, no FK checks (every id comes from the database),
 * and the case tables' non-unique indexes dropped, then built once at the end (one sort beats millions
 * of random B-tree inserts). The unique indexes stay: their keys arrive in ascending order.
 */
export function sqliteSink(dataSource: DataSource): Sink {
  const raw = (dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -524288");
  raw.pragma("foreign_keys = OFF");
  const names = ORDER.map((t) => `'${t}'`).join(", ");
  const indexes = raw.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${names})`).all() as { name: string; sql: string }[];
  for (const index of indexes) raw.exec(`DROP INDEX "${index.name}"`);
  const statements = ORDER.map((table) => raw.prepare(insertSql(table, 1, () => "?")));
  const write = raw.transaction((batch: Batch) => ORDER.forEach((table, t) => batch[table].forEach((row) => statements[t].run(row))));
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    for (const index of indexes) raw.exec(index.sql);
    raw.pragma("foreign_keys = ON");
  };
  return {
    values: { time: sqliteTime, bool: (b) => (b ? 1 : 0) },
    write: async (batch) => write(batch),
    abort: async () => restore(),
    finish: async () => {
      restore();
      raw.exec("ANALYZE"); // full statistics (seconds): sampled ones misled the planner on case_file
      raw.pragma("wal_checkpoint(TRUNCATE)");
    },
  };
}

/** PostgreSQL: multi-row INSERTs with numbered parameters, one transaction per batch; sequences moved on after. */
export function postgresSink(dataSource: DataSource): Sink {
  return {
    values: { time: (ms) => new Date(ms), bool: (b) => b },
    write: (batch) =>
      dataSource.transaction(async (em) => {
        await em.query("SET LOCAL synchronous_commit = off"); // a crash loses the last batches, never corrupts
        for (const table of ORDER) {
          const rows = batch[table];
          const chunk = Math.floor(30_000 / COLUMNS[table].length);
          for (let i = 0; i < rows.length; i += chunk) {
            const part = rows.slice(i, i + chunk);
            await em.query(insertSql(table, part.length, (n) => `$${n}`), part.flat());
          }
        }
      }),
    finish: async () => {
      for (const table of ORDER.filter((t) => !NO_SERIAL.includes(t))) {
        await dataSource.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`);
      }
      await dataSource.query("ANALYZE");
    },
  };
}

export function progress(done: number, total: number, started: number, last: { pct: number }): void {
  const seconds = (performance.now() - started) / 1000;
  const pct = Math.floor((done / total) * 100);
  const rate = done / Math.max(seconds, 0.001);
  const line = `[${"#".repeat(Math.round(pct / 5)).padEnd(20, ".")}] ${pct}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} cases ${Math.round(rate).toLocaleString("en")}/s ETA ${Math.ceil((total - done) / rate)}s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K${done === total ? "\n" : ""}`);
  else if (pct >= last.pct + 10 || done === total) process.stderr.write(`${line}\n`);
  if (pct >= last.pct + 10) last.pct = pct - (pct % 10);
}


export interface WriteOptions { cases: number; seed: number; until: Date; history: boolean; progress?: boolean; log?: (line: string) => void }
export interface WriteResult { written: Record<Table, number>; kinds: Map<string, number>; statuses: Map<string, number>; earlier: number; loadSeconds: number; writingSeconds: number }

/**
 * Writes `cases` historical cases (with `history`: the city's record, CITY_RECORD's share closed, with
 * evaluations, rectifications and complaints) into a database that has the demo network and no cases.
 */
export async function writeCases(dataSource: DataSource, db: Db, key: RecordsKey, options: WriteOptions): Promise<WriteResult> {
  const q: Query = (sql, params) => dataSource.query(sql, params);
  const engine = db.engine;
  for (const table of ["case_file", "evaluation", "complaint"]) {
    const [{ n }] = await q(`SELECT COUNT(*) AS n FROM "${table}"`);
    if (Number(n) > 0) throw new Error(`the database already has ${Number(n)} rows in ${table}; generate into a new file with --db, or delete it first.`);
  }
  const from = new Date(options.until.getTime() - 3 * 365 * 86_400_000);
  const earlier = await addEarlierLetters(db, q, from);
  const network = await loadNetwork(q);
  const counters = new Map((await q(`SELECT day, last FROM case_counter`)).map((c) => [`${c.day.slice(0, 4)}-${c.day.slice(4, 6)}-${c.day.slice(6)}`, Number(c.last)]));
  const sink = engine === "sqlite" ? sqliteSink(dataSource) : postgresSink(dataSource);
  const plan = options.history ? planHistory(options.cases, CITY_RECORD.completionRate) : null;
  const [feed] = await q(`SELECT last FROM feed_counter WHERE name = 'caseChanges'`);
  const generator = new CaseGenerator(network, calendarFor(options.until), sink.values, options.cases, options.seed, options.until, 1, counters, key, plan, Number(feed?.last ?? 0));
  const written = Object.fromEntries(ORDER.map((t) => [t, 0])) as Record<Table, number>;
  const loadStart = performance.now();
  const shown = { pct: 0, at: 0 };
  let writing = 0, interrupted = false;
  const stop = () => (interrupted = true);
  if (options.progress) process.once("SIGINT", stop);
  options.log?.(`Writing ${options.cases.toLocaleString("en")} cases${plan ? ` (the city's record: ${plan.closed.toLocaleString("en")} closed, ${plan.open} open)` : ""}${earlier ? ` (and ${earlier} authorization letters in force before 2025)` : ""}`);
  try {
    for (let batch = generator.next(BATCH); batch; batch = generator.next(BATCH)) {
      const t0 = performance.now();
      await sink.write(batch);
      writing += performance.now() - t0;
      for (const t of ORDER) written[t] += batch[t].length;
      if (options.progress && (performance.now() - shown.at > 250 || generator.done === options.cases)) {
        shown.at = performance.now();
        progress(generator.done, options.cases, loadStart, shown);
      }
      await new Promise(setImmediate); // lets Ctrl-C in
      if (interrupted) throw new Error(`interrupted after ${generator.done} cases; delete the target and start again.`);
    }
  } catch (error) {
    await sink.abort?.();
    throw error;
  } finally {
    process.removeListener("SIGINT", stop);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await sink.finish();
  return { written, kinds: generator.stats.kinds, statuses: generator.stats.statuses, earlier, loadSeconds, writingSeconds: writing / 1000 };
}
