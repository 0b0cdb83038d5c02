import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { CITY_RECORD, planHistory } from "../../server/src/seed/historical-cases";
import { completionPercent } from "../../server/src/modules/supervision/supervision.rules";
import { startTestApp, type TestApp } from "../support/app";
import { seedHistory } from "../support/history";
import { rows } from "../support/supervision";

const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));
const DASHBOARD = `{ supervisionDashboard { registered closed completionRate byKind { kind count } evaluations evaluationAverage rectifications complaints complaintsUpheld faults } }`;

describe("the city's record (§2): npm run seed -- --history and the supervisor's dashboard", () => {
  let t: TestApp;
  let seconds = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const started = performance.now();
    await seedHistory(t, CITY_RECORD.cases, clock.now());
    seconds = (performance.now() - started) / 1000;
  }, 180_000);
  afterAll(() => t.close());

  it("plans 26,442 closed of 26,682, which shows as 99.1 %, and the fewest closed that do", () => {
    expect(planHistory(CITY_RECORD.cases, CITY_RECORD.completionRate)).toEqual({ closed: 26_442, open: 240 });
    expect(completionPercent(26_442, 26_682)).toBe(99.1);
    expect(completionPercent(26_428, 26_682)).toBe(99);
    expect(completionPercent(26_456, 26_682)).toBe(99.2);
    expect(planHistory(1000, 0.991)).toEqual({ closed: 991, open: 9 });
  });

  it("the dashboard computes 26,682 registered and 99.1 % from the records, over the six kinds", async () => {
    const supervisor = await t.as("supervisor");
    const d = (await supervisor.ok(DASHBOARD)).supervisionDashboard;
    expect(d.registered).toBe(26_682);
    expect(d.closed).toBe(26_442);
    expect(d.completionRate).toBe(99.1);
    const kinds = Object.fromEntries(d.byKind.map((k: { kind: string | null; count: number }) => [k.kind, k.count]));
    for (const kind of ["IMMEDIATE", "COMMITTED", "JOINT", "REPORTED_UP", "RETURNED"]) expect(kinds[kind]).toBeGreaterThan(100);
    expect(d.byKind.reduce((s: number, k: { count: number }) => s + k.count, 0)).toBe(26_682);
    expect(await rows(t, "supplement_notice")).toBeGreaterThan(500); // 补办件 went through a supplement, then took their item's kind
    // Plausible proportions: most closed cases rated, mostly well; few complaints; faults well under 5 %.
    expect(d.evaluations / d.closed).toBeGreaterThan(0.5);
    expect(d.evaluationAverage).toBeGreaterThan(4.4);
    expect(d.rectifications).toBeGreaterThan(0);
    expect(d.complaints).toBeGreaterThan(20);
    expect(d.complaintsUpheld).toBeLessThan(d.complaints);
    expect(d.faults).toBeGreaterThan(100);
    expect(d.faults).toBeLessThan(26_682 * 0.05);
    expect(await rows(t, "rectification")).toBe(d.rectifications);
    // Every case spread over the network: village stations, township centres and the city centre registered some.
    const levels = await t.app.services.db.manager.query(`SELECT p.level AS level, COUNT(*) AS n FROM case_file c JOIN service_point p ON p.id = c."registeredPointId" GROUP BY p.level`);
    expect(levels.map((l: { level: string }) => l.level).sort()).toEqual(["CITY", "TOWNSHIP", "VILLAGE"]);
    console.log(`history: ${seconds.toFixed(1)} s to write; dashboard ${JSON.stringify(d)}`);
  });

  it("the dashboard is the supervisor's and the centre admin's", async () => {
    expect((await (await t.as("admin")).ok(DASHBOARD)).supervisionDashboard.registered).toBe(26_682);
    expect((await t.anonymous().gql(DASHBOARD)).errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
