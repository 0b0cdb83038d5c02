import { registerEnumType } from "type-graphql";

/** Where a case is in its life (C3, C7). */
export enum CaseStatus {
  /** Registered at a point; travelling to, or waiting at, the window that accepts its item. */
  REGISTERED = "REGISTERED",
  /** One-time supplement notice issued; the clock does not run (C3.6). */
  SUPPLEMENT = "SUPPLEMENT",
  /** Accepted and under review (IMMEDIATE, COMMITTED, JOINT) or with the higher authority (REPORTED_UP). */
  IN_REVIEW = "IN_REVIEW",
  /** Decided (or answered by the higher authority, or returned); the result travels back to the applicant. */
  DECIDED = "DECIDED",
  /** Result delivered: 销号 (C7). */
  CLOSED = "CLOSED",
}
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "Where a case is in its life.",
  valuesConfig: {
    REGISTERED: { description: "已登记: registered, travelling to or waiting at the accepting window" },
    SUPPLEMENT: { description: "待补正: one-time supplement notice issued; the clock is stopped" },
    IN_REVIEW: { description: "办理中: accepted and under review" },
    DECIDED: { description: "已办结待送达: decided; the result travels back to the applicant" },
    CLOSED: { description: "已销号: result delivered, case closed" },
  },
});

export enum DecisionOutcome {
  APPROVED = "APPROVED",
  REFUSED = "REFUSED",
  DEEMED_APPROVED = "DEEMED_APPROVED",
  /** 退回件: not accepted, with a written reason (C3.5). */
  RETURNED = "RETURNED",
  /** The higher authority's answer to a REPORTED_UP case, relayed (C3.4). */
  HIGHER_APPROVED = "HIGHER_APPROVED",
  HIGHER_REFUSED = "HIGHER_REFUSED",
  /** 撤回: the applicant withdrew the application before a decision (completion code 5). */
  WITHDRAWN = "WITHDRAWN",
  /** 逾期未补正: the supplement notice went unanswered past the set limit (completion code 5). */
  ABANDONED = "ABANDONED",
  /** 作废: an erroneous registration, voided by a clerk with a second person's approval (completion code 2). */
  VOIDED = "VOIDED",
}
registerEnumType(DecisionOutcome, {
  name: "DecisionOutcome",
  description: "The result of a case.",
  valuesConfig: {
    APPROVED: { description: "准予许可 under an authorization letter" },
    REFUSED: { description: "不予许可 under an authorization letter, with reasons" },
    DEEMED_APPROVED: { description: "超时许可: undecided past the limit on an item that allows it (C6)" },
    RETURNED: { description: "退回/不予受理 with a reason category and text (C3.5)" },
    HIGHER_APPROVED: { description: "approved by the higher authority (REPORTED_UP)" },
    HIGHER_REFUSED: { description: "refused by the higher authority (REPORTED_UP)" },
    WITHDRAWN: { description: "撤回: withdrawn by the applicant before a decision" },
    ABANDONED: { description: "逾期未补正: the supplement notice went unanswered past SUPPLEMENT_ABANDON_DAYS" },
    VOIDED: { description: "作废: an erroneous registration voided by two people" },
  },
});

export enum ReturnCategory {
  BANNED = "BANNED",
  AGAINST_INDUSTRIAL_POLICY = "AGAINST_INDUSTRIAL_POLICY",
  OUTSIDE_DEVELOPMENT_PLAN = "OUTSIDE_DEVELOPMENT_PLAN",
  NOT_IN_SCOPE = "NOT_IN_SCOPE",
}
registerEnumType(ReturnCategory, {
  name: "ReturnCategory",
  description: "Why a case is returned (C3.5).",
  valuesConfig: {
    BANNED: { description: "国家明令禁止" },
    AGAINST_INDUSTRIAL_POLICY: { description: "不符合产业政策" },
    OUTSIDE_DEVELOPMENT_PLAN: { description: "不符合发展规划" },
    NOT_IN_SCOPE: { description: "不属于本机关受理范围" },
  },
});

