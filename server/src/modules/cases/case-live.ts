import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import type { Case } from "./case.entity";

/**
 * A live hint to open pages (window queues, ledgers) that a case changed. It goes out only after
 * the transaction commits, so a page that refetches on it reads the new state; a rolled-back or
 * retried attempt sends nothing.
 */
export function notifyCaseChanged(ctx: RequestContext, em: EntityManager, c: Case): void {
  const change = { caseNumber: c.number, windowId: c.windowId, pointIds: [c.registeredPointId, c.currentPointId, c.handlingPointId] };
  ctx.db.afterCommit(em, () => ctx.caseChanges?.publish(change));
}
