import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startScheduler } from "../../server/src/modules/cases/scheduler";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, headOf, openCase, sessions, setDay } from "../support/case-steps";
import { ANSWER_RECT, CHECK_RECT, closedCase, EVALUATE, FAULTS, RECTIFICATIONS, rows, SWEEP } from "../support/supervision";

const clock = new ManualClock(new Date("2026-11-02T02:00:00Z"));
const STATUS_VIEW = `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { status evaluation { rating comment channel } } }`;

describe("citizen evaluation (S2), rectification of poor ratings, and the overdue and late faults (S5)", () => {
  let t: TestApp;
  let as: (u: string) => Promise<ApiClient>;
  let item: ItemFixture;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, complaintRateLimitPerMinute: 1000 } });
    as = sessions(() => t);
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
  });
  afterAll(() => t.close());

  it("refuses ratings outside 1–5, an open case, a wrong query code; nothing is written", async () => {
    const citizen = t.anonymous();
    const open = await openCase(await as(clerkOf(item)), item, "COMMITTED");
    const before = await rows(t, "evaluation");
    for (const rating of [0, 6, -1]) {
      const result = await citizen.gql(EVALUATE, { input: { caseNumber: open.number, queryCode: open.queryCode, rating } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.rating", rule: rating > 5 ? "max" : "min" })] });
    }
    const notClosed = (await citizen.ok(EVALUATE, { input: { caseNumber: open.number, queryCode: open.queryCode, rating: 4 } })).evaluateCase;
    expect(notClosed).toMatchObject({ evaluation: null, userErrors: [{ code: "RULE_VIOLATION", rule: "C7", reason: "CASE_NOT_CLOSED" }] });
    const wrongCode = (await citizen.ok(EVALUATE, { input: { caseNumber: open.number, queryCode: "ZZZZZZ", rating: 4 } })).evaluateCase;
    expect(wrongCode.userErrors).toMatchObject([{ code: "NOT_FOUND", reason: "CASE_NOT_FOUND", field: ["input", "queryCode"] }]);
    const tooLong = await citizen.gql(EVALUATE, { input: { caseNumber: open.number, queryCode: open.queryCode, rating: 4, comment: "好".repeat(501) } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.comment", rule: "maxLength" })] });
    expect(await rows(t, "evaluation")).toBe(before);
  });

  it("a closed case is rated once on the status page: the same again is a retry, a different one is refused; text stays text", async () => {
    const citizen = t.anonymous();
    const c = await closedCase(as, item);
    expect((await citizen.ok(STATUS_VIEW, { n: c.number, q: c.queryCode })).caseStatus).toEqual({ status: "CLOSED", evaluation: null });
    const comment = `<img src=x onerror=alert(1)> 办得快`;
    const first = (await citizen.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode.toLowerCase(), rating: 4, comment } })).evaluateCase;
    expect(first).toMatchObject({ userErrors: [], evaluation: { rating: 4, comment, channel: "WEB" } });
    const retry = (await citizen.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 4, comment } })).evaluateCase;
    expect(retry.evaluation.id).toBe(first.evaluation.id);
    const second = (await citizen.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 1 } })).evaluateCase;
    expect(second).toMatchObject({ evaluation: null, userErrors: [{ code: "DUPLICATE", rule: "S2", reason: "ALREADY_EVALUATED" }] });
    expect((await citizen.ok(STATUS_VIEW, { n: c.number, q: c.queryCode })).caseStatus.evaluation).toEqual({ rating: 4, comment, channel: "WEB" });
    // A good rating opens no rectification.
    const { rectifications } = await (await as("supervisor")).ok(RECTIFICATIONS, {});
    expect(rectifications.nodes.map((r: { case: { number: string } }) => r.case.number)).not.toContain(c.number);
  });

  it("an integration rates with an API token and the query code (channel INTEGRATION)", async () => {
    const c = await closedCase(as, item);
    const created = (await (await as("admin")).ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } } }`, { input: { name: "省好差评平台", scopes: ["evaluations:write"], expiresInDays: 30 } })).createApiToken;
    const integration = new ApiClient(t.url, created.created.secret);
    const rated = (await integration.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 3 } })).evaluateCase;
    expect(rated).toMatchObject({ userErrors: [], evaluation: { rating: 3, channel: "INTEGRATION" } });
  });

  it("two ratings at once store one", async () => {
    const c = await closedCase(as, item);
    const results = await Promise.all([5, 3].map((rating) => t.anonymous().ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating } })));
    expect(results.filter((r) => r.evaluateCase.evaluation).length).toBe(1);
    expect(results.filter((r) => r.evaluateCase.userErrors[0]?.reason === "ALREADY_EVALUATED").length).toBe(1);
    const [{ n }] = await t.app.services.db.manager.query(`SELECT count(*) AS n FROM evaluation e JOIN case_file c ON c.id = e."caseId" WHERE c.number = '${c.number}'`);
    expect(Number(n)).toBe(1);
  });

  it("rated 1 on the clerk's second screen: a rectification for the unit, due in 15 working days; the unit answers, the supervisor checks", async () => {
    const c = await closedCase(as, item);
    const clerk = await as(clerkOf(item));
    const rated = (await clerk.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 1, comment: "要求补交指南以外的材料" } })).evaluateCase;
    expect(rated.evaluation).toMatchObject({ rating: 1, channel: "WINDOW" });
    const { case: seen } = await clerk.ok(`query($n: String!) { case(number: $n) { evaluation { rating } } }`, { n: c.number });
    expect(seen.evaluation).toEqual({ rating: 1 });

    const supervisor = await as("supervisor");
    const open = (await supervisor.ok(RECTIFICATIONS, { s: "OPEN" })).rectifications.nodes.find((r: { case: { number: string } }) => r.case.number === c.number);
    // 15 working days from Monday 2026-11-02: Monday 2026-11-23.
    expect(open).toMatchObject({ status: "OPEN", dueOn: "2026-11-23", department: { code: item.departmentCode }, window: { code: item.windowCode }, evaluation: { rating: 1 }, deadlineState: "ON_TIME" });

    // The department's staff and the window see it; another department does not and may not answer.
    const deputy = await as(headOf(item.departmentCode, "deputy"));
    expect((await deputy.ok(RECTIFICATIONS, {})).rectifications.nodes.map((r: { id: string }) => r.id)).toContain(open.id);
    const stranger = await as(item.departmentCode === "GAJ" ? "mzj.chief" : "gaj.chief");
    expect((await stranger.ok(RECTIFICATIONS, {})).rectifications.nodes.map((r: { id: string }) => r.id)).not.toContain(open.id);
    expect((await stranger.ok(ANSWER_RECT, { input: { id: open.id, response: "x" } })).answerRectification.userErrors).toMatchObject([{ code: "FORBIDDEN", reason: "NOT_YOUR_UNIT" }]);
    // Checked before it is answered: refused.
    expect((await supervisor.ok(CHECK_RECT, { input: { id: open.id, passed: true, note: "好" } })).checkRectification.userErrors).toMatchObject([{ reason: "RECTIFICATION_NOT_ANSWERED" }]);
    expect((await clerk.gql(CHECK_RECT, { input: { id: open.id, passed: true, note: "好" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const answered = (await clerk.ok(ANSWER_RECT, { input: { id: open.id, response: "已核实：窗口多要了一份证明，已向申请人致歉并改正。" } })).answerRectification;
    expect(answered.rectification).toMatchObject({ status: "ANSWERED" });
    expect((await deputy.ok(ANSWER_RECT, { input: { id: open.id, response: "再答" } })).answerRectification.userErrors).toMatchObject([{ reason: "RECTIFICATION_NOT_OPEN" }]);
    // A failed check sends it back; a passed one closes it.
    expect((await supervisor.ok(CHECK_RECT, { input: { id: open.id, passed: false, note: "未说明如何防止再犯" } })).checkRectification.rectification).toMatchObject({ status: "OPEN" });
    ok((await deputy.ok(ANSWER_RECT, { input: { id: open.id, response: "已修订窗口一次性告知清单。" } })).answerRectification);
    expect((await supervisor.ok(CHECK_RECT, { input: { id: open.id, passed: true, note: "整改到位" } })).checkRectification.rectification).toMatchObject({ status: "VERIFIED", checkNote: "整改到位" });
    expect((await supervisor.ok(CHECK_RECT, { input: { id: open.id, passed: true, note: "再核" } })).checkRectification.userErrors).toMatchObject([{ reason: "RECTIFICATION_NOT_ANSWERED" }]);
  });

  it("a rectification still open after its due day is one LATE_RECTIFICATION fault; an overdue case without deemed approval one OVERDUE fault; sweeping again does nothing", async () => {
    const poor = await closedCase(as, item);
    ok((await t.anonymous().ok(EVALUATE, { input: { caseNumber: poor.number, queryCode: poor.queryCode, rating: 2 } })).evaluateCase);
    const quiet = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."overdueCountsAsApproval" = FALSE AND i."promisedLimitDays" <= 10`);
    const late = await openCase(await as(clerkOf(quiet)), quiet, "COMMITTED");
    const deemable = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."overdueCountsAsApproval" = TRUE AND i."promisedLimitDays" <= 10`);
    const deemed = await openCase(await as(clerkOf(deemable)), deemable, "COMMITTED");

    const admin = await as("admin");
    const supervisor = await as("supervisor");
    expect((await supervisor.ok(`{ overdueCases(first: 100) { nodes { number } } }`)).overdueCases.nodes).toEqual([]);

    // Five weeks later (2026-12-07): past 15 working days and past both cases' limits.
    setDay(clock, "2026-12-07");
    const overdueList = (await supervisor.ok(`{ overdueCases(first: 100) { nodes { number deadlineState } } }`)).overdueCases.nodes;
    expect(overdueList).toContainEqual({ number: late.number, deadlineState: "RED" });
    const scheduler = startScheduler(t.app.services, { intervalMs: 0 });
    const [viaAdmin, viaScheduler] = await Promise.all([admin.ok(SWEEP), scheduler.runOnce()]);
    expect(viaAdmin.runDeadlineSweep.lateRectifications + viaScheduler.lateRectifications).toBeGreaterThanOrEqual(1);
    expect((await admin.ok(SWEEP)).runDeadlineSweep).toEqual({ deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0 });
    expect(await scheduler.runOnce()).toEqual({ deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0, abandoned: 0, followUpDraws: 0 });
    await scheduler.stop();

    const faults = (await supervisor.ok(FAULTS, {})).faultRecords.nodes as { kind: string; case: { number: string } | null; department: { code: string }; window: { code: string } | null }[];
    const ofCase = (number: string) => faults.filter((f) => f.case?.number === number).map((f) => f.kind);
    expect(ofCase(late.number)).toEqual(["OVERDUE"]);
    expect(ofCase(deemed.number)).toEqual(["DEEMED_APPROVAL"]);
    expect(ofCase(poor.number)).toEqual(["LATE_RECTIFICATION"]);
    expect(faults.find((f) => f.case?.number === poor.number)).toMatchObject({ department: { code: item.departmentCode }, window: { code: item.windowCode } });
    expect((await supervisor.ok(FAULTS, { kind: "OVERDUE", dept: quiet.departmentCode, from: "2026-12-07", to: "2026-12-07" })).faultRecords.nodes.map((f: { case: { number: string } }) => f.case.number)).toContain(late.number);

    // Answering late is accepted; the lateness is not counted twice.
    const rect = (await supervisor.ok(RECTIFICATIONS, { s: "OPEN" })).rectifications.nodes.find((r: { case: { number: string } }) => r.case.number === poor.number);
    expect(rect.deadlineState).toBe("RED");
    ok((await (await as(clerkOf(item))).ok(ANSWER_RECT, { input: { id: rect.id, response: "已整改" } })).answerRectification);
    expect((await supervisor.ok(FAULTS, { kind: "LATE_RECTIFICATION" })).faultRecords.nodes.filter((f: { case: { number: string } | null }) => f.case?.number === poor.number)).toHaveLength(1);
  });
});

function ok<T extends { userErrors: unknown[] }>(payload: T): T {
  expect(payload.userErrors).toEqual([]);
  return payload;
}
