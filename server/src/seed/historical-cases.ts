/**
 * Historical cases for a big city (npm run seed -- --cases N): a deterministic generator of the rows a
 * real history would have left, with the services' rules and wording (C1–C7). Each case's timeline is
 * planned forward and cut at `until`, so recent cases are open in whatever state they had reached.
 * It only builds rows (arrays in the column order of cases-cli.ts, which reads the network and writes them).
 */
import { chinaDate, computeDeadline, dayNumber, fromDayNumber, weekdayOf, type WorkingCalendar } from "../modules/calendar/working-calendar";
import { eventHash, GENESIS, sealColumns } from "../modules/records/records";
import type { RecordsKey } from "../modules/records/records-key";
import { CaseKind } from "../modules/catalogue/enums";
import { FORWARD_DAYS, formatCaseNumber, INFORM_DAYS, JOINT_OPINION_DAYS, limitDaysFor } from "../modules/cases/case-rules";
import { CaseEventType } from "../modules/cases/case-event-types";
import { eventText, jointSilence, recordText } from "../modules/cases/case-event-texts";
import { CaseStatus, type DeliveryChannel, type JointOpinionKind } from "../modules/cases/case.enums";
import { REGION_CODE } from "../modules/cases/registration.service";
import { complaintNumber } from "../modules/supervision/supervision.rules";
import { GIVEN_CHARS, MOBILE_PREFIXES, SURNAMES } from "./data/names";
import type { Batch, Item, Network, Person, Point, Row, Values } from "./case-loader";
import { Prng, pad } from "./prng";

type Path = "IMMEDIATE" | "COMMITTED" | "JOINT" | "REPORTED_UP" | "RETURNED" | "SUPPLEMENT";
const PATHS: [Path, number][] = [["IMMEDIATE", 0.2], ["COMMITTED", 0.6], ["JOINT", 0.08], ["REPORTED_UP", 0.05], ["RETURNED", 0.02], ["SUPPLEMENT", 0.05]];
/** The case's status right after each kind of entry the generator writes (the change feed's `status`), as the services leave it. */
const STATUS_AFTER: Partial<Record<CaseEventType, CaseStatus>> = {
  REGISTERED: CaseStatus.REGISTERED,
  HANDED_OVER: CaseStatus.REGISTERED,
  SUPPLEMENT_REQUESTED: CaseStatus.SUPPLEMENT,
  SUPPLEMENT_COMPLETED: CaseStatus.SUPPLEMENT,
  ACCEPTED: CaseStatus.IN_REVIEW,
  JOINT_NOTIFIED: CaseStatus.IN_REVIEW,
  JOINT_OPINION: CaseStatus.IN_REVIEW,
  JOINT_DEEMED_AGREE: CaseStatus.IN_REVIEW,
  FORWARDED_UP: CaseStatus.IN_REVIEW,
  RETURNED: CaseStatus.DECIDED,
  HIGHER_REPLY: CaseStatus.DECIDED,
  DECIDED: CaseStatus.DECIDED,
  DEEMED_APPROVED: CaseStatus.DECIDED,
  RESULT_HANDED_BACK: CaseStatus.DECIDED,
  CLOSED: CaseStatus.CLOSED,
};
const RETURNS: [string, string][] = [["NOT_IN_SCOPE", "申请事项不属于本机关职权范围，已告知向有关机关申请"], ["AGAINST_INDUSTRIAL_POLICY", "项目属国家产业结构调整指导目录限制类，不符合产业政策"],
  ["OUTSIDE_DEVELOPMENT_PLAN", "项目选址不符合石首市国土空间总体规划"], ["BANNED", "申请事项属国家明令禁止的范围"]];
const REFUSALS = ["经现场核查，申请人不符合法定条件", "申请材料反映的情况与核查结果不一致", "不符合相关技术规范要求"];
const QUERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const OTHER_REGIONS = ["421002", "421003", "421022", "421087", "420106", "430602"];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const WEEKDAY_LOAD = [0, 1.15, 1.05, 1, 1, 0.85, 0.6];
const DAY = 86_400_000, CN = 8 * 3_600_000; // China time is UTC+8, without daylight saving
const STOP = Symbol("stop"); // thrown when a timeline reaches `until`
const dayCache: string[] = [];
const dayOf = (ms: number) => (dayCache[Math.floor((ms + CN) / DAY)] ??= fromDayNumber(Math.floor((ms + CN) / DAY))); // chinaDate, cached

interface CaseState { id: number; number: string; item: Item; registrar: Person; registered: Point; handling: Point; windowId: number; seq: number; hash: string; version: number; row: Row }
// Positions in a case_file row that change along the timeline.
const F = { kind: 3, status: 4, current: 11, receivedOn: 14, acceptedOn: 15, limitDays: 16, deadline: 17, forwardDue: 18, informDue: 19, forwardedTo: 20, returnCategory: 21, returnReason: 22, outcome: 23, decidedAt: 24, via: 25, closedAt: 26, version: 28, deadlineProvisional: 29, forwardDueProvisional: 30, informDueProvisional: 31 };

