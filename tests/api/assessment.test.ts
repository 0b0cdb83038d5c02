import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { findCjkFont } from "../../server/src/modules/documents/fonts";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { act, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, headOf, ok, openCase, sessions, setDay } from "../support/case-steps";
import { closedCase, ERRORS, EVALUATE, rows } from "../support/supervision";
import { seedScoringFormula } from "../../server/src/modules/assessment/assessment.service";

const clock = new ManualClock(new Date("2026-07-06T02:00:00Z"));
const ROW = "unitCode unitName cases closed decided onTime evaluations satisfied upheldComplaints faults inspection score rank redFlag serviceModel grade";
const ASSESS = `query($p: String!, $t: AssessmentUnitType!, $v: Int, $r: Boolean) { assessment(period: $p, unitType: $t, formulaVersion: $v, recompute: $r) {
  period label formulaVersion recomputed published { period formulaVersion } rows { ${ROW} } } }`;
const FORMULAS = `{ scoringFormulas { version weightOnTime weightCompletion weightSatisfaction weightComplaints weightFaults weightInspection redFlagCount } }`;
const PUBLISH_FORMULA = `mutation($input: ScoringFormulaInput!) { publishScoringFormula(input: $input) { formula { version weightOnTime redFlagCount } ${ERRORS} } }`;
const PUBLISH_PERIOD = `mutation($p: String!) { publishAssessment(input: { period: $p }) { assessment { period formulaVersion rows { ${ROW} } } ${ERRORS} } }`;
const KINDS = `query($p: String!) { caseKindStatistics(period: $p) { period total kinds { kind count share } } }`;
const GENERATE = `mutation($p: String!) { generateBulletin(input: { period: $p }) { bulletin { id kind period title pdfUrl publishedAt } ${ERRORS} } }`;
const PUBLISH_BULLETIN = `mutation($id: ID!) { publishBulletin(input: { id: $id }) { bulletin { id publishedAt } ${ERRORS} } }`;
const PUBLIC_LIST = `{ publishedBulletins { id period title pdfUrl } }`;

const V1 = { weightOnTime: 30, weightCompletion: 30, weightSatisfaction: 20, weightComplaints: 10, weightFaults: 10, complaintDeduction: 25, faultDeduction: 10, redFlagCount: 3, serviceModelCount: 5, excellentFrom: 95, goodFrom: 85, passFrom: 70 };
/** Version 2, ensured at start: the township centres' inspections weigh 10 %, the rest 0.9 × version 1. */
const V2_WEIGHTS = { weightOnTime: 27, weightCompletion: 27, weightSatisfaction: 18, weightComplaints: 9, weightFaults: 9, weightInspection: 10 };
const weightsOf = (f: Record<string, number>) => Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith("weight") || k === "redFlagCount"));

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text.replace(/\s+/g, "");
}

// The bulletin needs a CJK font; without one it is checked in CI (where a missing font fails) and skipped elsewhere.
const checkPdf = !!findCjkFont() || process.env.CI === "true";

type Row = { unitCode: string; unitName: string; cases: number; closed: number; score: number; rank: number; redFlag: boolean; grade: string | null };

