import { createHash, randomBytes } from "node:crypto";
import { HeaderMap } from "@apollo/server";
import { IsNull, LessThan } from "typeorm";
import type { Actor, AppServices, RequestContext, StaffIdentity } from "../../common/context";
import { AppError, ErrorCode, RuleViolation, UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { DUMMY_HASH, verifyPassword } from "../../common/password";
import { appendAudit } from "../audit/audit.service";
import { LoginLock } from "./login-lock.entity";
import { ApiToken, Staff, StaffSession } from "./staff.entity";

export const SESSION_COOKIE = "bianmin_session";
export const TOKEN_PREFIX = "bmt_";
/** Refresh an API token's lastUsedAt at most this often, so a busy integration does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * How often a session's lastSeenAt is refreshed: at most a minute, and a tenth of the idle limit,
 * so that with a short SESSION_IDLE_MINUTES the refresh still keeps up with an active user.
 */
export function sessionTouchMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 10);
}

/**
 * Whether a session has been idle too long. lastSeenAt lags the last request by up to one refresh
 * interval, so the limit is counted from there: a user whose requests are never more than the idle
 * limit apart is never cut off, and one who stops is cut off within a tenth of the limit after it.
 */
export function sessionIdleExpired(lastSeenAt: Date, now: Date, idleMinutes: number): boolean {
  return now.getTime() - lastSeenAt.getTime() > idleMinutes * 60_000 + sessionTouchMs(idleMinutes);
}

/** The lock after `failures` failed logins in a row: none below the threshold, then doubling from the base up to the cap. */
export function lockMinutes(failures: number, rule: { after: number; minutes: number; maxMinutes: number }): number {
  if (rule.after <= 0 || failures < rule.after) return 0;
  return Math.min(rule.maxMinutes, rule.minutes * 2 ** Math.min(failures - rule.after, 30));
}

/** Failures older than this no longer count towards a lock. */
const FAILURE_MEMORY_MS = 24 * 3_600_000;

const beijingTime = (at: Date) =>
  at.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** The refusal while an account is locked (code ACCOUNT_LOCKED; the SPA words it from `lockedUntil`). */
export class AccountLocked extends RuleViolation {
  constructor(readonly lockedUntil: Date) {
    super(UserErrorCode.ACCOUNT_LOCKED, "", ["input", "username"], null, "ACCOUNT_LOCKED", { until: beijingTime(lockedUntil) });
  }
}

/**
 * A bearer credential that is unknown, revoked or expired: HTTP 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750), code UNAUTHENTICATED and a reason.
 */
export function invalidToken(reason: "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED"): AppError {
  const headers = new HeaderMap([["www-authenticate", 'Bearer error="invalid_token"']]);
  return new AppError(ErrorCode.UNAUTHENTICATED, reason, {}, { http: { status: 401, headers } });
}

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function identity(staff: Staff): StaffIdentity {
  const { id, username, displayName, role, pointId, windowId, departmentId } = staff;
  return { id, username, displayName, role, pointId, windowId, departmentId };
}

