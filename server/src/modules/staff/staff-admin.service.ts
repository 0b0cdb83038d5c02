import { In, IsNull, MoreThan, Not, type EntityManager } from "typeorm";
import type { RequestContext, StaffIdentity } from "../../common/context";
import type { Reason, ReasonParams } from "../../common/reasons";
import { RuleViolation, unauthenticated, UserErrorCode } from "../../common/errors";
import { hashPassword, verifyPassword } from "../../common/password";
import { appendAudit } from "../audit/audit.service";
import { Department } from "../catalogue/department.entity";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { ServiceWindow, WindowKind } from "../network/service-window.entity";
import { LoginLock } from "./login-lock.entity";
import { checkPasswordStrength, temporaryPassword } from "./password-policy";
import { Role, ROLE_UNIT } from "./role";
import { Staff, StaffSession } from "./staff.entity";

/** Where a staff member is bound: the unit codes an admin names for the role. */
export interface UnitCodes {
  pointCode?: string | null;
  windowCode?: string | null;
  departmentCode?: string | null;
}

const refuse = (code: UserErrorCode, field: string[], reason: Reason, params: ReasonParams = {}) => new RuleViolation(code, "", field, null, reason, params);

/**
 * The point, window and department a role is bound to (ROLE_UNIT): a city window for window clerks, a
 * FINANCE window for finance clerks, a township window for township clerks, a village point for agents,
 * a department for its director, deputy and section chief, the city centre for admins and supervisors.
 */
async function bindUnit(em: EntityManager, role: Role, codes: UnitCodes): Promise<{ pointId: number; windowId: number | null; departmentId: number | null }> {
  const unit = ROLE_UNIT[role];
  const city = await em.getRepository(ServicePoint).findOneByOrFail({ level: PointLevel.CITY });
  const need = (field: "pointCode" | "windowCode" | "departmentCode", code: string | null | undefined): string => {
    if (!code?.trim()) throw refuse(UserErrorCode.INVALID, ["input", field], "STAFF_UNIT_REQUIRED");
    return code.trim();
  };
  if (unit === "CITY") return { pointId: city.id, windowId: null, departmentId: null };
  if (unit === "DEPARTMENT") {
    const code = need("departmentCode", codes.departmentCode);
    const department = await em.getRepository(Department).findOneBy({ code });
    if (!department) throw refuse(UserErrorCode.NOT_FOUND, ["input", "departmentCode"], "STAFF_UNIT_NOT_FOUND", { code });
    return { pointId: city.id, windowId: null, departmentId: department.id };
  }
  if (unit === "VILLAGE") {
    const code = need("pointCode", codes.pointCode);
    const point = await em.getRepository(ServicePoint).findOneBy({ code });
    if (!point) throw refuse(UserErrorCode.NOT_FOUND, ["input", "pointCode"], "STAFF_UNIT_NOT_FOUND", { code });
    if (point.level !== PointLevel.VILLAGE) throw refuse(UserErrorCode.INVALID, ["input", "pointCode"], "STAFF_UNIT_WRONG_KIND");
    return { pointId: point.id, windowId: null, departmentId: null };
  }
  // A window role: the window fixes the point.
  const code = need("windowCode", codes.windowCode);
  const window = await em.getRepository(ServiceWindow).findOneBy({ code });
  if (!window || !window.active) throw refuse(UserErrorCode.NOT_FOUND, ["input", "windowCode"], "STAFF_UNIT_NOT_FOUND", { code });
  const point = await em.getRepository(ServicePoint).findOneByOrFail({ id: window.pointId });
  const finance = window.kind === WindowKind.FINANCE;
  const fits =
    role === Role.FINANCE_CLERK ? finance : role === Role.WINDOW_CLERK ? !finance && point.level === PointLevel.CITY : !finance && point.level === PointLevel.TOWNSHIP;
  if (!fits) throw refuse(UserErrorCode.INVALID, ["input", "windowCode"], "STAFF_UNIT_WRONG_KIND");
  return { pointId: point.id, windowId: window.id, departmentId: null };
}

