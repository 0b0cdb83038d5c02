import type { RequestContext } from "../../common/context";
import { staffOf } from "./case-access";
import { runCaseAct } from "./case-act";
import { CaseEventType } from "./case-event-types";
import { eventText } from "./case-event-texts";
import { CaseAct } from "./case-policy";
import { CaseReview } from "./case-records.entity";
import type { ReviewCaseInput } from "./case.inputs";

export { REVIEW_LABEL } from "./case-event-texts";

export const reviewService = {
  /**
   * A4: the approval section chief's review opinion (审查) on a COMMITTED or JOINT case, once; where the
   * item's procedure names the step, the deputy decides only after it (case-policy.ts).
   */
  review(ctx: RequestContext, input: ReviewCaseInput) {
    const staff = staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.REVIEW, async ({ em, c, record }) => {
      const opinion = input.opinion.trim();
      // The unique key on case_review.caseId makes a concurrent second review fail here.
      await em.getRepository(CaseReview).insert({ caseId: c.id, conclusion: input.conclusion, opinion, reviewedById: staff.id, reviewedAt: ctx.clock.now() });
      await record({ type: CaseEventType.REVIEWED, summary: eventText.reviewed({ conclusion: input.conclusion, opinion }), data: { conclusion: input.conclusion, opinion } });
      return c;
    });
  },
};