/** A weighted pick from a fixed list for a uniform r in [0, 1): binary search over cumulative weights. */
function weighted<T>(values: T[], weights: number[]): (r: number) => T {
  const cum: number[] = [];
  weights.reduce((sum, w) => (cum.push(sum + w), sum + w), 0);
  return (r) => {
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > r * cum[cum.length - 1]) hi = mid; else lo = mid + 1; }
    return values[lo];
  };
}

/** The city's record (DOMAIN §2): 26,682 cases, 99.1 % of them closed (办结率 = closed ÷ registered). */
export const CITY_RECORD = { cases: 26_682, completionRate: 0.991 } as const;

/** How many of a history's cases stay open at its end: the fewest closed that still show the rate. */
export interface HistoryPlan { closed: number; open: number }
export function planHistory(cases: number, completionRate: number): HistoryPlan {
  const closed = Math.round(cases * completionRate);
  return { closed, open: cases - closed };
}

const POOR_COMMENTS = ["窗口人员态度生硬", "等候时间太长", "多次往返才办成", "告知不清楚，材料跑了两趟"];
const GOOD_COMMENTS = ["办事效率高", "服务热情周到", "一次办好，很方便", "在村里就办了，不用跑城里"];
const COMPLAINTS = ["办件超过承诺时限仍未办结", "窗口工作人员服务态度差", "要求提供目录以外的材料", "多次来电无人答复", "代办员未按时送达办理结果"];
const EVALUATION_CHANNELS = weighted(["WINDOW", "WEB", "INTEGRATION"], [0.55, 0.4, 0.05]);
const RATINGS = weighted([5, 4, 3, 2, 1], [0.78, 0.15, 0.045, 0.018, 0.007]);
const COMPLAINT_CHANNELS = weighted(["HOTLINE", "WEB", "BOX", "WINDOW"], [0.45, 0.3, 0.1, 0.15]);

/** First and last day (China time) of the three years of history that end at `until`. */
export function historySpan(until: Date): [string, string] {
  const last = chinaDate(until);
  return [fromDayNumber(dayNumber(last) - 3 * 365), last];
}

export class CaseGenerator {
  readonly stats = { kinds: new Map<string, number>(), statuses: new Map<string, number>() };
  done = 0;
  private readonly r: Prng;
  private readonly until: number;
  private readonly days: string[] = []; // the working days of the history, and how many cases each gets
  private readonly perDay: number[] = [];
  private readonly pools = new Map<string, (r: number) => Item>(); // by path and item level
  private readonly village: (r: number) => Point;
  private readonly township: (r: number) => Point;
  private readonly city: Point;
  private batch!: Batch;
  private dayIndex = 0; // the day being filled is days[dayIndex - 1]: its registration instants, and how many are used
  private dayTimes: number[] = [];
  private daySeq = 0;
  private nextId: number;
  private elapsedToday = 1;
  private closedAt = 0; // when the last case made was closed (its CLOSED event)
  private lastState!: CaseState;
  private evaluations = 0;
  private rectifications = 0;
  private complaints = 0;

  /** `cal` must cover the three years up to `until` (and runs faster precomputed: FastCalendar in cases-cli.ts). */
  constructor(private readonly net: Network, private readonly cal: WorkingCalendar, private readonly v: Values, readonly total: number, seed: number, until: Date, firstId: number, private readonly counters: Map<string, number>, private readonly key: RecordsKey, private readonly history: HistoryPlan | null = null, private feedPosition = 0) {
    this.r = new Prng(seed);
    this.until = until.getTime();
    this.nextId = firstId;
    const [first, last] = historySpan(until);
    // Registrations per working day: slow growth over the years, Mondays busiest, today only until `until`.
    const minute = Math.floor(((this.until + CN) % DAY) / 60_000);
    this.elapsedToday = (Math.min(Math.max(minute - 510, 0), 210) + Math.min(Math.max(minute - 870, 0), 180)) / 390;
    const weights: number[] = [];
    for (let d = dayNumber(first); d <= dayNumber(last); d++) {
      const day = fromDayNumber(d);
      if (!this.cal.isWorkday(day)) continue;
      this.days.push(day);
      weights.push((0.85 + (0.3 * (d - dayNumber(first))) / (3 * 365)) * (WEEKDAY_LOAD[weekdayOf(day)] || 1) * (day === last ? this.elapsedToday : 1));
    }
    const sum = weights.reduce((a, b) => a + b, 0);
    let acc = 0, given = 0;
    for (const w of weights) {
      acc += w;
      const upTo = Math.round((acc / sum) * total);
      this.perDay.push(upTo - given);
      given = upTo;
    }
    // Item popularity is skewed (a few items make most of the work), as at any service centre.
    for (const [path] of PATHS) {
      for (const level of ["CITY", "TOWNSHIP"]) {
        const items = this.r.shuffle(net.items.filter((i) => i.level === level && this.fits(i, path)));
        if (items.length) this.pools.set(`${path}:${level}`, weighted(items, items.map((_, k) => 1 / (k + 1) ** 0.9)));
      }
    }
    const points = [...net.points.values()];
    const villages = points.filter((p) => p.level === "VILLAGE");
    this.village = weighted(villages, villages.map(() => 0.5 + this.r.next()));
    const townships = points.filter((p) => p.level === "TOWNSHIP");
    this.township = weighted(townships, townships.map((t) => villages.filter((p) => p.parentId === t.id).length));
    this.city = points.find((p) => p.level === "CITY")!;
  }

