import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { repoRoot } from "../../server/src/config";
import { startDispatcher } from "../../server/src/modules/integrations/dispatcher";
import { DeliveryStatus, WebhookDelivery } from "../../server/src/modules/integrations/integrations.entity";
import { CaseEventType } from "../../server/src/modules/cases/case-event-types";
import { openSecret, sealWebhookSecrets } from "../../server/src/modules/integrations/secret-box";
import { recordsKeyOf } from "../../server/src/modules/records/records-key";
import { SIGNATURE_TOLERANCE_SECONDS, verifySignature } from "../../server/src/modules/integrations/signature";
import { startTestApp, testEngine, type ApiClient, type TestApp } from "../support/app";
import { idNumber, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, sessions } from "../support/case-steps";

const REGISTER_ENDPOINT = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) {
  registered { secret endpoint { id url eventTypes pointCodes active secretHint } } userErrors { field code reason message } } }`;
const DELIVERIES = `query($e: ID!) { webhookDeliveries(endpointId: $e, first: 100) { totalCount nodes { id eventId eventType caseNumber status attempts lastStatusCode lastError deliveredAt
  log { attempt statusCode error ok } } } }`;
const REGISTER_CASE = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code } } }`;
const WEBHOOK_CONFIG = { ...CASE_TEST_CONFIG, webhookAllowPrivate: true, webhookBackoffMs: 1000, webhookTimeoutMs: 5000, webhookMaxAttempts: 5 };

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A real receiver on the loopback: `answer` decides each request's fate (status, delay) by path. */
class Receiver {
  readonly received: Received[] = [];
  /** Requests in flight per event id (to see that no event is being sent twice at once). */
  readonly inFlight = new Map<string, number>();
  maxInFlightPerEvent = 0;
  answer: (path: string, nth: number) => { status: number; delayMs?: number } = () => ({ status: 200 });
  private server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const key = `${path}:${String(req.headers["x-bianmin-event-id"])}`;
      this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
      this.maxInFlightPerEvent = Math.max(this.maxInFlightPerEvent, this.inFlight.get(key)!);
      this.received.push({ path, headers: req.headers, body, at: Date.now() });
      const nth = this.received.filter((r) => r.path === path).length;
      const { status, delayMs = 0 } = this.answer(path, nth);
      const finish = () => {
        this.inFlight.set(key, this.inFlight.get(key)! - 1);
        if (!res.destroyed) res.writeHead(status, { "content-type": "text/plain" }).end("ok");
      };
      if (delayMs) setTimeout(finish, delayMs).unref();
      else finish();
    });
  });
  url = "";
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

