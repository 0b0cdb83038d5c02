/**
 * Crash safety of payments (F3, F4; issue 7 §3): the built server takes a payment load and is
 * SIGKILLed 10 times at random moments, then restarted. A client retries a request whose answer it
 * never got with the same idempotency key (as the SPA does). Afterwards every acknowledged payment
 * (HTTP 200 with a ticket number) exists with exactly that one ticket (a few are voided on the way:
 * voided, their numbers stay taken), no ticket lacks its payment,
 * no case was paid twice, the book's numbers run without gap or duplicate, the hash chains verify,
 * and SQLite's integrity_check is ok. Runs on the engine of the run (SQLite file, or a PostgreSQL
 * schema of its own with DATABASE_URL).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { repoRoot } from "../../server/src/config";
import { accountForNumbers } from "../../server/src/modules/fees/fee-arithmetic";
import { recordsKeyOf } from "../../server/src/modules/records/records-key";
import { openSqlite } from "../../server/src/modules/records/records-tools";
import { verifyAllRecords } from "../../server/src/modules/records/records.service";
import { DEMO_PASSWORD } from "../../server/src/seed/demo-data";
import { startTestApp, testEngine, type TestApp } from "../support/app";
import { act, itemFixture, register } from "../support/cases";

const AT = "2026-11-26T02:00:00Z"; // Thursday 10:00 in Shishou: both the preparing app and the server stand here
const KILLS = 10;
const CASES = 160;
const WORKERS = 6;
const VOIDS = 5; // tickets voided during the load (c50 asks, the admin approves): their numbers stay taken
const MAIN = path.join(repoRoot, "server/dist/server/src/main.js");
const FEE_ITEM = `i.level = 'CITY' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)
  AND EXISTS (SELECT 1 FROM fee_standard f WHERE f."itemId" = i.id AND f."supersededFrom" IS NULL AND f."effectiveFrom" <= '2026-11-26')`;
const REQUEST_VOID = `mutation($input: RequestTicketVoidInput!) { requestTicketVoid(input: $input) { ticket { number } userErrors { code } } }`;
const APPROVE_VOID = `mutation($input: TicketRefInput!) { approveTicketVoid(input: $input) { ticket { number status } userErrors { code } } }`;
const TAKE = `mutation($input: TakePaymentInput!) { takePayment(input: $input) { payment { number amountFen } ticket { number } userErrors { code message } } }`;

interface Job {
  caseNumber: string;
  input: Record<string, unknown>;
  attempts: number;
}

interface Ack {
  caseNumber: string;
  key: string;
  payment: string;
  ticket: string;
}

interface Server {
  child: ChildProcess;
  url: string;
  cookie: string; // the finance clerk c50
  adminCookie: string; // approves voids
  exited: Promise<void>;
}

/** Builds the server unless dist is newer than every source (as the scheduler test does). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const file = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(file) : e.name.endsWith(".ts") ? fs.statSync(file).mtimeMs : 0);
    }, 0);
  const sources = Math.max(newest(path.join(repoRoot, "server/src")), newest(path.join(repoRoot, "migrations")));
  if (fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs >= sources) return;
  const build = spawnSync("npm", ["run", "build", "-w", "server"], { cwd: repoRoot, encoding: "utf8" });
  if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < sources) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`payments survive ${KILLS} SIGKILLs of the server (${testEngine})`, () => {
  let t: TestApp;
  let tmp: string;
  let sqlitePath: string | undefined;

  beforeAll(async () => {
    ensureBuilt();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-crash-"));
    sqlitePath = testEngine === "sqlite" ? path.join(tmp, "crash.sqlite") : undefined;
    t = await startTestApp({ clock: new ManualClock(new Date(AT)), config: sqlitePath ? { sqlitePath } : {} });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** CASES accepted cases of one fee item, each charged at its standard; the payment inputs for them. */
  async function chargedCases(): Promise<Job[]> {
    const item = await itemFixture(t, FEE_ITEM);
    const [standard] = await t.app.services.db.manager.query(
      `SELECT f.id, f."amountFen" FROM fee_standard f JOIN service_item i ON i.id = f."itemId" WHERE i.code = '${item.code}' AND f."supersededFrom" IS NULL ORDER BY f.id LIMIT 1`,
    );
    const clerk = await t.as(item.windowCode.toLowerCase());
    const one = async (): Promise<Job> => {
      const number: string = (await register(clerk, item.code, item.materialIds)).registerCase.case.number;
      expect((await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" })).userErrors).toEqual([]);
      const charged = await clerk.ok(
        `mutation($input: ChargeCaseInput!) { chargeCase(input: $input) { charge { id } userErrors { code message } } }`,
        { input: { caseNumber: number, standardId: String(standard.id), quantity: 1, amountFen: Number(standard.amountFen) } },
      );
      expect(charged.chargeCase.userErrors).toEqual([]);
      const input = { caseNumber: number, chargeIds: [charged.chargeCase.charge.id], method: "CASH", reference: null, idempotencyKey: randomUUID() };
      return { caseNumber: number, input, attempts: 0 };
    };
    const jobs: Job[] = [];
    while (jobs.length < CASES) jobs.push(...(await Promise.all(Array.from({ length: Math.min(8, CASES - jobs.length) }, one))));
    return jobs;
  }

  async function startServer(): Promise<Server> {
    const config = t.app.services.config;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: "0",
      RECORDS_KEY: config.recordsKey,
      RECORDS_KEY_FILE: path.join(tmp, "records.key"), // the PostgreSQL pid file goes beside it
      BIANMIN_FIXED_TIME: AT,
      SEED_DEMO: "false",
      SCHEDULER_INTERVAL_MS: "0",
      PUBLIC_RATE_LIMIT: "1000000",
      TOKEN_RATE_LIMIT: "1000000",
      LOGIN_RATE_LIMIT: "1000000",
      ...(sqlitePath ? { SQLITE_PATH: sqlitePath, DATABASE_URL: "" } : { PG_SCHEMA: config.pgSchema }),
    };
    const child = spawn(process.execPath, [MAIN], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk;
        const m = /is serving (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
      child.once("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
    });
    const login = async (username: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { staff { id } } }`, variables: { i: { username, password: DEMO_PASSWORD } } }),
      });
      const cookie = response.headers.get("set-cookie")?.split(";")[0];
      if (!cookie) throw new Error(`login as ${username} failed: ${await response.text()}`);
      return cookie;
    };
    return { child, url, cookie: await login("c50"), adminCookie: await login("admin"), exited };
  }

  it(`acknowledged payments keep exactly one ticket; numbers without gaps`, async () => {
    const started = Date.now();
    const jobs = await chargedCases();
    const prepared = Date.now();
    const pending = [...jobs];
    const acks: Ack[] = [];
    const refused: string[] = [];
    let lost = 0; // requests whose answer never came (the server died under them)
    let retried = 0; // of those, later sent again with the same key and body
    let lostVoidAnswers = 0; // void requests and approvals cut off (sent again)
    const cutOff = new Set<string>(); // keys of requests cut off since the last kill
    const committedUnanswered = new Map<string, string>(); // key → the payment number the dead server had committed

    const em = t.app.services.db.manager;
    let server = await startServer();
    let serverUp: Promise<Server> = Promise.resolve(server);

    async function worker(): Promise<void> {
      for (;;) {
        const job = pending.shift();
        if (!job) return;
        const s = await serverUp;
        if (job.attempts++ > 0) retried++;
        try {
          const response = await fetch(`${s.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: s.cookie },
            body: JSON.stringify({ query: TAKE, variables: { input: job.input } }),
          });
          const body = (await response.json()) as { data?: { takePayment: { payment: { number: string } | null; ticket: { number: string } | null; userErrors: { code: string }[] } } };
          const paid = body.data?.takePayment;
          if (response.status === 200 && paid?.payment && paid.ticket) {
            acks.push({ caseNumber: job.caseNumber, key: job.input.idempotencyKey as string, payment: paid.payment.number, ticket: paid.ticket.number });
          } else refused.push(`${job.caseNumber}: ${response.status} ${JSON.stringify(body)}`);
        } catch {
          lost++;
          cutOff.add(job.input.idempotencyKey as string);
          pending.push(job); // the client retries later with the same key and body
          await sleep(20);
        }
      }
    }

    /** Posts a mutation as c50 or the admin until an answer comes (the server may die under it). */
    async function answered(query: string, input: Record<string, unknown>, asAdmin: boolean): Promise<{ code?: string }> {
      for (;;) {
        const s = await serverUp;
        try {
          const response = await fetch(`${s.url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie: asAdmin ? s.adminCookie : s.cookie },
            body: JSON.stringify({ query, variables: { input } }),
          });
          const body = (await response.json()) as { data?: Record<string, { userErrors: { code: string }[] }> };
          const payload = Object.values(body.data ?? {})[0];
          if (!payload) throw new Error(`no answer: ${JSON.stringify(body)}`);
          return { code: payload.userErrors[0]?.code };
        } catch (error) {
          if (error instanceof Error && error.message.startsWith("no answer")) throw error;
          lostVoidAnswers++;
          await sleep(20);
        }
      }
    }

    // Voids during the load: a retry after a lost answer may meet its own first attempt (pending / voided).
    const voided: string[] = [];
    async function voider(): Promise<void> {
      while (voided.length < VOIDS) {
        const ack = acks.find((a) => !voided.includes(a.ticket) && acks.indexOf(a) % 7 === 3);
        if (!ack) {
          if (loadDone) return;
          await sleep(50);
          continue;
        }
        const asked = await answered(REQUEST_VOID, { ticketNumber: ack.ticket, reason: "收费员录入缴款方式错误" }, false);
        expect([undefined, "F4_VOID_PENDING"]).toContain(asked.code);
        const approved = await answered(APPROVE_VOID, { ticketNumber: ack.ticket }, true);
        expect([undefined, "F4_ALREADY_VOIDED"]).toContain(approved.code);
        voided.push(ack.ticket);
      }
    }

    let loadDone = false;
    const load = Promise.all(Array.from({ length: WORKERS }, worker)).then(() => (loadDone = true));
    const voiding = voider();
    const killedAt: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      // A random point of the load: after 2–12 more answers, then 0–40 ms more (in the middle of requests).
      const target = acks.length + 2 + Math.floor(Math.random() * 11);
      const until = Date.now() + 5_000;
      while (acks.length < target && !loadDone && Date.now() < until) await sleep(5);
      await sleep(Math.floor(Math.random() * 40));
      killedAt.push(acks.length);
      let restarted!: (s: Server) => void;
      serverUp = new Promise((resolve) => (restarted = resolve));
      server.child.kill("SIGKILL");
      await server.exited;
      await sleep(100); // the cut-off requests have failed
      // Which of the cut-off requests had the dead server committed? Their retries must get exactly that payment.
      const keys = [...cutOff];
      cutOff.clear();
      if (keys.length) {
        const committed = await em.query(`SELECT number, "idempotencyKey" AS key FROM payment WHERE "idempotencyKey" IN (${keys.map((k) => `'${k}'`).join(", ")})`);
        for (const row of committed as { number: string; key: string }[]) committedUnanswered.set(row.key, row.number);
      }
      server = await startServer();
      restarted(server);
    }
    await load;
    await voiding;
    server.child.kill("SIGTERM");
    await server.exited;

    // The database, as the last server left it.
    const rows = (sql: string) => em.query(sql) as Promise<Record<string, any>[]>;
    const payments = await rows(`SELECT p.id, p.number, p."caseId", p."idempotencyKey", c.number AS "caseNumber" FROM payment p JOIN case_file c ON c.id = p."caseId"`);
    const tickets = await rows(`SELECT t.id, t.number, t."seqNo", t."paymentId", t.status, t."bookId" FROM fee_ticket t`);
    const books = await rows(`SELECT b.id, b."fromNo", b."nextNo", b.series FROM ticket_book b WHERE b.id IN (SELECT DISTINCT "bookId" FROM fee_ticket)`);
    const paymentByNumber = new Map(payments.map((p) => [p.number as string, p]));
    const ticketsOf = new Map<number, Record<string, any>[]>();
    for (const ticket of tickets) ticketsOf.set(Number(ticket.paymentId), [...(ticketsOf.get(Number(ticket.paymentId)) ?? []), ticket]);

    // Every acknowledged payment exists with exactly the one ticket the client was told.
    const missing = acks.filter((a) => !paymentByNumber.has(a.payment));
    const replayedOther = acks.filter((a) => committedUnanswered.has(a.key) && committedUnanswered.get(a.key) !== a.payment);
    const wrongTicket = acks.filter((a) => {
      const own = ticketsOf.get(Number(paymentByNumber.get(a.payment)?.id)) ?? [];
      return own.length !== 1 || own[0].number !== a.ticket;
    });
    // No ticket without a payment, no payment without a ticket, no case paid twice.
    const orphanTickets = tickets.filter((ticket) => !payments.some((p) => Number(p.id) === Number(ticket.paymentId)));
    const paymentsWithoutTicket = payments.filter((p) => (ticketsOf.get(Number(p.id)) ?? []).length !== 1);
    const casesPaidTwice = [...new Set(payments.map((p) => p.caseNumber as string))].filter((n) => payments.filter((p) => p.caseNumber === n).length > 1);
    // Numbers: every used number of each book, once (voids keep their number, so a void is no gap).
    const numbering = books.map((b) => ({
      series: b.series as string,
      ...accountForNumbers(Number(b.fromNo), Number(b.nextNo), tickets.filter((x) => Number(x.bookId) === Number(b.id)).map((x) => Number(x.seqNo))),
    }));
    const voidedInDb = tickets.filter((x) => x.status === "VOIDED").map((x) => x.number as string).sort();
    const records = await verifyAllRecords(em, recordsKeyOf(em));
    let integrity = "n/a (PostgreSQL)";
    if (sqlitePath) {
      const db = openSqlite(sqlitePath, { readonly: true });
      integrity = (db.pragma("integrity_check", { simple: true }) as string) ?? "";
      db.close();
    }

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.info(
      `[fees-crash.test] ${testEngine}: ${KILLS} SIGKILLs (acknowledged so far at each: ${killedAt.join(", ")}); ` +
        `${jobs.length} payment requests, ${acks.length} acknowledged, ${refused.length} refused, ${lost} payment answers lost to a kill (${committedUnanswered.size} of them committed), ${retried} retries with the same key (${replayedOther.length} answered other than committed), ${lostVoidAnswers} void answers lost and sent again; ` +
        `in the database ${payments.length} payments, ${tickets.length} tickets (${voidedInDb.length} voided, ${voided.length} voids acknowledged) in ${books.length} book(s), ` +
        `missing ${missing.length}, wrong ticket ${wrongTicket.length}, orphan tickets ${orphanTickets.length}, payments without one ticket ${paymentsWithoutTicket.length}, ` +
        `cases paid twice ${casesPaidTwice.length}, number gaps ${numbering.reduce((n, b) => n + b.missing.length, 0)}, duplicates ${numbering.reduce((n, b) => n + b.duplicates.length, 0)}; ` +
        `records ${records.ok ? "verify" : `BROKEN (${records.breakCount})`}; integrity_check ${integrity}; prepared in ${seconds(prepared - started)} s, load and kills ${seconds(Date.now() - prepared)} s`,
    );

    expect(refused).toEqual([]);
    expect(acks).toHaveLength(jobs.length); // every request was answered in the end (retries included)
    expect(missing).toEqual([]);
    expect(replayedOther).toEqual([]);
    expect(wrongTicket).toEqual([]);
    expect(orphanTickets).toEqual([]);
    expect(paymentsWithoutTicket).toEqual([]);
    expect(casesPaidTwice).toEqual([]);
    expect(payments).toHaveLength(jobs.length);
    expect(voidedInDb).toEqual([...voided].sort()); // each acknowledged void, and no other
    for (const b of numbering) expect(b, b.series).toMatchObject({ missing: [], duplicates: [], outOfRange: [] });
    expect(records.breaks).toEqual([]);
    if (sqlitePath) expect(integrity).toBe("ok");
  }, 240_000);
});
