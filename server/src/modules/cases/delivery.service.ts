import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { chinaDate } from "../calendar/working-calendar";
import { ServicePoint } from "../network/service-point.entity";
import { authorizeAct, staffOf } from "./case-access";
import { appendCaseEvent, caseByNumber, updateCase } from "./case-core";
import { notifyCaseChanged } from "./case-live";
import { CaseAct } from "./case-policy";
import { Case } from "./case.entity";
import { CaseStatus, DeliveryChannel } from "./case.enums";
import type { CaseRefInput, CloseCaseInput } from "./case.inputs";

/** The next point down from `from` on the way back to the registering point (city → township → village). */
async function nextPointDown(em: EntityManager, c: Case): Promise<ServicePoint> {
  const points = em.getRepository(ServicePoint);
  let step = await points.findOneByOrFail({ id: c.registeredPointId });
  while (step.parentId !== null && step.parentId !== c.currentPointId) step = await points.findOneByOrFail({ id: step.parentId });
  if (step.parentId !== c.currentPointId) throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", null, "C2", "REGISTERING_POINT_NOT_BELOW");
  return step;
}

const CHANNEL_LABEL: Record<DeliveryChannel, string> = { WINDOW: "窗口当面送达", VILLAGE_AGENT: "代办员送达", POST: "邮寄送达" };

export const deliveryService = {
  /** C2: the result travels back the way the case came, one point at a time. */
  handBack(ctx: RequestContext, input: CaseRefInput) {
    staffOf(ctx);
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.HAND_BACK);
      const from = await em.getRepository(ServicePoint).findOneByOrFail({ id: c.currentPointId });
      const to = await nextPointDown(em, c);
      await updateCase(em, c, { currentPointId: to.id });
      await appendCaseEvent(ctx, em, c, "RESULT_HANDED_BACK", `办理结果由${from.name}转交${to.name}。`, {}, { from: from.id, to: to.id });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },

  /** C7: 销号 — the result is delivered and the case closed, at the point that registered it. */
  close(ctx: RequestContext, input: CloseCaseInput) {
    staffOf(ctx);
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.CLOSE);
      const now = ctx.clock.now();
      await updateCase(em, c, { status: CaseStatus.CLOSED, closedAt: now, deliveredVia: input.via });
      const late = c.informDue && chinaDate(now) > c.informDue ? `（应于 ${c.informDue} 前告知，已逾期）` : "";
      await appendCaseEvent(ctx, em, c, "CLOSED", `${CHANNEL_LABEL[input.via]}，销号${late}。`, { via: input.via });
      notifyCaseChanged(ctx, c);
      return c;
    });
  },
};