  private fits(item: Item, path: Path): boolean {
    switch (path) {
      case "JOINT": return item.defaultKind === "JOINT" && (this.net.coDepartments.get(item.id)?.length ?? 0) > 0;
      case "REPORTED_UP": return item.defaultKind === "REPORTED_UP" && !!item.higherAuthority;
      case "RETURNED": return item.defaultKind !== "IMMEDIATE";
      case "SUPPLEMENT": return ["COMMITTED", "IMMEDIATE"].includes(item.defaultKind) && !!this.net.materials.get(item.id)?.some((m) => m.required);
      default: return item.defaultKind === path;
    }
  }

  /** The next `size` cases (fewer at the end) and every row they left, or null when all are made. */
  next(size: number): Batch | null {
    if (this.done >= this.total) return null;
    this.batch = { case_file: [], case_material: [], case_event: [], decision: [], joint_notice: [], supplement_notice: [], case_pause: [], evaluation: [], rectification: [], complaint: [], fault_record: [], case_counter: [], case_change: [], feed_counter: [] };
    for (let n = 0; n < size && this.done < this.total; n++, this.done++) {
      while (this.daySeq >= this.dayTimes.length) this.startDay();
      const day = this.days[this.dayIndex - 1];
      const id = this.nextId++, number = formatCaseNumber(REGION_CODE, day.replaceAll("-", ""), (this.counters.get(day) ?? 0) + ++this.daySeq), at = this.dayTimes[this.daySeq - 1];
      if (!this.history) {
        this.count(this.makeCase(id, number, at));
        continue;
      }
      // The history's plan (§2): the last `open` cases stay open at `until`, every other one is closed.
      // A timeline that does not fit is taken back and drawn again (same number and instant, next draws).
      const wantOpen = this.done >= this.total - this.history.open;
      const marks = Object.fromEntries(Object.entries(this.batch).map(([t, rows]) => [t, rows.length])) as Record<keyof Batch, number>;
      const feedMark = this.feedPosition;
      for (let attempt = 1; ; attempt++) {
        const row = this.makeCase(id, number, at);
        if ((row[F.status] !== "CLOSED") === wantOpen) {
          this.count(row);
          if (!wantOpen) this.aftercare();
          break;
        }
        for (const [t, length] of Object.entries(marks)) this.batch[t as keyof Batch].length = length;
        this.feedPosition = feedMark;
        if (attempt === 500) throw new Error(`history plan: case ${number} could not be made ${wantOpen ? "open" : "closed"} at ${new Date(this.until).toISOString()}`);
      }
    }
    this.counterRow();
    this.batch.feed_counter.push(["caseChanges", this.feedPosition]);
    return this.batch;
  }

  private count(row: Row): void {
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    count(this.stats.statuses, row[F.status] as string);
    count(this.stats.kinds, (row[F.kind] as string) ?? "(none)");
  }

  /** C1: the day's counter row (written as an upsert), so that new registrations continue the sequence. */
  private counterRow(): void {
    const day = this.days[this.dayIndex - 1];
    if (this.daySeq > 0) this.batch.case_counter.push([day.replaceAll("-", ""), (this.counters.get(day) ?? 0) + this.daySeq]);
  }

  private startDay(): void {
    if (this.dayIndex > 0) this.counterRow();
    const day = this.days[this.dayIndex];
    const n = this.perDay[this.dayIndex++];
    const start = dayNumber(day) * DAY - CN;
    const span = day === dayOf(this.until) ? this.elapsedToday * 390 : 390;
    this.dayTimes = Array.from({ length: n }, () => this.officeInstant(start, span)).sort((a, b) => a - b);
    this.daySeq = 0;
  }

  /** An instant in office hours (08:30–12:00, 14:30–17:30 China time), within the first `span` minutes of them. */
  private officeInstant(dayStart: number, span = 390): number {
    const m = this.r.next() * span;
    return dayStart + Math.floor(((m < 210 ? 510 + m : 660 + m) * 60_000));
  }

  private after(prev: number, workdays: number): number {
    if (workdays === 0) {
      const t = prev + Math.floor((3 + this.r.next() * 60) * 60_000);
      if ((t + CN) % DAY >= 8.5 * 3_600_000 && (t + CN) % DAY < 18 * 3_600_000) return t; // a few minutes later, office hours
      workdays = 1;
    }
    const day = this.cal.addWorkingDays(dayOf(prev), workdays);
    return this.officeInstant(dayNumber(day) * DAY - CN);
  }

