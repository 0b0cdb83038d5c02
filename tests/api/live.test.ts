import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import type { LiveBus } from "../../server/src/common/pubsub";
import { startTestApp, testEngine, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, register, type ItemFixture } from "../support/cases";
import { servicesRequired, skipWithout } from "../support/requirements";

const WINDOW_SUB = `subscription($w: String!) { windowQueueChanged(windowCode: $w) { caseNumber at } }`;
const POINT_SUB = `subscription($p: String!) { pointCasesChanged(pointCode: $p) { caseNumber at } }`;
const CITY_ONLY = `i.level = 'CITY' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)`;

type Result = ExecutionResult<Record<string, { caseNumber: string; at: string }>>;

/** A graphql-ws client that sends the HTTP client's session cookie (and an Origin, if given) with the upgrade request. */
function wsClient(url: string, session?: ApiClient, options: { origin?: string; onClosed?: (code: number) => void } = {}): Client {
  const headers: Record<string, string> = {};
  if (session?.cookie) headers.cookie = session.cookie;
  if (options.origin) headers.origin = options.origin;
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: CookieSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // closes are asserted through onClosed
    on: { closed: (event) => options.onClosed?.((event as { code: number }).code) },
  });
}

/** Resolves with the close code of a client's socket, or fails after `ms`. */
function closedWithin(ms: number): { onClosed: (code: number) => void; code: Promise<number> } {
  let onClosed: (code: number) => void = () => undefined;
  const code = new Promise<number>((resolve, reject) => {
    onClosed = resolve;
    setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
  });
  code.catch(() => undefined);
  return { onClosed: (c) => onClosed(c), code };
}

/** Subscribes; `next(ms)` resolves with the next result or fails after `ms`. */
function listen(client: Client, query: string, variables: Record<string, unknown>) {
  const iterator = client.iterate<Result["data"]>({ query, variables });
  return {
    next: (ms = 2000) =>
      Promise.race([
        iterator.next().then((r) => r.value as Result),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms)),
      ]),
    stop: () => iterator.return?.(),
  };
}

/** Opens a raw WebSocket with these headers: 101 when the handshake is accepted, else the HTTP status. */
function handshake(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", { headers });
    socket.once("open", () => (socket.close(), resolve(101)));
    socket.once("unexpected-response", (_req, res) => (res.resume(), resolve(res.statusCode ?? 0)));
    socket.once("error", () => resolve(0));
  });
}

// The server subscribes asynchronously after the client's subscribe message: give it a moment.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function newCase(clerk: ApiClient, item: ItemFixture): Promise<string> {
  const registered = await register(clerk, item.code, item.materialIds);
  expect(registered.registerCase.userErrors).toEqual([]);
  return registered.registerCase.case.number;
}

describe("live window queues over WebSocket (graphql-ws)", () => {
  let t: TestApp;
  let item: ItemFixture;
  let other: ItemFixture;
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    item = await itemFixture(t, `${CITY_ONLY} AND w.code = 'C01'`);
    other = await itemFixture(t, `${CITY_ONLY} AND w.code = 'C02'`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it("tells the clerk of C01 within 2 s when a case for C01 is registered and accepted, and not of other windows' cases", async () => {
    const clerk = await t.as("c01");
    const client = wsClient(t.url, clerk);
    clients.push(client);
    const queue = listen(client, WINDOW_SUB, { w: "C01" });
    const point = listen(client, POINT_SUB, { p: "421081" });
    await settle();

    await newCase(await t.as("c02"), other); // C02's: not for this queue
    const number = await newCase(clerk, item);
    const registered = await queue.next();
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.windowQueueChanged.caseNumber).toBe(number);
    expect(Number.isNaN(Date.parse(registered.data!.windowQueueChanged.at))).toBe(false);
    // The city point's ledger hears only the case c01 may read (C02's is re-checked against the policy and dropped).
    expect((await point.next()).data?.pointCasesChanged.caseNumber).toBe(number);

    const accepted = await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" });
    expect(accepted.userErrors).toEqual([]);
    expect((await queue.next()).data?.windowQueueChanged.caseNumber).toBe(number);
    await queue.stop();
    await point.stop();
  });

  it("refuses an anonymous subscriber (no Origin, no session: at the handshake), and staff who may not read the queue", async () => {
    expect(await handshake(t.url, {})).toBe(401);
    const stranger = wsClient(t.url, await t.as("c02"));
    clients.push(stranger);
    const forbidden = await listen(stranger, WINDOW_SUB, { w: "C01" }).next();
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const ledger = await listen(stranger, POINT_SUB, { p: "421081001" }).next();
    expect(ledger.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses a malformed argument with BAD_USER_INPUT naming it, as over HTTP", async () => {
    const client = wsClient(t.url, await t.as("c01"));
    clients.push(client);
    const refused = await listen(client, WINDOW_SUB, { w: "C01\u0000" }).next();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "windowCode", rule: "controlCharacters" }] });
  });
});

