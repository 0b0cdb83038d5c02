import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { chinaDate } from "../../server/src/modules/calendar/working-calendar";
import { REGION_CODE } from "../../server/src/modules/cases/registration.service";
import { loadRecordsKey } from "../../server/src/modules/records/records-key";
import { verifyAllRecords } from "../../server/src/modules/records/records.service";
import { finishBulk, partSize, prepareBulk, streamPart } from "../../server/src/seed/bulk/bulk-load";
import { startTestApp, testEngine, type TestApp } from "../support/app";

// The bulk generator (npm run seed:bulk) writes PostgreSQL only (COPY): like the other two-process suites
// (scheduler.test.ts, webhooks.test.ts) this file runs in CI's PostgreSQL pass and says so under SQLite.
const onPostgres = testEngine === "postgres";
if (!onPostgres) console.info("[bulk-load.test] skipped: the bulk generator writes PostgreSQL (COPY); run with DATABASE_URL=postgres://….");

const CASES = 300;
const PARTS = 2;
const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));
const FEED = `query($after: String, $first: Int!) { caseChanges(after: $after, first: $first) { nodes { position caseNumber eventSeq eventType status } pageInfo { hasNextPage endCursor } } }`;
const SEARCH = `query($f: CaseSearchInput!) { searchCases(filter: $f, first: 50) { totalCount nodes { number } } }`;
const CASE = `query($n: String!) { case(number: $n) { number status events { seq type } } }`;

