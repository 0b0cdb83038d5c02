import { registerEnumType } from "type-graphql";

/** How a complaint came in (S1). */
export enum ComplaintChannel {
  WEB = "WEB",
  HOTLINE = "HOTLINE",
  BOX = "BOX",
  WINDOW = "WINDOW",
  FOLLOW_UP = "FOLLOW_UP",
}
registerEnumType(ComplaintChannel, {
  name: "ComplaintChannel",
  description: "How a complaint came in (S1).",
  valuesConfig: {
    WEB: { description: "网上投诉: the public form, without login" },
    HOTLINE: { description: "12345 热线: entered by staff or filed by the hotline's integration" },
    BOX: { description: "投诉箱: a letter from the complaint box, entered by staff" },
    WINDOW: { description: "窗口: made in person at a counter, entered by staff" },
    FOLLOW_UP: { description: "工作回访: a problem found calling back a sampled applicant (S6), filed by the supervisor's office" },
  },
});

/** Where a complaint is in its handling (S1). */
export enum ComplaintStatus {
  RECEIVED = "RECEIVED",
  ASSIGNED = "ASSIGNED",
  ANSWERED = "ANSWERED",
  CLOSED = "CLOSED",
}
registerEnumType(ComplaintStatus, {
  name: "ComplaintStatus",
  description: "Where a complaint is: received → assigned to a unit → answered by it → closed with an outcome.",
  valuesConfig: {
    RECEIVED: { description: "已登记: waiting for the supervisor to assign it" },
    ASSIGNED: { description: "已交办: the unit answers by the due day" },
    ANSWERED: { description: "已答复: waiting for the supervisor's outcome" },
    CLOSED: { description: "已办结: outcome recorded" },
  },
});

export enum ComplaintOutcome {
  UPHELD = "UPHELD",
  NOT_UPHELD = "NOT_UPHELD",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(ComplaintOutcome, {
  name: "ComplaintOutcome",
  description: "The supervisor's finding on a complaint (S1, S5).",
  valuesConfig: {
    UPHELD: { description: "属实: a fault (UPHELD_COMPLAINT) is recorded against the unit and the named person" },
    NOT_UPHELD: { description: "不属实" },
    WITHDRAWN: { description: "撤回: the complainant withdrew it" },
  },
});

/** Where an evaluation was given (S2). */
export enum EvaluationChannel {
  WEB = "WEB",
  WINDOW = "WINDOW",
  INTEGRATION = "INTEGRATION",
}
registerEnumType(EvaluationChannel, {
  name: "EvaluationChannel",
  description: "Where the applicant rated the case (S2).",
  valuesConfig: {
    WEB: { description: "the public status page, with the query code" },
    WINDOW: { description: "the second screen at the counter, opened by the clerk" },
    INTEGRATION: { description: "an integration (e.g. the provincial platform) with an API token" },
  },
});

export enum RectificationStatus {
  OPEN = "OPEN",
  ANSWERED = "ANSWERED",
  VERIFIED = "VERIFIED",
}
registerEnumType(RectificationStatus, {
  name: "RectificationStatus",
  description: "整改 of a 差评 (S2): the unit answers, the supervisor checks; a failed check sends it back (OPEN).",
  valuesConfig: {
    OPEN: { description: "待整改: the unit answers by the due day" },
    ANSWERED: { description: "已反馈: waiting for the supervisor's check" },
    VERIFIED: { description: "已核查: the supervisor accepted the rectification" },
  },
});

/** The five grades of S2, 5 best. */
export const RATING_LABEL: Record<number, string> = { 5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意" };
/** Ratings that count as 差评 and open a rectification (S2). */
export const isPoorRating = (rating: number) => rating <= 2;
