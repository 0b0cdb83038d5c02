import packageDays from "chinese-days/dist/chinese-days.json";
import chineseDaysPackage from "chinese-days/package.json";
import { Between, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import type { Reason, ReasonParams } from "../../common/reasons";
import { duplicate, invalid, missing } from "../../common/payload";
import type { Db } from "../../db/db";
import { appendAudit } from "../audit/audit.service";
import { CalendarDay, CalendarYear, DayKind } from "./calendar.entity";
import type { AddCalendarYearFromNoticeInput, AddCalendarYearInput, CalendarDayInput } from "./calendar.inputs";
import type { CalendarYearInfo, WorkCalendar, WorkingDayInfo } from "./calendar.payloads";
import { recomputeProvisionalDues, recountDuesAfterDayChange } from "../cases/case-deadlines";
import { PROVISIONAL_SOURCE, provisionalExceptions } from "./provisional-year";
import { addDays, chinaDate, isWeekend, WorkingCalendar } from "./working-calendar";

/** The years the seed takes from the package; later years come from the State Council's notice, by an admin. */
export const PACKAGE_YEARS = [2025, 2026];
export const PACKAGE_SOURCE = `chinese-days ${chineseDaysPackage.version}`;


/**
 * The year's weekday holidays and weekend make-up working days, from the package's published JSON.
 * Not from its functions: they read dates in local time and shift every day by one west of UTC.
 */
export function chineseDaysExceptions(year: number): { date: string; kind: DayKind; name: string }[] {
  const holidays: Record<string, string> = packageDays.holidays;
  const workdays: Record<string, string> = packageDays.workdays;
  const days: { date: string; kind: DayKind; name: string }[] = [];
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
    const weekend = isWeekend(date);
    const entry = weekend ? workdays[date] : holidays[date];
    if (!entry) continue;
    // Entries read "National Day,国庆节,3".
    const name = (entry.split(",")[1] ?? entry).slice(0, 40);
    days.push({ date, kind: weekend ? DayKind.MAKEUP_WORKDAY : DayKind.HOLIDAY, name });
  }
  return days;
}

