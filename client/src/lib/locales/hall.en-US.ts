import type { hallZhCN } from "./hall.zh-CN";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const hallEnUS: Strings<typeof hallZhCN> = {
  desk: {
    title: "Immediate cases on duty",
    intro: "An IMMEDIATE case appears here the moment the window accepts it; open it, check it and decide — the applicant is waiting at the window.",
    caption: "IMMEDIATE cases waiting for a decision",
    empty: "No IMMEDIATE case is waiting",
    open: "Open case {{number}}",
    openShort: "Open case",
    arrived: "New IMMEDIATE cases ({{count}}): {{numbers}}",
    sound: "Sound",
    notify: "Desktop notification",
    alerts: "Alerts for new cases",
    notifyDenied: "The browser does not allow notifications; turn them on in its site settings.",
    notifyUnsupported: "This browser has no desktop notifications.",
    notificationTitle: "A new IMMEDIATE case is waiting for your decision",
  },
  reviews: {
    title: "Reviews to give",
    intro: "COMMITTED and JOINT cases are reviewed by the approval section before the deputy decides; where the item's procedure names the review step, no decision before the review opinion.",
    caption: "Cases waiting for the review opinion",
    empty: "No case is waiting for a review",
    required: "Review required by the procedure",
    optional: "Review optional",
    step: "Review step",
    open: "Review {{number}}",
    openShort: "Review",
  },
  review: {
    section: "Review opinion",
    conclusion: "Conclusion",
    opinion: "Opinion",
    by: "Reviewed by",
    at: "Reviewed at",
    none: "No review opinion yet",
    waitingRequired: "The item's procedure names the approval section's review: the deputy decides once the review opinion is given.",
    PROPOSE_APPROVE: "Proposes approval",
    PROPOSE_REFUSE: "Proposes refusal",
  },
  act: {
    button: "Review",
    title: "Review opinion: {{number}}",
    ok: "Give the review opinion",
    help: "The opinion is recorded on the timeline and in the decision; it cannot be changed afterwards.",
    opinionRequired: "Write the review opinion (2–1000 characters)",
  },
  item: {
    reviewRequired: "The procedure has a review step (decided only after the approval section's review)",
    reviewRequiredHelp: "When ticked, COMMITTED and JOINT cases are decided only after the section chief's review opinion.",
  },
  letter: {
    holderHelp: "User name of a deputy director of your department, of your chief representative at the department's city window (a window clerk, listed IMMEDIATE items only), or of a township clerk, e.g. gaj.deputy, c05, t03",
  },
  live: {
    updated: "The case was updated",
  },
};
