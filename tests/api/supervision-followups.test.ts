import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { sampleFollowUps } from "../../server/src/modules/supervision/followup.rules";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { seedHistory } from "../support/history";
import { ERRORS, rows } from "../support/supervision";

// Monday 2026-11-30, 18:00 China time: the last full week is 2026-11-23 … 29.
const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));
const DRAW = `mutation($input: DrawFollowUpsInput!) { drawFollowUps(input: $input) { draw { id week seed perUnit candidates visits { id reached case { id dbId number } window { id code } } } ${ERRORS} } }`;
const RECORD = `mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { visit { id reached satisfied problem calledAt complaintNumber } ${ERRORS} } }`;
const DRAWS = `{ followUpDraws { week visits { id reached satisfied complaintNumber } } }`;
const INSPECT = `mutation($input: RecordInspectionInput!) { recordInspection(input: $input) { inspection { id inspectedOn total passed findings point { code } inspector } ${ERRORS} } }`;
const STANDINGS = `query($asOf: String) { townshipInspectionScores(asOf: $asOf) { township { code } centreScore stationsAverage stationsInspected score latestOn } }`;
const FULL = { organization: 15, premises: 20, staffing: 20, itemsMovedIn: 20, operation: 15, publicReview: 10 };

describe("follow-up visits (S6) and inspections of township centres and village stations (S7)", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  const q = (sql: string, params: unknown[] = []) => t.app.services.db.manager.query(sql, params) as Promise<any[]>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await seedHistory(t, 3000, clock.now());
    supervisor = await t.as("supervisor");
  }, 120_000);
  afterAll(() => t.close());

  it("draws last week's sample per unit with a recorded seed that reproduces it; once per week", async () => {
    const result = (await supervisor.ok(DRAW, { input: { perUnit: 1 } })).drawFollowUps;
    expect(result.userErrors).toEqual([]);
    const draw = result.draw;
    expect(draw.week).toBe("2026-11-23");
    const closed = await q(`SELECT id, "windowId" FROM case_file WHERE status = 'CLOSED' AND "closedAt" >= $1 AND "closedAt" < $2`.replace(/\$(\d)/g, t.engine === "sqlite" ? "?" : "$$$1"),
      [new Date("2026-11-23T00:00:00+08:00"), new Date("2026-11-30T00:00:00+08:00")].map((d) => (t.engine === "sqlite" ? d.toISOString().replace("T", " ").slice(0, 23) : d)));
    expect(draw.candidates).toBe(closed.length);
    expect(closed.length).toBeGreaterThan(3);
    const units = new Set(closed.map((c) => Number(c.windowId)));
    expect(draw.visits).toHaveLength(units.size); // one per unit
    const again = sampleFollowUps(closed.map((c) => ({ id: Number(c.id), windowId: Number(c.windowId) })).reverse(), draw.seed, draw.perUnit);
    expect(draw.visits.map((v: any) => Number(v.case.dbId)).sort()).toEqual(again.map((c) => c.id).sort());
    expect(draw.visits.every((v: any) => v.reached === null)).toBe(true);
    const twice = (await supervisor.ok(DRAW, { input: { week: "2026-11-23" } })).drawFollowUps;
    expect(twice).toMatchObject({ draw: null, userErrors: [{ code: "DUPLICATE", rule: "S6", reason: "FOLLOW_UP_ALREADY_DRAWN", field: ["input", "week"] }] });
  });

  it("refuses a week that is not over, a day that is not a Monday and a sample size out of range; nothing is written", async () => {
    const before = await rows(t, "follow_up_draw");
    expect((await supervisor.ok(DRAW, { input: { week: "2026-11-30" } })).drawFollowUps.userErrors).toMatchObject([{ code: "RULE_VIOLATION", reason: "WEEK_NOT_OVER" }]);
    expect((await supervisor.ok(DRAW, { input: { week: "2026-11-17" } })).drawFollowUps.userErrors).toMatchObject([{ code: "INVALID", reason: "NOT_A_MONDAY", field: ["input", "week"] }]);
    const tooMany = await supervisor.gql(DRAW, { input: { week: "2026-11-16", perUnit: 11 } });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.perUnit", rule: "max" })] });
    const notADay = await supervisor.gql(DRAW, { input: { week: "2026-02-30" } });
    expect(notADay.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.week", rule: "day" })] });
    expect(await rows(t, "follow_up_draw")).toBe(before);
    const clerk = await t.as((await q(`SELECT username FROM staff WHERE role = 'WINDOW_CLERK' ORDER BY id LIMIT 1`))[0].username);
    expect((await clerk.gql(DRAW, { input: {} })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("records each call once: not reached; reached and satisfied; a problem found becomes a FOLLOW_UP complaint", async () => {
    // An older week with enough cases for three calls.
    const draw = (await supervisor.ok(DRAW, { input: { week: "2026-11-09", perUnit: 3 } })).drawFollowUps.draw;
    expect(draw.visits.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = draw.visits;
    const complaintsBefore = await rows(t, "complaint");
    expect((await supervisor.ok(RECORD, { input: { id: a.id, reached: true } })).recordFollowUp.userErrors).toMatchObject([{ reason: "SATISFACTION_REQUIRED", field: ["input", "satisfied"] }]);
    expect((await supervisor.ok(RECORD, { input: { id: a.id, reached: false, problem: "无人接听" } })).recordFollowUp.userErrors).toMatchObject([{ reason: "NOT_REACHED_NO_ANSWER" }]);
    expect((await supervisor.ok(RECORD, { input: { id: "999999", reached: false } })).recordFollowUp.userErrors).toMatchObject([{ code: "NOT_FOUND", reason: "FOLLOW_UP_NOT_FOUND" }]);
    expect((await supervisor.ok(RECORD, { input: { id: a.id, reached: false } })).recordFollowUp).toMatchObject({ visit: { reached: false, satisfied: null, complaintNumber: null }, userErrors: [] });
    expect((await supervisor.ok(RECORD, { input: { id: b.id, reached: true, satisfied: true } })).recordFollowUp.visit).toMatchObject({ reached: true, satisfied: true });
    const problem = "<script>alert(1)</script>办结后证件迟迟未送达";
    const filed = (await supervisor.ok(RECORD, { input: { id: c.id, reached: true, satisfied: false, problem } })).recordFollowUp.visit;
    expect(filed).toMatchObject({ reached: true, satisfied: false, problem });
    expect(filed.complaintNumber).toMatch(/^TS\d{14}$/);
    expect(await rows(t, "complaint")).toBe(complaintsBefore + 1);
    const complaint = (await supervisor.ok(`query($n: String!) { complaint(number: $n) { channel status content case { number } window { code } } }`, { n: filed.complaintNumber })).complaint;
    expect(complaint).toMatchObject({ channel: "FOLLOW_UP", status: "RECEIVED", content: problem, case: { number: c.case.number }, window: { code: c.window.code } });
    expect((await supervisor.ok(RECORD, { input: { id: b.id, reached: false } })).recordFollowUp.userErrors).toMatchObject([{ code: "DUPLICATE", reason: "FOLLOW_UP_ALREADY_RECORDED" }]);
    const listed = (await supervisor.ok(DRAWS)).followUpDraws;
    expect(listed.map((d: { week: string }) => d.week)).toEqual(["2026-11-23", "2026-11-09"]);
  });

  it("records inspections on the checklist and gives each township its latest standing", async () => {
    const [township] = await q(`SELECT id, code FROM service_point WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`);
    const villages = await q(`SELECT code FROM service_point WHERE level = 'VILLAGE' AND "parentId" = ${Number(township.id)} ORDER BY code LIMIT 2`);
    const admin = await t.as("admin");
    const inspect = (client: ApiClient, pointCode: string, inspectedOn: string, scores: Partial<typeof FULL> = {}, findings = "制度上墙，人员在岗") =>
      client.ok(INSPECT, { input: { pointCode, inspectedOn, ...FULL, ...scores, findings } }).then((r) => r.recordInspection);
    const first = await inspect(supervisor, township.code, "2026-10-12", { premises: 15, operation: 10 }); // 90
    expect(first).toMatchObject({ inspection: { total: 90, passed: true, point: { code: township.code }, inspectedOn: "2026-10-12" }, userErrors: [] });
    expect(first.inspection.inspector).toBeTruthy();
    expect((await inspect(admin, villages[0].code, "2026-10-13", { staffing: 0, publicReview: 0 })).inspection).toMatchObject({ total: 70, passed: true });
    expect((await inspect(admin, villages[1].code, "2026-10-14", { itemsMovedIn: 0, staffing: 5, premises: 10 })).inspection).toMatchObject({ total: 55, passed: false });
    await inspect(supervisor, township.code, "2026-11-20", { organization: 5, premises: 10, operation: 5 }); // 70, the latest
    const standing = async (asOf: string | null) =>
      (await supervisor.ok(STANDINGS, { asOf })).townshipInspectionScores.find((s: any) => s.township.code === township.code);
    expect(await standing(null)).toEqual({ township: { code: township.code }, centreScore: 70, stationsAverage: 62.5, stationsInspected: 2, score: 66.3, latestOn: "2026-11-20" });
    expect(await standing("2026-10-13")).toMatchObject({ centreScore: 90, stationsAverage: 70, stationsInspected: 1, score: 80, latestOn: "2026-10-13" });
    expect(await standing("2026-10-01")).toMatchObject({ centreScore: null, stationsAverage: null, score: null, latestOn: null });
  });

  it("refuses the city centre, a day in the future, points out of range and blank findings; nothing is written", async () => {
    const [city] = await q(`SELECT code FROM service_point WHERE level = 'CITY'`);
    const [township] = await q(`SELECT code FROM service_point WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`);
    const before = await rows(t, "inspection");
    const send = (input: Record<string, unknown>) => supervisor.gql(INSPECT, { input: { pointCode: township.code, inspectedOn: "2026-11-27", ...FULL, findings: "好", ...input } });
    expect((await send({ pointCode: city.code })).data?.recordInspection.userErrors).toMatchObject([{ code: "RULE_VIOLATION", rule: "S7", reason: "POINT_NOT_INSPECTABLE" }]);
    expect((await send({ pointCode: "999999999" })).data?.recordInspection.userErrors).toMatchObject([{ code: "NOT_FOUND", reason: "POINT_NOT_FOUND", field: ["input", "pointCode"] }]);
    expect((await send({ inspectedOn: "2026-12-01" })).data?.recordInspection.userErrors).toMatchObject([{ reason: "INSPECTION_IN_FUTURE", field: ["input", "inspectedOn"] }]);
    expect((await send({ premises: 21 })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.premises", rule: "max" })] });
    expect((await send({ operation: -1 })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.operation", rule: "min" })] });
    expect((await send({ findings: "   " })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.findings", rule: "required" })] });
    expect(await rows(t, "inspection")).toBe(before);
    const clerk = await t.as((await q(`SELECT username FROM staff WHERE role = 'WINDOW_CLERK' ORDER BY id LIMIT 1`))[0].username);
    expect((await clerk.gql(INSPECT, { input: { pointCode: township.code, inspectedOn: "2026-11-27", ...FULL, findings: "好" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