export const authService = {
  /**
   * Checks the password; on success opens a server-side session and sets its cookie. Refused while
   * the username is locked after repeated failures (known or unknown usernames alike), and beyond
   * LOGIN_RATE_LIMIT attempts per address and minute.
   */
  async login(ctx: RequestContext, username: string, password: string): Promise<Staff> {
      if (!(await ctx.rateLimiter.hit(`login:${ctx.clientKey}`, ctx.config.loginRateLimitPerMinute))) {
        throw new AppError(ErrorCode.RATE_LIMITED, "LOGIN_RATE_LIMITED", {}, { http: { status: 429 } });
      }
      const name = username.trim().toLowerCase();
      const now = ctx.clock.now();
      const lock = await ctx.db.manager.getRepository(LoginLock).findOneBy({ username: name });
      if (lock?.lockedUntil && lock.lockedUntil > now) {
        await verifyPassword(password, DUMMY_HASH); // the same time as a real check
        throw new AccountLocked(lock.lockedUntil);
      }
      const staff = await ctx.db.manager.getRepository(Staff).findOneBy({ username: name });
      // Always run one hash, so response time does not reveal whether the username exists.
      const ok = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
      if (!staff || !ok || !staff.active) {
        const lockedUntil = await recordFailure(ctx, name, now);
        if (lockedUntil) throw new AccountLocked(lockedUntil);
        throw new RuleViolation(UserErrorCode.INVALID_CREDENTIALS, "", ["input", "password"], null, "INVALID_CREDENTIALS");
      }
      if (lock) await ctx.db.manager.getRepository(LoginLock).delete({ username: name });
      const secret = randomBytes(32).toString("base64url");
      const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
      await ctx.db.transaction(async (em) => {
        await em.getRepository(StaffSession).insert({ tokenHash: sha256(secret), staffId: staff.id, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null });
        await appendAudit({ ...ctx, actor: { kind: "staff", staff: identity(staff), sessionId: 0 } }, em, "auth.login", "Staff", staff.id, {});
      });
      ctx.cookies.set(SESSION_COOKIE, secret, { expires: expiresAt });
      return staff;
  },

  async logout(ctx: RequestContext): Promise<boolean> {
    const pending = ctx.actor.kind === "anonymous" ? ctx.actor.pendingPasswordChange : undefined;
    if (pending) {
      await ctx.db.manager.getRepository(StaffSession).update({ id: pending.sessionId, revokedAt: IsNull() }, { revokedAt: ctx.clock.now() });
      ctx.cookies.clear(SESSION_COOKIE);
      return true;
    }
    if (ctx.actor.kind !== "staff") return false;
    const sessionId = ctx.actor.sessionId;
    await ctx.db.transaction(async (em) => {
      await em.getRepository(StaffSession).update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: ctx.clock.now() });
      await appendAudit(ctx, em, "auth.logout", "Staff", (ctx.actor as { staff: StaffIdentity }).staff.id, {});
    });
    // Live sockets of this session close, in every process (through Redis when several run).
    ctx.caseChanges?.revokeSession?.(sessionId);
    ctx.cookies.clear(SESSION_COOKIE);
    return true;
  },

  /**
   * Whether the caller of a live connection may still hear events: the session (or token) is
   * neither revoked, expired nor idle. One lookup by primary key; it does not refresh lastSeenAt.
   */
  async stillValid(services: AppServices, actor: Actor): Promise<boolean> {
    const now = services.clock.now();
    const em = services.db.manager;
    if (actor.kind === "token") {
      const token = await em.getRepository(ApiToken).findOne({ where: { id: actor.tokenId }, select: { id: true, revokedAt: true, expiresAt: true } });
      return Boolean(token && !token.revokedAt && token.expiresAt > now);
    }
    if (actor.kind !== "staff") return false;
    const session = await em.getRepository(StaffSession).findOne({ where: { id: actor.sessionId }, select: { id: true, revokedAt: true, expiresAt: true, lastSeenAt: true } });
    if (!session || session.revokedAt || session.expiresAt <= now) return false;
    return now.getTime() - session.lastSeenAt.getTime() <= services.config.sessionIdleMinutes * 60_000;
  },

  /**
   * Who is calling: a session cookie, a bearer API token, or nobody. Expired or idle sessions count as
   * nobody (the SPA logs in again); a bearer credential that is unknown, expired or revoked is refused
   * with 401 (invalidToken) — never downgraded to anonymous, also on public operations.
   */
  async resolveActor(services: AppServices, sessionSecret: string | undefined, bearer: string | undefined): Promise<Actor> {
    const now = services.clock.now();
    const em = services.db.manager;
    if (bearer !== undefined) {
      const token = bearer.startsWith(TOKEN_PREFIX) ? await em.getRepository(ApiToken).findOneBy({ tokenHash: sha256(bearer) }) : null;
      if (!token) throw invalidToken("TOKEN_INVALID");
      if (token.revokedAt) throw invalidToken("TOKEN_REVOKED");
      if (token.expiresAt <= now) throw invalidToken("TOKEN_EXPIRED");
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await em.getRepository(ApiToken).update({ id: token.id }, { lastUsedAt: now });
      }
      return { kind: "token", tokenId: token.id, scopes: token.scopes, pointIds: token.pointIds ?? [], ownerStaffId: token.createdById, rateLimitPerMinute: token.rateLimitPerMinute };
    }
    if (!sessionSecret) return { kind: "anonymous" };
    // The session and its staff member in one statement (the unique index on tokenHash, then staff by primary key).
    const session = await em
      .getRepository(StaffSession)
      .createQueryBuilder("s")
      .innerJoinAndSelect("s.staffRef", "st")
      .where("s.tokenHash = :hash", { hash: sha256(sessionSecret) })
      .getOne();
    if (!session || session.revokedAt || session.expiresAt <= now) return { kind: "anonymous" };
    if (sessionIdleExpired(session.lastSeenAt, now, services.config.sessionIdleMinutes)) return { kind: "anonymous" };
    const staff = session.staffRef;
    if (!staff?.active) return { kind: "anonymous" };
    if (now.getTime() - session.lastSeenAt.getTime() > sessionTouchMs(services.config.sessionIdleMinutes)) {
      await em.getRepository(StaffSession).update({ id: session.id }, { lastSeenAt: now });
    }
    // An admin set this password: the session may only change it (access.ts refuses everything else).
    if (staff.mustChangePassword) return { kind: "anonymous", pendingPasswordChange: { staffId: staff.id, sessionId: session.id } };
    return { kind: "staff", staff: identity(staff), sessionId: session.id };
  },

  /** An admin lifts a login lock (audited). */
  async unlock(ctx: RequestContext, username: string): Promise<Staff> {
    const name = username.trim().toLowerCase();
    return ctx.db.transaction(async (em) => {
      const staff = await em.getRepository(Staff).findOneBy({ username: name });
      if (!staff) throw missing(["username"], "STAFF_NOT_FOUND");
      const lock = await em.getRepository(LoginLock).findOneBy({ username: name });
      await em.getRepository(LoginLock).delete({ username: name });
      await appendAudit(ctx, em, "auth.unlock", "Staff", staff.id, { failures: lock?.failures ?? 0, lockedUntil: lock?.lockedUntil?.toISOString() ?? null });
      return staff;
    });
  },
};

