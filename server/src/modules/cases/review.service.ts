import type { RequestContext } from "../../common/context";
import { authorizeAct, staffOf } from "./case-access";
import { appendCaseEvent, caseByNumber, updateCase } from "./case-core";
import { notifyCaseChanged } from "./case-live";
import { CaseAct } from "./case-policy";
import { CaseReview } from "./case-records.entity";
import { ReviewConclusion } from "./case.enums";
import type { ReviewCaseInput } from "./case.inputs";

/** How a review conclusion reads in the timeline and the decision's entry. */
export const REVIEW_LABEL: Record<ReviewConclusion, string> = {
  PROPOSE_APPROVE: "拟准予许可",
  PROPOSE_REFUSE: "拟不予许可",
};

export const reviewService = {
  /**
   * A4: the approval section chief's review opinion (审查) on a COMMITTED or JOINT case, once; where the
   * item's procedure names the step, the deputy decides only after it (case-policy.ts).
   */
  review(ctx: RequestContext, input: ReviewCaseInput) {
    const staff = staffOf(ctx);
    return ctx.db.transaction(async (em) => {
      const c = await caseByNumber(em, input.caseNumber);
      await authorizeAct(ctx, em, c, CaseAct.REVIEW);
      const opinion = input.opinion.trim();
      // The unique key on case_review.caseId makes a concurrent second review fail here.
      await em.getRepository(CaseReview).insert({ caseId: c.id, conclusion: input.conclusion, opinion, reviewedById: staff.id, reviewedAt: ctx.clock.now() });
      await appendCaseEvent(ctx, em, c, "REVIEWED", `审批股审查意见：${REVIEW_LABEL[input.conclusion]}（${opinion}）。`, { conclusion: input.conclusion, opinion });
      await updateCase(em, c, {});
      notifyCaseChanged(ctx, c);
      return c;
    });
  },
};
