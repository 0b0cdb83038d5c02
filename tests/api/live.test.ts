import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveBus } from "../../server/src/common/pubsub";
import { startTestApp, testEngine, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, register, type ItemFixture } from "../support/cases";
import { servicesRequired, skipWithout } from "../support/requirements";

const WINDOW_SUB = `subscription($w: String!) { windowQueueChanged(windowCode: $w) { caseNumber at } }`;
const POINT_SUB = `subscription($p: String!) { pointCasesChanged(pointCode: $p) { caseNumber at } }`;
const CITY_ONLY = `i.level = 'CITY' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)`;

type Result = ExecutionResult<Record<string, { caseNumber: string; at: string }>>;

/** A graphql-ws client that sends the HTTP client's session cookie with the upgrade request. */
function wsClient(url: string, session?: ApiClient): Client {
  const cookie = session?.cookie;
  class CookieSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  return createClient({ url: `${url.replace(/^http/, "ws")}/graphql`, webSocketImpl: CookieSocket, retryAttempts: 0 });
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
    // The city point's ledger hears both cases.
    expect((await point.next()).data?.pointCasesChanged.caseNumber).not.toBe(number);
    expect((await point.next()).data?.pointCasesChanged.caseNumber).toBe(number);

    const accepted = await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" });
    expect(accepted.userErrors).toEqual([]);
    expect((await queue.next()).data?.windowQueueChanged.caseNumber).toBe(number);
    await queue.stop();
    await point.stop();
  });

  it("refuses an anonymous subscriber, and staff who may not read the queue", async () => {
    const anonymous = wsClient(t.url);
    const stranger = wsClient(t.url, await t.as("c02"));
    clients.push(anonymous, stranger);
    const refused = await listen(anonymous, WINDOW_SUB, { w: "C01" }).next();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
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
    b = await startTestApp({ config: { redisUrl, ...shared } });
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
