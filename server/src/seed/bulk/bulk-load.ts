/**
 * Bulk historical cases for PostgreSQL (npm run seed:bulk -- --cases N): the rows of historical-cases.ts
 * (same generator, so the same numbers, hash chains, seals, letters and decisions), streamed with COPY
 * FROM STDIN into a migrated, seeded database that has no cases, plus what the server would have
 * written beside them: each case's applicant as party 1 with its keyed search hashes and name keys
 * (parties.ts), the reversed number (search), and one change-feed row per case.
 *
 * How it stays fast (measured in tests/bench/README.md, "Ten million cases"):
 * - one COPY per table, each on its own connection, all open for the whole load: the generator (this
 *   process, one core) and the COPY backends (PostgreSQL, the other core) run side by side;
 * - the tables' plain indexes are dropped first and built once at the end (one sort each, instead
 *   of millions of random B-tree inserts); primary keys and unique constraints stay (their keys arrive
 *   in ascending order, so each insert goes to the right-most leaf);
 * - foreign-key triggers are off for the loading sessions (session_replication_role = replica): every
 *   referenced id (items, points, staff, windows, letters, materials) was read from this database by
 *   loadNetwork, and each case id is written before its rows. The constraints stay declared and are
 *   enforced again for every later write;
 * - no fsync per batch (synchronous_commit off); each COPY is one transaction, so an interrupted load
 *   leaves no cases at all (start again).
 *
 * The change feed: an import has no commit order of its own. Each case enters the feed once, with its
 * newest event (the state it was imported in), at position = case id: a consumer that follows the feed
 * from the start sees every historical case once, then every change the server makes after.
 */
import type { Readable, Writable } from "node:stream";
import { once } from "node:events";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DataSource } from "typeorm";
import type { Db } from "../../db/db";
import type { RecordsKey } from "../../modules/records/records-key";
import { partyRecords, type PartyRow } from "../../modules/cases/parties";
import { PartyKind, PartyRole } from "../../modules/cases/case-party.entity";
import { reversedNumber } from "../../modules/cases/search-keys";
import { CASE_FEED } from "../../modules/integrations/change-log";
import { CaseGenerator } from "../historical-cases";
import { addEarlierLetters, calendarFor, COLUMNS, loadNetwork, type Batch, type Query, type Row, type Table } from "../case-loader";

/** The tables the load writes with COPY, and their columns (case_counter is an upsert at the end). */
export const BULK_COLUMNS = {
  case_file: [...COLUMNS.case_file, "numberReversed"],
  case_material: [...COLUMNS.case_material],
  case_event: [...COLUMNS.case_event],
  decision: [...COLUMNS.decision],
  joint_notice: [...COLUMNS.joint_notice],
  supplement_notice: [...COLUMNS.supplement_notice],
  case_pause: [...COLUMNS.case_pause],
  fault_record: [...COLUMNS.fault_record],
  case_party: ["caseId", "seq", "role", "kind", "name", "idNumber", "creditCode", "legalRepresentative", "phone", "actsForSeq", "idHash", "phoneHash"],
  case_name_key: ["caseId", "partySeq", "pos", "key"],
  case_change: ["position", "caseId", "caseNumber", "eventSeq", "eventType", "status", "at"],
} as const;
export type BulkTable = keyof typeof BULK_COLUMNS;
const TABLES = Object.keys(BULK_COLUMNS) as BulkTable[];
/** Tables the generator fills only for --history (aftercare); the bulk load has none of them. */
const NOT_LOADED: Table[] = ["evaluation", "rectification", "complaint"];

/** One value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = typeof v === "string" ? v : v instanceof Date ? v.toISOString() : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : s;
}

const copyLines = (rows: Row[]) => {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) out += (i ? "\t" : "") + copyValue(row[i]);
    out += "\n";
  }
  return out;
};

/** The index definitions (not backing a constraint) of the loaded tables: dropped before the load, made after. */
async function plainIndexes(q: Query): Promise<{ name: string; table: string; sql: string }[]> {
  return q(`SELECT i.relname AS name, t.relname AS "table", pg_get_indexdef(i.oid) AS sql
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY t.relname, i.relname`, [TABLES]);
}

interface CopyStream { client: Client; stream: Writable; table: BulkTable; done: Promise<void> }

/** A connection of its own; `schema` first on its search path (tests give each file a schema). */
const connect = async (url: string, schema?: string) => {
  const client = new Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  return client;
};

async function openCopy(url: string, table: BulkTable, schema?: string): Promise<CopyStream> {
  const client = await connect(url, schema);
  await client.query("BEGIN");
  await client.query("SET LOCAL synchronous_commit = off");
  await client.query("SET LOCAL session_replication_role = replica"); // no FK triggers for these rows (see the header)
  const stream = client.query(copyFrom(`COPY "${table}" (${BULK_COLUMNS[table].map((c) => `"${c}"`).join(", ")}) FROM STDIN`)) as Writable;
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", () => resolve());
    stream.on("error", reject);
  });
  done.catch(() => undefined); // observed by finishCopy; avoids an unhandled rejection while loading
  return { client, stream, table, done };
}