/**
 * Counts one failed login for a username in a transaction of its own (two processes never lose a
 * count: the row is locked on PostgreSQL; SQLite runs one transaction at a time) and locks it once
 * the failures reach LOGIN_LOCK_AFTER. Returns the new lock's end, if this failure set one.
 */
async function recordFailure(ctx: RequestContext, username: string, now: Date): Promise<Date | null> {
  const rule = { after: ctx.config.loginLockAfter, minutes: ctx.config.loginLockMinutes, maxMinutes: ctx.config.loginLockMaxMinutes };
  return ctx.db.transaction(async (em) => {
    const repo = em.getRepository(LoginLock);
    await repo.createQueryBuilder().insert().values({ username, failures: 0, lockedUntil: null, lastFailureAt: now }).orIgnore().execute();
    const row = await repo.findOneOrFail({ where: { username }, ...(ctx.db.engine === "postgres" ? { lock: { mode: "pessimistic_write" as const } } : {}) });
    const stale = now.getTime() - row.lastFailureAt.getTime() > FAILURE_MEMORY_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    const minutes = lockMinutes(failures, rule);
    const lockedUntil = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
    await repo.update({ username }, { failures, lockedUntil, lastFailureAt: now });
    // Forget usernames that have been quiet for a day (guesses at names that do not exist, too).
    await repo.delete({ lastFailureAt: LessThan(new Date(now.getTime() - FAILURE_MEMORY_MS)) });
    return lockedUntil;
  });
}
