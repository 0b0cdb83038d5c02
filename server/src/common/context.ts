import type { Clock } from "./clock";
import type { Db } from "../db/db";
import type { Config } from "../config";
import type { Role } from "../modules/staff/role";
import { LoaderRegistry } from "./loaders";
import type { RateLimiter } from "./rate-limit";
import type { Language } from "./messages";

export interface StaffIdentity {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  pointId: number;
  windowId: number | null;
  departmentId: number | null;
}

export type Actor =
  /** With pendingPasswordChange: a session whose password an admin set (new or reset account); it may only change it. */
  | { kind: "anonymous"; pendingPasswordChange?: { staffId: number; sessionId: number } }
  | { kind: "staff"; staff: StaffIdentity; sessionId: number }
  | { kind: "token"; tokenId: number; scopes: string[]; pointIds: number[]; ownerStaffId: number; rateLimitPerMinute: number | null };

/** A live hint that a case changed: open pages refetch what they show. */
export interface CaseChange {
  caseNumber: string;
  windowId: number;
  pointIds: number[];
}

/** A CaseChange as subscribers hear it (JSON through Redis), with when it was published. */
export interface CaseChangeMessage extends CaseChange {
  at: string;
}

/** Case-change hints: published after a change, heard by every process on the same database. */
export interface CaseChangeBus {
  publish(change: CaseChange): void;
  /** The changes published from now on (until the iterator is returned). */
  subscribe(): AsyncIterable<CaseChangeMessage>;
  /** A staff session ended: every process closes its live sockets (logout). */
  revokeSession?(sessionId: number): void;
}

/** Shared by every request of one server process. */
export interface AppServices {
  config: Config;
  db: Db;
  clock: Clock;
  rateLimiter: RateLimiter;
  /** Where case-change hints go (subscriptions); absent in processes that serve none. */
  caseChanges?: CaseChangeBus;
}

/** Built once per request; services take it first. */
export interface RequestContext extends AppServices {
  actor: Actor;
  loaders: LoaderRegistry;
  /** Client address, for rate limits. */
  clientKey: string;
  /** Lets login and logout set or clear the session cookie. */
  cookies: CookieJar;
  /** The language of the server's own text (messages of refusals): Accept-Language, zh-CN by default. */
  language: Language;
  /** Over WebSocket: closes the connection (e.g. when its session ended). */
  live?: { close(code: number, reason: string): void };
}

export interface CookieJar {
  set(name: string, value: string, options: { expires: Date }): void;
  clear(name: string): void;
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === "staff") return `staff:${actor.staff.id}`;
  if (actor.kind === "token") return `token:${actor.tokenId}`;
  return "anonymous";
}

/** For contexts with no HTTP response to set cookies on (the scheduler, WebSocket operations). */
export const noopCookies: CookieJar = { set: () => undefined, clear: () => undefined };

export function requestContext(services: AppServices, actor: Actor, clientKey: string, cookies: CookieJar, language: Language = "zh-CN"): RequestContext {
  return { ...services, actor, loaders: new LoaderRegistry(), clientKey, cookies, language };
}