  private person(): [string, string, string] {
    const r = this.r;
    const male = r.chance(0.5);
    const chars = GIVEN_CHARS[male ? 0 : 1];
    let given = r.pick(chars);
    if (r.chance(0.75)) { const c = r.pick(chars); if (c !== given) given += c; }
    const name = SURNAMES[Math.floor(r.next() ** 1.5 * SURNAMES.length)] + given;
    const body = (r.chance(0.85) ? "421081" : r.pick(OTHER_REGIONS)) + (1940 + r.int(0, 65)) + pad(r.int(1, 12), 2) + pad(r.int(1, 28), 2) + pad(r.int(0, 49) * 2 + (male ? 1 : 2), 3).slice(-3);
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += ID_WEIGHTS[i] * (body.charCodeAt(i) - 48);
    return [name, body + "10X98765432"[sum % 11], r.pick(MOBILE_PREFIXES) + pad(r.int(0, 99_999_999), 8)];
  }

  private staffAt(pointId: number, s: CaseState): Person {
    return this.net.points.get(pointId)!.level === "CITY" ? this.net.atWindow.get(s.windowId)! : this.net.atPoint.get(pointId)!;
  }

  private emit(s: CaseState, type: CaseEventType, at: number, actor: Person | null, summary: string, data: object, bump = 1, from: number | null = null, to: number | null = null): void {
    if (at > this.until) throw STOP;
    const json = JSON.stringify(data);
    const label = actor ? actor.label : "系统";
    const hash = eventHash(this.key, { prevHash: s.hash, caseNumber: s.number, seq: ++s.seq, type, at: new Date(at), actorId: actor?.id ?? null, actorLabel: label, fromPointId: from, toPointId: to, summary, data: json });
    this.batch.case_event.push([s.id, s.seq, type, this.v.time(at), actor?.id ?? null, label, from, to, summary, json, s.hash, hash]);
    // Its change-feed row, as runCaseAct writes one for every entry (no webhook deliveries: a history predates the endpoints).
    const status = STATUS_AFTER[type];
    if (!status) throw new Error(`historical cases: no status after ${type}`);
    this.batch.case_change.push([++this.feedPosition, s.id, s.number, s.seq, type, status, this.v.time(at)]);
    s.hash = hash;
    s.row[F.version] = s.version += bump;
  }

  private makeCase(id: number, number: string, at: number): Row {
    const r = this.r, net = this.net;
    let u = r.next(), path: Path = "COMMITTED";
    for (const [p, share] of PATHS) if ((u -= share) < 0) { path = p; break; }
    const tier = r.next();
    const registered = tier < 0.4 ? this.village(r.next()) : tier < 0.7 ? this.township(r.next()) : this.city;
    const township = registered.level === "VILLAGE" ? net.points.get(registered.parentId!)! : registered.level === "TOWNSHIP" ? registered : null;
    const local = township && r.chance(0.65) ? this.pools.get(`${path}:TOWNSHIP`) : undefined;
    const item = (local ?? this.pools.get(`${path}:CITY`)!)(r.next());
    const day = dayOf(at);
    const handled = township && (item.level === "TOWNSHIP" || (net.handleFrom.get(`${township.id}:${item.id}`) ?? "9999") <= day);
    const handling = handled ? township : this.city;
    const window = net.windowOf.get(`${handling.id}:${item.id}`)!;
    const registrar = registered.level === "CITY" ? net.atWindow.get(window.id)! : net.atPoint.get(registered.id)!;
    const [name, idNumber, phone] = this.person();
    const queryCode = Array.from({ length: 6 }, () => QUERY_ALPHABET[r.int(0, 31)]).join("");
    const row: Row = [id, number, item.id, null, "REGISTERED", name, idNumber, phone, this.v.time(at), registrar.id, registered.id, registered.id, handling.id, window.id, registered.id === handling.id ? day : null,
      null, null, null, null, null, null, null, null, null, null, null, null, queryCode, 1, this.v.bool(false), this.v.bool(false), this.v.bool(false)];
    const s: CaseState = { id, number, item, registrar, registered, handling, windowId: window.id, seq: 0, hash: GENESIS, version: 1, row };
    this.lastState = s;
    this.batch.case_file.push(row);
    const decisionsBefore = this.batch.decision.length;
    try {
      this.timeline(s, path, at, window);
    } catch (error) {
      if (error !== STOP) throw error;
    }
    // The case row's seal over its head, count, state and decision, as appendCaseEvent leaves it (modules/records).
    const d = this.batch.decision.slice(decisionsBefore).find((x) => x[0] === id);
    const seal = sealColumns(this.key, {
      number, itemId: item.id, kind: row[F.kind] as string | null, status: row[F.status] as string, applicantName: name, applicantIdNumber: idNumber, applicantPhone: phone,
      acceptedOn: row[F.acceptedOn] as string | null, limitDays: row[F.limitDays] as number | null, deadline: row[F.deadline] as string | null, forwardedTo: row[F.forwardedTo] as string | null,
      returnCategory: row[F.returnCategory] as string | null, outcome: row[F.outcome] as string | null, decidedAt: row[F.decidedAt] as string | null, deliveredVia: row[F.via] as string | null, closedAt: row[F.closedAt] as string | null,
    }, d ? { outcome: d[1] as string, reason: d[2] as string | null, decidedById: d[3] as number | null, letterId: d[4] as number | null, sealCode: d[5] as string | null, decidedAt: d[6] as string } : null, s.hash, s.seq);
    row.push(seal.recordsHead, seal.recordsCount, seal.recordsState, seal.recordsSeal);
    return row;
  }