describe("webhooks: outbox in the act's transaction, signed, retried, logged, redelivered", () => {
  let t: TestApp;
  let item: ItemFixture;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00"));
  const as = sessions(() => t);
  const receiver = new Receiver();
  let admin: ApiClient;
  let clerk: ApiClient;
  const count = async (sql: string) => Number((await t.app.services.db.manager.query(sql))[0].n);
  const registerCase = async (client = clerk) => {
    const result = await client.ok(REGISTER_CASE, { input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber(), phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: newKey() } });
    expect(result.registerCase.userErrors).toEqual([]);
    return result.registerCase.case.number as string;
  };
  const endpoint = async (path: string, extra: Record<string, unknown> = {}) => {
    const { registerWebhookEndpoint: r } = await admin.ok(REGISTER_ENDPOINT, { input: { url: `${receiver.url}${path}`, eventTypes: ["REGISTERED"], ...extra } });
    expect(r.userErrors).toEqual([]);
    return r.registered as { secret: string; endpoint: { id: string } };
  };
  const disableAll = async () => {
    for (const { id } of (await admin.ok(`{ webhookEndpoints { id active } }`)).webhookEndpoints) {
      await admin.ok(`mutation($id: ID!) { setWebhookEndpointActive(id: $id, active: false) { userErrors { reason } } }`, { id });
    }
  };

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ clock, config: WEBHOOK_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    admin = await as("admin");
    clerk = await as(clerkOf(item));
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it("refuses URLs that are not http(s) and private or loopback addresses when WEBHOOK_ALLOW_PRIVATE is off; only the admin registers", async () => {
    const config = t.app.services.config;
    config.webhookAllowPrivate = false;
    try {
      const cases: [string, string][] = [
        ["ftp://example.com/hook", "WEBHOOK_URL_INVALID"],
        ["not a url", "WEBHOOK_URL_INVALID"],
        ["https://user:pw@example.com/hook", "WEBHOOK_URL_INVALID"],
        [`${receiver.url}/hook`, "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://localhost:8080/hook", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://10.1.2.3/hook", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://192.168.0.10/hook", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://169.254.169.254/latest/meta-data", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://[::1]:8080/hook", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
        ["http://[::ffff:127.0.0.1]/hook", "WEBHOOK_ADDRESS_NOT_ALLOWED"],
      ];
      for (const [url, reason] of cases) {
        const { registerWebhookEndpoint: r } = await admin.ok(REGISTER_ENDPOINT, { input: { url } });
        expect(r.registered, url).toBeNull();
        expect(r.userErrors, url).toMatchObject([{ field: ["input", "url"], code: "INVALID", reason }]);
      }
      const short = (await admin.ok(REGISTER_ENDPOINT, { input: { url: "https://93.184.215.14/hook", secret: "short" } })).registerWebhookEndpoint;
      expect(short.userErrors).toMatchObject([{ field: ["input", "secret"], reason: "WEBHOOK_SECRET_TOO_SHORT" }]);
      const badType = (await admin.ok(REGISTER_ENDPOINT, { input: { url: "https://93.184.215.14/hook", eventTypes: ["registered; drop"] } })).registerWebhookEndpoint;
      expect(badType.userErrors).toMatchObject([{ field: ["input", "eventTypes"], reason: "WEBHOOK_EVENT_TYPE_INVALID" }]);
      const badPoint = (await admin.ok(REGISTER_ENDPOINT, { input: { url: "https://93.184.215.14/hook", pointCodes: ["999"] } })).registerWebhookEndpoint;
      expect(badPoint.userErrors).toMatchObject([{ field: ["input", "pointCodes"], reason: "POINT_NOT_FOUND" }]);
      expect(await count(`SELECT COUNT(*) AS n FROM webhook_endpoint`)).toBe(0); // nothing written
      const refused = await clerk.gql(REGISTER_ENDPOINT, { input: { url: "https://93.184.215.14/hook" } });
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    } finally {
      config.webhookAllowPrivate = true;
    }
    expect(receiver.received).toEqual([]);
  });

  it("delivers after failed attempts with exponential backoff; the signature verifies; the log keeps every attempt; redelivery sends again", async () => {
    receiver.answer = (path, nth) => ({ status: path === "/flaky" && nth <= 2 ? 503 : 200 });
    const { secret, endpoint: e } = await endpoint("/flaky", { secret: "s3cret-s3cret-s3cret" });
    const number = await registerCase();
    // The outbox row was written with the act (same transaction), before any dispatch.
    expect(await count(`SELECT COUNT(*) AS n FROM webhook_delivery WHERE "caseNumber" = '${number}'`)).toBe(1);
    const dispatcher = startDispatcher(t.app.services, { intervalMs: 0 });
    try {
      expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 0 });
      // Not due again before the backoff (1 s, then 2 s).
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      clock.advance(1000);
      expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 0 });
      clock.advance(1999);
      expect((await dispatcher.runOnce()).claimed).toBe(0);
      clock.advance(1);
      expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
      expect((await dispatcher.runOnce()).claimed).toBe(0);
    } finally {
      await dispatcher.stop();
    }
    const got = receiver.at("/flaky");
    expect(got.map((r) => r.headers["x-bianmin-event-id"])).toEqual(Array(3).fill(got[0].headers["x-bianmin-event-id"]));
    const last = got[2];
    expect(JSON.parse(last.body)).toMatchObject({ type: "REGISTERED", data: { caseNumber: number, seq: 1, status: "REGISTERED" } });
    expect(last.headers["x-bianmin-event"]).toBe("REGISTERED");
    const header = String(last.headers["x-bianmin-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, last.body, clock.now())).toBe(true);
    expect(verifySignature("another-secret-000", header, last.body, clock.now())).toBe(false);
    expect(verifySignature(secret, header, last.body.replace(number, "421081000000000000"), clock.now())).toBe(false);
    // Replay window: the same signed request is refused once it is too old.
    expect(verifySignature(secret, header, last.body, new Date(clock.now().getTime() + (SIGNATURE_TOLERANCE_SECONDS + 1) * 1000))).toBe(false);

    const log = (await admin.ok(DELIVERIES, { e: e.id })).webhookDeliveries;
    expect(log.totalCount).toBe(1);
    expect(log.nodes[0]).toMatchObject({ caseNumber: number, status: "DELIVERED", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(log.nodes[0].log).toEqual([
      { attempt: 1, statusCode: 503, error: "HTTP_STATUS", ok: false },
      { attempt: 2, statusCode: 503, error: "HTTP_STATUS", ok: false },
      { attempt: 3, statusCode: 200, error: null, ok: true },
    ]);

    const redeliver = await admin.ok(`mutation($id: ID!) { redeliverWebhook(id: $id) { delivery { status } userErrors { reason } } }`, { id: log.nodes[0].id });
    expect(redeliver.redeliverWebhook).toEqual({ delivery: { status: "PENDING" }, userErrors: [] });
    expect(await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.at("/flaky")).toHaveLength(4);
    expect((await admin.ok(DELIVERIES, { e: e.id })).webhookDeliveries.nodes[0].log).toHaveLength(4);
    const missing = await admin.ok(`mutation { redeliverWebhook(id: "999999") { delivery { id } userErrors { reason field } } }`);
    expect(missing.redeliverWebhook).toEqual({ delivery: null, userErrors: [{ reason: "WEBHOOK_DELIVERY_NOT_FOUND", field: ["id"] }] });
    await disableAll();
  });

  it("sends nothing to an address the admin did not allow, even when it was allowed at registration (checked at send time)", async () => {
    receiver.received.length = 0;
    await endpoint("/literal");
    const { registerWebhookEndpoint: r } = await admin.ok(REGISTER_ENDPOINT, { input: { url: `${receiver.url.replace("127.0.0.1", "localhost")}/named`, eventTypes: ["REGISTERED"] } });
    expect(r.userErrors).toEqual([]);
    await registerCase();
    const config = t.app.services.config;
    config.webhookAllowPrivate = false;
    try {
      expect(await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce()).toMatchObject({ claimed: 2, delivered: 0 });
    } finally {
      config.webhookAllowPrivate = true;
    }
    expect(receiver.received).toEqual([]);
    const errors = await t.app.services.db.manager.query(`SELECT error FROM webhook_attempt ORDER BY id DESC LIMIT 2`);
    expect(errors.map((x: { error: string }) => x.error)).toEqual(["ADDRESS_NOT_ALLOWED", "ADDRESS_NOT_ALLOWED"]);
    await disableAll();
  });

  it("times out a receiver that does not answer, without holding up the other deliveries", async () => {
    receiver.received.length = 0;
    receiver.answer = (path) => (path === "/slow" ? { status: 200, delayMs: 60_000 } : { status: 200 });
    const config = t.app.services.config;
    const timeout = config.webhookTimeoutMs;
    config.webhookTimeoutMs = 1500;
    await endpoint("/slow");
    await endpoint("/fast");
    await registerCase();
    await registerCase();
    try {
      const counts = await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce();
      expect(counts).toMatchObject({ claimed: 4, delivered: 2, failed: 2 });
    } finally {
      config.webhookTimeoutMs = timeout;
    }
    // Both fast deliveries arrived while the slow receiver still held its requests.
    const slowArrived = Math.max(...receiver.at("/slow").map((r) => r.at));
    expect(receiver.at("/fast")).toHaveLength(2);
    expect(receiver.at("/slow")).toHaveLength(2);
    expect(Math.min(...receiver.at("/fast").map((r) => r.at))).toBeLessThan(slowArrived + 1500);
    const rows = await t.app.services.db.manager.query(`SELECT d.status, d."lastError" AS "lastError" FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d."endpointId" WHERE e.url LIKE '%/slow'`);
    expect(rows).toEqual([
      { status: "PENDING", lastError: "TIMEOUT" },
      { status: "PENDING", lastError: "TIMEOUT" },
    ]);
    await disableAll();
  });

  it("stores the signing secret sealed (AES-256-GCM under a key derived from the records key), opens it only to sign: a real receiver verifies; rows of older versions in clear are sealed at start", async () => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
    const secret = "sealed-secret-0123456789";
    await endpoint("/sealed", { secret });
    const db = t.app.services.db.manager;
    const row = async () => (await db.query(`SELECT id, "secretSealed" AS sealed, "secretTail" AS tail FROM webhook_endpoint WHERE url = '${receiver.url}/sealed'`))[0] as { id: number; sealed: string; tail: string };
    const stored = await row();
    expect(stored.sealed).not.toContain(secret);
    expect(stored.sealed).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 16));
    expect(stored.sealed).toMatch(/^wh1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(stored.tail).toBe("6789");
    expect((await admin.ok(`{ webhookEndpoints { url secretHint } }`)).webhookEndpoints).toContainEqual({ url: `${receiver.url}/sealed`, secretHint: "…6789" });
    // The admin's answers never carry it: the endpoint list, the log, the audit trail.
    const audit: { detail: string }[] = await db.query(`SELECT detail FROM audit_entry WHERE action LIKE 'webhook.%'`);
    expect(audit.some((a) => a.detail.includes(secret))).toBe(false);

    const dispatch = () => startDispatcher(t.app.services, { intervalMs: 0 }).runOnce();
    const number = await registerCase();
    expect(await dispatch()).toMatchObject({ delivered: 1 });
    const [got] = receiver.at("/sealed");
    expect(JSON.parse(got.body).data.caseNumber).toBe(number);
    expect(verifySignature(secret, String(got.headers["x-bianmin-signature"]), got.body, clock.now())).toBe(true);

    // A row written in clear before this version (migration WebhookSecretSealed keeps the value; it
    // cannot see the key): the server seals it at start, once, and signs with it as before.
    const legacy = "legacy-clear-secret-4242";
    await db.query(`UPDATE webhook_endpoint SET "secretSealed" = '${legacy}' WHERE id = ${stored.id}`);
    expect(await sealWebhookSecrets(t.app.services.db, () => undefined)).toBe(1);
    expect(await sealWebhookSecrets(t.app.services.db, () => undefined)).toBe(0);
    const resealed = await row();
    expect(resealed.sealed).toMatch(/^wh1\./);
    expect(resealed.sealed).not.toContain(legacy);
    await registerCase();
    expect(await dispatch()).toMatchObject({ delivered: 1 });
    const second = receiver.at("/sealed")[1];
    expect(verifySignature(legacy, String(second.headers["x-bianmin-signature"]), second.body, clock.now())).toBe(true);
    expect(verifySignature(secret, String(second.headers["x-bianmin-signature"]), second.body, clock.now())).toBe(false);

    // A sealed secret moved onto another endpoint's row does not open there: nothing is sent, the log says why.
    const { endpoint: other } = await endpoint("/moved");
    await db.query(`UPDATE webhook_endpoint SET "secretSealed" = '${resealed.sealed}' WHERE url = '${receiver.url}/moved'`);
    await registerCase();
    expect(await dispatch()).toMatchObject({ claimed: 2, delivered: 1, failed: 1 });
    expect(receiver.at("/moved")).toEqual([]);
    const log = (await admin.ok(DELIVERIES, { e: other.id })).webhookDeliveries.nodes;
    expect(log[0]).toMatchObject({ status: "PENDING", lastError: "SECRET_UNREADABLE", log: [{ attempt: 1, statusCode: null, error: "SECRET_UNREADABLE", ok: false }] });
    await disableAll();
  });

  it("a disabled endpoint: its queued deliveries are HELD (no attempt, not failures), events meanwhile are not queued for it, other endpoints go on; enabled again, the held ones are sent in order", async () => {
    receiver.received.length = 0;
    receiver.answer = () => ({ status: 200 });
    const SET_ACTIVE = `mutation($id: ID!, $on: Boolean!) { setWebhookEndpointActive(id: $id, active: $on) { endpoint { active heldDeliveries } userErrors { reason } } }`;
    const paused = (await endpoint("/paused")).endpoint;
    await endpoint("/other");
    const before = [await registerCase(), await registerCase(), await registerCase()];
    const off = (await admin.ok(SET_ACTIVE, { id: paused.id, on: false })).setWebhookEndpointActive;
    expect(off).toEqual({ endpoint: { active: false, heldDeliveries: 3 }, userErrors: [] });
    // Many old held rows (older than anything due) do not take the dispatcher's batch from the other endpoint.
    const db = t.app.services.db.manager;
    const [{ id: pausedId }] = await db.query(`SELECT id FROM webhook_endpoint WHERE url = '${receiver.url}/paused'`);
    const template = (await db.query(`SELECT payload FROM webhook_delivery WHERE "endpointId" = ${pausedId} LIMIT 1`))[0].payload;
    const old = new Date(clock.now().getTime() - 86_400_000);
    await db.getRepository(WebhookDelivery).insert(
      Array.from({ length: 60 }, (_, i) => ({ endpointId: Number(pausedId), position: 1_000_000 + i, eventType: CaseEventType.REGISTERED, caseNumber: "0", payload: template, status: DeliveryStatus.HELD, attempts: 0, nextAttemptAt: old, leaseUntil: null, lastStatusCode: null, lastError: null, deliveredAt: null, createdAt: old })),
    );
    const during = await registerCase(); // while disabled: queued for /other only
    const counts = await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce();
    expect(counts).toEqual({ claimed: 4, delivered: 4, failed: 0 });
    expect(receiver.at("/paused")).toEqual([]);
    expect(receiver.at("/other").map((r) => JSON.parse(r.body).data.caseNumber).sort()).toEqual([...before, during].sort());
    const log = (await admin.ok(`query($e: ID!) { webhookDeliveries(endpointId: $e, first: 100, status: HELD) { totalCount nodes { caseNumber status attempts lastError log { attempt } } } }`, { e: paused.id })).webhookDeliveries;
    expect(log.totalCount).toBe(63);
    const mine = log.nodes.filter((n: { caseNumber: string }) => before.includes(n.caseNumber));
    expect(mine).toHaveLength(3);
    expect(mine.every((n: { status: string; attempts: number; lastError: string | null; log: unknown[] }) => n.status === "HELD" && n.attempts === 0 && n.lastError === null && n.log.length === 0)).toBe(true);
    expect(log.nodes.some((n: { caseNumber: string }) => n.caseNumber === during)).toBe(false);
    // A redelivery asked for meanwhile waits too.
    const heldId = (await admin.ok(DELIVERIES, { e: paused.id })).webhookDeliveries.nodes.find((n: { caseNumber: string }) => n.caseNumber === before[0]).id;
    expect((await admin.ok(`mutation($id: ID!) { redeliverWebhook(id: $id) { delivery { status } } }`, { id: heldId })).redeliverWebhook.delivery.status).toBe("HELD");
    expect((await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce()).claimed).toBe(0);
    await db.query(`DELETE FROM webhook_delivery WHERE "endpointId" = ${pausedId} AND position >= 1000000`);

    const on = (await admin.ok(SET_ACTIVE, { id: paused.id, on: true })).setWebhookEndpointActive;
    expect(on).toEqual({ endpoint: { active: true, heldDeliveries: 0 }, userErrors: [] });
    const due: { caseNumber: string }[] = await db.query(`SELECT "caseNumber" FROM webhook_delivery WHERE "endpointId" = ${pausedId} AND status = 'PENDING' ORDER BY "nextAttemptAt", id`);
    expect(due.map((d) => d.caseNumber)).toEqual(before); // the order they were queued in
    expect(await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce()).toMatchObject({ claimed: 3, delivered: 3 });
    expect(receiver.at("/paused").map((r) => JSON.parse(r.body).data.caseNumber).sort()).toEqual([...before].sort());
    const audit: { action: string; detail: string }[] = await db.query(`SELECT action, detail FROM audit_entry WHERE action IN ('webhook.disable', 'webhook.enable') ORDER BY id DESC LIMIT 2`);
    expect(audit.map((a) => [a.action, JSON.parse(a.detail)])).toEqual([["webhook.enable", { resumed: 3 }], ["webhook.disable", { held: 3 }]]);
    await disableAll();
  });

  it(`two dispatchers (${testEngine === "postgres" ? "two app instances on one PostgreSQL database" : "SQLite: one process"}) deliver each event once, never twice at once`, async () => {
    receiver.received.length = 0;
    receiver.maxInFlightPerEvent = 0;
    receiver.answer = () => ({ status: 200, delayMs: 5 });
    const a = await endpoint("/a");
    const b = await endpoint("/b");
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) numbers.push(...(await Promise.all(Array.from({ length: 10 }, () => registerCase()))));
    let other: TestApp | undefined;
    try {
      if (testEngine === "postgres") {
        other = await startTestApp({ clock, config: { ...WEBHOOK_CONFIG, pgSchema: t.app.services.config.pgSchema, recordsKey: t.app.services.config.recordsKey } });
      }
      const dispatchers = [startDispatcher(t.app.services, { intervalMs: 0 }), startDispatcher((other ?? t).app.services, { intervalMs: 0 })];
      const rounds = async (d: (typeof dispatchers)[number]) => {
        let claimed = 0;
        for (let idle = 0; idle < 3; ) {
          const r = await d.runOnce();
          claimed += r.claimed;
          idle = r.claimed ? 0 : idle + 1;
        }
        return claimed;
      };
      const claimed = await Promise.all(dispatchers.map(rounds));
      const sent = receiver.received.length;
      const perEvent = new Map<string, number>();
      for (const r of receiver.received) perEvent.set(`${r.path}:${String(r.headers["x-bianmin-event-id"])}`, (perEvent.get(`${r.path}:${String(r.headers["x-bianmin-event-id"])}`) ?? 0) + 1);
      const duplicates = [...perEvent.values()].filter((n) => n > 1).length;
      console.info(`[webhooks] ${t.engine}: ${numbers.length * 2} events for 2 endpoints; dispatchers claimed ${claimed.join(" + ")}; delivered ${sent}, distinct ${perEvent.size}, duplicates ${duplicates}, max in flight per event ${receiver.maxInFlightPerEvent}`);
      expect(perEvent.size).toBe(numbers.length * 2);
      expect(duplicates).toBe(0);
      expect(sent).toBe(numbers.length * 2);
      expect(receiver.maxInFlightPerEvent).toBe(1);
      expect(claimed[0] + claimed[1]).toBe(numbers.length * 2);
      for (const e of [a, b]) {
        const log = (await admin.ok(DELIVERIES, { e: e.endpoint.id })).webhookDeliveries;
        expect(log.totalCount).toBe(numbers.length);
        expect(log.nodes.every((n: { status: string; attempts: number }) => n.status === "DELIVERED" && n.attempts === 1)).toBe(true);
      }
    } finally {
      await other?.close();
    }
  }, 120_000);
});