async function write(c: CopyStream, text: string): Promise<void> {
  if (!text) return;
  if (!c.stream.write(text)) await Promise.race([once(c.stream, "drain"), c.done]);
}

/** What the parts share: the network and calendar as read once, and the dropped indexes. */
export interface BulkPlan {
  indexes: { name: string; table: string; sql: string }[];
  earlier: number;
  /** The schema loaded into (none: the database's default search path). */
  schema?: string;
}

/**
 * Before the parts stream: the database must have no cases; adds the letters in force before the demo
 * ones (A2, as the historical generator needs them) and drops the plain indexes of the loaded tables.
 */
export async function prepareBulk(dataSource: DataSource, db: Db, until: Date, log: (line: string) => void = () => undefined, schema?: string): Promise<BulkPlan> {
  if (db.engine !== "postgres") throw new Error("the bulk loader writes PostgreSQL only (COPY); for SQLite use npm run seed -- --cases N");
  const q: Query = (sql, params) => dataSource.query(sql, params);
  for (const table of ["case_file", "case_change", "evaluation", "complaint"]) {
    const [{ n }] = await q(`SELECT COUNT(*) AS n FROM "${table}"`);
    if (Number(n) > 0) throw new Error(`the database already has ${Number(n)} rows in ${table}; load into a new database (createdb), or drop it first.`);
  }
  const earlier = await addEarlierLetters(db, q, new Date(until.getTime() - 3 * 365 * 86_400_000));
  const indexes = await plainIndexes(q);
  log(`dropping ${indexes.length} plain indexes of ${TABLES.length} tables (built again after the load)${earlier ? `; ${earlier} authorization letters in force before 2025 added` : ""}`);
  for (const index of indexes) await q(`DROP INDEX "${index.name}"`);
  return { indexes, earlier, schema };
}

export interface PartOptions {
  cases: number;
  seed: number;
  until: Date;
  /** This part (0-based) of `parts`: each streams its share of the cases on its own connections. */
  part: number;
  parts: number;
  batch?: number;
  schema?: string;
  log?: (line: string) => void;
}

export interface PartResult {
  rows: Record<BulkTable, number>;
  statuses: Record<string, number>;
  /** Per day (YYYYMMDD), the last sequence number this part used. */
  dayLast: Record<string, number>;
  seconds: number;
}

/** The cases of part k of n: as even as can be, the first parts one more. */
export const partSize = (cases: number, parts: number, k: number) => Math.floor(cases / parts) + (k < cases % parts ? 1 : 0);

/**
 * Streams one part of the cases (bulk-cli.ts runs the parts as processes, one per core). Part k has its
 * own generator (seed + k), ids after the earlier parts' and, on each day, the sequence numbers after
 * theirs: the generator spreads every part over the same working days by the same fixed weights, so
 * how many cases each earlier part puts on each day is known without running it. Within a day the
 * numbers therefore follow the parts, not the registration instants; they stay unique and valid.
 */