  /** Who answers for the unit that handled the case: the department's section chief, or the township clerk. */
  private unitPerson(s: CaseState): Person {
    return s.handling.level === "CITY" ? this.net.chief.get(s.item.departmentId)! : this.net.atPoint.get(s.handling.id)!;
  }

  /**
   * What a closed case of the history leaves for the supervisor (S1, S2, S5): most applicants rate it (好差评),
   * a 差评 opens a rectification answered (sometimes late) and checked; a few complain, some upheld.
   */
  private aftercare(): void {
    const r = this.r, s = this.lastState, b = this.batch, v = this.v;
    const unit = this.unitPerson(s);
    const supervisor = this.net.supervisor;
    if (r.chance(0.62)) {
      const channel = EVALUATION_CHANNELS(r.next());
      const at = channel === "WINDOW" ? this.closedAt + r.int(1, 5) * 60_000 : this.after(this.closedAt, r.int(0, 3));
      if (at <= this.until) {
        const rating = RATINGS(r.next());
        const poor = rating <= 2;
        const comment = poor ? r.pick(POOR_COMMENTS) : r.chance(0.15) ? r.pick(GOOD_COMMENTS) : null;
        const evaluationId = ++this.evaluations;
        b.evaluation.push([evaluationId, s.id, rating, comment, channel, v.time(at)]);
        if (poor) {
          const dueOn = this.cal.addWorkingDays(dayOf(at), 15);
          const answered = this.after(at, r.chance(0.9) ? r.int(1, 12) : r.int(16, 22));
          const lateAt = this.officeInstant(dayNumber(this.cal.nextWorkday(dueOn)) * DAY - CN) - 7 * 3_600_000;
          const late = dayOf(answered) > dueOn && lateAt <= this.until;
          const checked = answered <= this.until && supervisor ? this.after(answered, r.int(1, 3)) : Infinity;
          const status = answered > this.until ? "OPEN" : checked <= this.until ? "VERIFIED" : "ANSWERED";
          const id = ++this.rectifications;
          b.rectification.push([id, evaluationId, s.id, s.item.departmentId, s.windowId, status, v.time(at), dueOn, v.bool(this.provisional(dueOn)),
            answered <= this.until ? "已核实情况，向申请人致歉并说明，已对相关人员批评教育。" : null, answered <= this.until ? v.time(answered) : null, answered <= this.until ? unit.id : null,
            status === "VERIFIED" ? "已电话回访申请人，整改属实。" : null, status === "VERIFIED" ? v.time(checked) : null, status === "VERIFIED" ? supervisor!.id : null,
            late ? v.time(lateAt) : null, status === "OPEN" ? 1 : status === "ANSWERED" ? 2 : 3]);
          if (late) b.fault_record.push(["LATE_RECTIFICATION", s.item.departmentId, null, s.id, v.time(lateAt), `办件 ${s.number} 的差评整改应于 ${dueOn} 前反馈，至 ${this.cal.nextWorkday(dueOn)} 未按期整改。`, s.windowId, null, id]);
        }
      }
    }
    if (!supervisor || !r.chance(0.0025)) return;
    const received = this.after(this.closedAt, r.int(0, 10));
    if (received > this.until) return;
    const id = ++this.complaints;
    const channel = COMPLAINT_CHANNELS(r.next());
    const assigned = this.after(received, r.int(0, 1));
    const dueOn = this.cal.addWorkingDays(dayOf(assigned), 10);
    const answered = this.after(assigned, r.int(1, 9));
    const closed = this.after(answered, r.int(1, 3));
    const u = r.next(), outcome = u < 0.35 ? "UPHELD" : u < 0.9 ? "NOT_UPHELD" : "WITHDRAWN";
    const status = assigned > this.until ? "RECEIVED" : answered > this.until ? "ASSIGNED" : closed > this.until ? "ANSWERED" : "CLOSED";
    const upTo = (ms: number, value: unknown) => (ms <= this.until ? value : null);
    const responsible = r.chance(0.5) ? unit : null;
    const registeredBy = channel === "WEB" ? null : channel === "WINDOW" ? s.registrar.id : supervisor.id;
    b.complaint.push([id, complaintNumber(dayOf(received), id), Array.from({ length: 6 }, () => QUERY_ALPHABET[r.int(0, 31)]).join(""), channel, status, s.id, s.windowId, null, null,
      r.pick(COMPLAINTS), null, v.time(received), registeredBy, upTo(assigned, s.item.departmentId), upTo(assigned, s.windowId), upTo(assigned, responsible?.id ?? null), upTo(assigned, v.time(assigned)),
      upTo(assigned, 10), upTo(assigned, dueOn), v.bool(this.provisional(dueOn) && assigned <= this.until), upTo(answered, "已核实并答复投诉人。"), upTo(answered, v.time(answered)), upTo(answered, unit.id),
      upTo(closed, outcome), upTo(closed, outcome === "UPHELD" ? "经核查，投诉属实。" : outcome === "WITHDRAWN" ? "投诉人撤回。" : "经核查，投诉不属实。"), upTo(closed, v.time(closed)), upTo(closed, supervisor.id),
      status === "RECEIVED" ? 1 : status === "ASSIGNED" ? 2 : status === "ANSWERED" ? 3 : 4]);
    if (status === "CLOSED" && outcome === "UPHELD") {
      b.fault_record.push(["UPHELD_COMPLAINT", s.item.departmentId, responsible?.id ?? null, null, v.time(closed), `投诉 ${complaintNumber(dayOf(received), id)} 经核查属实（办件 ${s.number}）。`, s.windowId, id, null]);
    }
  }