describe("live connections are hardened (issue 6 §2)", () => {
  let t: TestApp;
  let item: ItemFixture;
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await startTestApp({ config: { allowedOrigins: ["https://desk.example.org"] } });
    item = await itemFixture(t, `${CITY_ONLY} AND w.code = 'C01'`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it("accepts a handshake from its own origin and from ALLOWED_ORIGINS, refuses a foreign one even with a valid session", async () => {
    const clerk = await t.as("c01");
    const cookie = clerk.cookie!;
    const host = new URL(t.url).host;
    expect(await handshake(t.url, { cookie, origin: `http://${host}` })).toBe(101);
    expect(await handshake(t.url, { cookie, origin: "https://desk.example.org" })).toBe(101);
    expect(await handshake(t.url, { cookie, origin: "https://evil.example" })).toBe(403);
    expect(await handshake(t.url, { cookie, origin: `https://${host}` })).toBe(403); // same host, other scheme
    expect(await handshake(t.url, { origin: `http://${host}` })).toBe(101); // anonymous from our own page: refused per operation
    expect(await handshake(t.url, { cookie })).toBe(101); // a non-browser client with a session
    expect(await handshake(t.url, {})).toBe(401);
  });

  it("refuses queries and mutations over the socket with a clear error, and runs nothing", async () => {
    const clerk = await t.as("c01");
    const client = wsClient(t.url, clerk);
    clients.push(client);
    // graphql-ws answers a refused operation with an error message: the client's iterator rejects with its errors.
    const refusal = (query: string) => listen(client, query, {}).next().then(() => [], (errors: { message: string; extensions?: Record<string, unknown> }[]) => errors);
    expect(await refusal(`{ me { username } }`)).toEqual([
      { message: "WebSocket 连接只用于订阅；查询和变更请通过 HTTP 发送。", extensions: { code: "BAD_USER_INPUT", reason: "SUBSCRIPTIONS_ONLY" } },
    ]);
    const before = (await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file`))[0].n;
    expect((await refusal(`mutation { logout }`))[0]?.extensions?.reason).toBe("SUBSCRIPTIONS_ONLY");
    expect((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file`))[0].n).toBe(before);
    expect((await clerk.ok(`{ me { username } }`)).me.username).toBe("c01"); // the session survived
  });

  it("closes the socket (4401) when its session logs out", async () => {
    const clerk = await t.as("c01");
    const closed = closedWithin(3000);
    const client = wsClient(t.url, clerk, { onClosed: closed.onClosed });
    clients.push(client);
    listen(client, WINDOW_SUB, { w: "C01" });
    await settle();
    await clerk.ok(`mutation { logout }`);
    expect(await closed.code).toBe(4401);
  });

  it("re-checks each event: a session revoked in the database hears nothing more and its socket closes", async () => {
    const clerk = await t.as("c01");
    const closed = closedWithin(3000);
    const client = wsClient(t.url, clerk, { onClosed: closed.onClosed });
    clients.push(client);
    const queue = listen(client, WINDOW_SUB, { w: "C01" });
    await settle();
    // Revoked behind the server's back (no logout message): the next event finds it.
    await t.app.services.db.manager.query(`UPDATE staff_session SET "revokedAt" = "expiresAt" WHERE "revokedAt" IS NULL AND "staffId" = (SELECT id FROM staff WHERE username = 'c01')`);
    await newCase(await t.as("c01"), item);
    await expect(queue.next(800)).rejects.toThrow();
    expect(await closed.code).toBe(4401);
  });
});

