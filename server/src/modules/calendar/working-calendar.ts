import { provisionalExceptions } from "./provisional-year";

/**
 * Pure working-day arithmetic on the Chinese calendar (C5). Dates are 'YYYY-MM-DD' in China time.
 * A year whose State Council notice is on record is official; any other year is provisional: weekends
 * plus the statutory holidays computed by law (provisional-year.ts). The calendar never refuses for want
 * of data; instead every due date it gives says whether it relied on a provisional year.
 */

export type ExceptionKind = "HOLIDAY" | "MAKEUP_WORKDAY";
export type DeadlineState = "NONE" | "ON_TIME" | "YELLOW" | "RED" | "PAUSED";

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws on anything that is not a real 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const match = DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(ms) || fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`not a date: ${date}`);
  return ms / DAY_MS;
}

/** The date of a day number (days since 1970-01-01), by civil-calendar arithmetic (no Date object). */
export function fromDayNumber(day: number): string {
  const { year, month, dayOfMonth } = civil(day);
  return `${year < 1000 ? String(year).padStart(4, "0") : year}-${month < 10 ? "0" : ""}${month}-${dayOfMonth < 10 ? "0" : ""}${dayOfMonth}`;
}

/** Year, month and day of a day number (H. Hinnant's days_from_civil, inverted), for years 0…9999. */
function civil(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

/** The year of a day number. */
const yearOfDay = (day: number) => civil(day).year;
/** 0 = Sunday … 6 = Saturday, of a day number. */
const weekdayOfDay = (day: number) => (((day + 4) % 7) + 7) % 7;

export function isRealDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

export const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

export const addDays = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

/** The calendar date in Asia/Shanghai of an instant (China has no daylight saving time). */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A due day, and whether counting to it read a provisional year (then it is marked provisional on the case). */
export interface Due {
  date: string;
  provisional: boolean;
}

type Exception = { kind: ExceptionKind; name?: string };

/**
 * The working calendar of the loaded years (official) and of every other year (provisional). Internally it
 * counts on day numbers, with whether each day is a working day kept once computed: a queue page asks for the
 * warning state of every case on it, and each asks about the days up to its due day.
 */
export class WorkingCalendar {
  private readonly years: Set<number>;
  private readonly exceptions = new Map<string, Exception>();
  private readonly provisionalDays = new Map<number, Map<string, Exception>>();
  /** Day number → working day, for days already asked about. */
  private readonly workdayOf = new Map<number, boolean>();
  /** Day number → its year, where the year is provisional (read by `track`). */
  private readonly provisionalDayYears = new Map<number, number>();
  /** The provisional years read since the innermost `track` began; null outside `track`. */
  private tracking: Set<number> | null = null;

  constructor(years: Iterable<number>, exceptions: Iterable<{ date: string; kind: ExceptionKind; name?: string }>) {
    this.years = new Set(years);
    for (const e of exceptions) this.exceptions.set(e.date, { kind: e.kind, name: e.name });
  }

  /** Whether the date's year is official: the State Council's notice for it is on record. */
  covers(date: string): boolean {
    dayNumber(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  private provisionalYear(year: number): Map<string, Exception> {
    let days = this.provisionalDays.get(year);
    if (!days) {
      days = new Map(provisionalExceptions(year).map((d) => [d.date, { kind: d.kind, name: d.name }]));
      this.provisionalDays.set(year, days);
    }
    return days;
  }

  /** The holiday or make-up day of a date, if any: from the record, or computed for a provisional year. */
  exception(date: string): Exception | undefined {
    return this.covers(date) ? this.exceptions.get(date) : this.provisionalYear(Number(date.slice(0, 4))).get(date);
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayNumber(dayNumber(date));
  }

  /** isWorkday of a day number: computed once per day, and the provisional year noted for `track` on every read. */
  private isWorkdayNumber(day: number): boolean {
    let workday = this.workdayOf.get(day);
    if (workday === undefined) {
      const year = yearOfDay(day);
      const date = fromDayNumber(day);
      let kind: ExceptionKind | undefined;
      if (this.years.has(year)) kind = this.exceptions.get(date)?.kind;
      else {
        this.provisionalDayYears.set(day, year);
        kind = this.provisionalYear(year).get(date)?.kind;
      }
      workday = kind ? kind === "MAKEUP_WORKDAY" : ![0, 6].includes(weekdayOfDay(day));
      this.workdayOf.set(day, workday);
    }
    if (this.tracking) {
      const year = this.provisionalDayYears.get(day);
      if (year !== undefined) this.tracking.add(year);
    }
    return workday;
  }

  /** Runs a computation on this calendar and tells which provisional years it read. */
  track<T>(compute: () => T): { value: T; provisionalYears: number[] } {
    const outer = this.tracking;
    const years = new Set<number>();
    this.tracking = years;
    try {
      const value = compute();
      return { value, provisionalYears: [...years].sort((a, b) => a - b) };
    } finally {
      this.tracking = outer;
      for (const y of years) outer?.add(y);
    }
  }

  /** The n-th working day after `from` (as addWorkingDays), marked provisional when the count read a provisional year. */
  due(from: string, n: number): Due {
    const { value, provisionalYears } = this.track(() => this.addWorkingDays(from, n));
    return { date: value, provisional: provisionalYears.length > 0 };
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: string): string {
    return fromDayNumber(this.nextWorkdayNumber(dayNumber(date)));
  }

  private nextWorkdayNumber(day: number): number {
    let next = day + 1;
    while (!this.isWorkdayNumber(next)) next++;
    return next;
  }

  /** The n-th working day after `from`; n = 0 gives `from` itself, or the next working day if it is a day off. */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
    const start = dayNumber(from);
    if (n === 0) return this.isWorkdayNumber(start) ? from : fromDayNumber(this.nextWorkdayNumber(start));
    let day = start;
    for (let counted = 0; counted < n; counted++) day = this.nextWorkdayNumber(day);
    return fromDayNumber(day);
  }

  /** Working days in (from, to]; negative when to < from. */
  workingDaysBetween(from: string, to: string): number {
    const [start, end] = [dayNumber(from), dayNumber(to)];
    if (end < start) return -this.workingDaysBetween(to, from);
    return this.countWorkdays(start, end, Infinity);
  }

  /** Whether (from, to] holds at most `limit` working days (from ≤ to); stops counting past the limit. */
  atMostWorkingDays(from: string, to: string, limit: number): boolean {
    const [start, end] = [dayNumber(from), dayNumber(to)];
    if (end < start) throw new RangeError(`atMostWorkingDays: ${to} is before ${from}`);
    return this.countWorkdays(start, end, limit + 1) <= limit;
  }

  /** Working days in (start, end], counted up to `stopAt`. */
  private countWorkdays(start: number, end: number, stopAt: number): number {
    let count = 0;
    for (let day = start + 1; day <= end && count < stopAt; day++) if (this.isWorkdayNumber(day)) count++;
    return count;
  }
}

export interface DeadlineInput {
  acceptedOn: string;
  limitDays: number;
  extensionDays: number;
  /** Clock stops (supplements, Art. 45 hearings and tests); endedOn is the day the clock runs again. */
  pauses: { startedOn: string; endedOn: string | null }[];
}

/**
 * The due day (null while a pause is open), and whether it relied on a provisional year.
 * Working days inside closed pauses [startedOn, endedOn) are added on.
 */
export function computeDeadline(input: DeadlineInput, cal: WorkingCalendar): { date: string | null; provisional: boolean } {
  if (input.pauses.some((p) => p.endedOn === null)) return { date: null, provisional: false };
  const { value, provisionalYears } = cal.track(() => countDeadline(input, cal));
  return { date: value, provisional: provisionalYears.length > 0 };
}

function countDeadline(input: DeadlineInput, cal: WorkingCalendar): string {
  let paused = 0;
  for (const pause of input.pauses) {
    const endedOn = pause.endedOn as string;
    if (endedOn < pause.startedOn) throw new RangeError(`pause ends (${endedOn}) before it starts (${pause.startedOn})`);
    paused += cal.workingDaysBetween(addDays(pause.startedOn, -1), addDays(endedOn, -1));
  }
  return cal.addWorkingDays(input.acceptedOn, input.limitDays + input.extensionDays + paused);
}

/** Working days left until the due day: 0 on the due day, at least −1 once it has passed. */
export function remainingWorkingDays(deadline: string, today: string, cal: WorkingCalendar): number {
  if (today > deadline) return Math.min(-1, cal.workingDaysBetween(today, deadline));
  return cal.workingDaysBetween(today, deadline);
}

/** C5: the warning starts when this many working days or fewer remain. */
export const YELLOW_WORKING_DAYS = 2;

/** C5: yellow when 2 or fewer working days remain, red when overdue. */
export function deadlineState(deadline: string | null, today: string, cal: WorkingCalendar, paused: boolean): DeadlineState {
  if (paused) return "PAUSED";
  if (deadline === null) return "NONE";
  if (today > deadline) return "RED";
  return cal.atMostWorkingDays(today, deadline, YELLOW_WORKING_DAYS) ? "YELLOW" : "ON_TIME";
}

/** The last due day that is YELLOW today (deadlineState's rule as a day range, for counting in SQL): today … this day. */
export function yellowUntil(today: string, cal: WorkingCalendar): string {
  let day = today;
  while (cal.workingDaysBetween(today, addDays(day, 1)) <= YELLOW_WORKING_DAYS) day = addDays(day, 1);
  return day;
}