  /** A due day counted on a provisional year (no State Council notice on record): its year is past the official ones. */
  private provisional(date: string | null): boolean {
    return date !== null && !this.cal.covers(date);
  }

  private dueText(date: string): string {
    return `${date}${this.provisional(date) ? "（暂定）" : ""}`;
  }

  private timeline(s: CaseState, path: Path, at: number, window: { code: string; name: string }): void {
    const r = this.r, net = this.net, item = s.item, row = s.row, b = this.batch;
    const materials = net.materials.get(item.id) ?? [];
    const required = materials.filter((m) => m.required);
    const missing = path === "SUPPLEMENT" ? r.shuffle(required).slice(0, r.chance(0.7) ? 1 : Math.min(2, required.length)) : [];
    const handedIn = materials.filter((m) => !missing.includes(m) && (m.required || r.chance(0.5)));
    this.emit(s, CaseEventType.REGISTERED, at, s.registrar, eventText.registered({ point: s.registered.name, number: s.number, handlingPoint: s.handling.name, window: window.name }),
      { item: item.code, materials: handedIn.map((m) => m.name), otherDocuments: [], handlingPoint: s.handling.code, window: window.code }, 0);
    for (const m of handedIn) b.case_material.push([s.id, m.id, m.name, this.v.bool(true), this.v.time(at), s.registrar.id]);
    let t = at;
    for (let here = s.registered; here.id !== s.handling.id; ) {
      const up = net.points.get(here.parentId!)!;
      t = this.after(t, here.level === "VILLAGE" ? (r.chance(0.5) ? 0 : 1) : r.int(0, 2));
      this.emit(s, CaseEventType.HANDED_OVER, t, this.staffAt(here.id, s), eventText.handedOver({ from: here.name, to: up.name, paperCount: handedIn.length }), { receipt: handedIn.map((m) => m.name), note: null }, 1, here.id, up.id);
      row[F.current] = up.id;
      if (up.id === s.handling.id) row[F.receivedOn] = dayOf(t);
      here = up;
    }
    const handler = this.staffAt(s.handling.id, s);
    t = this.after(t, r.chance(0.8) ? 0 : 1);
    const pauses: { startedOn: string; endedOn: string | null }[] = [];
    if (path === "RETURNED") {
      const [category, reason] = RETURNS[r.int(0, RETURNS.length - 1)];
      this.emit(s, CaseEventType.RETURNED, t, handler, eventText.returned({ reason }), { category, reason });
      Object.assign(row, { [F.kind]: "RETURNED", [F.status]: "DECIDED", [F.outcome]: "RETURNED", [F.returnCategory]: category, [F.returnReason]: reason, [F.decidedAt]: this.v.time(t) });
      b.decision.push([s.id, "RETURNED", reason, handler.id, null, null, this.v.time(t)]);
    } else {
      let kind = path as CaseKind, previous: CaseKind | null = null;
      if (path === "SUPPLEMENT") {
        const names = missing.map((m) => m.name);
        this.emit(s, CaseEventType.SUPPLEMENT_REQUESTED, t, handler, eventText.supplementRequested({ missing: names, defects: [] }), { missing: names });
        Object.assign(row, { [F.kind]: "SUPPLEMENT", [F.status]: "SUPPLEMENT" });
        const notice: Row = [s.id, JSON.stringify(names), JSON.stringify(missing.map((m) => m.id)), this.v.time(t), handler.id, null];
        const pause: Row = [s.id, "SUPPLEMENT", recordText.supplementPauseNote, dayOf(t), null, handler.id];
        b.supplement_notice.push(notice);
        b.case_pause.push(pause);
        t = this.after(t, r.int(1, 8));
        this.emit(s, CaseEventType.SUPPLEMENT_COMPLETED, t, handler, eventText.supplementCompleted({ materials: names }), { materials: names }, 0);
        for (const m of missing) b.case_material.push([s.id, m.id, m.name, this.v.bool(true), this.v.time(t), handler.id]);
        notice[5] = this.v.time(t);
        pause[4] = dayOf(t);
        pauses.push({ startedOn: pause[3] as string, endedOn: pause[4] as string });
        kind = item.defaultKind === "IMMEDIATE" ? CaseKind.COMMITTED : (item.defaultKind as CaseKind);
        previous = CaseKind.SUPPLEMENT;
      }
      const today = dayOf(t);
      const limitDays = limitDaysFor(kind, item.promisedLimitDays);
      // As the app: a deadline that reaches a year without the State Council's notice is counted on the
      // provisional year and marked (the calendar's years are contiguous, so the due day's year tells).
      const deadline = computeDeadline({ acceptedOn: today, limitDays, extensionDays: 0, pauses }, this.cal).date!;
      const forwardDue = kind === "REPORTED_UP" ? this.cal.addWorkingDays(today, FORWARD_DAYS) : null;
      const dueOn = kind === "JOINT" ? this.cal.addWorkingDays(today, JOINT_OPINION_DAYS) : null;
      this.emit(s, CaseEventType.ACCEPTED, t, handler, eventText.accepted({ day: today, kind, previousKind: previous, limitDays, deadline, provisional: this.provisional(deadline) }), { kind, from: previous, acceptedOn: today, limitDays, deadline, ...(this.provisional(deadline) ? { deadlineProvisional: true } : {}) }, 2);
      Object.assign(row, {
        [F.kind]: kind, [F.status]: "IN_REVIEW", [F.acceptedOn]: today, [F.limitDays]: limitDays, [F.deadline]: deadline, [F.forwardDue]: forwardDue,
        [F.deadlineProvisional]: this.v.bool(this.provisional(deadline)), [F.forwardDueProvisional]: this.v.bool(this.provisional(forwardDue)),
      });
      if (kind === "REPORTED_UP") {
        t = this.after(t, r.chance(0.95) ? r.int(0, 3) : r.int(4, 6));
        this.emit(s, CaseEventType.FORWARDED_UP, t, handler, eventText.forwardedUp({ authority: item.higherAuthority }), { authority: item.higherAuthority, due: forwardDue });
        row[F.forwardedTo] = item.higherAuthority;
        if (dayOf(t) > forwardDue!) b.fault_record.push(["LATE_FORWARD", item.departmentId, handler.id, s.id, this.v.time(t), recordText.lateForwardFault(s.number, forwardDue!, dayOf(t)), null, null, null]);
        t = this.after(t, r.int(2, Math.max(3, item.promisedLimitDays - 2)));
        const approved = r.chance(0.93);
        const reply = approved ? "经审查，同意所请" : "经审查，暂不予批准";
        const informDue = this.cal.addWorkingDays(dayOf(t), INFORM_DAYS);
        const outcome = approved ? "HIGHER_APPROVED" : "HIGHER_REFUSED";
        this.emit(s, CaseEventType.HIGHER_REPLY, t, handler, eventText.higherReply({ authority: item.higherAuthority, approved, replyText: reply, informDue, provisional: this.provisional(informDue) }), { approved, replyText: reply, informDue });
        b.decision.push([s.id, outcome, reply, handler.id, null, null, this.v.time(t)]);
        Object.assign(row, { [F.status]: "DECIDED", [F.outcome]: outcome, [F.decidedAt]: this.v.time(t), [F.informDue]: informDue, [F.informDueProvisional]: this.v.bool(this.provisional(informDue)) });
      } else {
        if (kind === "JOINT") t = this.joint(s, t, dueOn!, handler);
        t = this.decide(s, kind, t, today, deadline);
      }
    }
    for (let here = net.points.get(row[F.current] as number)!; here.id !== s.registered.id; ) {
      let down = s.registered;
      while (down.parentId !== here.id) down = net.points.get(down.parentId!)!;
      t = this.after(t, r.chance(0.6) ? 0 : 1);
      this.emit(s, CaseEventType.RESULT_HANDED_BACK, t, this.staffAt(here.id, s), eventText.resultHandedBack({ from: here.name, to: down.name }), {}, 1, here.id, down.id);
      row[F.current] = down.id;
      here = down;
    }
    const via = s.registered.level === "VILLAGE" ? "VILLAGE_AGENT" : r.chance(0.9) ? "WINDOW" : "POST";
    t = this.after(t, r.chance(0.7) ? 0 : r.int(1, 2));
    const informDue = row[F.informDue] as string | null;
    this.emit(s, CaseEventType.CLOSED, t, s.registrar, eventText.closed({ via: via as DeliveryChannel, day: dayOf(t), informDue }), { via });
    this.closedAt = t;
    Object.assign(row, { [F.status]: "CLOSED", [F.closedAt]: this.v.time(t), [F.via]: via });
  }