describe("assessment (S3, S8), statistics by kind (C4) and bulletins (S4)", () => {
  let t: TestApp;
  let as: (u: string) => Promise<ApiClient>;
  let a: ItemFixture;
  let b: ItemFixture;
  let supervisor: ApiClient;
  let openB: { number: string };

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, complaintRateLimitPerMinute: 1000 } });
    as = sessions(() => t);
    a = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    b = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND w.code <> '${a.windowCode}'`);
    supervisor = await as("supervisor");
    // Q3 2026: window A closes two cases, one rated 5; window B closes one rated 1 and leaves one open.
    setDay(clock, "2026-07-06");
    const citizen = t.anonymous();
    const a1 = await closedCase(as, a);
    await closedCase(as, a);
    expect((await citizen.ok(EVALUATE, { input: { caseNumber: a1.number, queryCode: a1.queryCode, rating: 5 } })).evaluateCase.userErrors).toEqual([]);
    const b1 = await closedCase(as, b);
    expect((await citizen.ok(EVALUATE, { input: { caseNumber: b1.number, queryCode: b1.queryCode, rating: 1 } })).evaluateCase.userErrors).toEqual([]);
    openB = await openCase(await as(clerkOf(b)), b, "COMMITTED");
  });
  afterAll(() => t.close());

  const windows = async (client: ApiClient, vars: Record<string, unknown>) => (await client.ok(ASSESS, { t: "WINDOW", ...vars })).assessment;
  const byCode = (list: Row[], code: string) => list.find((r) => r.unitCode === code)!;

  it("versions 1 and 2 of the formula are seeded; weights that do not sum to 100 are refused naming the field and rule, nothing written", async () => {
    expect((await supervisor.ok(FORMULAS)).scoringFormulas).toEqual([
      { version: 2, ...V2_WEIGHTS, redFlagCount: 3 },
      { version: 1, ...weightsOf(V1), weightInspection: 0 },
    ]);
    const inspectionTooMuch = (await supervisor.ok(PUBLISH_FORMULA, { input: { ...V1, weightInspection: 10 } })).publishScoringFormula;
    expect(inspectionTooMuch.userErrors).toMatchObject([{ code: "INVALID", field: ["input", "weights"], reason: "WEIGHTS_NOT_100" }]); // 110
    const before = await rows(t, "scoring_formula");
    const bad = (await supervisor.ok(PUBLISH_FORMULA, { input: { ...V1, weightFaults: 0 } })).publishScoringFormula;
    expect(bad).toMatchObject({ formula: null, userErrors: [{ code: "INVALID", field: ["input", "weights"], rule: "S3", reason: "WEIGHTS_NOT_100" }] });
    const over = await supervisor.gql(PUBLISH_FORMULA, { input: { ...V1, weightOnTime: 101 } });
    expect(over.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.weightOnTime", rule: "max" })] });
    const grades = (await supervisor.ok(PUBLISH_FORMULA, { input: { ...V1, goodFrom: 96 } })).publishScoringFormula;
    expect(grades.userErrors).toMatchObject([{ reason: "GRADES_NOT_DESCENDING" }]);
    expect(await rows(t, "scoring_formula")).toBe(before);
    // Only the supervisor and the centre's admin see the assessment.
    const clerk = await as(clerkOf(a));
    expect((await clerk.gql(FORMULAS)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(ASSESS, { p: "2026Q3", t: "WINDOW" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("scores every city window from the records and ranks them; red flags go to the top windows by the formula's rule", async () => {
    const view = await windows(supervisor, { p: "2026Q3" });
    expect(view).toMatchObject({ period: "2026Q3", label: "2026年第3季度", formulaVersion: 2, recomputed: true, published: null });
    const ra = byCode(view.rows, a.windowCode);
    const rb = byCode(view.rows, b.windowCode);
    expect(ra).toMatchObject({ cases: 2, closed: 2, decided: 2, onTime: 2, evaluations: 1, satisfied: 1, score: 100, rank: 1, redFlag: true, grade: null });
    // B: completion 1/2, satisfaction 0/1 → 100 − 30 × 0.5 − 20 = 65.
    expect(rb).toMatchObject({ cases: 2, closed: 1, decided: 1, onTime: 1, evaluations: 1, satisfied: 0, score: 65, redFlag: true });
    // B ranks second: windows without cases (100 by default) rank after every window with cases.
    expect(rb.rank).toBe(2);
    // Windows without cases rank below and get no red flag.
    expect(view.rows.filter((r: Row) => r.redFlag).map((r: Row) => r.unitCode).sort()).toEqual([a.windowCode, b.windowCode].sort());
    expect(view.rows.map((r: Row) => r.rank)).toEqual(view.rows.map((_: Row, i: number) => i + 1));
    // Departments and township centres are scored too; the year has grades by the formula's thresholds.
    expect((await supervisor.ok(ASSESS, { p: "2026Q3", t: "DEPARTMENT" })).assessment.rows.length).toBeGreaterThan(1);
    expect((await supervisor.ok(ASSESS, { p: "2026Q3", t: "TOWNSHIP" })).assessment.rows.length).toBeGreaterThan(1);
    const year = await windows(supervisor, { p: "2026" });
    expect(byCode(year.rows, a.windowCode).grade).toBe("EXCELLENT");
    expect(byCode(year.rows, b.windowCode).grade).toBe("FAIL");
    // Staff: the clerks who registered the cases; service models by rule.
    const staff = (await supervisor.ok(ASSESS, { p: "2026Q3", t: "STAFF" })).assessment.rows;
    expect(staff.filter((r: Row & { serviceModel: boolean }) => r.serviceModel).map((r: Row) => r.unitCode).sort()).toEqual([clerkOf(a), clerkOf(b)].sort());
  });

  it("counts cases by kind (C4) with shares", async () => {
    const stats = (await supervisor.ok(KINDS, { p: "2026Q3" })).caseKindStatistics;
    expect(stats.total).toBe(4);
    expect(stats.kinds).toHaveLength(6);
    expect(stats.kinds.find((k: { kind: string }) => k.kind === "COMMITTED")).toEqual({ kind: "COMMITTED", count: 4, share: 100 });
    expect((await supervisor.ok(KINDS, { p: "2026-07" })).caseKindStatistics.total).toBe(4);
    expect((await supervisor.ok(KINDS, { p: "2026-08" })).caseKindStatistics.total).toBe(0);
    expect((await supervisor.gql(KINDS, { p: "2026Q5" })).errors).toBeDefined();
  });

  it("a published quarter keeps its figures and formula version: recomputing gives the same, a later formula does not change it", async () => {
    const early = (await supervisor.ok(PUBLISH_PERIOD, { p: "2026Q3" })).publishAssessment;
    expect(early).toMatchObject({ assessment: null, userErrors: [{ reason: "PERIOD_NOT_ENDED", rule: "S3", field: ["input", "period"] }] });
    expect(await rows(t, "assessment_period")).toBe(0);
    // Version 3: one red flag only, more weight on satisfaction (no inspection weight).
    const v3 = (await supervisor.ok(PUBLISH_FORMULA, { input: { ...V1, weightOnTime: 20, weightSatisfaction: 30, redFlagCount: 1 } })).publishScoringFormula;
    expect(v3).toMatchObject({ formula: { version: 3, redFlagCount: 1 }, userErrors: [] });

    setDay(clock, "2026-10-12");
    const published = (await supervisor.ok(PUBLISH_PERIOD, { p: "2026Q3" })).publishAssessment;
    expect(published).toMatchObject({ userErrors: [], assessment: { period: "2026Q3", formulaVersion: 3 } });
    const publishedRows = (await supervisor.ok(PUBLISH_PERIOD, { p: "2026Q3" })).publishAssessment;
    expect(publishedRows.userErrors).toMatchObject([{ code: "DUPLICATE", reason: "PERIOD_PUBLISHED" }]);
    const stored = await windows(supervisor, { p: "2026Q3" });
    expect(stored).toMatchObject({ formulaVersion: 3, recomputed: false, published: { period: "2026Q3", formulaVersion: 3 } });
    expect(stored.rows.filter((r: Row) => r.redFlag).map((r: Row) => r.unitCode)).toEqual([a.windowCode]);
    expect(byCode(stored.rows, b.windowCode).score).toBe(55); // 100 − 30 × 0.5 − 30
    expect(stored.rows).toEqual(published.assessment.rows);

    // New records after the quarter (B's open case decided and closed in October) do not move the quarter.
    ok(await act(await as(headOf(b.departmentCode, "deputy")), "decideCase", { caseNumber: openB.number, approve: true, idempotencyKey: newKey() }));
    ok(await act(await as(clerkOf(b)), "closeCase", { caseNumber: openB.number, via: "WINDOW" }));
    // Version 4 changes the weights again.
    expect((await supervisor.ok(PUBLISH_FORMULA, { input: { ...V1, weightCompletion: 50, weightSatisfaction: 0 } })).publishScoringFormula.userErrors).toEqual([]);

    const again = await windows(supervisor, { p: "2026Q3" });
    expect(again).toEqual(stored);
    const recomputed = await windows(supervisor, { p: "2026Q3", r: true });
    expect(recomputed).toMatchObject({ formulaVersion: 3, recomputed: true });
    expect(recomputed.rows).toEqual(stored.rows);
    for (const type of ["DEPARTMENT", "TOWNSHIP", "STAFF"]) {
      const s = (await supervisor.ok(ASSESS, { p: "2026Q3", t: type })).assessment;
      const r = (await supervisor.ok(ASSESS, { p: "2026Q3", t: type, r: true })).assessment;
      expect(r.rows).toEqual(s.rows);
    }
    const byV4 = await windows(supervisor, { p: "2026Q3", v: 4 });
    expect(byV4.formulaVersion).toBe(4);
    expect(byCode(byV4.rows, b.windowCode).score).toBe(75); // 100 − 50 × 0.5
    expect((await supervisor.ok(`{ scoringFormulas { version } }`)).scoringFormulas.map((f: { version: number }) => f.version)).toEqual([4, 3, 2, 1]);
  });

  it.skipIf(!checkPdf)("a quarterly bulletin in Chinese: generated as a draft, public at /bulletins only once published", async () => {
    const generated = (await supervisor.ok(GENERATE, { p: "2026Q3" })).generateBulletin;
    expect(generated).toMatchObject({ userErrors: [], bulletin: { kind: "QUARTER", period: "2026Q3", publishedAt: null } });
    const { id, pdfUrl } = generated.bulletin;
    const citizen = t.anonymous();
    expect((await citizen.ok(PUBLIC_LIST)).publishedBulletins).toEqual([]);
    expect((await fetch(`${t.url}${pdfUrl}`)).status).toBe(404);
    const draft = await fetch(`${t.url}${pdfUrl}`, { headers: { cookie: supervisor.cookie ?? "" } });
    expect(draft.status).toBe(200);

    expect((await supervisor.ok(PUBLISH_BULLETIN, { id })).publishBulletin).toMatchObject({ userErrors: [], bulletin: { id } });
    expect((await citizen.ok(PUBLIC_LIST)).publishedBulletins).toEqual([{ id, period: "2026Q3", title: "便民服务定期通报（2026年第3季度）", pdfUrl }]);
    const res = await fetch(`${t.url}${pdfUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/pdf");
    const text = await pdfText(Buffer.from(await res.arrayBuffer()));
    const view = await windows(supervisor, { p: "2026Q3" });
    expect(text).toContain("便民服务定期通报");
    expect(text).toContain("办件类型统计");
    expect(text).toContain("承办件4100.0%");
    expect(text).toContain(`流动红旗窗口：${byCode(view.rows, a.windowCode).unitName.replace(/\s+/g, "")}`);
    expect(text).toContain("超期办件");
    expect(text).toContain("属实投诉");
    expect(text).toContain("第3版考核办法");

    // A month can be generated too; a year cannot; an unknown bulletin is 404.
    expect((await supervisor.ok(GENERATE, { p: "2026-07" })).generateBulletin.bulletin.kind).toBe("MONTH");
    expect((await supervisor.ok(GENERATE, { p: "2026" })).generateBulletin.userErrors).toMatchObject([{ reason: "PERIOD_INVALID", field: ["input", "period"] }]);
    expect((await fetch(`${t.url}/documents/bulletins/99999.pdf`)).status).toBe(404);
    expect((await t.anonymous().gql(GENERATE, { p: "2026Q3" })).errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});

