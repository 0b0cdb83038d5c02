import packageDays from "chinese-days/dist/chinese-days.json";
import { describe, expect, it } from "vitest";
import { provisionalExceptions, statutoryHolidays } from "./provisional-year";

const holidayNames = (year: number, name: string) => statutoryHolidays(year).filter((d) => d.name === name).map((d) => d.date);

describe("a provisional year: the statutory holidays by law (Decree 795), computed with tyme4ts", () => {
  it("gives the golden 2027 dates: 除夕 02-05, 清明 04-05, 端午 06-09, 中秋 09-15", () => {
    expect(holidayNames(2027, "元旦")).toEqual(["2027-01-01"]);
    expect(holidayNames(2027, "春节")).toEqual(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]);
    expect(holidayNames(2027, "清明节")).toEqual(["2027-04-05"]);
    expect(holidayNames(2027, "劳动节")).toEqual(["2027-05-01", "2027-05-02"]);
    expect(holidayNames(2027, "端午节")).toEqual(["2027-06-09"]);
    expect(holidayNames(2027, "中秋节")).toEqual(["2027-09-15"]);
    expect(holidayNames(2027, "国庆节")).toEqual(["2027-10-01", "2027-10-02", "2027-10-03"]);
    expect(statutoryHolidays(2027)).toHaveLength(13);
  });

  it("keeps only the weekdays as exceptions, with no make-up working days", () => {
    // 2027: 02-06/07 (Sat/Sun), 05-01/02 (Sat/Sun), 10-02/03 (Sat/Sun) fall on weekends.
    expect(provisionalExceptions(2027).map((d) => d.date)).toEqual([
      "2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-06-09", "2027-09-15", "2027-10-01",
    ]);
    expect(provisionalExceptions(2027).every((d) => d.kind === "HOLIDAY")).toBe(true);
  });

  it("counts 中秋 once when it falls inside 国庆 (2028-10-03)", () => {
    expect(statutoryHolidays(2028).filter((d) => d.date === "2028-10-03")).toEqual([{ date: "2028-10-03", name: "中秋节" }]);
    expect(statutoryHolidays(2028)).toHaveLength(12);
  });

  it.each([2025, 2026])("is a subset of the official days off of %i (the State Council's notice, from chinese-days)", (year) => {
    const official = new Set(Object.keys(packageDays.holidays as Record<string, string>).filter((d) => d.startsWith(`${year}-`)));
    const provisional = statutoryHolidays(year).map((d) => d.date);
    expect(provisional).toHaveLength(13);
    expect(provisional.filter((d) => !official.has(d))).toEqual([]);
    // Every official make-up working day is a weekend day the provisional year leaves off: none of them is a provisional holiday.
    const makeups = Object.keys(packageDays.workdays as Record<string, string>).filter((d) => d.startsWith(`${year}-`));
    expect(makeups.filter((d) => provisional.includes(d))).toEqual([]);
  });
});
