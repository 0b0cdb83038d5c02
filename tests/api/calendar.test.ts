import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { verifyAuditChain } from "../../server/src/modules/audit/audit.service";
import { ensureCalendarSeeded } from "../../server/src/modules/calendar/calendar.service";
import { startTestApp, type TestApp } from "../support/app";

const WORK_CALENDAR = `query($year: Int!) { workCalendar(year: $year) { year loaded source days { date kind name } } }`;
const DAY_INFO = `query($date: String!) { workingDayInfo(date: $date) { date loaded workday kind name } }`;
const SET_DAY = `mutation($input: CalendarDayInput!, $reason: String! = "按通知调整") { setCalendarDay(input: $input, reason: $reason) { day { date kind name } userErrors { field message code rule } } }`;
const CLEAR_DAY = `mutation($date: String!, $reason: String! = "按通知调整") { clearCalendarDay(date: $date, reason: $reason) { cleared { date kind name } userErrors { field message code rule } } }`;
const ADD_YEAR = `mutation($input: AddCalendarYearInput!) { addCalendarYear(input: $input) { calendarYear { year source } userErrors { field message code rule } } }`;

describe("the working calendar (C5)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2026-11-30T10:00:00+08:00")) });
  });
  afterAll(() => t.close());

  it("publishes 2026 without login, National Day included", async () => {
    const { workCalendar } = await t.anonymous().ok(WORK_CALENDAR, { year: 2026 });
    expect(workCalendar).toMatchObject({ year: 2026, loaded: true, source: expect.stringMatching(/^chinese-days \d+\.\d+\.\d+$/) });
    expect(workCalendar.days).toHaveLength(25);
    const nationalDay = workCalendar.days.filter((d: { name: string }) => d.name === "国庆节");
    expect(nationalDay).toEqual([
      { date: "2026-09-20", kind: "MAKEUP_WORKDAY", name: "国庆节" },
      { date: "2026-10-01", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-10-02", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-10-05", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-10-06", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-10-07", kind: "HOLIDAY", name: "国庆节" },
      { date: "2026-10-10", kind: "MAKEUP_WORKDAY", name: "国庆节" },
    ]);
    const { calendarYears } = await t.anonymous().ok(`{ calendarYears { year provisional } }`);
    expect(calendarYears).toEqual([
      { year: 2025, provisional: false },
      { year: 2026, provisional: false },
      { year: 2027, provisional: true },
    ]);
  });

  it("answers whether a day is a working day, provisionally for a year not loaded", async () => {
    const info = async (date: string) => (await t.anonymous().ok(DAY_INFO, { date })).workingDayInfo;
    expect(await info("2026-10-10")).toEqual({ date: "2026-10-10", loaded: true, workday: true, kind: "MAKEUP_WORKDAY", name: "国庆节" });
    expect(await info("2026-10-01")).toMatchObject({ workday: false, kind: "HOLIDAY" });
    expect(await info("2026-10-12")).toEqual({ date: "2026-10-12", loaded: true, workday: true, kind: null, name: null });
    expect(await info("2027-01-04")).toEqual({ date: "2027-01-04", loaded: false, workday: true, kind: null, name: null });
    expect(await info("2027-01-01")).toEqual({ date: "2027-01-01", loaded: false, workday: false, kind: "HOLIDAY", name: "元旦" });
    expect((await t.anonymous().ok(`{ workingDayInfo(date: "2027-02-08") { provisional workday name } }`)).workingDayInfo).toEqual({ provisional: true, workday: false, name: "春节" });
    const provisional = (await t.anonymous().ok(`{ workCalendar(year: 2027) { year loaded provisional source days { date kind name } } }`)).workCalendar;
    expect(provisional).toMatchObject({ year: 2027, loaded: false, provisional: true, source: expect.stringContaining("暂定") });
    expect(provisional.days.map((d: { date: string }) => d.date)).toEqual(["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01"]);
  });

  it("refuses a malformed or impossible date with BAD_USER_INPUT naming `date`", async () => {
    for (const date of ["2026-2-3", "2026-02-30"]) {
      const result = await t.anonymous().gql(DAY_INFO, { date });
      expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0].extensions?.fields?.[0].field).toBe("date");
    }
  });

  it("lets the centre admin set and clear a day, with an audit row for each", async () => {
    const admin = await t.as("admin");
    const set = await admin.ok(SET_DAY, { input: { date: "2026-12-31", kind: "HOLIDAY", name: "临时休假" } });
    expect(set.setCalendarDay).toEqual({ day: { date: "2026-12-31", kind: "HOLIDAY", name: "临时休假" }, userErrors: [] });
    expect((await t.anonymous().ok(DAY_INFO, { date: "2026-12-31" })).workingDayInfo).toMatchObject({ workday: false, name: "临时休假" });

    const cleared = await admin.ok(CLEAR_DAY, { date: "2026-12-31" });
    expect(cleared.clearCalendarDay).toEqual({ cleared: { date: "2026-12-31", kind: "HOLIDAY", name: "临时休假" }, userErrors: [] });
    expect((await t.anonymous().ok(DAY_INFO, { date: "2026-12-31" })).workingDayInfo).toMatchObject({ workday: true, kind: null });

    const again = await admin.ok(CLEAR_DAY, { date: "2026-12-31" });
    expect(again.clearCalendarDay).toMatchObject({ cleared: null, userErrors: [{ code: "NOT_FOUND", field: ["date"] }] });

    const em = t.app.services.db.manager;
    const rows = await em.query(`SELECT action, "entityId" FROM audit_entry WHERE "entityType" = 'CalendarDay' ORDER BY id`);
    expect(rows).toEqual([
      { action: "calendar.set", entityId: "2026-12-31" },
      { action: "calendar.clear", entityId: "2026-12-31" },
    ]);
    expect(await verifyAuditChain(em)).toBeNull();
  });

  it("refuses a window clerk (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED), changing nothing", async () => {
    const clerk = await t.as("c01");
    const forbidden = await clerk.gql(SET_DAY, { input: { date: "2026-11-02", kind: "HOLIDAY", name: "不该有的假" } });
    expect(forbidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(CLEAR_DAY, { date: "2026-10-01" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.anonymous().gql(CLEAR_DAY, { date: "2026-10-01" })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.anonymous().ok(DAY_INFO, { date: "2026-11-02" })).workingDayInfo).toMatchObject({ workday: true, kind: null });
    expect((await t.anonymous().ok(DAY_INFO, { date: "2026-10-01" })).workingDayInfo).toMatchObject({ workday: false, kind: "HOLIDAY" });
  });

  it("refuses a weekend HOLIDAY, a weekday MAKEUP_WORKDAY and a year not loaded, with rule C5, changing nothing", async () => {
    const admin = await t.as("admin");
    const before = (await admin.ok(WORK_CALENDAR, { year: 2026 })).workCalendar.days;
    const refusals = [
      [{ date: "2026-10-03", kind: "HOLIDAY", name: "国庆节" }, ["input", "kind"], /2026-10-03/],
      [{ date: "2026-10-08", kind: "MAKEUP_WORKDAY", name: "国庆节" }, ["input", "kind"], /2026-10-08/],
      [{ date: "2027-01-01", kind: "HOLIDAY", name: "元旦" }, ["input", "date"], /2027/],
    ] as const;
    for (const [input, field, message] of refusals) {
      const { setCalendarDay } = await admin.ok(SET_DAY, { input });
      expect(setCalendarDay.day).toBeNull();
      expect(setCalendarDay.userErrors).toEqual([{ field, code: "INVALID", rule: "C5", message: expect.stringMatching(message) }]);
    }
    expect((await admin.ok(WORK_CALENDAR, { year: 2026 })).workCalendar.days).toEqual(before);
    expect((await admin.ok(WORK_CALENDAR, { year: 2027 })).workCalendar.loaded).toBe(false);
  });

  it("adds 2027 with its days at once, and refuses a second load or a day outside the year", async () => {
    const admin = await t.as("admin");
    const input = {
      year: 2027,
      source: "测试通知",
      days: [
        { date: "2027-01-01", kind: "HOLIDAY", name: "元旦" },
        { date: "2027-02-20", kind: "MAKEUP_WORKDAY", name: "春节" },
      ],
    };
    const outside = await admin.ok(ADD_YEAR, { input: { ...input, days: [...input.days, { date: "2026-12-31", kind: "HOLIDAY", name: "x" }] } });
    expect(outside.addCalendarYear).toMatchObject({ calendarYear: null, userErrors: [{ field: ["input", "days", "2", "date"], code: "INVALID" }] });
    expect((await admin.ok(WORK_CALENDAR, { year: 2027 })).workCalendar.loaded).toBe(false);

    const added = await admin.ok(ADD_YEAR, { input });
    expect(added.addCalendarYear).toEqual({ calendarYear: { year: 2027, source: "测试通知" }, userErrors: [] });
    expect((await t.anonymous().ok(DAY_INFO, { date: "2027-01-01" })).workingDayInfo).toMatchObject({ loaded: true, workday: false, name: "元旦" });
    expect((await t.anonymous().ok(DAY_INFO, { date: "2027-02-20" })).workingDayInfo).toMatchObject({ workday: true });

    const twice = await admin.ok(ADD_YEAR, { input });
    expect(twice.addCalendarYear).toMatchObject({ calendarYear: null, userErrors: [{ field: ["input", "year"], code: "DUPLICATE" }] });
  });

  it("seeds a database that predates the calendar at start-up, and leaves a loaded one alone", async () => {
    const db = t.app.services.db;
    const count = async () => (await db.manager.query(`SELECT COUNT(*) AS n FROM calendar_day`))[0].n;
    const before = await count();
    await ensureCalendarSeeded(db, new Date("2026-11-26T00:00:00Z"));
    expect(await count()).toBe(before);
    await db.transaction(async (em) => {
      await em.query(`DELETE FROM calendar_day`);
      await em.query(`DELETE FROM calendar_year`);
    });
    await ensureCalendarSeeded(db, new Date("2026-11-26T00:00:00Z"));
    expect(Number(await count())).toBe(48);
    const { calendarYears } = await t.anonymous().ok(`{ calendarYears { year provisional } }`);
    expect(calendarYears.filter((y: { provisional: boolean }) => !y.provisional)).toEqual([
      { year: 2025, provisional: false },
      { year: 2026, provisional: false },
    ]);
  });
});