/** The years the package has data for (its holidays and make-up days), in order. */
export function packageYears(): number[] {
  const years = new Set([...Object.keys(packageDays.holidays), ...Object.keys(packageDays.workdays)].map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** Loads 2025 and 2026 from chinese-days; does nothing once any year is on record. */
export async function seedCalendarFromPackage(em: EntityManager, now: Date): Promise<void> {
  if ((await em.getRepository(CalendarYear).count()) > 0) return;
  const days = PACKAGE_YEARS.flatMap(chineseDaysExceptions).map((d) => ({ ...d, updatedAt: now, updatedBy: PACKAGE_SOURCE, reason: null }));
  await em.getRepository(CalendarDay).insert(days);
  await em.getRepository(CalendarYear).insert(PACKAGE_YEARS.map((year) => ({ year, source: PACKAGE_SOURCE, loadedAt: now })));
}

/** For databases created before the calendar existed: seeds it at start-up when no year is on record. */
export async function ensureCalendarSeeded(db: Db, now: Date = new Date()): Promise<void> {
  if ((await db.manager.getRepository(CalendarYear).count()) > 0) return;
  await db.transaction((em) => seedCalendarFromPackage(em, now));
}

/** The whole calendar as `em` sees it; one query after the other, as a transaction's client runs one at a time. */
export async function readCalendar(em: EntityManager): Promise<WorkingCalendar> {
  const years = await em.getRepository(CalendarYear).find();
  const days = await em.getRepository(CalendarDay).find();
  return new WorkingCalendar(years.map((y) => Number(y.year)), days);
}

const perRequest = new WeakMap<RequestContext, Promise<WorkingCalendar>>();

/** The calendar, read once per request. */
export function loadCalendar(ctx: RequestContext): Promise<WorkingCalendar> {
  let calendar = perRequest.get(ctx);
  if (!calendar) {
    calendar = readCalendar(ctx.db.manager);
    perRequest.set(ctx, calendar);
    calendar.catch(() => perRequest.delete(ctx));
  }
  return calendar;
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const yearRange = (year: number) => Between(`${year}-01-01`, `${year}-12-31`);

/** A holiday is a weekday off, a make-up day a weekend day worked; anything else changes nothing (C5). */
function checkKind(date: string, kind: DayKind, field: string[]): void {
  if (kind === DayKind.HOLIDAY && isWeekend(date)) {
    throw invalid(field, "HOLIDAY_ON_DAY_OFF", { date }, "C5");
  }
  if (kind === DayKind.MAKEUP_WORKDAY && !isWeekend(date)) {
    throw invalid(field, "MAKEUP_ON_WORKDAY", { date }, "C5");
  }
}

async function loadedYear(em: EntityManager, year: number): Promise<CalendarYear | null> {
  return em.getRepository(CalendarYear).findOneBy({ year });
}

function updatedBy(ctx: RequestContext): string {
  return ctx.actor.kind === "staff" ? ctx.actor.staff.username.slice(0, 40) : "system";
}

export const calendarService = {
  async workCalendar(ctx: RequestContext, year: number): Promise<WorkCalendar> {
    const em = ctx.db.manager;
    const loaded = await loadedYear(em, year);
    if (!loaded) {
      const days = provisionalExceptions(year).map((d) => ({ ...d, kind: DayKind.HOLIDAY, updatedAt: new Date(0), updatedBy: "provisional", reason: null }));
      return { year, loaded: false, provisional: true, source: PROVISIONAL_SOURCE, days };
    }
    const days = await em.getRepository(CalendarDay).find({ where: { date: yearRange(year) }, order: { date: "ASC" } });
    return { year, loaded: true, provisional: false, source: loaded.source, days };
  },

  /** The official years, and every year without a notice from the first official one up to next year (or the one after the last official year). */
  async years(ctx: RequestContext): Promise<CalendarYearInfo[]> {
    const official = await ctx.db.manager.getRepository(CalendarYear).find({ order: { year: "ASC" } });
    const byYear = new Map(official.map((y) => [Number(y.year), y]));
    const thisYear = Number(chinaDate(ctx.clock.now()).slice(0, 4));
    const first = Math.min(thisYear, ...byYear.keys());
    const last = Math.max(thisYear + 1, ...[...byYear.keys()].map((y) => y + 1));
    const years: CalendarYearInfo[] = [];
    for (let year = first; year <= last; year++) {
      const row = byYear.get(year);
      years.push(row ? { year, provisional: false, source: row.source, loadedAt: row.loadedAt } : { year, provisional: true, source: PROVISIONAL_SOURCE, loadedAt: null });
    }
    return years;
  },

  async dayInfo(ctx: RequestContext, date: string): Promise<WorkingDayInfo> {
    const calendar = await loadCalendar(ctx);
    const exception = calendar.exception(date);
    const loaded = calendar.covers(date);
    return {
      date,
      loaded,
      provisional: !loaded,
      workday: calendar.isWorkday(date),
      kind: (exception?.kind as DayKind | undefined) ?? null,
      name: exception?.name ?? null,
    };
  },

  /**
   * Sets one day of an official year, with the reason (kept with the day and audited). Open cases whose due
   * days lie on or after it are counted again: a new holiday moves them later, nothing moves them earlier.
   */
  setDay(ctx: RequestContext, input: CalendarDayInput, reason: string): Promise<{ day: CalendarDay; recomputedCases: string[] }> {
    return ctx.db.transaction(async (em) => {
      if (!(await loadedYear(em, yearOf(input.date)))) {
        throw invalid(["input", "date"], "YEAR_NOT_ON_CALENDAR", { year: yearOf(input.date) }, "C5");
      }
      checkKind(input.date, input.kind, ["input", "kind"]);
      const previous = await em.getRepository(CalendarDay).findOneBy({ date: input.date });
      const day = { date: input.date, kind: input.kind, name: input.name, updatedAt: ctx.clock.now(), updatedBy: updatedBy(ctx), reason: reason.trim() };
      await em.getRepository(CalendarDay).save(day);
      await appendAudit(ctx, em, "calendar.set", "CalendarDay", input.date, { from: previous, to: input, reason: day.reason });
      perRequest.delete(ctx);
      const kindText = input.kind === DayKind.HOLIDAY ? "节假日" : "调休上班日";
      const why = `工作日历 ${input.date} 改为${kindText}（${input.name}），理由：${day.reason}`;
      const recomputedCases = await recountDuesAfterDayChange(ctx, em, await readCalendar(em), input.date, why);
      return { day, recomputedCases };
    });
  },

  /** Removes a holiday or make-up day (with the reason, audited); due days counted already never move earlier. */
  clearDay(ctx: RequestContext, date: string, reason: string): Promise<{ day: CalendarDay; recomputedCases: string[] }> {
    return ctx.db.transaction(async (em) => {
      const day = await em.getRepository(CalendarDay).findOneBy({ date });
      if (!day) throw missing(["date"], "CALENDAR_DAY_NOT_FOUND", { date });
      await em.getRepository(CalendarDay).delete({ date });
      await appendAudit(ctx, em, "calendar.clear", "CalendarDay", date, { removed: day, reason: reason.trim() });
      perRequest.delete(ctx);
      const why = `工作日历 ${date} 不再是${day.kind === DayKind.HOLIDAY ? "节假日" : "调休上班日"}（${day.name}），理由：${reason.trim()}`;
      const recomputedCases = await recountDuesAfterDayChange(ctx, em, await readCalendar(em), date, why);
      return { day, recomputedCases };
    });
  },

  /** Loads a year the package (chinese-days) has data for, as addYear does with a notice. */
  loadYearFromPackage(ctx: RequestContext, year: number): Promise<{ year: CalendarYear; recomputedCases: string[] }> {
    if (!packageYears().includes(year)) {
      const years = packageYears();
      throw new RuleViolation(UserErrorCode.INVALID, "", ["year"], "C5", "CALENDAR_YEAR_NOT_IN_PACKAGE", {
        source: PACKAGE_SOURCE,
        year,
        first: years[0] ?? "—",
        last: years[years.length - 1] ?? "—",
      });
    }
    return this.addYear(ctx, { year, source: PACKAGE_SOURCE, days: chineseDaysExceptions(year) });
  },

  /**
   * Loads a year from the State Council's notice as it is worded: each holiday as a range of days off (its
   * weekdays become holidays; its weekend days are off anyway) and the make-up working days. Every date must
   * lie in the year, ranges run forwards and never overlap, make-up days are weekends outside the ranges.
   */
  addYearFromNotice(ctx: RequestContext, input: AddCalendarYearFromNoticeInput): Promise<{ year: CalendarYear; recomputedCases: string[] }> {
    const refuse = (field: string[], reason: Reason, params: ReasonParams = {}, code = UserErrorCode.INVALID) =>
      new RuleViolation(code, "", ["input", ...field], "C5", reason, params);
    const outside = (date: string, field: string[]) => {
      if (yearOf(date) !== input.year) throw refuse(field, "CALENDAR_DATE_OUTSIDE_YEAR", { day: date, year: input.year });
    };
    const taken = new Map<string, string>();
    const days: CalendarDayInput[] = [];
    input.holidays.forEach((h, i) => {
      outside(h.firstDay, ["holidays", String(i), "firstDay"]);
      outside(h.lastDay, ["holidays", String(i), "lastDay"]);
      if (h.lastDay < h.firstDay) throw refuse(["holidays", String(i), "lastDay"], "CALENDAR_RANGE_REVERSED", { name: h.name, first: h.firstDay, last: h.lastDay });
      if (addDays(h.firstDay, 14) < h.lastDay) throw refuse(["holidays", String(i), "lastDay"], "CALENDAR_RANGE_TOO_LONG", { name: h.name, max: 15 });
      for (let date = h.firstDay; date <= h.lastDay; date = addDays(date, 1)) {
        if (taken.has(date)) throw refuse(["holidays", String(i), "firstDay"], "CALENDAR_DAY_TWICE", { day: date, other: taken.get(date) ?? "" }, UserErrorCode.DUPLICATE);
        taken.set(date, h.name);
        if (!isWeekend(date)) days.push({ date, kind: DayKind.HOLIDAY, name: h.name });
      }
    });
    input.makeupDays.forEach((m, i) => {
      const field = ["makeupDays", String(i), "date"];
      outside(m.date, field);
      if (!isWeekend(m.date)) throw refuse(field, "CALENDAR_MAKEUP_NOT_WEEKEND", { day: m.date });
      if (taken.has(m.date)) throw refuse(field, "CALENDAR_DAY_TWICE", { day: m.date, other: taken.get(m.date) ?? "" }, UserErrorCode.DUPLICATE);
      taken.set(m.date, m.name);
      days.push({ date: m.date, kind: DayKind.MAKEUP_WORKDAY, name: m.name });
    });
    if (!days.length) throw refuse(["holidays"], "CALENDAR_NOTICE_EMPTY");
    days.sort((a, b) => a.date.localeCompare(b.date));
    return this.addYear(ctx, { year: input.year, source: input.source, days });
  },

  /**
   * Loads the State Council's notice for a year: the year becomes official, and in the same transaction every
   * open case's provisional due days are counted again on it (never earlier than told; see case-deadlines.ts).
   */
  addYear(ctx: RequestContext, input: AddCalendarYearInput): Promise<{ year: CalendarYear; recomputedCases: string[] }> {
    return ctx.db.transaction(async (em) => {
      if (await loadedYear(em, input.year)) {
        throw duplicate(["input", "year"], "YEAR_ALREADY_ON_CALENDAR", { year: input.year });
      }
      const seen = new Set<string>();
      input.days.forEach((d, i) => {
        if (yearOf(d.date) !== input.year) throw invalid(["input", "days", String(i), "date"], "DAY_NOT_IN_YEAR", { date: d.date, year: input.year });
        if (seen.has(d.date)) throw duplicate(["input", "days", String(i), "date"], "DAY_LISTED_TWICE", { date: d.date });
        seen.add(d.date);
        checkKind(d.date, d.kind, ["input", "days", String(i), "kind"]);
      });
      const now = ctx.clock.now();
      await em.getRepository(CalendarDay).delete({ date: yearRange(input.year) });
      await em.getRepository(CalendarDay).insert(input.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, updatedAt: now, updatedBy: updatedBy(ctx), reason: null })));
      const year = { year: input.year, source: input.source, loadedAt: now };
      await em.getRepository(CalendarYear).insert(year);
      await appendAudit(ctx, em, "calendar.addYear", "CalendarYear", input.year, input);
      perRequest.delete(ctx);
      const recomputedCases = await recomputeProvisionalDues(ctx, em, await readCalendar(em), input.year);
      return { year, recomputedCases };
    });
  },
};
