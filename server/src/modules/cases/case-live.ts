import type { RequestContext } from "../../common/context";
import type { Case } from "./case.entity";

/** Called after a case changed: live hints to open pages (window queues, ledgers). */
export function notifyCaseChanged(ctx: RequestContext, c: Case): void {
  ctx.caseChanges?.publish({ caseNumber: c.number, windowId: c.windowId, pointIds: [c.registeredPointId, c.currentPointId, c.handlingPointId] });
}