export async function streamPart(url: string, key: RecordsKey, options: PartOptions): Promise<PartResult> {
  const log = options.log ?? (() => undefined);
  const client = await connect(url, options.schema);
  const q: Query = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
  let network, base;
  try {
    network = await loadNetwork(q);
    base = new Map((await q(`SELECT day, last FROM case_counter`)).map((c) => [`${c.day.slice(0, 4)}-${c.day.slice(4, 6)}-${c.day.slice(6)}`, Number(c.last)]));
  } finally {
    await client.end();
  }
  const calendar = calendarFor(options.until);
  const values = { time: (ms: number) => new Date(ms).toISOString(), bool: (b: boolean) => b };
  const counters = new Map(base);
  let firstId = 1;
  for (let j = 0; j < options.part; j++) {
    const size = partSize(options.cases, options.parts, j);
    const earlier = new CaseGenerator(network, calendar, values, size, options.seed + j, options.until, firstId, base, key, null) as unknown as { days: string[]; perDay: number[] };
    earlier.days.forEach((day, i) => counters.set(day, (counters.get(day) ?? 0) + earlier.perDay[i]));
    firstId += size;
  }
  const cases = partSize(options.cases, options.parts, options.part);
  const generator = new CaseGenerator(network, calendar, values, cases, options.seed + options.part, options.until, firstId, counters, key, null);

  const rows = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<BulkTable, number>;
  const dayLast: Record<string, number> = {};
  const started = performance.now();
  const streams: CopyStream[] = [];
  let lastLog = started;
  try {
    for (const table of TABLES) streams.push(await openCopy(url, table, options.schema));
    const by = Object.fromEntries(streams.map((s) => [s.table, s])) as Record<BulkTable, CopyStream>;
    for (let batch: Batch | null; (batch = generator.next(options.batch ?? 2000)); ) {
      for (const t of NOT_LOADED) if (batch[t].length) throw new Error(`bulk load: the generator made ${t} rows, which this loader does not write`);
      for (const [day, last] of batch.case_counter) dayLast[day as string] = Math.max(Number(last), dayLast[day as string] ?? 0);
      const files = batch.case_file;
      // Events of a case are contiguous and in seq order: the newest one of each case is its feed row.
      const newest = new Map<unknown, Row>();
      for (const e of batch.case_event) newest.set(e[0], e);
      const parties: Row[] = [], names: Row[] = [], changes: Row[] = [];
      for (const c of files) {
        const id = Number(c[0]), number = c[1] as string;
        c.push(reversedNumber(number));
        const primary: PartyRow = { seq: 1, role: PartyRole.APPLICANT, kind: PartyKind.PERSON, name: c[5] as string, idNumber: c[6] as string, creditCode: null, legalRepresentative: null, phone: c[7] as string, actsForSeq: null };
        const records = partyRecords(key, id, [primary]);
        for (const p of records.parties) parties.push(BULK_COLUMNS.case_party.map((col) => (p as Record<string, unknown>)[col] ?? null));
        for (const n of records.names) names.push([n.caseId, n.partySeq, n.pos, n.key]);
        const e = newest.get(id)!;
        changes.push([id, id, number, e[1], e[2], c[4], e[3]]);
      }
      const out: Record<BulkTable, Row[]> = {
        case_file: files, case_material: batch.case_material, case_event: batch.case_event, decision: batch.decision, joint_notice: batch.joint_notice,
        supplement_notice: batch.supplement_notice, case_pause: batch.case_pause, fault_record: batch.fault_record, case_party: parties, case_name_key: names, case_change: changes,
      };
      for (const t of TABLES) {
        rows[t] += out[t].length;
        await write(by[t], copyLines(out[t]));
      }
      if (performance.now() - lastLog > 60_000) {
        lastLog = performance.now();
        const s = (lastLog - started) / 1000;
        log(`part ${options.part + 1}/${options.parts}: ${generator.done.toLocaleString("en")}/${cases.toLocaleString("en")} cases, ${Math.round(generator.done / s).toLocaleString("en")}/s, ${Math.round(s)} s, ETA ${Math.round((cases - generator.done) / (generator.done / s))} s`);
      }
    }
    // case_file first (the other tables refer to it), then the rest.
    for (const s of streams) {
      s.stream.end();
      await s.done;
      await s.client.query("COMMIT");
    }
  } catch (error) {
    for (const s of streams) (s.stream as unknown as Readable).destroy?.();
    throw error;
  } finally {
    for (const s of streams) await s.client.end().catch(() => undefined);
  }
  return { rows, statuses: Object.fromEntries(generator.stats.statuses), dayLast, seconds: (performance.now() - started) / 1000 };
}

/** After every part: day counters, feed counter and id sequences moved on; the indexes built; VACUUM ANALYZE. */
export async function finishBulk(dataSource: DataSource, url: string, plan: BulkPlan, cases: number, dayLast: Record<string, number>, log: (line: string) => void = () => undefined): Promise<{ indexSeconds: number; analyzeSeconds: number }> {
  const q: Query = (sql, params) => dataSource.query(sql, params);
  const counterRows = Object.entries(dayLast);
  for (let i = 0; i < counterRows.length; i += 1000) {
    const part = counterRows.slice(i, i + 1000);
    await q(`INSERT INTO case_counter (day, last) VALUES ${part.map((_, k) => `($${2 * k + 1}, $${2 * k + 2})`).join(", ")} ON CONFLICT (day) DO UPDATE SET last = GREATEST(case_counter.last, excluded.last)`, part.flat());
  }
  await q(`INSERT INTO feed_counter (name, last) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET last = GREATEST(feed_counter.last, excluded.last)`, [CASE_FEED, cases]);
  for (const table of TABLES.filter((t) => t !== "case_change")) {
    await q(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`);
  }
  const indexStart = performance.now();
  await restoreIndexes(url, plan, log);
  const indexSeconds = (performance.now() - indexStart) / 1000;
  // VACUUM sets the visibility map (index-only scans) and hint bits now rather than on the first reads; ANALYZE for the planner.
  const analyzeStart = performance.now();
  for (const t of TABLES) await q(`VACUUM (ANALYZE) "${t}"`);
  await q("ANALYZE");
  return { indexSeconds, analyzeSeconds: (performance.now() - analyzeStart) / 1000 };
}

/** A failed load: the indexes back (the rows that were committed stay; drop the database and start again). */
export async function abortBulk(url: string, plan: BulkPlan): Promise<void> {
  await restoreIndexes(url, plan);
}

/** Builds the dropped indexes again, on one session with a generous sort memory. */
async function restoreIndexes(url: string, plan: BulkPlan, log: (line: string) => void = () => undefined): Promise<void> {
  const client = await connect(url, plan.schema);
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const index of plan.indexes) {
      const t0 = performance.now();
      await client.query(index.sql.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS "));
      log(`index ${index.table}.${index.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await client.end();
  }
}
