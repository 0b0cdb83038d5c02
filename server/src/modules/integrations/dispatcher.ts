import http from "node:http";
import https from "node:https";
import { In } from "typeorm";
import type { AppServices } from "../../common/context";
import { describeError } from "../../common/redact";
import { AddressNotAllowed, checkLiteralHost, guardedLookup } from "./net-guard";
import { openEndpointSecret } from "./secret-box";
import { SIGNATURE_HEADER, signHeader } from "./signature";
import { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "./integrations.entity";

/** How many due deliveries one dispatcher claims per round (sent concurrently). */
const BATCH = 50;
/** Longest wait between retries. */
const MAX_BACKOFF_MS = 6 * 3_600_000;
/** A claim outlives the request's timeout by this much, so no other process takes the row while it is sent. */
const LEASE_MARGIN_MS = 30_000;

export interface DispatchCounts {
  claimed: number;
  delivered: number;
  failed: number;
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Exponential backoff: base, 2×base, 4×base … after the 1st, 2nd, 3rd … failed attempt, capped. */
export function backoffMs(base: number, failedAttempts: number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, failedAttempts - 1));
}

/** One POST, with the admin's address rule applied to the address connected to, and a timeout. */
function post(urlText: string, body: string, headers: Record<string, string>, timeoutMs: number, allowPrivate: boolean): Promise<Outcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): Outcome => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(urlText);
      checkLiteralHost(url, allowPrivate);
    } catch (error) {
      resolve(done(null, error instanceof AddressNotAllowed ? error.code : "URL_INVALID"));
      return;
    }
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "POST",
      headers: { ...headers, "content-length": Buffer.byteLength(body) },
      lookup: guardedLookup(allowPrivate),
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      response.resume(); // the answer's body is not needed
      response.on("error", () => undefined);
      request.destroy();
      resolve(done(status, status >= 200 && status < 300 ? null : "HTTP_STATUS"));
    });
    request.on("error", (error: Error & { code?: string; name: string }) => {
      const code = error instanceof AddressNotAllowed || (error as { cause?: unknown }).cause instanceof AddressNotAllowed ? "ADDRESS_NOT_ALLOWED" : error.name === "AbortError" || error.name === "TimeoutError" ? "TIMEOUT" : "NETWORK";
      resolve(done(null, code));
    });
    request.end(body);
  });
}

/**
 * Claims due deliveries: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so processes claiming at once take
 * disjoint rows; the claim sets a lease past the send's timeout, so no one else claims the row while
 * it is on its way. The claim commits before anything is sent (no transaction waits on a receiver).
 */
async function claim(services: AppServices): Promise<{ delivery: WebhookDelivery; endpoint: WebhookEndpoint }[]> {
  const { db, clock, config } = services;
  return db.transaction(async (em) => {
    const now = clock.now();
    const qb = em
      .getRepository(WebhookDelivery)
      .createQueryBuilder("d")
      .select(["d.id"])
      .where("d.status = :pending", { pending: DeliveryStatus.PENDING })
      .andWhere("d.nextAttemptAt <= :now", { now })
      .andWhere("(d.leaseUntil IS NULL OR d.leaseUntil <= :now)", { now })
      .andWhere("d.endpointId IN (SELECT e.id FROM webhook_endpoint e WHERE e.active = :yes)", { yes: true })
      .orderBy("d.nextAttemptAt", "ASC")
      .addOrderBy("d.id", "ASC")
      .limit(BATCH);
    if (db.engine === "postgres") qb.setLock("pessimistic_write").setOnLocked("skip_locked");
    const ids = (await qb.getMany()).map((d) => d.id);
    if (!ids.length) return [];
    const leaseUntil = new Date(now.getTime() + config.webhookTimeoutMs + LEASE_MARGIN_MS);
    await em.createQueryBuilder().update(WebhookDelivery).set({ leaseUntil, attempts: () => "attempts + 1" }).where({ id: In(ids) }).execute();
    const deliveries = await em.getRepository(WebhookDelivery).findBy({ id: In(ids) });
    const endpoints = await em.getRepository(WebhookEndpoint).findBy({ id: In([...new Set(deliveries.map((d) => d.endpointId))]) });
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    return deliveries.map((delivery) => ({ delivery, endpoint: byId.get(delivery.endpointId)! }));
  });
}

