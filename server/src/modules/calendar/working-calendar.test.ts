import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { chineseDaysExceptions } from "./calendar.service";
import {
  addDays,
  chinaDate,
  computeDeadline,
  deadlineState,
  remainingWorkingDays,
  WorkingCalendar,
  type ExceptionKind,
} from "./working-calendar";

// Typed by hand from the State Council notices (国办发明电〔2024〕12号 for 2025, 〔2025〕7号 for 2026):
// weekday holidays and weekend make-up working days (调休).
const HOLIDAYS = [
  "2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03", "2025-02-04", "2025-04-04",
  "2025-05-01", "2025-05-02", "2025-05-05", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06",
  "2025-10-07", "2025-10-08",
  "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23",
  "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02",
  "2026-10-05", "2026-10-06", "2026-10-07",
];
const MAKEUP_WORKDAYS = [
  "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
  "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
];
const exceptions = [
  ...HOLIDAYS.map((date) => ({ date, kind: "HOLIDAY" as ExceptionKind })),
  ...MAKEUP_WORKDAYS.map((date) => ({ date, kind: "MAKEUP_WORKDAY" as ExceptionKind })),
];
const cal = new WorkingCalendar([2025, 2026], exceptions);

// chinese-days builds its tables and reads dates in local time: west of UTC its functions answer for the
// wrong day. They are compared where they work (UTC and east of it, China included); its JSON always is.
const packageFunctionsWork = [0, 6].every((month) => new Date(2025, month, 1).getTimezoneOffset() <= 0);
const localNoon = (date: string) => new Date(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), 12);
const packageSaysWorkday = (date: string) => chineseDays.isWorkday(localNoon(date));

describe("the working calendar agrees with chinese-days", () => {
  it.skipIf(!packageFunctionsWork)("on every day of 2025 and 2026 (730 days, zero disagreements; skipped west of UTC)", () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (let day = "2025-01-01"; day <= "2026-12-31"; day = addDays(day, 1)) {
      compared++;
      if (cal.isWorkday(day) !== packageSaysWorkday(day)) disagreements.push(day);
    }
    expect(compared).toBe(730);
    expect(disagreements).toEqual([]);
  });

  it("extracts the same 48 exception days from the package's JSON as the notices list", () => {
    const fromPackage = [...chineseDaysExceptions(2025), ...chineseDaysExceptions(2026)];
    expect(fromPackage.map(({ date, kind }) => ({ date, kind })).sort((a, b) => a.date.localeCompare(b.date))).toEqual(
      [...exceptions].sort((a, b) => a.date.localeCompare(b.date)),
    );
    expect(fromPackage).toHaveLength(48);
    expect(fromPackage.find((d) => d.date === "2026-10-10")?.name).toBe("国庆节");
    expect(fromPackage.find((d) => d.date === "2025-10-06")?.name).toBe("中秋");
  });
});