  /** C3.3: every co-department notified at once; most answer in time, a few stay silent (缺席默许). */
  private joint(s: CaseState, t: number, dueOn: string, handler: Person): number {
    const net = this.net, r = this.r;
    const departments = net.coDepartments.get(s.item.id)!;
    const names = departments.map((d) => net.departments.get(d)!.name);
    this.emit(s, CaseEventType.JOINT_NOTIFIED, t, handler, eventText.jointNotified({ departments: names, dueOn, provisional: this.provisional(dueOn) }), { departments: names, dueOn }, 0);
    const answers = departments.map((d) => {
      const notice: Row = [s.id, d, this.v.time(t), dueOn, null, null, null, null, this.v.bool(this.provisional(dueOn))];
      this.batch.joint_notice.push(notice);
      const silent = r.chance(0.03);
      const at = silent ? this.officeInstant(dayNumber(this.cal.nextWorkday(dueOn)) * DAY - CN) - 7 * 3_600_000 : this.after(t, r.int(0, 5));
      return { d, notice, silent, at, opinion: silent ? "DEEMED_AGREE" : r.chance(0.93) ? "AGREE" : "AGREE_REPORT_UP" };
    }).sort((a, b) => a.at - b.at);
    for (const a of answers) {
      const dept = net.departments.get(a.d)!;
      if (a.silent) {
        const why = jointSilence.late(dueOn);
        this.emit(s, CaseEventType.JOINT_DEEMED_AGREE, a.at, null, eventText.jointDeemedAgree({ department: dept.name, why }), { department: dept.code }, 0);
        this.batch.fault_record.push(["DEEMED_AGREE", a.d, null, s.id, this.v.time(a.at), recordText.jointSilenceFault(dept.name, why), null, null, null]);
      } else {
        this.emit(s, CaseEventType.JOINT_OPINION, a.at, net.chief.get(a.d)!, eventText.jointOpinion({ department: dept.name, opinion: a.opinion as JointOpinionKind }), { department: dept.code, opinion: a.opinion, reasons: null });
        a.notice[7] = net.chief.get(a.d)!.id;
      }
      a.notice[4] = a.opinion;
      a.notice[6] = this.v.time(a.at);
      t = Math.max(t, a.at);
    }
    return t;
  }

