import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, ok, registerAt } from "../support/case-steps";

const ERRORS = `userErrors { field code rule reason }`;
const YEARS = `{ calendarYears { year provisional source } }`;
const FROM_PACKAGE = `mutation($year: Int!) { loadCalendarYearFromPackage(year: $year) { calendarYear { year source } recomputedCases ${ERRORS} } }`;
const FROM_NOTICE = `mutation($input: AddCalendarYearFromNoticeInput!) { addCalendarYearFromNotice(input: $input) { calendarYear { year source } recomputedCases ${ERRORS} } }`;
const SET_DAY = `mutation($input: CalendarDayInput!, $reason: String!) { setCalendarDay(input: $input, reason: $reason) { day { date kind name reason } recomputedCases ${ERRORS} } }`;
const CLEAR_DAY = `mutation($date: String!, $reason: String!) { clearCalendarDay(date: $date, reason: $reason) { cleared { date } recomputedCases ${ERRORS} } }`;
const CASE = `query($n: String!) { case(number: $n) { deadline deadlineProvisional events { type summary } } }`;

/** The next Monday–Friday after `day` (no holiday in the December weeks these tests count in). */
function nextWeekday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6);
  return d.toISOString().slice(0, 10);
}

/** The State Council's notice for 2027 as an admin types it (dates as such a notice words them). */
const NOTICE_2027 = {
  year: 2027,
  source: "国办发明电〔2026〕12号",
  holidays: [
    { name: "元旦", firstDay: "2027-01-01", lastDay: "2027-01-03" },
    { name: "春节", firstDay: "2027-02-06", lastDay: "2027-02-13" },
    { name: "国庆节", firstDay: "2027-10-01", lastDay: "2027-10-07" },
  ],
  makeupDays: [
    { date: "2027-02-14", name: "春节" },
    { date: "2027-09-26", name: "国庆节" },
  ],
};

