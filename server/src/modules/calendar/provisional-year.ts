import { LunarDay, SolarTerm, type SolarDay } from "tyme4ts";

/**
 * A provisional year (C5): the statutory holidays of 国务院《全国年节及纪念日放假办法》 (as amended by
 * Decree 795, in force since 2025-01-01), computed for a year whose State Council notice is not on record:
 * 元旦 1 day, 春节 4 (农历除夕、正月初一至初三), 清明 1 (the solar term's day), 劳动节 2 (1–2 May),
 * 端午 1 (五月初五), 中秋 1 (八月十五), 国庆 3 (1–3 October). No make-up working days and no bridging:
 * those come only with each year's notice, so a provisional year has no more days off than the law itself
 * gives, and the official year can only add days off around them (or move a few with 调休).
 * Lunar dates and the solar term from tyme4ts (China time).
 */
export interface StatutoryDay {
  date: string;
  name: string;
}

const ymd = (d: SolarDay) => `${d.getYear()}-${String(d.getMonth()).padStart(2, "0")}-${String(d.getDay()).padStart(2, "0")}`;
const lunar = (year: number, month: number, day: number) => ymd(LunarDay.fromYmd(year, month, day).getSolarDay());

/** Every statutory holiday day of `year`, weekends included, in date order. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const newYearsEve = LunarDay.fromYmd(year, 1, 1).next(-1).getSolarDay();
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, name: "元旦" },
    ...[0, 1, 2, 3].map((i) => ({ date: ymd(newYearsEve.next(i)), name: "春节" })),
    { date: ymd(SolarTerm.fromName(year, "清明").getSolarDay()), name: "清明节" },
    { date: `${year}-05-01`, name: "劳动节" },
    { date: `${year}-05-02`, name: "劳动节" },
    { date: lunar(year, 5, 5), name: "端午节" },
    { date: lunar(year, 8, 15), name: "中秋节" },
    { date: `${year}-10-01`, name: "国庆节" },
    { date: `${year}-10-02`, name: "国庆节" },
    { date: `${year}-10-03`, name: "国庆节" },
  ];
  // 中秋 can fall inside 国庆 (e.g. 2028-10-03): one day off, named once.
  const seen = new Set<string>();
  return days.filter((d) => !seen.has(d.date) && seen.add(d.date)).sort((a, b) => a.date.localeCompare(b.date));
}

// Not working-calendar's isWeekend: that module imports this one.
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

const cache = new Map<number, { date: string; kind: "HOLIDAY"; name: string }[]>();

/** The provisional year's exceptions to the Monday–Friday week: its statutory holidays that fall on weekdays. Memoized. */
export function provisionalExceptions(year: number): { date: string; kind: "HOLIDAY"; name: string }[] {
  let days = cache.get(year);
  if (!days) {
    days = statutoryHolidays(year)
      .filter((d) => !isWeekend(d.date))
      .map((d) => ({ date: d.date, kind: "HOLIDAY" as const, name: d.name }));
    cache.set(year, days);
  }
  return days;
}

export const PROVISIONAL_SOURCE = "暂定：按《全国年节及纪念日放假办法》计算，以国务院公布的放假安排为准";