  /** A2: decided under the letter in force of the deputy (city) or township clerk; C6 for the few overdue. */
  private decide(s: CaseState, kind: string, t: number, today: string, deadline: string): number {
    const r = this.r, item = s.item, row = s.row;
    const limit = dayNumber(deadline) > dayNumber(today) ? this.cal.workingDaysBetween(today, deadline) : 0;
    const late = kind !== "IMMEDIATE" && r.chance(0.015);
    const days = late ? limit + r.int(1, 5) : Math.max(0, Math.min(limit, Math.floor(limit * r.next() ** 1.8 + r.next())) - this.cal.workingDaysBetween(today, dayOf(t)));
    if (late && item.overdueCountsAsApproval) {
      const at = this.officeInstant(dayNumber(this.cal.nextWorkday(deadline)) * DAY - CN) - 7 * 3_600_000;
      const told = this.dueText(deadline);
      const reason = recordText.deemedApprovalReason(told);
      this.emit(s, CaseEventType.DEEMED_APPROVED, at, null, eventText.deemedApproved({ deadline: told }), { deadline, ...(this.provisional(deadline) ? { deadlineProvisional: true } : {}) });
      this.batch.decision.push([s.id, "DEEMED_APPROVED", reason, null, null, null, this.v.time(at)]);
      this.batch.fault_record.push(["DEEMED_APPROVAL", item.departmentId, null, s.id, this.v.time(at), recordText.deemedApprovalFault(s.number, told), null, null, null]);
      Object.assign(row, { [F.status]: "DECIDED", [F.outcome]: "DEEMED_APPROVED", [F.decidedAt]: this.v.time(at) });
      return at;
    }
    if (late) {
      // C6 for an item without deemed approval: the morning sweep records OVERDUE once (decision.service).
      const swept = this.officeInstant(dayNumber(this.cal.nextWorkday(deadline)) * DAY - CN) - 7 * 3_600_000;
      if (swept <= this.until) this.batch.fault_record.push(["OVERDUE", item.departmentId, null, s.id, this.v.time(swept), recordText.overdueFault(s.number, this.dueText(deadline)), null, null, null]);
    }
    const at = this.after(t, Math.max(0, days));
    const decider = s.handling.level === "CITY" ? this.net.deputy.get(item.departmentId)! : this.net.atPoint.get(s.handling.id)!;
    const letter = (this.net.letters.get(decider.id) ?? []).find((l) => l.departmentId === item.departmentId && l.from <= at && at < l.to && (l.revokedAt === null || l.revokedAt > at) && (l.allItems || l.items.has(item.id)));
    if (!letter) throw new Error(`A2: no authorization letter covers ${item.code} for staff #${decider.id} on ${dayOf(at)}`);
    const approve = !r.chance(kind === "IMMEDIATE" ? 0.01 : 0.03);
    const reason = approve ? null : REFUSALS[r.int(0, REFUSALS.length - 1)];
    const outcome = approve ? "APPROVED" : "REFUSED";
    this.emit(s, CaseEventType.DECIDED, at, decider, eventText.decided({ approve, reason, letter: letter.number, sealName: letter.sealName, sealCode: letter.sealCode }), { outcome, letter: letter.number, seal: letter.sealCode });
    this.batch.decision.push([s.id, outcome, reason, decider.id, letter.id, letter.sealCode, this.v.time(at)]);
    Object.assign(row, { [F.status]: "DECIDED", [F.outcome]: outcome, [F.decidedAt]: this.v.time(at) });
    return at;
  }
}