describe("admin: the working-day calendar (C5)", () => {
  let t: TestApp;
  let admin: ApiClient;
  let clerk: ApiClient;
  const clock = new ManualClock(new Date("2026-11-30T10:00:00+08:00"));
  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    admin = await t.as("admin");
    clerk = await t.as("c01");
  });
  afterAll(() => t.close());

  it("is the admin's only: a clerk is FORBIDDEN, nobody else UNAUTHENTICATED, nothing written", async () => {
    expect((await clerk.gql(`{ calendarPackage { years } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(FROM_PACKAGE, { year: 2024 })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(FROM_NOTICE, { input: NOTICE_2027 })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.anonymous().gql(FROM_PACKAGE, { year: 2024 })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.anonymous().ok(YEARS)).calendarYears.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
  });

  it("loads a year the package has, and refuses one it has not (field year) or one on record (DUPLICATE)", async () => {
    const pkg = (await admin.ok(`{ calendarPackage { source years } }`)).calendarPackage;
    expect(pkg.source).toMatch(/^chinese-days /);
    expect(pkg.years).toContain(2024);
    expect(pkg.years).not.toContain(2027);

    const loaded = (await admin.ok(FROM_PACKAGE, { year: 2024 })).loadCalendarYearFromPackage;
    expect(loaded).toEqual({ calendarYear: { year: 2024, source: pkg.source }, recomputedCases: [], userErrors: [] });
    const days = (await t.anonymous().ok(`{ workCalendar(year: 2024) { loaded days { date kind name } } }`)).workCalendar;
    expect(days.loaded).toBe(true);
    expect(days.days).toContainEqual({ date: "2024-02-04", kind: "MAKEUP_WORKDAY", name: "春节" });
    expect(days.days).toContainEqual({ date: "2024-10-07", kind: "HOLIDAY", name: "国庆节" });
    expect((await t.anonymous().ok(YEARS)).calendarYears[0]).toMatchObject({ year: 2024, provisional: false });

    const missing = (await admin.ok(FROM_PACKAGE, { year: 2027 })).loadCalendarYearFromPackage;
    expect(missing).toEqual({ calendarYear: null, recomputedCases: [], userErrors: [{ field: ["year"], code: "INVALID", rule: "C5", reason: "CALENDAR_YEAR_NOT_IN_PACKAGE" }] });
    const twice = (await admin.ok(FROM_PACKAGE, { year: 2026 })).loadCalendarYearFromPackage;
    expect(twice.userErrors).toMatchObject([{ field: ["input", "year"], code: "DUPLICATE" }]);
    const outOfRange = await admin.gql(FROM_PACKAGE, { year: 1999 });
    expect(outOfRange.errors?.[0].extensions?.fields?.[0].field).toBe("year");
  });

  it("refuses a notice with a date outside the year, a reversed range, a weekday make-up day or a day twice, naming the field and writing nothing", async () => {
    const cases: [Record<string, unknown>, string[], string, string][] = [
      [{ holidays: [{ name: "元旦", firstDay: "2026-12-31", lastDay: "2027-01-01" }] }, ["input", "holidays", "0", "firstDay"], "INVALID", "CALENDAR_DATE_OUTSIDE_YEAR"],
      [{ holidays: [NOTICE_2027.holidays[0], { name: "春节", firstDay: "2027-02-13", lastDay: "2027-02-06" }] }, ["input", "holidays", "1", "lastDay"], "INVALID", "CALENDAR_RANGE_REVERSED"],
      [{ makeupDays: [{ date: "2027-02-15", name: "春节" }] }, ["input", "makeupDays", "0", "date"], "INVALID", "CALENDAR_MAKEUP_NOT_WEEKEND"],
      [{ makeupDays: [{ date: "2028-01-08", name: "春节" }] }, ["input", "makeupDays", "0", "date"], "INVALID", "CALENDAR_DATE_OUTSIDE_YEAR"],
      [{ makeupDays: [{ date: "2027-02-13", name: "春节" }] }, ["input", "makeupDays", "0", "date"], "DUPLICATE", "CALENDAR_DAY_TWICE"],
      [{ holidays: [NOTICE_2027.holidays[0], { name: "补假", firstDay: "2027-01-03", lastDay: "2027-01-04" }] }, ["input", "holidays", "1", "firstDay"], "DUPLICATE", "CALENDAR_DAY_TWICE"],
    ];
    for (const [change, field, code, reason] of cases) {
      const result = (await admin.ok(FROM_NOTICE, { input: { ...NOTICE_2027, ...change } })).addCalendarYearFromNotice;
      expect(result, reason).toEqual({ calendarYear: null, recomputedCases: [], userErrors: [{ field, code, rule: "C5", reason }] });
    }
    const badDate = await admin.gql(FROM_NOTICE, { input: { ...NOTICE_2027, makeupDays: [{ date: "2027-02-30", name: "春节" }] } });
    expect(badDate.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(badDate.errors?.[0].extensions?.fields?.[0].field).toBe("input.makeupDays.0.date");
    expect((await t.anonymous().ok(`{ workCalendar(year: 2027) { provisional } }`)).workCalendar.provisional).toBe(true);
  });

  it("loads a year from the notice as worded: weekdays of each range off, weekends in it skipped, make-up days worked", async () => {
    const added = (await admin.ok(FROM_NOTICE, { input: NOTICE_2027 })).addCalendarYearFromNotice;
    expect(added).toMatchObject({ calendarYear: { year: 2027, source: NOTICE_2027.source }, userErrors: [] });
    const { workCalendar } = await t.anonymous().ok(`{ workCalendar(year: 2027) { provisional source days { date kind name } } }`);
    expect(workCalendar.provisional).toBe(false);
    expect(workCalendar.days).toEqual([
      { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
      { date: "2027-02-08", kind: "HOLIDAY", name: "春节" },
      { date: "2027-02-09", kind: "HOLIDAY", name: "春节" },
      { date: "2027-02-10", kind: "HOLIDAY", name: "春节" },
      { date: "2027-02-11", kind: "HOLIDAY", name: "春节" },
      { date: "2027-02-12", kind: "HOLIDAY", name: "春节" },
      { date: "2027-02-14", kind: "MAKEUP_WORKDAY", name: "春节" },
      { date: "2027-09-26", kind: "MAKEUP_WORKDAY", name: "国庆节" },
      { date: "2027-10-01", kind: "HOLIDAY", name: "国庆节" },
      { date: "2027-10-04", kind: "HOLIDAY", name: "国庆节" },
      { date: "2027-10-05", kind: "HOLIDAY", name: "国庆节" },
      { date: "2027-10-06", kind: "HOLIDAY", name: "国庆节" },
      { date: "2027-10-07", kind: "HOLIDAY", name: "国庆节" },
    ]);
    const years = (await t.anonymous().ok(YEARS)).calendarYears;
    expect(years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ provisional: false, source: NOTICE_2027.source });
    expect(years.find((y: { year: number }) => y.year === 2028)).toMatchObject({ provisional: true });
  });

  it("a new holiday moves open cases' deadlines later with a timeline entry and the reason; removing it never moves them back", async () => {
    const item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" BETWEEN 5 AND 15`);
    const windowClerk = await t.as(clerkOf(item));
    const number = (await registerAt(windowClerk, item)).number;
    const told = ok(await act(windowClerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" })).deadline as string;
    expect(told > "2026-12-02" && told < "2027-01-01").toBe(true);

    const missingReason = await admin.gql(SET_DAY, { input: { date: "2026-12-02", kind: "HOLIDAY", name: "临时休假" }, reason: " " });
    expect(missingReason.errors?.[0].extensions?.fields?.[0].field).toBe("reason");

    const set = (await admin.ok(SET_DAY, { input: { date: "2026-12-02", kind: "HOLIDAY", name: "临时休假" }, reason: "市政府通知停电检修" })).setCalendarDay;
    expect(set.day).toEqual({ date: "2026-12-02", kind: "HOLIDAY", name: "临时休假", reason: "市政府通知停电检修" });
    expect(set.recomputedCases).toContain(number);
    const moved = (await windowClerk.ok(CASE, { n: number })).case;
    expect(moved.deadline).toBe(nextWeekday(told));
    const event = moved.events.filter((e: { type: string }) => e.type === "DEADLINE_RECOMPUTED").pop();
    expect(event.summary).toContain("市政府通知停电检修");
    expect(event.summary).toContain(`由 ${told} 顺延至 ${nextWeekday(told)}`);

    const cleared = (await admin.ok(CLEAR_DAY, { date: "2026-12-02", reason: "检修取消" })).clearCalendarDay;
    expect(cleared).toEqual({ cleared: { date: "2026-12-02" }, recomputedCases: [], userErrors: [] });
    expect((await windowClerk.ok(CASE, { n: number })).case.deadline).toBe(nextWeekday(told));

    const audit = await t.app.services.db.manager.query(`SELECT action, detail FROM audit_entry WHERE "entityType" = 'CalendarDay' AND "entityId" = '2026-12-02' ORDER BY id`);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(["calendar.set", "calendar.clear"]);
    expect(JSON.stringify(audit.map((r: { detail: unknown }) => r.detail))).toContain("检修取消");
  });
});