async function staffByUsername(em: EntityManager, username: string, field: string[] = ["username"]): Promise<Staff> {
  const staff = await em.getRepository(Staff).findOneBy({ username: username.trim().toLowerCase() });
  if (!staff) throw refuse(UserErrorCode.NOT_FOUND, field, "STAFF_NOT_FOUND");
  return staff;
}

/** Ends the person's sessions (all, or all but `keep`) on the server and closes their live sockets. */
async function revokeSessions(ctx: RequestContext, em: EntityManager, staffId: number, keep?: number): Promise<void> {
  const open = await em.getRepository(StaffSession).find({
    where: { staffId, revokedAt: IsNull(), expiresAt: MoreThan(ctx.clock.now()), ...(keep ? { id: Not(keep) } : {}) },
    select: { id: true },
  });
  if (!open.length) return;
  await em.getRepository(StaffSession).update({ id: In(open.map((s) => s.id)) }, { revokedAt: ctx.clock.now() });
  for (const s of open) ctx.caseChanges?.revokeSession?.(s.id);
}

const callerId = (ctx: RequestContext) => (ctx.actor.kind === "staff" ? ctx.actor.staff.id : null);

export interface CreateStaffValues extends UnitCodes {
  username: string;
  displayName: string;
  role: Role;
  phone?: string | null;
}

export interface UpdateStaffValues extends UnitCodes {
  username: string;
  displayName?: string | null;
  role: Role;
  phone?: string | null;
}