describe("inspections feed the township centres' score from formula version 2 on (S3, S7); a quarter scored under version 1 is never rewritten", () => {
  const clock2 = new ManualClock(new Date("2026-07-06T02:00:00Z"));
  let t: TestApp;
  let supervisor: ApiClient;
  let township: string;
  const INSPECT = `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { inspection { total } ${ERRORS} } }`;
  const checklist = (total: 70 | 50 | 90) =>
    total === 70
      ? { organization: 15, premises: 20, staffing: 20, itemsMovedIn: 0, operation: 15, publicReview: 0 }
      : total === 50
        ? { organization: 15, premises: 20, staffing: 15, itemsMovedIn: 0, operation: 0, publicReview: 0 }
        : { organization: 15, premises: 20, staffing: 20, itemsMovedIn: 20, operation: 15, publicReview: 0 };
  const inspect = async (inspectedOn: string, total: 70 | 50 | 90) => {
    const r = (await supervisor.ok(INSPECT, { input: { pointCode: township, inspectedOn, ...checklist(total), findings: "制度上墙，人员在岗" } })).recordInspection;
    expect(r).toEqual({ inspection: { total }, userErrors: [] });
  };
  const townships = async (vars: Record<string, unknown>) => (await supervisor.ok(ASSESS, { t: "TOWNSHIP", ...vars })).assessment;
  const rowOf = (view: { rows: Row[] }) => view.rows.find((r) => r.unitCode === township)! as Row & { inspection: number | null };

  beforeAll(async () => {
    t = await startTestApp({ clock: clock2, config: CASE_TEST_CONFIG });
    supervisor = await t.as("supervisor");
    [{ code: township }] = await t.app.services.db.manager.query(`SELECT code FROM service_point WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`);
    // A database from before version 2: only version 1.
    await t.app.services.db.manager.query(`DELETE FROM scoring_formula WHERE version = 2`);
  });
  afterAll(() => t.close());

  it("a quarter published under version 1 keeps its figures; the next start adds version 2, which counts the inspections of a new quarter", async () => {
    setDay(clock2, "2026-07-10");
    await inspect("2026-07-10", 70);
    setDay(clock2, "2026-10-12");
    const published = (await supervisor.ok(PUBLISH_PERIOD, { p: "2026Q3" })).publishAssessment;
    expect(published).toMatchObject({ userErrors: [], assessment: { formulaVersion: 1 } });
    const q3 = await townships({ p: "2026Q3" });
    expect(rowOf(q3)).toMatchObject({ cases: 0, inspection: null, score: 100 }); // version 1 does not weigh inspections

    // The next start ensures version 2 (once).
    await seedScoringFormula(t.app.services.db.manager, clock2.now());
    await seedScoringFormula(t.app.services.db.manager, clock2.now());
    expect((await supervisor.ok(FORMULAS)).scoringFormulas.map((f: { version: number; weightInspection: number }) => [f.version, f.weightInspection])).toEqual([[2, 10], [1, 0]]);

    // Inspections after the quarter, one of them dated back into it: the published quarter does not move.
    setDay(clock2, "2026-10-14");
    await inspect("2026-09-30", 90);
    await inspect("2026-10-14", 50);
    expect(await townships({ p: "2026Q3" })).toEqual(q3);
    const q3again = await townships({ p: "2026Q3", r: true });
    expect(q3again).toMatchObject({ formulaVersion: 1, recomputed: true });
    expect(q3again.rows).toEqual(q3.rows);
    // The quarter by version 2, on request: the inspection as the records stood at its end (70, not the late entry).
    expect(rowOf(await townships({ p: "2026Q3", v: 2 }))).toMatchObject({ inspection: 70, score: 97 }); // 90 + 10 × 70 %

    // A new quarter is scored by version 2: the township's latest inspection (50) counts 10 %; windows score as under version 1.
    const q4 = await townships({ p: "2026Q4" });
    expect(q4).toMatchObject({ formulaVersion: 2, recomputed: true });
    expect(rowOf(q4)).toMatchObject({ inspection: 50, score: 95 });
    const others = q4.rows.filter((r: Row & { inspection: number | null }) => r.unitCode !== township);
    expect(others.every((r: Row & { inspection: number | null }) => r.inspection === null && r.score === 100)).toBe(true); // never inspected: the other weights share the score
    setDay(clock2, "2027-01-05");
    const q4published = (await supervisor.ok(PUBLISH_PERIOD, { p: "2026Q4" })).publishAssessment;
    expect(q4published).toMatchObject({ userErrors: [], assessment: { formulaVersion: 2 } });
    const q4stored = await townships({ p: "2026Q4" });
    expect(rowOf(q4stored)).toMatchObject({ inspection: 50, score: 95 });
    expect((await townships({ p: "2026Q4", r: true })).rows).toEqual(q4stored.rows);
    expect(await townships({ p: "2026Q3" })).toEqual(q3);
  });
});

