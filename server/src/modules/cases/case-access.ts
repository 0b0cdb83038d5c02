import type { EntityManager } from "typeorm";
import type { RequestContext, StaffIdentity } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { ServiceItem } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { Role } from "../staff/role";
import { Case } from "./case.entity";
import { JointNotice } from "./case-records.entity";

/** Roles that see every case. */
const OVERSEERS = new Set<Role>([Role.SUPERVISOR, Role.CENTER_ADMIN]);

/**
 * Who may see a case: overseers; staff of a point on its route (the registering village or township,
 * the township above a village, the handling point); the clerks of its window; and the staff of the
 * owning department or of a co-department of a joint case.
 */
export async function canSeeCase(ctx: RequestContext, em: EntityManager, c: Case): Promise<boolean> {
  const actor = ctx.actor;
  if (actor.kind === "token") return actor.scopes.includes("case:read");
  if (actor.kind !== "staff") return false;
  const staff = actor.staff;
  if (OVERSEERS.has(staff.role)) return true;
  if (staff.windowId !== null && staff.windowId === c.windowId) return true;
  if ([c.registeredPointId, c.handlingPointId, c.currentPointId].includes(staff.pointId) && staff.departmentId === null) return true;
  if (staff.role === Role.TOWNSHIP_CLERK) {
    const registered = await em.getRepository(ServicePoint).findOneBy({ id: c.registeredPointId });
    if (registered?.parentId === staff.pointId) return true;
  }
  if (staff.departmentId !== null) {
    const item = await em.getRepository(ServiceItem).findOneBy({ id: c.itemId });
    if (item?.departmentId === staff.departmentId) return true;
    if (await em.getRepository(JointNotice).existsBy({ caseId: c.id, departmentId: staff.departmentId })) return true;
  }
  return false;
}

export async function assertCanSeeCase(ctx: RequestContext, em: EntityManager, c: Case): Promise<void> {
  if (!(await canSeeCase(ctx, em, c))) {
    throw new RuleViolation(UserErrorCode.FORBIDDEN, `C2: case ${c.number} is not at your point, window or department.`, ["input", "caseNumber"], "C2");
  }
}

export function staffOf(ctx: RequestContext): StaffIdentity {
  if (ctx.actor.kind !== "staff") throw new RuleViolation(UserErrorCode.FORBIDDEN, "Only staff act on cases.", null);
  return ctx.actor.staff;
}

/** The staff member must be working at the point where the file now is (hand-overs, close-out). */
export function assertAtPoint(staff: StaffIdentity, pointId: number, what: string): void {
  if (staff.pointId !== pointId || staff.departmentId !== null) {
    throw new RuleViolation(UserErrorCode.FORBIDDEN, `C2: ${what} is done by staff of the point where the file is now.`, ["input", "caseNumber"], "C2");
  }
}

/** N4: only the window that accepts the item at its point (or that township's clerk) handles the case there. */
export function assertAtWindow(staff: StaffIdentity, c: Case): void {
  const ownWindow = staff.windowId === c.windowId && (staff.role === Role.WINDOW_CLERK || staff.role === Role.TOWNSHIP_CLERK);
  const townshipClerk = staff.role === Role.TOWNSHIP_CLERK && staff.pointId === c.handlingPointId;
  if (!ownWindow && !townshipClerk) {
    throw new RuleViolation(
      UserErrorCode.FORBIDDEN,
      `N4: case ${c.number} is accepted at one window of its point only, and it is not yours.`,
      ["input", "caseNumber"],
      "N4",
    );
  }
}