/** Sends one claimed delivery and records the attempt (delivery log) and its outcome. */
async function deliver(services: AppServices, delivery: WebhookDelivery, endpoint: WebhookEndpoint): Promise<boolean> {
  const { db, clock, config } = services;
  const at = clock.now();
  // The secret is opened only here, to sign; a row that does not open (not sealed by this records key
  // for this endpoint) is logged as SECRET_UNREADABLE and nothing is sent.
  let secret: string | null = null;
  try {
    secret = openEndpointSecret(db.dataSource, endpoint);
  } catch {
    secret = null;
  }
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Bianmin-Webhooks/1",
    "x-bianmin-event": delivery.eventType,
    "x-bianmin-event-id": `evt_${delivery.position}`,
    "x-bianmin-delivery": String(delivery.id),
    [SIGNATURE_HEADER.toLowerCase()]: secret === null ? "" : signHeader(secret, delivery.payload, at),
  };
  const outcome: Outcome =
    secret === null ? { statusCode: null, error: "SECRET_UNREADABLE", durationMs: 0 } : await post(endpoint.url, delivery.payload, headers, config.webhookTimeoutMs, config.webhookAllowPrivate);
  const ok = outcome.error === null;
  await db.transaction(async (em) => {
    const now = clock.now();
    await em.getRepository(WebhookAttempt).insert({
      deliveryId: delivery.id,
      endpointId: endpoint.id,
      attempt: delivery.attempts,
      at,
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      error: outcome.error,
      ok,
    });
    const base = { leaseUntil: null, lastStatusCode: outcome.statusCode, lastError: outcome.error };
    const changes = ok
      ? { ...base, status: DeliveryStatus.DELIVERED, deliveredAt: now }
      : delivery.attempts >= config.webhookMaxAttempts
        ? { ...base, status: DeliveryStatus.FAILED }
        : { ...base, nextAttemptAt: new Date(now.getTime() + backoffMs(config.webhookBackoffMs, delivery.attempts)) };
    await em.getRepository(WebhookDelivery).update({ id: delivery.id }, changes);
  });
  return ok;
}

/** One round: claim what is due and send it all at once (a slow receiver holds up only its own rows until its timeout). */
export async function dispatchDue(services: AppServices): Promise<DispatchCounts> {
  const claimed = await claim(services);
  const results = await Promise.allSettled(claimed.map(({ delivery, endpoint }) => deliver(services, delivery, endpoint)));
  for (const r of results) if (r.status === "rejected") console.error("[webhooks] recording a delivery failed:", describeError(r.reason));
  const delivered = results.filter((r) => r.status === "fulfilled" && r.value).length;
  return { claimed: claimed.length, delivered, failed: claimed.length - delivered };
}

export interface Dispatcher {
  /** One round now, after any running one (rounds never overlap in a process). */
  runOnce(): Promise<DispatchCounts>;
  stop(): Promise<void>;
  readonly stats: { rounds: number; delivered: number; failed: number };
}

/**
 * The webhook dispatcher, in the scheduler's pattern (cases/scheduler.ts): a round every `intervalMs`
 * (0: only runOnce), rounds chained so they never overlap within a process. Several processes may run
 * it against one PostgreSQL database: the claim keeps them off each other's rows.
 */
export function startDispatcher(services: AppServices, options: { intervalMs: number }): Dispatcher {
  const stats = { rounds: 0, delivered: 0, failed: 0 };
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function runOnce(): Promise<DispatchCounts> {
    const run = chain.then(async () => {
      const counts = await dispatchDue(services);
      stats.rounds++;
      stats.delivered += counts.delivered;
      stats.failed += counts.failed;
      return counts;
    });
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(tick, options.intervalMs);
    timer.unref();
  }

  async function tick(): Promise<void> {
    try {
      // Keep going while whole batches come back, then wait for the next interval.
      while (!stopped && (await runOnce()).claimed >= BATCH);
    } catch (error) {
      console.error("[webhooks] dispatch failed:", describeError(error));
    }
    schedule();
  }

  schedule();
  return {
    runOnce,
    stats,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await chain;
      if (options.intervalMs > 0) console.log(`[webhooks] stopped: ${stats.rounds} rounds, ${stats.delivered} delivered, ${stats.failed} failed attempts`);
    },
  };
}
