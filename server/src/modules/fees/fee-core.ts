import type { EntityManager } from "typeorm";
import type { RequestContext, StaffIdentity } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { isReason, type Reason, type ReasonParams } from "../../common/reasons";
import { appendAudit } from "../audit/audit.service";
import { chinaDate } from "../calendar/working-calendar";
import { Case } from "../cases/case.entity";
import { ServiceWindow, WindowKind } from "../network/service-window.entity";
import type { FeeProblem } from "./fee-arithmetic";

/** The centre's designated account (专户) every fee goes into (F3). */
export const DESIGNATED_ACCOUNT = "石首市政务服务中心非税收入专户 421081-0001";

/**
 * A fee refusal: stable code, the input field at fault, the rule, a zh-CN fallback message, and the
 * reason the catalogues word (the fee codes are their own reason: F2_NO_STANDARD …). Nothing is written.
 */
export function feeError(code: UserErrorCode, field: string | null, rule: string, message: string, reason?: Reason, params: ReasonParams = {}): RuleViolation {
  return new RuleViolation(code, message, field ? ["input", field] : null, rule, reason ?? (isReason(code) ? code : null), params);
}

/** Throws the arithmetic's problem (fee-arithmetic.ts) as a user error, if there is one. */
export function refuseProblem(problem: FeeProblem | null): void {
  if (problem) throw feeError(problem.code as unknown as UserErrorCode, problem.field, problem.rule, `${problem.rule}：${problem.message}`);
}

export function staffOnly(ctx: RequestContext): StaffIdentity {
  if (ctx.actor.kind !== "staff") throw feeError(UserErrorCode.FORBIDDEN, null, "F3", "", "STAFF_ONLY");
  return ctx.actor.staff;
}

export const today = (ctx: RequestContext) => chinaDate(ctx.clock.now());

export const isPg = (em: EntityManager) => em.connection.options.type === "postgres";

/**
 * A case by number, its row locked for the rest of the transaction on PostgreSQL, so fee acts on one
 * case take turns (their timeline entries and charges stay in order). SQLite runs one transaction at a time.
 */
export async function lockedCase(em: EntityManager, number: string): Promise<Case> {
  if (isPg(em)) await em.query(`SELECT id FROM case_file WHERE number = $1 FOR UPDATE`, [number]);
  const c = await em.getRepository(Case).findOneBy({ number });
  if (!c) throw missing(["input", "caseNumber"], "NO_SUCH_CASE", { number });
  return c;
}

export async function lockRow(em: EntityManager, table: string, id: number): Promise<void> {
  if (isPg(em)) await em.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
}

/** The caller's own FINANCE window, or F3_NOT_FINANCE_WINDOW. */
export async function ownFinanceWindow(em: EntityManager, staff: StaffIdentity): Promise<ServiceWindow> {
  const window = staff.windowId === null ? null : await em.getRepository(ServiceWindow).findOneBy({ id: staff.windowId });
  if (!window || window.kind !== WindowKind.FINANCE) {
    throw feeError(UserErrorCode.F3_NOT_FINANCE_WINDOW, null, "F3", "F3：收费只能在金融窗口办理，您不在金融窗口。");
  }
  return window;
}

/**
 * A version-checked conditional update: exactly one row must change, or someone else changed it
 * first (STALE_VERSION, the transaction rolls back).
 */
export async function updateVersioned(em: EntityManager, entity: Function, row: { id: number; version: number }, changes: Record<string, unknown>, extraWhere = ""): Promise<void> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => "version + 1" })
    .where(`id = :id AND version = :version${extraWhere ? ` AND ${extraWhere}` : ""}`, { id: row.id, version: row.version })
    .execute();
  if (result.affected !== 1) throw new RuleViolation(UserErrorCode.STALE_VERSION, "", null, null, "STALE_VERSION");
  Object.assign(row, changes, { version: row.version + 1 });
}

/** Every fee write also appends a hash-chained audit row in the same transaction. */
export function auditFee(ctx: RequestContext, em: EntityManager, action: string, entityType: string, entityId: number | string, detail: Record<string, unknown>) {
  return appendAudit(ctx, em, action, entityType, entityId, detail);
}
