import { randomUUID } from "node:crypto";
import path from "node:path";
import { createPubSub, type PubSubEventTarget } from "@graphql-yoga/subscription";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import type { Redis } from "ioredis";
import type { Config } from "../config";
import type { Clock } from "./clock";
import type { CaseChange, CaseChangeBus, CaseChangeMessage } from "./context";

/** A staff session ended (logout): every process closes that session's live sockets. */
export interface SessionRevokedMessage {
  sessionId: number;
}

type Topics = Record<string, [CaseChangeMessage | SessionRevokedMessage]>;
type Listener = ((event: CustomEvent<CaseChangeMessage>) => void) | { handleEvent(event: CustomEvent<CaseChangeMessage>): void };

/** The bus of one App: in memory, or through Redis when REDIS_URL is set (several processes). */
export interface LiveBus extends CaseChangeBus {
  revokeSession(sessionId: number): void;
  /** Sessions revoked from now on, in any process (until the iterator is returned). */
  sessionRevocations(): AsyncIterable<SessionRevokedMessage>;
  /** Resolves once Redis confirmed the subscription (at once in memory). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * What the processes serving one database share on Redis (PostgreSQL database and schema, or SQLite
 * file): they hear each other's hints and share rate-limit counters; other deployments and test
 * schemas on the same Redis do not.
 */
export function redisScope(config: Config): string {
  if (config.databaseUrl?.startsWith("postgres")) {
    const url = new URL(config.databaseUrl);
    return `${url.host}${url.pathname}/${config.pgSchema ?? "public"}`;
  }
  // An in-memory database belongs to one App alone.
  if (config.sqlitePath === ":memory:") return `memory:${randomUUID()}`;
  return `sqlite:${path.resolve(config.sqlitePath)}`;
}

/**
 * A listener that throws (the repeater of a subscriber that stopped reading overflows after 1024
 * pending events) must not crash the process: the hint is dropped for that subscriber only.
 */
function guardListeners(target: PubSubEventTarget<Topics>): PubSubEventTarget<Topics> {
  const wrapped = new WeakMap<object, (event: CustomEvent<CaseChangeMessage>) => void>();
  const wrap = (listener: Listener) => {
    let guarded = wrapped.get(listener);
    if (!guarded) {
      const call = typeof listener === "function" ? listener : listener.handleEvent.bind(listener);
      guarded = (event) => {
        try {
          call(event);
        } catch (error) {
          console.error("[pubsub] dropped a live hint for a slow subscriber:", (error as Error).message);
        }
      };
      wrapped.set(listener, guarded);
    }
    return guarded;
  };
  return {
    addEventListener: (topic, listener) => listener && target.addEventListener(topic, wrap(listener as Listener)),
    removeEventListener: (topic, listener) => listener && target.removeEventListener(topic, wrap(listener as Listener)),
    dispatchEvent: (event) => target.dispatchEvent(event),
  };
}

/** Redis errors are logged (once per outage), never thrown at whoever published. */
function redisClient(Redis: typeof import("ioredis").default, url: string, role: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 2 });
  let down = false;
  client.on("error", (error: Error) => {
    if (!down) console.error(`[pubsub] redis ${role} connection: ${error.message} (live hints are lost until it is back)`);
    down = true;
  });
  client.on("ready", () => (down = false));
  return client;
}

export async function createLiveBus(config: Config, clock: Clock): Promise<LiveBus> {
  const topic = `bianmin:case-changed:${redisScope(config)}`;
  const revokedTopic = `bianmin:session-revoked:${redisScope(config)}`;
  let eventTarget: PubSubEventTarget<Topics> | undefined;
  let ready = Promise.resolve();
  let close = async () => {};
  if (config.redisUrl) {
    const { default: Redis } = await import("ioredis");
    const publisher = redisClient(Redis, config.redisUrl, "publish");
    const subscriber = redisClient(Redis, config.redisUrl, "subscribe");
    const log = (error: Error) => console.error("[pubsub] redis:", error.message);
    // The target fires these without awaiting them: catch their rejections here.
    const guarded = {
      on: (event: string, listener: (...args: any[]) => void) => subscriber.on(event, listener),
      publish: (channel: string, message: string) => publisher.publish(channel, message).catch(log),
      subscribe: (channel: string) => subscriber.subscribe(channel).catch(log),
      unsubscribe: (channel: string) => subscriber.unsubscribe(channel).catch(log),
    };
    eventTarget = createRedisEventTarget<CustomEvent<CaseChangeMessage>>({ publishClient: guarded as unknown as Redis, subscribeClient: guarded as unknown as Redis });
    // Stay subscribed for the life of the process, so the first subscriber misses nothing.
    eventTarget.addEventListener(topic, () => undefined);
    eventTarget.addEventListener(revokedTopic, () => undefined);
    ready = Promise.all([subscriber.subscribe(topic), subscriber.subscribe(revokedTopic)]).then(() => undefined, log);
    close = async () => {
      await Promise.all([publisher.quit().catch(() => publisher.disconnect()), subscriber.quit().catch(() => subscriber.disconnect())]);
    };
  }
  const pubSub = createPubSub<Topics>({ eventTarget: guardListeners(eventTarget ?? new EventTarget()) });
  return {
    ready,
    publish: (change: CaseChange) => pubSub.publish(topic, { ...change, at: clock.now().toISOString() }),
    subscribe: () => pubSub.subscribe(topic) as AsyncIterable<CaseChangeMessage>,
    revokeSession: (sessionId: number) => pubSub.publish(revokedTopic, { sessionId }),
    sessionRevocations: () => pubSub.subscribe(revokedTopic) as AsyncIterable<SessionRevokedMessage>,
    close,
  };
}
