import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { repoRoot } from "../../server/src/config";
import { startScheduler } from "../../server/src/modules/cases/scheduler";
import { startTestApp, type TestApp } from "../support/app";
import { act, itemFixture, register } from "../support/cases";
import { CASE_TEST_CONFIG, sessions, setDay } from "../support/case-steps";
import { closedCase } from "../support/supervision";

// Monday 2026-11-02, 10:00 in Shishou; two weeks later (10 working days, no holiday in between).
const MONDAY = new Date("2026-11-02T02:00:00Z");
const TWO_WEEKS_LATER = "2026-11-16T02:00:00Z";
const CITY_ONLY = `i.level = 'CITY' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)`;
const OVERDUE_ITEM = `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."overdueCountsAsApproval" = TRUE AND i."promisedLimitDays" <= 5`;
const SWEEP = `mutation { runDeadlineSweep { deemedAgree deemedAcceptance deemedApproval overdue lateRectifications abandoned followUpDraws } }`;

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.app.services.db.manager.query(sql, params);
  return Number(row.n);
}

const caseId = async (t: TestApp, number: string) => Number((await t.app.services.db.manager.query(`SELECT id FROM case_file WHERE number = '${number}'`))[0].id);

/** Registers and accepts `n` cases of an item, due 5 working days on (five at a time). */
async function acceptedCases(t: TestApp, n: number, where = OVERDUE_ITEM): Promise<string[]> {
  const item = await itemFixture(t, where);
  const clerk = await t.as(item.windowCode.toLowerCase());
  const one = async () => {
    const number = (await register(clerk, item.code, item.materialIds)).registerCase.case.number;
    const accepted = await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" });
    expect(accepted.userErrors).toEqual([]);
    return number as string;
  };
  const numbers: string[] = [];
  while (numbers.length < n) numbers.push(...(await Promise.all(Array.from({ length: Math.min(5, n - numbers.length) }, one))));
  return numbers;
}