describe("addWorkingDays and workingDaysBetween", () => {
  it.each([
    ["2026-09-30", 5, "2026-10-13", "National Day 2026: 10-01..07 off, Sat 10-10 worked"],
    ["2026-09-18", 1, "2026-09-20", "Sun 2026-09-20 is a make-up working day"],
    ["2026-02-13", 1, "2026-02-14", "Sat 2026-02-14 worked before Spring Festival"],
    ["2026-02-13", 2, "2026-02-24", "Spring Festival 2026: 02-15..23 off"],
    ["2026-02-27", 1, "2026-02-28", "Sat 2026-02-28 worked after Spring Festival"],
    ["2025-09-26", 1, "2025-09-28", "Sun 2025-09-28 worked before National Day 2025"],
    ["2025-09-30", 1, "2025-10-09", "2025-10-01..08 off (National Day + Mid-Autumn)"],
    ["2025-09-30", 3, "2025-10-11", "Sat 2025-10-11 worked"],
    ["2025-09-30", 4, "2025-10-13", "then Monday"],
    ["2025-04-25", 1, "2025-04-27", "Sun 2025-04-27 worked before May Day"],
    ["2025-04-30", 1, "2025-05-06", "May Day 2025: 05-01..05 off"],
    ["2026-04-30", 1, "2026-05-06", "May Day 2026: 05-01..05 off"],
    ["2026-04-30", 4, "2026-05-09", "Sat 2026-05-09 worked"],
    ["2025-12-31", 1, "2026-01-04", "New Year 2026: 01-01..03 off, Sun 01-04 worked"],
    ["2025-12-31", 2, "2026-01-05", "then Monday"],
  ])("%s + %i working days = %s (%s)", (from, n, due) => {
    expect(cal.addWorkingDays(from, n)).toBe(due);
    expect(cal.workingDaysBetween(from, due)).toBe(n);
    if (packageFunctionsWork) expect(chineseDays.findWorkday(n, localNoon(from))).toBe(due);
  });

  it("n = 0 is the day itself when it is a working day, else the next working day", () => {
    expect(cal.addWorkingDays("2026-10-09", 0)).toBe("2026-10-09");
    expect(cal.addWorkingDays("2026-10-01", 0)).toBe("2026-10-08");
    expect(cal.addWorkingDays("2026-10-10", 0)).toBe("2026-10-10");
    expect(cal.nextWorkday("2026-10-09")).toBe("2026-10-10");
  });

  it("counts the half-open interval (from, to], negative backwards", () => {
    expect(cal.workingDaysBetween("2026-09-30", "2026-10-13")).toBe(5);
    expect(cal.workingDaysBetween("2026-10-13", "2026-09-30")).toBe(-5);
    expect(cal.workingDaysBetween("2026-10-13", "2026-10-13")).toBe(0);
    expect(cal.workingDaysBetween("2026-01-01", "2026-12-31")).toBe(248);
    expect(cal.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(248);
  });

  it("counts a year that is not loaded on its provisional days, and says so (C5)", () => {
    expect(cal.covers("2027-01-04")).toBe(false);
    // 2027-01-01 is a Friday: 元旦 by law; no 调休 in a provisional year.
    expect(cal.isWorkday("2027-01-01")).toBe(false);
    expect(cal.exception("2027-01-01")).toEqual({ kind: "HOLIDAY", name: "元旦" });
    expect(cal.due("2026-12-15", 20)).toEqual({ date: "2027-01-13", provisional: true });
    expect(cal.due("2026-12-15", 11)).toEqual({ date: "2026-12-30", provisional: false });
    expect(cal.addWorkingDays("2026-12-15", 11)).toBe("2026-12-30");
    const tracked = cal.track(() => [cal.isWorkday("2024-06-03"), cal.isWorkday("2028-01-03"), cal.isWorkday("2026-01-05")]);
    expect(tracked).toEqual({ value: [true, true, true], provisionalYears: [2024, 2028] });
  });

  it("refuses a date that does not exist", () => {
    expect(() => cal.isWorkday("2026-02-30")).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2026-10-09", -1)).toThrow(RangeError);
  });
});

describe("computeDeadline", () => {
  const base = { acceptedOn: "2026-09-14", limitDays: 20, extensionDays: 0, pauses: [] };

  it("counts the legal limit in working days from acceptance", () => {
    // Mon 09-14 + 20: Sun 09-20 worked, Fri 09-25 (Mid-Autumn) and 10-01..07 off, Sat 10-10 worked.
    expect(computeDeadline(base, cal).date).toBe("2026-10-16");
    expect(computeDeadline({ ...base, extensionDays: 10 }, cal).date).toBe("2026-10-30");
  });

  it("gives an IMMEDIATE case (limit 0) the acceptance day", () => {
    expect(computeDeadline({ ...base, acceptedOn: "2026-03-10", limitDays: 0 }, cal).date).toBe("2026-03-10");
  });

  it("stops the clock while a pause is open, and adds the working days inside closed pauses", () => {
    expect(computeDeadline({ ...base, pauses: [{ startedOn: "2026-09-15", endedOn: null }] }, cal)).toEqual({ date: null, provisional: false });
    // Supplement pause Tue 09-15 … Mon 09-21: 09-15..18 and Sun 09-20 (make-up) are working days → +5.
    const supplement = { ...base, pauses: [{ startedOn: "2026-09-15", endedOn: "2026-09-21" }] };
    expect(computeDeadline(supplement, cal).date).toBe(cal.addWorkingDays("2026-09-14", 25));
    expect(computeDeadline(supplement, cal).date).toBe("2026-10-23");
    // A pause across National Day: 09-28..30, 10-08, 10-09 and Sat 10-10 → +6; the holiday itself adds nothing.
    const overHoliday = { ...base, pauses: [{ startedOn: "2026-09-28", endedOn: "2026-10-12" }] };
    expect(computeDeadline(overHoliday, cal).date).toBe("2026-10-26");
    const sameDay = { ...base, pauses: [{ startedOn: "2026-09-15", endedOn: "2026-09-15" }] };
    expect(computeDeadline(sameDay, cal).date).toBe("2026-10-16");
  });

  it("counts a deadline that reaches into 2027 on the provisional year, marked (C5)", () => {
    expect(computeDeadline({ ...base, acceptedOn: "2026-12-01", extensionDays: 10 }, cal)).toEqual({ date: "2027-01-13", provisional: true });
    expect(computeDeadline({ ...base, acceptedOn: "2026-12-01" }, cal)).toEqual({ date: "2026-12-29", provisional: false });
  });
});

describe("deadlineState and remainingWorkingDays", () => {
  it.each([
    ["2026-09-30", "ON_TIME", 5],
    ["2026-10-09", "ON_TIME", 3],
    ["2026-10-10", "YELLOW", 2],
    ["2026-10-11", "YELLOW", 2],
    ["2026-10-12", "YELLOW", 1],
    ["2026-10-13", "YELLOW", 0],
    ["2026-10-14", "RED", -1],
    ["2026-10-17", "RED", -3],
  ])("due 2026-10-13, today %s → %s (%i working days left)", (today, state, left) => {
    expect(deadlineState("2026-10-13", today, cal, false)).toBe(state);
    expect(remainingWorkingDays("2026-10-13", today, cal)).toBe(left);
  });

  it("is YELLOW nine calendar days early when a holiday is in between", () => {
    expect(deadlineState("2026-10-09", "2026-09-30", cal, false)).toBe("YELLOW");
  });

  it("is RED (−1) on the Saturday after a Friday due day", () => {
    expect(deadlineState("2026-10-16", "2026-10-17", cal, false)).toBe("RED");
    expect(remainingWorkingDays("2026-10-16", "2026-10-17", cal)).toBe(-1);
  });

  it("is PAUSED or NONE before anything else", () => {
    expect(deadlineState("2026-10-13", "2026-10-20", cal, true)).toBe("PAUSED");
    expect(deadlineState(null, "2026-10-20", cal, false)).toBe("NONE");
  });
});

describe("chinaDate", () => {
  it("gives the Asia/Shanghai calendar day of an instant", () => {
    expect(chinaDate(new Date("2026-09-30T15:59:59Z"))).toBe("2026-09-30");
    expect(chinaDate(new Date("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
    expect(chinaDate(new Date("2026-10-01T00:00:00+08:00"))).toBe("2026-10-01");
  });
});

describe("day arithmetic without Date objects", () => {
  it("fromDayNumber agrees with Date for every day from 1900 to 2200", async () => {
    const { fromDayNumber, dayNumber } = await import("./working-calendar");
    const first = Date.UTC(1900, 0, 1) / 86_400_000, last = Date.UTC(2200, 11, 31) / 86_400_000;
    let wrong = 0;
    for (let day = first; day <= last; day++) {
      const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(day) !== expected || dayNumber(expected) !== day) wrong++;
    }
    expect(last - first).toBeGreaterThan(109_000);
    expect(wrong).toBe(0);
  });

  it("atMostWorkingDays says what counting every day says, across holidays and provisional years", () => {
    const fresh = new WorkingCalendar([2025, 2026], exceptions);
    for (let from = "2025-12-01"; from <= "2027-02-28"; from = addDays(from, 3)) {
      for (const span of [0, 1, 2, 3, 4, 6, 9, 15]) {
        const to = addDays(from, span);
        for (const limit of [0, 2, 5]) expect(fresh.atMostWorkingDays(from, to, limit)).toBe(cal.workingDaysBetween(from, to) <= limit);
      }
    }
    expect(() => fresh.atMostWorkingDays("2026-01-02", "2026-01-01", 2)).toThrow(RangeError);
  });

  it("a due day counted into a provisional year is marked provisional even when its days were asked about before", () => {
    const fresh = new WorkingCalendar([2025, 2026], exceptions);
    expect(fresh.isWorkday("2027-01-04")).toBe(true); // computed once, outside track
    expect(fresh.due("2026-12-30", 3)).toEqual({ date: "2027-01-05", provisional: true });
    expect(fresh.due("2026-12-01", 3)).toEqual({ date: "2026-12-04", provisional: false });
  });
});
