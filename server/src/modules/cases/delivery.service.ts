import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { chinaDate } from "../calendar/working-calendar";
import { ServicePoint } from "../network/service-point.entity";
import { staffOf } from "./case-access";
import { runCaseAct } from "./case-act";
import { updateCase } from "./case-core";
import { CaseEventType } from "./case-event-types";
import { eventText } from "./case-event-texts";
import { CaseAct } from "./case-policy";
import { Case } from "./case.entity";
import { CaseStatus } from "./case.enums";
import type { CaseRefInput, CloseCaseInput } from "./case.inputs";

/** The next point down from `from` on the way back to the registering point (city → township → village). */
async function nextPointDown(em: EntityManager, c: Case): Promise<ServicePoint> {
  const points = em.getRepository(ServicePoint);
  let step = await points.findOneByOrFail({ id: c.registeredPointId });
  while (step.parentId !== null && step.parentId !== c.currentPointId) step = await points.findOneByOrFail({ id: step.parentId });
  if (step.parentId !== c.currentPointId) throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", null, "C2", "REGISTERING_POINT_NOT_BELOW");
  return step;
}

export const deliveryService = {
  /** C2: the result travels back the way the case came, one point at a time. */
  handBack(ctx: RequestContext, input: CaseRefInput) {
    staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.HAND_BACK, async ({ em, c, record }) => {
      const from = await em.getRepository(ServicePoint).findOneByOrFail({ id: c.currentPointId });
      const to = await nextPointDown(em, c);
      await updateCase(em, c, { currentPointId: to.id });
      await record({ type: CaseEventType.RESULT_HANDED_BACK, summary: eventText.resultHandedBack({ from: from.name, to: to.name }), route: { from: from.id, to: to.id } });
      return c;
    });
  },

  /** C7: 销号 — the result is delivered and the case closed, at the point that registered it. */
  close(ctx: RequestContext, input: CloseCaseInput) {
    staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.CLOSE, async ({ em, c, record }) => {
      const now = ctx.clock.now();
      await updateCase(em, c, { status: CaseStatus.CLOSED, closedAt: now, deliveredVia: input.via });
      await record({ type: CaseEventType.CLOSED, summary: eventText.closed({ via: input.via, day: chinaDate(now), informDue: c.informDue }), data: { via: input.via } });
      return c;
    });
  },
};