describe("the scheduler acts once per case: deemed agreement, acceptance and approval", () => {
  const clock = new ManualClock(MONDAY);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it("sweeping twice (the admin's mutation, then the scheduler) does each act once", async () => {
    const jointItem = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'JOINT' AND i."overdueCountsAsApproval" = FALSE AND (SELECT count(*) FROM item_co_department c WHERE c."itemId" = i.id) >= 2`);
    const quietItem = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."overdueCountsAsApproval" = FALSE AND i."promisedLimitDays" >= 15`);

    const jointClerk = await t.as(jointItem.windowCode.toLowerCase());
    const joint = (await register(jointClerk, jointItem.code, jointItem.materialIds)).registerCase.case.number;
    const accepted = await act(jointClerk, "acceptCase", { caseNumber: joint, kind: "JOINT" });
    expect(accepted.userErrors).toEqual([]);
    const coDepartments: string[] = accepted.case.jointNotices.map((n: { department: { code: string } }) => n.department.code);
    expect(coDepartments.length).toBeGreaterThanOrEqual(2);

    const [overdue] = await acceptedCases(t, 1);
    const quietClerk = await t.as(quietItem.windowCode.toLowerCase());
    const unaccepted = (await register(quietClerk, quietItem.code, quietItem.materialIds)).registerCase.case.number;

    // Nothing is due yet but the follow-up draw of the week before (S6; no case closed then).
    const scheduler = startScheduler(t.app.services, { intervalMs: 0 });
    expect(await scheduler.runOnce()).toEqual({ deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0, abandoned: 0, followUpDraws: 1 });

    clock.set(new Date(TWO_WEEKS_LATER));
    const admin = await t.as("admin");
    // Both sweeps at once (no lock between the mutation and the scheduler): each act is done by one of them.
    const [viaAdmin, viaScheduler] = await Promise.all([admin.ok(SWEEP), scheduler.runOnce()]);
    const sum = (key: "deemedAgree" | "deemedAcceptance" | "deemedApproval" | "followUpDraws") => viaAdmin.runDeadlineSweep[key] + viaScheduler[key];
    expect({ deemedAgree: sum("deemedAgree"), deemedAcceptance: sum("deemedAcceptance"), deemedApproval: sum("deemedApproval"), followUpDraws: sum("followUpDraws") }).toEqual({
      deemedAgree: coDepartments.length,
      deemedAcceptance: 1,
      deemedApproval: 1,
      followUpDraws: 1, // the week of 2026-11-09, by one of the two
    });
    // And again, one after the other: nothing left to do.
    expect((await admin.ok(SWEEP)).runDeadlineSweep).toEqual({ deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0, abandoned: 0, followUpDraws: 0 });
    expect(await scheduler.runOnce()).toEqual({ deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0, abandoned: 0, followUpDraws: 0 });
    await scheduler.stop();

    // C3.3: one DEEMED_AGREE per silent co-department, each with one fault record against it.
    const jointId = await caseId(t, joint);
    expect(await count(t, `SELECT count(*) AS n FROM joint_notice WHERE "caseId" = ${jointId} AND opinion = 'DEEMED_AGREE'`)).toBe(coDepartments.length);
    expect(await count(t, `SELECT count(*) AS n FROM case_event WHERE "caseId" = ${jointId} AND type = 'JOINT_DEEMED_AGREE'`)).toBe(coDepartments.length);
    const faults: { code: string }[] = await t.app.services.db.manager.query(
      `SELECT d.code FROM fault_record f JOIN department d ON d.id = f."departmentId" WHERE f."caseId" = ${jointId} AND f.kind = 'DEEMED_AGREE' ORDER BY d.code`,
    );
    expect(faults.map((f) => f.code)).toEqual([...coDepartments].sort());

    // C6: one deemed approval, one fault record, one event.
    const overdueId = await caseId(t, overdue);
    expect(await count(t, `SELECT count(*) AS n FROM decision WHERE "caseId" = ${overdueId} AND outcome = 'DEEMED_APPROVED'`)).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM fault_record WHERE "caseId" = ${overdueId} AND kind = 'DEEMED_APPROVAL'`)).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM case_event WHERE "caseId" = ${overdueId} AND type = 'DEEMED_APPROVED'`)).toBe(1);
    expect(await count(t, `SELECT count(*) AS n FROM decision WHERE outcome = 'DEEMED_APPROVED'`)).toBe(1);

    // Art. 32: accepted as of the day of receipt, by the system.
    const clerkNow = await t.as(quietItem.windowCode.toLowerCase()); // the first session went idle two weeks ago
    const { case: quiet } = await clerkNow.ok(`query($n: String!) { case(number: $n) { status acceptedOn events { type actorLabel } } }`, { n: unaccepted });
    expect(quiet).toMatchObject({ status: "IN_REVIEW", acceptedOn: "2026-11-02" });
    const deemed = quiet.events.filter((e: { type: string }) => e.type === "DEEMED_ACCEPTANCE");
    expect(deemed).toEqual([{ type: "DEEMED_ACCEPTANCE", actorLabel: "系统" }]);
    expect(await count(t, `SELECT count(*) AS n FROM follow_up_draw`)).toBe(2); // 2026-10-26 and 2026-11-09; 11-02 was never a "last week"
  });
});