const MAIN = path.join(repoRoot, "server/dist/server/src/main.js");

/** The newest modification time of the sources under dir (to build only when dist is stale). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

describe.skipIf(testEngine !== "postgres")("two server processes on one PostgreSQL database dispatch webhooks", () => {
  let t: TestApp;
  const receiver = new Receiver();
  const procs: { child: ChildProcess; output: string; exited: Promise<number | null> }[] = [];

  beforeAll(async () => {
    const sources = Math.max(newestSource(path.join(repoRoot, "server/src")), newestSource(path.join(repoRoot, "migrations")));
    if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < sources) {
      const build = spawnSync("npm", ["run", "build", "-w", "server"], { cwd: repoRoot, encoding: "utf8" });
      if (!fs.existsSync(MAIN) || fs.statSync(MAIN).mtimeMs < sources) throw new Error(`server build failed:\n${build.stdout}\n${build.stderr}`);
    }
    await receiver.start();
    t = await startTestApp({ clock: new ManualClock(new Date("2026-11-26T10:00:00+08:00")), config: WEBHOOK_CONFIG });
  }, 180_000);
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
    await t?.close();
    await receiver.stop();
  });

  it("delivers every event exactly once, none twice at the same time", async () => {
    receiver.answer = () => ({ status: 200, delayMs: 5 });
    const admin = await t.as("admin");
    for (const hook of ["/p1", "/p2"]) {
      const r = (await admin.ok(REGISTER_ENDPOINT, { input: { url: `${receiver.url}${hook}`, eventTypes: ["REGISTERED"] } })).registerWebhookEndpoint;
      expect(r.userErrors).toEqual([]);
    }
    const config = t.app.services.config;
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [MAIN], {
        cwd: repoRoot,
        env: { ...process.env, PG_SCHEMA: config.pgSchema, RECORDS_KEY: config.recordsKey, PORT: "0", SCHEDULER_INTERVAL_MS: "0", WEBHOOK_INTERVAL_MS: "20", WEBHOOK_ALLOW_PRIVATE: "on" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const proc = { child, output: "", exited: new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code))) };
      child.stdout!.on("data", (chunk) => (proc.output += chunk));
      child.stderr!.on("data", (chunk) => (proc.output += chunk));
      procs.push(proc);
    }
    const until = async (what: string, check: () => boolean | Promise<boolean>, ms: number) => {
      const end = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${procs.map((p) => p.output.slice(-500)).join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await until("both servers to listen", () => procs.every((p) => p.output.includes("is serving")), 60_000);
    // Acts while both processes dispatch: 100 registrations, an event each for two endpoints.
    const item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    const clerk = await t.as(clerkOf(item));
    const one = async () => {
      const r = await clerk.ok(REGISTER_CASE, { input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber(), phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: newKey() } });
      expect(r.registerCase.userErrors).toEqual([]);
    };
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 10 }, one));
    const delivered = async () => Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM webhook_delivery WHERE status = 'DELIVERED'`))[0].n);
    await until("200 deliveries", async () => (await delivered()) === 200, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // more rounds, with nothing left to send
    for (const p of procs) p.child.kill("SIGTERM");
    expect(await Promise.all(procs.map((p) => p.exited))).toEqual([0, 0]);

    const perEvent = new Map<string, number>();
    for (const r of receiver.received) {
      const key = `${r.path}:${String(r.headers["x-bianmin-event-id"])}`;
      perEvent.set(key, (perEvent.get(key) ?? 0) + 1);
    }
    const duplicates = [...perEvent.values()].filter((n) => n > 1).length;
    const attempts = Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM webhook_attempt`))[0].n);
    const byProcess = procs.map((p) => Number(/\[webhooks\] stopped: \d+ rounds, (\d+) delivered/.exec(p.output)?.[1] ?? NaN));
    console.info(`[webhooks] two processes on PostgreSQL: 200 events, received ${receiver.received.length}, distinct ${perEvent.size}, duplicates ${duplicates}, max in flight per event ${receiver.maxInFlightPerEvent}, attempts logged ${attempts}, delivered by process ${byProcess.join(" + ")}`);
    expect(perEvent.size).toBe(200);
    expect(duplicates).toBe(0);
    expect(receiver.received).toHaveLength(200);
    expect(receiver.maxInFlightPerEvent).toBe(1);
    expect(attempts).toBe(200);
    expect(byProcess[0] + byProcess[1]).toBe(200);
  }, 180_000);
});

describe("migrations WebhookSecretSealed and WebhookHeld on a database that has endpoints", () => {
  it("keep a secret stored in clear (sealed at start, then opening to the same secret), its last 4 characters for the hint, and hold a disabled endpoint's pending deliveries", async () => {
    const t = await startTestApp();
    try {
      const ds = t.app.services.db.dataSource;
      const no = t.engine === "postgres" ? "false" : "0";
      // Back to the schema before these migrations, with the rows an earlier version wrote.
      // Undone down to before WebhookSecretSealed (later migrations first, as many as there are).
      const names = ds.migrations.map((m) => m.name);
      const sealedAt = names.indexOf("WebhookSecretSealed1796102000000");
      expect(names[sealedAt + 1]).toBe("WebhookHeld1796102001000");
      const undos = names.length - sealedAt;
      for (let i = 0; i < undos; i++) await ds.undoLastMigration({ transaction: "each" });
      await ds.query(`INSERT INTO webhook_endpoint (url, secret, "eventTypes", "pointCodes", "pointIds", active, "createdAt", "createdById") VALUES ('https://example.com/old', 'old-clear-secret-1234', '[]', '[]', '[]', ${no}, '2026-01-01 00:00:00', 1)`);
      const [{ id }] = await ds.query(`SELECT id FROM webhook_endpoint WHERE url = 'https://example.com/old'`);
      await ds.query(`INSERT INTO webhook_delivery ("endpointId", position, "eventType", "caseNumber", payload, status, attempts, "nextAttemptAt", "createdAt") VALUES (${id}, 1, 'REGISTERED', '1', '{}', 'PENDING', 2, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`);

      await ds.runMigrations({ transaction: "each" });
      const [row] = await ds.query(`SELECT "secretSealed" AS sealed, "secretTail" AS tail FROM webhook_endpoint WHERE id = ${id}`);
      expect(row).toEqual({ sealed: "old-clear-secret-1234", tail: "1234" }); // the migration cannot see the key …
      expect((await ds.query(`SELECT status, attempts FROM webhook_delivery WHERE "endpointId" = ${id}`)).map((d: { status: string; attempts: number }) => [d.status, Number(d.attempts)])).toEqual([["HELD", 2]]);
      expect(await sealWebhookSecrets(t.app.services.db, () => undefined)).toBe(1); // … the server's start seals it
      const [sealed] = await ds.query(`SELECT "secretSealed" AS sealed FROM webhook_endpoint WHERE id = ${id}`);
      expect(sealed.sealed).toMatch(/^wh1\./);
      expect(openSecret(recordsKeyOf(ds), Number(id), sealed.sealed)).toBe("old-clear-secret-1234");
      expect(() => openSecret(recordsKeyOf(ds), Number(id) + 1, sealed.sealed)).toThrow();
      // Down again refuses to put sealed secrets back in clear.
      for (let i = 0; i < undos - 1; i++) await ds.undoLastMigration({ transaction: "each" });
      await expect(ds.undoLastMigration({ transaction: "each" })).rejects.toThrow(/sealed/);
    } finally {
      await t.close();
    }
  }, 60_000);
});
