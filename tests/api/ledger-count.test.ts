import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { COUNT_CAP, paginate } from "../../server/src/common/pagination";
import { Case } from "../../server/src/modules/cases/case.entity";
import { startTestApp, type TestApp } from "../support/app";
import { seedHistory } from "../support/history";

const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));
const LEDGER = `query($p: String!, $after: String) { ledger(pointCode: $p, first: 5, after: $after) { totalCount totalCountCapped nodes { number } pageInfo { hasNextPage endCursor } } }`;

// Issue 11 §3: a point's ledger pages on (registeredPointId, id) and counts at most COUNT_CAP rows.
describe("ledger at scale: newest first on its own index, counted up to a cap", () => {
  let t: TestApp;
  const q = (sql: string, params: unknown[] = []) => {
    let n = 0;
    return t.app.services.db.manager.query(t.engine === "postgres" ? sql.replace(/\?/g, () => `$${++n}`) : sql, params) as Promise<any[]>;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await seedHistory(t, 400, clock.now(), false);
  }, 180_000);
  afterAll(() => t.close());

  it("the city's ledger: newest first, every page on the cursor, the exact count below the cap", async () => {
    const [city] = await q(`SELECT id, code FROM service_point WHERE level = 'CITY'`);
    const all = (await q(`SELECT number FROM case_file WHERE "registeredPointId" = ? ORDER BY id DESC`, [city.id])).map((r) => r.number);
    expect(all.length).toBeGreaterThan(50);
    const supervisor = await t.as("supervisor");
    const seen: string[] = [];
    let page: any;
    for (let after: string | null = null; seen.length < 15; after = page.pageInfo.endCursor) {
      page = (await supervisor.ok(LEDGER, { p: city.code, after })).ledger;
      expect([page.totalCount, page.totalCountCapped]).toEqual([all.length, false]);
      seen.push(...page.nodes.map((n: { number: string }) => n.number));
    }
    expect(seen).toEqual(all.slice(0, 15));
  });

  it("a capped count reads at most cap + 1 rows and says so; an uncapped one is exact", async () => {
    const repo = t.app.services.db.manager.getRepository(Case);
    const [{ n }] = await q(`SELECT COUNT(*) AS n FROM case_file`);
    const capped = await paginate(repo.createQueryBuilder("c"), { first: 3 }, "id", { countCap: 100 });
    expect(await capped.totalCount()).toBe(101);
    expect(capped.countCap).toBe(100);
    const under = await paginate(repo.createQueryBuilder("c").where("c.id <= :top", { top: 40 }), { first: 3 }, "id", { countCap: 100 });
    expect(await under.totalCount()).toBe(40);
    const exact = await paginate(repo.createQueryBuilder("c"), { first: 3 }, "id");
    expect(await exact.totalCount()).toBe(Number(n));
    expect(COUNT_CAP).toBe(10_000);
  });

  it("a village agent's own ledger: every case the village registered, without the policy's OR filter (the scope already covers them)", async () => {
    const { statements } = t.app.services.db;
    const [village] = await q(`SELECT p.id, p.code, (SELECT username FROM staff s WHERE s."pointId" = p.id AND s.role = 'VILLAGE_AGENT' ORDER BY s.id LIMIT 1) AS agent
      FROM service_point p JOIN case_file c ON c."registeredPointId" = p.id WHERE p.level = 'VILLAGE' GROUP BY p.id, p.code ORDER BY COUNT(*) DESC, p.code LIMIT 1`);
    const all = (await q(`SELECT number FROM case_file WHERE "registeredPointId" = ? ORDER BY id DESC`, [village.id])).map((r) => r.number);
    const page = (await (await t.as(village.agent)).ok(LEDGER, { p: village.code, after: null })).ledger;
    expect([page.totalCount, page.nodes.map((n: { number: string }) => n.number)]).toEqual([all.length, all.slice(0, 5)]);
    const hit = [...statements.recent].reverse().find((s) => /"case_file" "c"[\s\S]*ORDER BY/.test(s.query))!;
    expect(hit.query.split(" WHERE ")[1]).not.toMatch(/registeredById|currentPointId/);
    // The village's township clerk may list it too, and also sees every case of it.
    const [township] = await q(`SELECT code FROM service_point WHERE id = (SELECT "parentId" FROM service_point WHERE id = ?)`, [village.id]);
    const [clerk] = await q(`SELECT username FROM staff WHERE role = 'TOWNSHIP_CLERK' AND "pointId" = (SELECT id FROM service_point WHERE code = ?) ORDER BY id LIMIT 1`, [township.code]);
    const viaTownship = (await (await t.as(clerk.username)).ok(LEDGER, { p: village.code, after: null })).ledger;
    expect(viaTownship.nodes.map((n: { number: string }) => n.number)).toEqual(all.slice(0, 5));
  });

  it("the ledger's page reads IDX_case_file_ledger (registeredPointId, id), not the table backwards", async () => {
    const { statements, dataSource } = t.app.services.db;
    const [village] = await q(`SELECT p.code FROM service_point p JOIN case_file c ON c."registeredPointId" = p.id WHERE p.level = 'VILLAGE' GROUP BY p.code ORDER BY COUNT(*) DESC, p.code LIMIT 1`);
    await (await t.as("supervisor")).ok(LEDGER, { p: village.code, after: null });
    const hit = [...statements.recent].reverse().find((s) => /"case_file" "c"[\s\S]*ORDER BY/.test(s.query))!;
    expect(hit).toBeDefined();
    if (t.engine === "postgres") {
      await dataSource.query("ANALYZE case_file");
      const rows: { "QUERY PLAN": string }[] = await dataSource.query(`EXPLAIN ${hit.query}`, hit.parameters as unknown[]);
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/IDX_case_file_ledger/);
    } else {
      const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${hit.query}`, hit.parameters as unknown[]);
      expect(rows.map((r) => r.detail).join("\n")).toMatch(/IDX_case_file_ledger \(registeredPointId=\?/);
    }
  });

  // The lists of cases in review in deadline order and the window clerk's queue: the query texts must let the
  // partial indexes serve their filter and their order (no sort of all open cases before the page). On SQLite,
  // INDEXED BY fails to prepare when the index cannot serve the query; on PostgreSQL, with sorting and sequential
  // scans priced out, the plan must read the index and sort nothing.
  it.each([
    ["decisions awaiting", "slj.deputy", `{ decisionsAwaiting(first: 5) { nodes { number } } }`, "IDX_case_file_review_key", false],
    ["the overdue list", "supervisor", `{ overdueCases(first: 5) { nodes { number } } }`, "IDX_case_file_review_key", true],
    ["the window clerk's own queue", "c18", `{ windowQueue(windowCode: "C18", first: 5) { nodes { number } } }`, "IDX_case_file_queue_open", true],
  ])("%s (as %s): the page walks its index in key order", async (_name, user, query, index, unfiltered) => {
    const { statements, dataSource } = t.app.services.db;
    await (await t.as(user as string)).ok(query as string);
    const hit = [...statements.recent].reverse().find((s) => /"case_file" "c"[\s\S]*ORDER BY/.test(s.query))!;
    expect(hit).toBeDefined();
    // The supervisor and the window's own clerk read every case the list can hold: no policy filter.
    if (unfiltered) expect(hit.query.split(" WHERE ")[1]).not.toMatch(/registeredById/);
    if (t.engine === "postgres") {
      const plan = await dataSource.transaction(async (em) => {
        await em.query("SET LOCAL enable_sort = off");
        await em.query("SET LOCAL enable_seqscan = off");
        await em.query("SET LOCAL enable_bitmapscan = off");
        const rows: { "QUERY PLAN": string }[] = await em.query(`EXPLAIN ${hit.query}`, hit.parameters as unknown[]);
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toMatch(new RegExp(`Index Scan using "?${index}`));
      expect(plan).not.toMatch(/Sort/);
    } else {
      const forced = hit.query.replace(/FROM "case_file" "c"/, `FROM "case_file" "c" INDEXED BY "${index}"`);
      const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${forced}`, hit.parameters as unknown[]);
      const plan = rows.map((r) => r.detail).join("\n");
      expect(plan).toMatch(new RegExp(`USING INDEX ${index}`));
      expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});