describe("a live connection whose session expired", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T09:00:00+08:00"));
  const clients: Client[] = [];
  beforeAll(async () => {
    t = await startTestApp({ clock, config: { sessionTtlHours: 1, sessionIdleMinutes: 30 } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await t.close();
  });

  it("is closed (4401) at the next event, and hears nothing more", async () => {
    const item = await itemFixture(t, `${CITY_ONLY} AND w.code = 'C01'`);
    const closed = closedWithin(3000);
    const client = wsClient(t.url, await t.as("c01"), { onClosed: closed.onClosed });
    clients.push(client);
    const queue = listen(client, WINDOW_SUB, { w: "C01" });
    await settle();
    clock.set(new Date("2026-06-01T10:30:00+08:00")); // past the one-hour session
    await newCase(await t.as("c01"), item); // a fresh session registers a case of C01
    await expect(queue.next(800)).rejects.toThrow();
    expect(await closed.code).toBe(4401);
  });
});

/** Whether something listens on REDIS_URL's host and port (within 1 s). */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.once("connect", () => done(true)).once("error", () => done(false)).once("timeout", () => done(false));
  });
}

const redisUrl = process.env.REDIS_URL;
const needRedis = "events across processes need Redis (set REDIS_URL=redis://127.0.0.1:6379)";

// Skipped without Redis on a developer's machine; in CI's PostgreSQL pass (CI=true, DATABASE_URL) Redis must be there.
describe.skipIf(skipWithout(!!redisUrl, `[live.test] ${needRedis}`, servicesRequired))("live events across two apps through Redis", () => {
  let a: TestApp;
  let b: TestApp;
  let redisUp = false;
  const clients: Client[] = [];
  let dir: string | undefined;
  beforeAll(async () => {
    redisUp = !!redisUrl && (await reachable(redisUrl));
    if (!redisUp && servicesRequired) throw new Error(`missing under CI=true: ${needRedis}, and ${redisUrl || "REDIS_URL (unset)"} is unreachable.`);
    if (!redisUp) return console.info(`[live.test] skipped: events across processes need Redis, and ${redisUrl} is unreachable.`);
    // Both apps serve one database: the same PostgreSQL schema, or (one test process only) one SQLite file.
    let shared: { pgSchema?: string; sqlitePath?: string };
    if (testEngine === "postgres") {
      a = await startTestApp({ config: { redisUrl } });
      shared = { pgSchema: a.app.services.config.pgSchema };
    } else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-live-"));
      shared = { sqlitePath: path.join(dir, "live.sqlite") };
      a = await startTestApp({ config: { redisUrl, ...shared } });
    }
    // One database, one records key (each test app otherwise gets a random one).
    b = await startTestApp({ config: { redisUrl, ...shared, recordsKey: a.app.services.config.recordsKey } });
    await Promise.all([a, b].map((x) => (x.app.services.caseChanges as LiveBus).ready));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await b?.close();
    await a?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const subscriber = async (x: TestApp) => {
    const client = wsClient(x.url, await x.as("c01"));
    clients.push(client);
    return listen(client, WINDOW_SUB, { w: "C01" });
  };

  it("a logout through one app closes the session's socket on the other", async (ctx) => {
    if (!redisUp) return ctx.skip();
    const clerk = await a.as("c01");
    const closed = closedWithin(5000);
    const client = wsClient(b.url, clerk, { onClosed: closed.onClosed });
    clients.push(client);
    listen(client, WINDOW_SUB, { w: "C01" });
    await settle();
    await clerk.ok(`mutation { logout }`);
    expect(await closed.code).toBe(4401);
  });

  it("a case registered through one app reaches the subscribers of both", async (ctx) => {
    if (!redisUp) return ctx.skip();
    const item = await itemFixture(a, `${CITY_ONLY} AND w.code = 'C01'`);
    const [onA, onB] = [await subscriber(a), await subscriber(b)];
    await settle();
    const number = await newCase(await a.as("c01"), item);
    const [fromA, fromB] = await Promise.all([onA.next(), onB.next()]);
    expect(fromA.data?.windowQueueChanged.caseNumber).toBe(number);
    expect(fromB.data?.windowQueueChanged.caseNumber).toBe(number);

    const back = await newCase(await b.as("c01"), item);
    expect((await onA.next()).data?.windowQueueChanged.caseNumber).toBe(back);
    expect((await onB.next()).data?.windowQueueChanged.caseNumber).toBe(back);
  });
});
