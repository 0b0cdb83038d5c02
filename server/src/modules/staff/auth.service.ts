import { createHash, randomBytes } from "node:crypto";
import { IsNull } from "typeorm";
import type { Actor, AppServices, RequestContext, StaffIdentity } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { DUMMY_HASH, verifyPassword } from "../../common/password";
import { appendAudit } from "../audit/audit.service";
import { ApiToken, Staff, StaffSession } from "./staff.entity";

export const SESSION_COOKIE = "bianmin_session";
export const TOKEN_PREFIX = "bmt_";
/** Refresh lastSeenAt at most this often, so a busy page does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function identity(staff: Staff): StaffIdentity {
  const { id, username, displayName, role, pointId, windowId, departmentId } = staff;
  return { id, username, displayName, role, pointId, windowId, departmentId };
}

export const authService = {
  /** Checks the password; on success opens a server-side session and sets its cookie. */
  async login(ctx: RequestContext, username: string, password: string): Promise<Staff> {
      const staff = await ctx.db.manager.getRepository(Staff).findOneBy({ username: username.trim().toLowerCase() });
      // Always run one hash, so response time does not reveal whether the username exists.
      const ok = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
      if (!staff || !ok || !staff.active) {
        throw new RuleViolation(UserErrorCode.INVALID_CREDENTIALS, "Wrong username or password.", ["input", "password"]);
      }
      const secret = randomBytes(32).toString("base64url");
      const now = ctx.clock.now();
      const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
      await ctx.db.transaction(async (em) => {
        await em.getRepository(StaffSession).insert({ tokenHash: sha256(secret), staffId: staff.id, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null });
        await appendAudit({ ...ctx, actor: { kind: "staff", staff: identity(staff), sessionId: 0 } }, em, "auth.login", "Staff", staff.id, {});
      });
      ctx.cookies.set(SESSION_COOKIE, secret, { expires: expiresAt });
      return staff;
  },

  async logout(ctx: RequestContext): Promise<boolean> {
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

  /** Who is calling: a session cookie, a bearer API token, or nobody. Expired or revoked ones count as nobody. */
  async resolveActor(services: AppServices, sessionSecret: string | undefined, bearer: string | undefined): Promise<Actor> {
    const now = services.clock.now();
    const em = services.db.manager;
    if (bearer?.startsWith(TOKEN_PREFIX)) {
      const token = await em.getRepository(ApiToken).findOneBy({ tokenHash: sha256(bearer) });
      if (!token || token.revokedAt || token.expiresAt <= now) return { kind: "anonymous" };
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await em.getRepository(ApiToken).update({ id: token.id }, { lastUsedAt: now });
      }
      return { kind: "token", tokenId: token.id, scopes: token.scopes };
    }
    if (!sessionSecret) return { kind: "anonymous" };
    const session = await em.getRepository(StaffSession).findOneBy({ tokenHash: sha256(sessionSecret) });
    if (!session || session.revokedAt || session.expiresAt <= now) return { kind: "anonymous" };
    if (now.getTime() - session.lastSeenAt.getTime() > services.config.sessionIdleMinutes * 60_000) return { kind: "anonymous" };
    const staff = await em.getRepository(Staff).findOneBy({ id: session.staffId });
    if (!staff?.active) return { kind: "anonymous" };
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await em.getRepository(StaffSession).update({ id: session.id }, { lastSeenAt: now });
    }
    return { kind: "staff", staff: identity(staff), sessionId: session.id };
  },
};
