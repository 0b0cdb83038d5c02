import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { findCjkFont } from "../../server/src/modules/documents/fonts";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, ok, registerAt, setDay } from "../support/case-steps";

// 2026-12-20 (a Sunday): a 10–15 working-day limit ends in January 2027, a year without the State Council's
// notice on record, so it is counted on the provisional year (weekends, 元旦 on Friday 01-01, no 调休).
const TODAY = "2026-12-20";
const COMMITTED = `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" BETWEEN 10 AND 15`;
const JOINT = `${CITY_ONLY} AND i."defaultKind" = 'JOINT' AND EXISTS (SELECT 1 FROM item_co_department c WHERE c."itemId" = i.id)`;
const MARK = "（暂定，以国务院公布的放假安排为准）";
const REPORTED_UP = `${CITY_ONLY} AND i."defaultKind" = 'REPORTED_UP' AND i."higherAuthority" IS NOT NULL`;
const CASE = `query($n: String!) { case(number: $n) { number deadline deadlineProvisional version limitDays forwardDue forwardDueProvisional
  jointNotices { dueOn dueOnProvisional } events { type summary } } }`;
const ADD_YEAR = `mutation($input: AddCalendarYearInput!) { addCalendarYear(input: $input) { calendarYear { year source } recomputedCases userErrors { code field message } } }`;

/** The n-th Monday–Friday after `day` (no holiday falls in the January weeks these tests count in). */
function weekdaysAfter(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  while (n > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n--;
  }
  return d.toISOString().slice(0, 10);
}

/** The provisional 2027 count from Sunday 2026-12-20: Dec 21–25, 28–31 are working days 1–9; 2027-01-01 is 元旦. */
const provisionalDue = (limit: number) => weekdaysAfter("2027-01-01", limit - 9);

async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text;
}

async function acceptanceNotice(t: TestApp, clerk: ApiClient, number: string): Promise<string> {
  const response = await fetch(`${t.url}/documents/cases/${number}/acceptance.pdf`, { headers: { cookie: clerk.cookie ?? "" } });
  expect(response.status).toBe(200);
  return pdfText(Buffer.from(await response.arrayBuffer()));
}

// The notice's text needs a CJK font; without one it is checked in CI (where a missing font fails) and skipped elsewhere.
const checkPdf = !!findCjkFont() || process.env.CI === "true";

/** A fresh server on 2026-12-20 with a COMMITTED case accepted, its deadline in 2027. */
function scenario() {
  const clock = new ManualClock(new Date(`${TODAY}T10:00:00+08:00`));
  const s = { t: null as unknown as TestApp, clock, item: null as unknown as ItemFixture, clerk: null as unknown as ApiClient, admin: null as unknown as ApiClient, number: "", limit: 0, told: "" };
  beforeAll(async () => {
    s.t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    const item = (s.item = await itemFixture(s.t, COMMITTED));
    s.clerk = await s.t.as(clerkOf(item));
    s.admin = await s.t.as("admin");
    setDay(clock, TODAY);
    s.number = (await registerAt(s.clerk, item)).number;
    const accepted = ok(await act(s.clerk, "acceptCase", { caseNumber: s.number, kind: "COMMITTED" }));
    s.limit = (await s.clerk.ok(CASE, { n: s.number })).case.limitDays;
    s.told = accepted.deadline;
  });
  afterAll(() => s.t.close());
  return s;
}

