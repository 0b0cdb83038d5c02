import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { noopCookies, requestContext } from "../../server/src/common/context";
import { actOnCase, ServiceAct } from "../../server/src/modules/cases/case-act";
import { CaseEventType } from "../../server/src/modules/cases/case-event-types";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { idNumber, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, sessions } from "../support/case-steps";

const FEED = `query($after: String, $first: Int!) { caseChanges(after: $after, first: $first) {
  nodes { cursor position caseNumber eventSeq eventType status at } pageInfo { hasNextPage endCursor } } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code reason } } }`;
const ACTS = 1000;

interface Change {
  cursor: string;
  position: number;
  caseNumber: string;
  eventSeq: number;
  eventType: string;
  at: string;
}

/** Reads the feed from `after` to its current end; returns the changes and the cursor to resume from. */
async function drain(client: ApiClient, after: string | null, first = 50): Promise<{ changes: Change[]; cursor: string | null }> {
  const changes: Change[] = [];
  let cursor = after;
  for (;;) {
    const page = (await client.ok(FEED, { after: cursor, first })).caseChanges;
    changes.push(...page.nodes);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor };
  }
}

/** Every change appears once, positions consecutive (no gap: nothing committed later can land before), seqs of a case in order. */
function expectCompleteAndOrdered(changes: Change[], firstPosition: number) {
  expect(changes.map((c) => c.position)).toEqual(changes.map((_, i) => firstPosition + i));
  const keys = changes.map((c) => `${c.caseNumber}#${c.eventSeq}`);
  expect(new Set(keys).size).toBe(keys.length);
  const lastSeq = new Map<string, number>();
  for (const c of changes) {
    expect(c.eventSeq).toBe((lastSeq.get(c.caseNumber) ?? 0) + 1);
    lastSeq.set(c.caseNumber, c.eventSeq);
  }
}