describe("the scheduler draws the follow-up sample (S6) once a week, at most two cases per unit", () => {
  // Tuesday 2026-11-10, 10:00 China time: cases close this week, in two windows (three in A, one in B).
  const clock = new ManualClock(new Date("2026-11-10T02:00:00Z"));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
  });
  afterAll(() => t.close());

  it("draws last week's sample on the first sweep of a week, never again that week, and the next week's the week after", async () => {
    const as = sessions(() => t);
    const a = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    const b = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND w.code <> '${a.windowCode}'`);
    const inA = [await closedCase(as, a), await closedCase(as, a), await closedCase(as, a)];
    const inB = [await closedCase(as, b)];
    const scheduler = startScheduler(t.app.services, { intervalMs: 0 });
    const sweep = async () => (await scheduler.runOnce()).followUpDraws;
    const visits = () =>
      t.app.services.db.manager.query(
        `SELECT d.week AS week, w.code AS "window", c.number AS number FROM follow_up_visit v JOIN follow_up_draw d ON d.id = v."drawId" JOIN service_window w ON w.id = v."windowId" JOIN case_file c ON c.id = v."caseId" ORDER BY d.week, w.code, c.number`,
      ) as Promise<{ week: string; window: string; number: string }[]>;

    expect(await sweep()).toBe(1); // the week before (2026-11-02), nothing closed in it
    expect(await visits()).toEqual([]);
    setDay(clock, "2026-11-15", "23:00:00"); // Sunday: the cases' week is not over
    expect(await sweep()).toBe(0);

    setDay(clock, "2026-11-16", "00:30:00"); // Monday, just after midnight China time
    expect(await sweep()).toBe(1);
    const drawn = await visits();
    const ofA = drawn.filter((v) => v.window === a.windowCode);
    const ofB = drawn.filter((v) => v.window === b.windowCode);
    expect(ofA).toHaveLength(2); // two of A's three
    expect(ofA.every((v) => v.week === "2026-11-09" && inA.some((c) => c.number === v.number))).toBe(true);
    expect(ofB).toEqual([{ week: "2026-11-09", window: b.windowCode, number: inB[0].number }]);
    expect(drawn).toHaveLength(3);

    // Later that week, in this process and through the admin's mutation: nothing more.
    for (const day of ["2026-11-16", "2026-11-18", "2026-11-22"]) {
      setDay(clock, day, "22:00:00");
      expect(await sweep()).toBe(0);
    }
    expect((await (await as("admin")).ok(SWEEP)).runDeadlineSweep.followUpDraws).toBe(0);
    expect(await visits()).toEqual(drawn);

    // The supervisor drew the next week by hand before the sweep: the sweep leaves it.
    setDay(clock, "2026-11-23", "08:00:00");
    const manual = await (await as("supervisor")).ok(`mutation { drawFollowUps(input: {}) { draw { week } userErrors { reason } } }`);
    expect(manual.drawFollowUps).toEqual({ draw: { week: "2026-11-16" }, userErrors: [] });
    expect(await sweep()).toBe(0);
    setDay(clock, "2026-11-30");
    expect(await sweep()).toBe(1);
    await scheduler.stop();
    const weeks = await t.app.services.db.manager.query(`SELECT week, "drawnById" AS "drawnById" FROM follow_up_draw ORDER BY week`);
    expect(weeks.map((w: { week: string; drawnById: number | null }) => [w.week, w.drawnById === null ? "scheduler" : "staff"])).toEqual([
      ["2026-11-02", "scheduler"],
      ["2026-11-09", "scheduler"],
      ["2026-11-16", "staff"],
      ["2026-11-23", "scheduler"],
    ]);
    expect(await visits()).toEqual(drawn); // no case closed after the first week
  });
});

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
if (!onPostgres) {
  console.info("[scheduler.test] skipped: two server processes on one database need PostgreSQL (run with DATABASE_URL=postgres://…).");
}

const MAIN = path.join(repoRoot, "server/dist/server/src/main.js");

interface Proc {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

function startServer(schema: string, recordsKey: string, lock: "on" | "off", intervalMs: number): Proc {
  const child = spawn(process.execPath, [MAIN], {
    cwd: repoRoot,
    env: { ...process.env, PG_SCHEMA: schema, RECORDS_KEY: recordsKey, PORT: "0", SCHEDULER_INTERVAL_MS: String(intervalMs), SCHEDULER_LOCK: lock, BIANMIN_FIXED_TIME: TWO_WEEKS_LATER, SEED_DEMO: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc: Proc = { child, output: "", exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
  child.stdout!.on("data", (chunk) => (proc.output += chunk));
  child.stderr!.on("data", (chunk) => (proc.output += chunk));
  return proc;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What one process did, from its log: sweeps run and skipped, and deemed approvals it made. */
function figures(p: Proc) {
  const stopped = /\[scheduler\] stopped: (\d+) sweeps, (\d+) skipped/.exec(p.output);
  const approvals = [...p.output.matchAll(/deemed approval (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { sweeps: Number(stopped?.[1] ?? NaN), skipped: Number(stopped?.[2] ?? NaN), approvals };
}

/** The newest modification time of the server's sources (to build only when dist is stale). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

describe.skipIf(!onPostgres)("two server processes on one PostgreSQL database", () => {
  const N = 30;
  const STALE_ITEM = `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" <= 5`;
  const procs: Proc[] = [];
  let t: TestApp;

  beforeAll(async () => {
    // The processes run the built server: build it unless dist is newer than every source.
    const sources = Math.max(newestSource(path.join(repoRoot, "server/src")), newestSource(path.join(repoRoot, "migrations")));
    if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < sources) {
      const build = spawnSync("npm", ["run", "build", "-w", "server"], { cwd: repoRoot, encoding: "utf8" });
      // tsc still emits when some other file has a type error; the typecheck job reports those.
      if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < sources) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);
      if (build.status !== 0) console.warn(`[scheduler.test] tsc reported errors; running its output anyway:\n${build.stdout.slice(-2000)}`);
    }
    t = await startTestApp({ clock: new ManualClock(MONDAY) });
  }, 180_000);

  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    await t?.close();
  });

  // Without the lock, ticks every 50 ms make both processes meet the cases in the same sweep.
  for (const [lock, intervalMs] of [["on", 200], ["off", 50]] as const) {
    it(`deems each overdue case approved exactly once (advisory lock ${lock}, a tick every ${intervalMs} ms)`, async () => {
      const em = t.app.services.db.manager;
      const item = await itemFixture(t, STALE_ITEM);
      // The cases are overdue from the start, but become eligible only once both processes run,
      // all at the same moment, so that both sweeps meet them (and, without the lock, race).
      await em.query(`UPDATE service_item SET "overdueCountsAsApproval" = FALSE WHERE code = $1`, [item.code]);
      const numbers = await acceptedCases(t, N, `i.code = '${item.code}'`);
      const ids = (await Promise.all(numbers.map((n) => caseId(t, n)))).join(",");
      const pair = [0, 1].map(() => startServer(t.app.services.config.pgSchema!, t.app.services.config.recordsKey!, lock, intervalMs));
      procs.push(...pair);
      await until("both servers to listen", () => pair.every((p) => p.output.includes("is serving")), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500)); // both have ticked with nothing to do
      await em.query(`UPDATE service_item SET "overdueCountsAsApproval" = TRUE WHERE code = $1`, [item.code]);
      await until(`${N} deemed approvals`, async () => (await count(t, `SELECT count(*) AS n FROM decision WHERE "caseId" IN (${ids})`)) === N, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // more ticks, with nothing left to do
      for (const p of pair) p.child.kill("SIGTERM");
      expect(await Promise.all(pair.map((p) => p.exited))).toEqual([0, 0]);

      expect(await count(t, `SELECT count(*) AS n FROM decision WHERE "caseId" IN (${ids}) AND outcome = 'DEEMED_APPROVED'`)).toBe(N);
      expect(await count(t, `SELECT count(*) AS n FROM fault_record WHERE "caseId" IN (${ids}) AND kind = 'DEEMED_APPROVAL'`)).toBe(N);
      expect(await count(t, `SELECT count(*) AS n FROM case_event WHERE "caseId" IN (${ids}) AND type = 'DEEMED_APPROVED'`)).toBe(N);
      expect(await count(t, `SELECT count(DISTINCT "caseId") AS n FROM case_event WHERE "caseId" IN (${ids}) AND type = 'DEEMED_APPROVED'`)).toBe(N);
      expect(await count(t, `SELECT count(*) AS n FROM case_file WHERE id IN (${ids}) AND status = 'DECIDED' AND outcome = 'DEEMED_APPROVED'`)).toBe(N);

      const [a, b] = pair.map(figures);
      console.info(`[scheduler.test] lock ${lock}: ${N} cases; process A ${a.sweeps} sweeps + ${a.skipped} skipped, ${a.approvals} approvals; process B ${b.sweeps} sweeps + ${b.skipped} skipped, ${b.approvals} approvals; duplicates 0`);
      if (process.env.SCHEDULER_TEST_DEBUG) console.info(pair.map((p) => p.output).join("\n----\n"));
      for (const f of [a, b]) expect(f.sweeps + f.skipped).toBeGreaterThanOrEqual(3);
      expect(a.approvals + b.approvals).toBe(N); // each act counted by the process whose transaction committed it
      expect(pair.map((p) => p.output).join("")).not.toMatch(/sweep failed/);
    }, 90_000);
  }
});