describe("a deadline in a year without the State Council's notice (C5, provisional year)", () => {
  const s = scenario();

  it("is accepted, counted on the provisional 2027 and marked 暂定 on the case, its timeline and the notice", async () => {
    const { case: c } = await s.clerk.ok(CASE, { n: s.number });
    expect(c.deadline).toBe(provisionalDue(c.limitDays));
    expect(c.deadline.startsWith("2027-01")).toBe(true);
    expect(c.deadlineProvisional).toBe(true);
    expect(c.events.find((e: { type: string }) => e.type === "ACCEPTED").summary).toContain(`${c.deadline}（暂定） 前办结`);
    const status = await s.t.anonymous().ok(`{ calendarYears { year provisional } }`);
    expect(status.calendarYears.find((y: { year: number }) => y.year === 2027)).toEqual({ year: 2027, provisional: true });
    if (checkPdf) {
      const text = await acceptanceNotice(s.t, s.clerk, s.number);
      const [y, m, d] = c.deadline.split("-").map(Number);
      expect(text).toContain(`预计于${y}年${m}月${d}日${MARK}前办结`);
    }
  });

  it("keeps the told deadline when the official 2027 would bring it earlier: only the mark goes, with a timeline entry", async () => {
    const before = (await s.clerk.ok(CASE, { n: s.number })).case;
    // 调休 on Saturday and Sunday 2027-01-02/03: the official count ends two working days sooner.
    const input = {
      year: 2027,
      source: "测试通知（提前）",
      days: [
        { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
        { date: "2027-01-02", kind: "MAKEUP_WORKDAY", name: "元旦" },
        { date: "2027-01-03", kind: "MAKEUP_WORKDAY", name: "元旦" },
      ],
    };
    const { addCalendarYear } = await s.admin.ok(ADD_YEAR, { input });
    expect(addCalendarYear).toEqual({ calendarYear: { year: 2027, source: "测试通知（提前）" }, recomputedCases: [s.number], userErrors: [] });
    const after = (await s.clerk.ok(CASE, { n: s.number })).case;
    expect(after.deadline).toBe(before.deadline);
    expect(after.deadlineProvisional).toBe(false);
    expect(after.version).toBe(before.version + 1);
    const last = after.events.at(-1);
    expect(last.type).toBe("DEADLINE_RECOMPUTED");
    expect(last.summary).toBe(`2027 年国务院放假安排已载入，按其重新计算：办理时限 ${before.deadline} 不变，不再暂定。`);
    const years = (await s.t.anonymous().ok(`{ calendarYears { year provisional source } }`)).calendarYears;
    expect(years.find((y: { year: number }) => y.year === 2027)).toEqual({ year: 2027, provisional: false, source: "测试通知（提前）" });
    if (checkPdf) expect(await acceptanceNotice(s.t, s.clerk, s.number)).not.toContain("暂定");
  });

  it("never moves a deadline earlier: the same case accepted now, on the official 2027, is due sooner, yet the told deadline stands", async () => {
    // A twin accepted the same Sunday under the official year: working days 10 and 11 are the 调休 weekend.
    const twin = ok(await act(s.clerk, "acceptCase", { caseNumber: (await registerAt(s.clerk, s.item)).number, kind: "COMMITTED" }));
    const recount = s.limit === 10 ? "2027-01-02" : s.limit === 11 ? "2027-01-03" : weekdaysAfter("2027-01-01", s.limit - 11);
    expect(twin.deadline).toBe(recount);
    expect(recount < s.told).toBe(true);
    expect((await s.clerk.ok(CASE, { n: twin.number })).case.deadlineProvisional).toBe(false);
    expect((await s.clerk.ok(CASE, { n: s.number })).case).toMatchObject({ deadline: s.told, deadlineProvisional: false });
    // A second load of the year is refused, and nothing is counted again.
    const again = await s.admin.ok(ADD_YEAR, { input: { year: 2027, source: "再次", days: [{ date: "2027-01-01", kind: "HOLIDAY", name: "元旦" }] } });
    expect(again.addCalendarYear).toMatchObject({ calendarYear: null, recomputedCases: [], userErrors: [{ code: "DUPLICATE" }] });
    expect((await s.clerk.ok(CASE, { n: s.number })).case.deadline).toBe(s.told);
  });
});

describe("an official year that brings a provisional deadline later (C5)", () => {
  const s = scenario();
  let demo = "";

  it("accepts, on the demo's day 2026-11-30, a COMMITTED case whose deadline reaches 2027 (formerly refused: no calendar)", async () => {
    const item = await itemFixture(s.t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" >= 25`);
    const clerk = await s.t.as(clerkOf(item));
    setDay(s.clock, "2026-11-30");
    demo = (await registerAt(clerk, item)).number;
    const accepted = await act(clerk, "acceptCase", { caseNumber: demo, kind: "COMMITTED" });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.case.deadline > "2027-01-01").toBe(true);
    expect((await clerk.ok(CASE, { n: demo })).case.deadlineProvisional).toBe(true);
  });

  it("moves the deadline and a co-department's opinion due day later, drops the marks, and says so in the timeline", async () => {
    // A JOINT case accepted Monday 2026-12-28: opinions due in 5 working days, 2027-01-05 on the provisional year.
    const joint = await itemFixture(s.t, JOINT);
    const jointClerk = await s.t.as(clerkOf(joint));
    setDay(s.clock, "2026-12-28");
    const jointNumber = (await registerAt(jointClerk, joint)).number;
    const accepted = ok(await act(jointClerk, "acceptCase", { caseNumber: jointNumber, kind: "JOINT" }));
    expect(accepted.jointNotices.map((n: { dueOn: string }) => n.dueOn)).toEqual(accepted.jointNotices.map(() => "2027-01-05"));
    const provisionalJoint = (await jointClerk.ok(CASE, { n: jointNumber })).case;
    expect(provisionalJoint.jointNotices.every((n: { dueOnProvisional: boolean }) => n.dueOnProvisional)).toBe(true);

    // A REPORTED_UP case accepted Wednesday 2026-12-30: to be forwarded within 3 working days, 2027-01-05 provisionally.
    const up = await itemFixture(s.t, REPORTED_UP);
    const upClerk = await s.t.as(clerkOf(up));
    setDay(s.clock, "2026-12-30");
    const upNumber = (await registerAt(upClerk, up)).number;
    ok(await act(upClerk, "acceptCase", { caseNumber: upNumber, kind: "REPORTED_UP" }));
    expect((await upClerk.ok(CASE, { n: upNumber })).case).toMatchObject({ forwardDue: "2027-01-05", forwardDueProvisional: true });

    const before = (await s.clerk.ok(CASE, { n: s.number })).case;
    expect(before.deadlineProvisional).toBe(true);
    // The notice bridges 01-04 and 01-05 (no 调休 here): two working days fewer before the due day.
    const input = {
      year: 2027,
      source: "测试通知（顺延）",
      days: [
        { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
        { date: "2027-01-04", kind: "HOLIDAY", name: "元旦" },
        { date: "2027-01-05", kind: "HOLIDAY", name: "元旦" },
      ],
    };
    const { addCalendarYear } = await s.admin.ok(ADD_YEAR, { input });
    expect(addCalendarYear.userErrors).toEqual([]);
    expect([...addCalendarYear.recomputedCases].sort()).toEqual([s.number, jointNumber, demo, upNumber].sort());

    const after = (await s.clerk.ok(CASE, { n: s.number })).case;
    const later = weekdaysAfter(before.deadline, 2);
    expect(after.deadline).toBe(later);
    expect(after.deadlineProvisional).toBe(false);
    const last = after.events.at(-1);
    expect(last.type).toBe("DEADLINE_RECOMPUTED");
    expect(last.summary).toBe(`2027 年国务院放假安排已载入，按其重新计算：办理时限由 ${before.deadline}（暂定）顺延至 ${later}，不再暂定。`);

    const jointAfter = (await jointClerk.ok(CASE, { n: jointNumber })).case;
    expect(jointAfter.jointNotices).toEqual(jointAfter.jointNotices.map(() => ({ dueOn: "2027-01-07", dueOnProvisional: false })));
    expect(jointAfter.events.at(-1).summary).toContain("联办意见时限由 2027-01-05（暂定）顺延至 2027-01-07");
    const upAfter = (await upClerk.ok(CASE, { n: upNumber })).case;
    expect(upAfter).toMatchObject({ forwardDue: "2027-01-07", forwardDueProvisional: false });
    expect(upAfter.events.at(-1).summary).toContain("报送时限由 2027-01-05（暂定）顺延至 2027-01-07");
    if (checkPdf) {
      const [y, m, d] = later.split("-").map(Number);
      const text = await acceptanceNotice(s.t, s.clerk, s.number);
      expect(text).toContain(`预计于${y}年${m}月${d}日前办结`);
      expect(text).not.toContain("暂定");
    }
  });
});