describe("the change feed (caseChanges): every change once, in commit order, resumable", () => {
  let t: TestApp;
  let item: ItemFixture;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00"));
  const as = sessions(() => t);
  const eventsInDb = async () => Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_event`))[0].n);
  const register = (client: ApiClient, n: number) =>
    client.gql(REGISTER, { input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber(`42108119900101${String(1000 + (n % 1000)).slice(-3)}`), phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: newKey() } });

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
  });
  afterAll(() => t.close());

  it(`sees each of ${ACTS} acts from several connections exactly once while paging alongside them, then resumes after downtime`, async () => {
    const reader = await as("supervisor");
    const start = await drain(reader, null, 100);
    const before = await eventsInDb();
    expect(start.changes.length).toBe(before); // the feed holds the whole timeline so far
    if (start.changes.length) expectCompleteAndOrdered(start.changes, 1);

    const writers = await Promise.all([clerkOf(item), "c01", "c10", "c20"].map(as));
    let done = false;
    let next = 0;
    const write = async (client: ApiClient) => {
      while (next < ACTS) {
        const result = await register(client, next++);
        expect(result.errors).toBeUndefined();
        expect(result.data?.registerCase.userErrors).toEqual([]);
      }
    };
    // A slow act now and then: it appends its change, then stays uncommitted for a while. Writers that
    // commit meanwhile must not make a later position visible before it (a reader would skip it for good).
    const probeCase = start.changes[0]?.caseNumber ?? (await register(writers[0], 999)).data!.registerCase.case.number;
    const system = requestContext(t.app.services, { kind: "anonymous" }, "test", noopCookies);
    let probes = 0;
    const slowActs = async () => {
      while (!done) {
        await t.app.services.db.transaction(async (em) => {
          await actOnCase(system, em, { caseNumber: probeCase }, ServiceAct.RECOUNT_DEADLINES, async ({ record }) => {
            await record({ type: CaseEventType.DEADLINE_RECOMPUTED, summary: "测试：迟提交的变更", system: true });
            await new Promise((resolve) => setTimeout(resolve, 150));
          });
        });
        probes++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    // Eight writers on four sessions (several pool connections on PostgreSQL), a slow act, and a reader paging all along.
    const writing = Promise.all([...writers, ...writers].map(write)).finally(() => (done = true));
    const slow = slowActs();
    const seen: Change[] = [];
    let cursor = start.cursor;
    let pages = 0;
    while (!done) {
      const page = (await reader.ok(FEED, { after: cursor, first: 37 })).caseChanges;
      seen.push(...page.nodes);
      cursor = page.pageInfo.endCursor;
      pages++;
      if (!page.pageInfo.hasNextPage) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writing;
    await slow;
    expect(probes).toBeGreaterThan(3);
    // "Downtime": the reader stops here; more acts happen; a fresh session resumes from the kept cursor.
    const kept = cursor;
    const tail = await drain(reader, kept, 37);
    seen.push(...tail.changes);
    const after = await eventsInDb();
    expect(after - before).toBeGreaterThanOrEqual(ACTS);
    expect(seen.length).toBe(after - before);
    expectCompleteAndOrdered([...start.changes, ...seen], 1);
    expect(pages).toBeGreaterThan(1); // paging did interleave with the writes
    console.info(`[change-feed] ${t.engine}: ${ACTS} registrations and ${probes} slow acts, ${after - before} changes written, ${seen.length} seen, each once (${pages} pages read during the writes)`);

    const last = tail.cursor;
    const more = await Promise.all(Array.from({ length: 5 }, (_, i) => register(writers[i % writers.length], i)));
    for (const r of more) expect(r.data?.registerCase.userErrors).toEqual([]);
    const resumed = await drain(await as("supervisor"), last, 2);
    expect(resumed.changes.length).toBe((await eventsInDb()) - after);
    expectCompleteAndOrdered([...start.changes, ...seen, ...resumed.changes], 1);
    // At the end, the cursor stays put: an empty page hands it back.
    const empty = (await reader.ok(FEED, { after: resumed.cursor, first: 10 })).caseChanges;
    expect(empty).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: resumed.cursor } });
  }, 300_000);

  it("refuses a forged cursor, another list's cursor and garbage with a typed error naming `after`", async () => {
    const reader = await as("supervisor");
    const [one] = (await reader.ok(FEED, { first: 1 })).caseChanges.nodes;
    const decoded = Buffer.from(one.cursor, "base64url").toString("utf8");
    const forged = Buffer.from(decoded.replace(/^cc1\.\d+\./, "cc1.999999."), "utf8").toString("base64url");
    const ledger = await reader.ok(`{ ledger(pointCode: "421081", first: 1) { pageInfo { endCursor } } }`);
    const otherFeed: string = ledger.ledger.pageInfo.endCursor;
    expect(otherFeed).toBeTruthy();
    for (const after of [forged, otherFeed, "not a cursor", Buffer.from("cc1.1.", "utf8").toString("base64url")]) {
      const result = await reader.gql(FEED, { after, first: 5 });
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "CURSOR_INVALID", field: "after" });
      expect(result.errors?.[0].message).toContain("游标");
    }
    reader.acceptLanguage = "en-US";
    expect((await reader.gql(FEED, { after: forged, first: 5 })).errors?.[0].message).toContain("Invalid cursor");
  });

  it("shows each caller only the changes of cases it may read (case policy), and tokens need events:read", async () => {
    const admin = await as("admin");
    const clerk = await as(clerkOf(item));
    const all = await drain(await as("supervisor"), null, 100);
    const mine = await drain(clerk, null, 100);
    const windowCases = new Set(
      ((await t.app.services.db.manager.query(`SELECT c.number FROM case_file c JOIN service_window w ON w.id = c."windowId" WHERE w.code = '${item.windowCode}'`)) as { number: string }[]).map((r) => r.number),
    );
    expect(mine.changes.length).toBeGreaterThan(0);
    expect(mine.changes.every((c) => windowCases.has(c.caseNumber))).toBe(true);
    expect(mine.changes.length).toBe(all.changes.filter((c) => windowCases.has(c.caseNumber)).length);
    // A township clerk elsewhere sees none of these city cases.
    const township = await as("t01");
    const theirs = await drain(township, null, 100);
    expect(theirs.changes.some((c) => windowCases.has(c.caseNumber))).toBe(false);

    expect((await t.anonymous().gql(FEED, { first: 1 })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const create = async (scopes: string[]) =>
      (await admin.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret token { id } } userErrors { reason } } }`, { input: { name: "档案系统", scopes, expiresInDays: 30 } })).createApiToken.created;
    const network = await create(["network:read"]);
    const denied = await new ApiClient(t.url, network.secret).gql(FEED, { first: 1 });
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const events = await create(["events:read"]);
    const tokenClient = new ApiClient(t.url, events.secret);
    // events:read alone: the feed answers, but the case policy grants no case to read.
    expect((await tokenClient.ok(FEED, { first: 5 })).caseChanges.nodes).toEqual([]);
    // With cases:read as well (bound to no point: every case, R2) it sees every change.
    const reader = await create(["events:read", "cases:read"]);
    expect((await drain(new ApiClient(t.url, reader.secret), null, 100)).changes.length).toBe(all.changes.length);
  });

  it("gives Case.updatedAt: the time of the case's newest change", async () => {
    const reader = await as("supervisor");
    const { changes } = await drain(reader, null, 100);
    const last = changes[changes.length - 1];
    clock.advance(60_000);
    const { case: c } = await reader.ok(`query($n: String!) { case(number: $n) { updatedAt events { seq } } }`, { n: last.caseNumber });
    expect(new Date(c.updatedAt).toISOString()).toBe(new Date(last.at).toISOString());
  });
});