describe.skipIf(!onPostgres)(`the bulk generator: ${CASES} cases in ${PARTS} parts with COPY`, () => {
  let t: TestApp;
  const q = (sql: string, params?: unknown[]) => t.app.services.db.manager.query(sql, params) as Promise<any[]>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const { db, config } = t.app.services;
    const key = loadRecordsKey(config, false);
    const until = clock.now();
    const plan = await prepareBulk(db.dataSource, db, until, undefined, config.pgSchema);
    const parts = await Promise.all(Array.from({ length: PARTS }, (_, part) => streamPart(process.env.DATABASE_URL!, key, { cases: CASES, seed: 7, until, part, parts: PARTS, batch: 50, schema: config.pgSchema })));
    const dayLast: Record<string, number> = {};
    for (const p of parts) for (const [day, last] of Object.entries(p.dayLast)) dayLast[day] = Math.max(last, dayLast[day] ?? 0);
    await finishBulk(db.dataSource, process.env.DATABASE_URL!, plan, CASES, dayLast);
  }, 180_000);
  afterAll(() => t?.close());

  it("splits the cases among the parts, and writes every case with its timeline, decision, party and feed row", async () => {
    expect(Array.from({ length: PARTS }, (_, k) => partSize(CASES, PARTS, k))).toEqual([150, 150]);
    expect(partSize(7, 3, 0) + partSize(7, 3, 1) + partSize(7, 3, 2)).toBe(7);
    const [counts] = await q(`SELECT (SELECT COUNT(*) FROM case_file) AS cases, (SELECT COUNT(DISTINCT "caseId") FROM case_event) AS timelines,
      (SELECT COUNT(*) FROM case_party WHERE seq = 1 AND "idHash" IS NOT NULL AND "phoneHash" IS NOT NULL) AS parties, (SELECT COUNT(*) FROM case_change) AS changes,
      (SELECT COUNT(*) FROM decision) AS decisions, (SELECT COUNT(*) FROM case_file WHERE status IN ('DECIDED', 'CLOSED')) AS decided`);
    expect(Number(counts.cases)).toBe(CASES);
    expect(Number(counts.timelines)).toBe(CASES);
    expect(Number(counts.parties)).toBe(CASES);
    expect(Number(counts.changes)).toBe(CASES);
    expect(Number(counts.decisions)).toBe(Number(counts.decided)); // a decided or closed case has its decision, an open one none
    // The indexes dropped for the load are all back.
    const [{ n }] = await q(`SELECT COUNT(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('IDX_case_file_queue_open', 'IDX_case_name_key_key', 'IDX_f6dde86d397f31c6fb3ca9f1a4', 'IDX_39e7fccc3c9d1b4e58bbd44656')`);
    expect(Number(n)).toBe(4);
  });

  it("every case passes the records verifier (chain, head, count, seal, decision)", async () => {
    const { db, config } = t.app.services;
    const summary = await verifyAllRecords(db.manager, loadRecordsKey(config, false));
    expect(summary.breaks).toEqual([]);
    expect(summary.casesChecked).toBe(CASES);
    expect(summary.eventsChecked).toBeGreaterThan(CASES * 3);
  });

  it("numbers are valid (region, registration day in China, a sequence that registration continues) and unique; ids are 1…N", async () => {
    const rows = await q(`SELECT id, number, "numberReversed", "registeredAt" FROM case_file ORDER BY id`);
    expect(rows.map((r) => Number(r.id))).toEqual(Array.from({ length: CASES }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(CASES);
    for (const r of rows) {
      expect(r.number).toMatch(new RegExp(`^${REGION_CODE}\\d{14}$`));
      expect(r.number.slice(6, 14)).toBe(chinaDate(r.registeredAt).replaceAll("-", ""));
      expect(r.numberReversed).toBe([...r.number].reverse().join(""));
    }
    // Per day, the sequence runs 1…n without gaps across the parts, and the day's counter holds n.
    const days = await q(`SELECT d.*, k.last AS counter FROM (SELECT substr(number, 7, 8) AS day, COUNT(*) AS n, MAX(substr(number, 15)::int) AS top, MIN(substr(number, 15)::int) AS low
      FROM case_file GROUP BY 1) d LEFT JOIN case_counter k ON k.day = d.day`);
    expect(days.length).toBeGreaterThan(100);
    for (const d of days) expect([Number(d.low), Number(d.top), Number(d.counter)]).toEqual([1, Number(d.n), Number(d.n)]);
  });

  it("each case is in the change feed once, at its newest event, and the feed continues after the import", async () => {
    const supervisor = await t.as("supervisor");
    const seen: { position: number; caseNumber: string; eventSeq: number; eventType: string; status: string }[] = [];
    for (let after: string | null = null; ; ) {
      const page: any = (await supervisor.ok(FEED, { after, first: 100 })).caseChanges;
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((c) => c.position)).toEqual(Array.from({ length: CASES }, (_, i) => i + 1));
    const cases = new Map((await q(`SELECT number, status, "recordsCount" FROM case_file`)).map((c) => [c.number, c]));
    for (const change of seen) {
      const c = cases.get(change.caseNumber);
      expect([change.status, change.eventSeq]).toEqual([c.status, Number(c.recordsCount)]);
    }
    const [{ last }] = await q(`SELECT last FROM feed_counter WHERE name = 'caseChanges'`);
    expect(Number(last)).toBe(CASES);
    // A case read through the API shows the timeline the feed points at.
    const sample = seen[CASES - 1];
    const read = (await supervisor.ok(CASE, { n: sample.caseNumber })).case;
    expect(read.events.at(-1)).toEqual({ seq: sample.eventSeq, type: sample.eventType });
  });

  it("search finds the cases by ID number, phone, name and number (keyed hashes and name keys)", async () => {
    const supervisor = await t.as("supervisor");
    const [c] = await q(`SELECT number, "applicantName", "applicantIdNumber", "applicantPhone" FROM case_file WHERE id = 217`);
    const found = async (f: Record<string, unknown>) => (await supervisor.ok(SEARCH, { f })).searchCases.nodes.map((n: { number: string }) => n.number);
    expect(await found({ idNumber: c.applicantIdNumber })).toContain(c.number);
    expect(await found({ phone: c.applicantPhone })).toContain(c.number);
    expect(await found({ name: c.applicantName, nameMatch: "CONTAINS" })).toContain(c.number);
    expect(await found({ number: c.number })).toEqual([c.number]);
  });
});