export enum JointOpinionKind {
  AGREE = "AGREE",
  DISAGREE = "DISAGREE",
  AGREE_REPORT_UP = "AGREE_REPORT_UP",
  DEEMED_AGREE = "DEEMED_AGREE",
}
registerEnumType(JointOpinionKind, {
  name: "JointOpinion",
  description: "A co-department's answer to a joint case (C3.3).",
  valuesConfig: {
    AGREE: { description: "同意" },
    DISAGREE: { description: "不同意 (reasons required)" },
    AGREE_REPORT_UP: { description: "同意并上报" },
    DEEMED_AGREE: { description: "缺席默许: silent past its limit, or disagreed without reasons" },
  },
});

/** 审查意见: the approval section chief's proposal to the deputy director (A4). */
export enum ReviewConclusion {
  PROPOSE_APPROVE = "PROPOSE_APPROVE",
  PROPOSE_REFUSE = "PROPOSE_REFUSE",
}
registerEnumType(ReviewConclusion, {
  name: "ReviewConclusion",
  description: "The approval section's review conclusion, proposed to the deputy director who decides (A4).",
  valuesConfig: {
    PROPOSE_APPROVE: { description: "拟准予许可" },
    PROPOSE_REFUSE: { description: "拟不予许可" },
  },
});

export enum PauseReason {
  SUPPLEMENT = "SUPPLEMENT",
  HEARING = "HEARING",
  TESTING = "TESTING",
  INSPECTION = "INSPECTION",
  EXPERT_REVIEW = "EXPERT_REVIEW",
  OTHER_STATUTORY = "OTHER_STATUTORY",
}
registerEnumType(PauseReason, {
  name: "PauseReason",
  description: "Time not counted in the limit (C3.6, Administrative Licensing Law art. 45).",
  valuesConfig: {
    SUPPLEMENT: { description: "补正材料" },
    HEARING: { description: "听证" },
    TESTING: { description: "检验检测" },
    INSPECTION: { description: "检疫、鉴定" },
    EXPERT_REVIEW: { description: "专家评审" },
    OTHER_STATUTORY: { description: "其他法定不计时情形" },
  },
});

export enum DeliveryChannel {
  WINDOW = "WINDOW",
  VILLAGE_AGENT = "VILLAGE_AGENT",
  POST = "POST",
}
registerEnumType(DeliveryChannel, {
  name: "DeliveryChannel",
  description: "How the result reached the applicant (C7).",
  valuesConfig: {
    WINDOW: { description: "Collected at the window." },
    VILLAGE_AGENT: { description: "Brought by the village agent." },
    POST: { description: "Sent by post." },
  },
});

export enum FaultKind {
  OVERDUE = "OVERDUE",
  DEEMED_APPROVAL = "DEEMED_APPROVAL",
  DEEMED_AGREE = "DEEMED_AGREE",
  LATE_FORWARD = "LATE_FORWARD",
  UPHELD_COMPLAINT = "UPHELD_COMPLAINT",
  LATE_RECTIFICATION = "LATE_RECTIFICATION",
}
registerEnumType(FaultKind, {
  name: "FaultKind",
  description: "What an accountability record is for (S5).",
  valuesConfig: {
    OVERDUE: { description: "超期: a case past its limit on an item without 超时许可 (once per case)" },
    DEEMED_APPROVAL: { description: "超时许可: a case deemed approved past its limit (C6)" },
    DEEMED_AGREE: { description: "缺席默许: a co-department silent past its limit (C3.3)" },
    LATE_FORWARD: { description: "上报超期: a REPORTED_UP case forwarded after 3 working days (C3.4)" },
    UPHELD_COMPLAINT: { description: "投诉属实 (S1)" },
    LATE_RECTIFICATION: { description: "差评整改超期 (S2)" },
  },
});

export enum DeadlineState {
  NONE = "NONE",
  ON_TIME = "ON_TIME",
  YELLOW = "YELLOW",
  RED = "RED",
  PAUSED = "PAUSED",
}
registerEnumType(DeadlineState, {
  name: "DeadlineState",
  description: "Warning state of a case's limit (C5): YELLOW with 2 or fewer working days left, RED when overdue.",
  valuesConfig: {
    NONE: { description: "No limit running (not accepted, or ended)." },
    ON_TIME: { description: "More than 2 working days left." },
    YELLOW: { description: "2 or fewer working days left." },
    RED: { description: "Past the limit." },
    PAUSED: { description: "The clock is stopped." },
  },
});