export const staffAdminService = {
  /** A new account with a one-time password (returned here once, never stored in clear nor logged); it must be changed at the first login. */
  async create(ctx: RequestContext, input: CreateStaffValues): Promise<{ staff: Staff; temporaryPassword: string }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const staff = await ctx.db.transaction(async (em) => {
      const username = input.username.trim().toLowerCase();
      if (await em.getRepository(Staff).existsBy({ username })) {
        throw refuse(UserErrorCode.DUPLICATE, ["input", "username"], "STAFF_USERNAME_TAKEN");
      }
      const unit = await bindUnit(em, input.role, input);
      const row = await em.getRepository(Staff).save({
        username,
        displayName: input.displayName.trim(),
        role: input.role,
        ...unit,
        phone: input.phone?.trim() || null,
        passwordHash,
        active: true,
        mustChangePassword: true,
      });
      await appendAudit(ctx, em, "staff.create", "Staff", row.id, { username, role: input.role, ...unit });
      return row;
    });
    return { staff, temporaryPassword: password };
  },

  /** Changes a person's name, role and unit (a new binding takes effect with their next request). */
  update(ctx: RequestContext, input: UpdateStaffValues): Promise<Staff> {
    return ctx.db.transaction(async (em) => {
      const staff = await staffByUsername(em, input.username, ["input", "username"]);
      if (staff.id === callerId(ctx) && input.role !== staff.role) {
        throw refuse(UserErrorCode.RULE_VIOLATION, ["input", "role"], "STAFF_SELF");
      }
      const unit = await bindUnit(em, input.role, input);
      const changes = {
        role: input.role,
        ...unit,
        ...(input.displayName?.trim() ? { displayName: input.displayName.trim() } : {}),
        ...(input.phone !== undefined ? { phone: input.phone?.trim() || null } : {}),
      };
      await em.getRepository(Staff).update({ id: staff.id }, changes);
      const { passwordHash: _hash, ...before } = staff;
      await appendAudit(ctx, em, "staff.update", "Staff", staff.id, { from: { role: before.role, pointId: before.pointId, windowId: before.windowId, departmentId: before.departmentId }, to: { role: changes.role, ...unit } });
      return em.getRepository(Staff).findOneByOrFail({ id: staff.id });
    });
  },

  /** Stops an account at once: its sessions end and it can no longer log in (the record stays). */
  deactivate(ctx: RequestContext, username: string, reason: string): Promise<Staff> {
    return ctx.db.transaction(async (em) => {
      const staff = await staffByUsername(em, username);
      if (staff.id === callerId(ctx)) throw refuse(UserErrorCode.RULE_VIOLATION, ["username"], "STAFF_SELF");
      if (!staff.active) throw refuse(UserErrorCode.INVALID, ["username"], "STAFF_ALREADY_INACTIVE");
      await em.getRepository(Staff).update({ id: staff.id }, { active: false });
      await revokeSessions(ctx, em, staff.id);
      await appendAudit(ctx, em, "staff.deactivate", "Staff", staff.id, { reason: reason.trim() });
      return { ...staff, active: false };
    });
  },

  reactivate(ctx: RequestContext, username: string): Promise<Staff> {
    return ctx.db.transaction(async (em) => {
      const staff = await staffByUsername(em, username);
      if (staff.active) throw refuse(UserErrorCode.INVALID, ["username"], "STAFF_ALREADY_ACTIVE");
      await em.getRepository(Staff).update({ id: staff.id }, { active: true });
      await appendAudit(ctx, em, "staff.reactivate", "Staff", staff.id, {});
      return { ...staff, active: true };
    });
  },

  /**
   * A new one-time password (returned once): the person's sessions end, a login lock is lifted, and the
   * next login must choose a new password before anything else.
   */
  async resetPassword(ctx: RequestContext, username: string): Promise<{ staff: Staff; temporaryPassword: string }> {
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const staff = await ctx.db.transaction(async (em) => {
      const staff = await staffByUsername(em, username);
      if (staff.id === callerId(ctx)) throw refuse(UserErrorCode.RULE_VIOLATION, ["username"], "STAFF_SELF_RESET");
      await em.getRepository(Staff).update({ id: staff.id }, { passwordHash, mustChangePassword: true });
      await revokeSessions(ctx, em, staff.id);
      await em.getRepository(LoginLock).delete({ username: staff.username });
      await appendAudit(ctx, em, "staff.resetPassword", "Staff", staff.id, {});
      return { ...staff, mustChangePassword: true };
    });
    return { staff, temporaryPassword: password };
  },

  /**
   * The caller sets a new password, after an admin's reset (the only thing such a session may do) or of
   * their own accord: the current one is checked, the new one must be strong and different; the caller's
   * other sessions end.
   */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<Staff> {
    const actor = ctx.actor;
    const who = actor.kind === "staff" ? { staffId: actor.staff.id, sessionId: actor.sessionId } : actor.kind === "anonymous" ? actor.pendingPasswordChange : undefined;
    if (!who) throw unauthenticated();
    const staff = await ctx.db.manager.getRepository(Staff).findOneByOrFail({ id: who.staffId });
    if (!(await verifyPassword(currentPassword, staff.passwordHash))) {
      throw refuse(UserErrorCode.INVALID_CREDENTIALS, ["input", "currentPassword"], "PASSWORD_CURRENT_WRONG");
    }
    if (currentPassword === newPassword) throw refuse(UserErrorCode.INVALID, ["input", "newPassword"], "PASSWORD_UNCHANGED");
    checkPasswordStrength(newPassword, [staff.username, staff.displayName, ...staff.username.split(/[._-]/)], ["input", "newPassword"]);
    const passwordHash = await hashPassword(newPassword);
    const identity: StaffIdentity = { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, pointId: staff.pointId, windowId: staff.windowId, departmentId: staff.departmentId };
    const asStaff: RequestContext = { ...ctx, actor: { kind: "staff", staff: identity, sessionId: who.sessionId } };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(Staff).update({ id: staff.id }, { passwordHash, mustChangePassword: false });
      await revokeSessions(ctx, em, staff.id, who.sessionId);
      await appendAudit(asStaff, em, "auth.changePassword", "Staff", staff.id, { forced: staff.mustChangePassword });
    });
    return { ...staff, passwordHash, mustChangePassword: false };
  },
};
