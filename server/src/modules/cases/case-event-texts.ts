import { CaseKind } from "../catalogue/enums";
import { formatYuan } from "../fees/fee-arithmetic";
import { NOTICE_DAYS } from "./case-rules";
import type { DeliveryChannel, JointOpinionKind, ReviewConclusion } from "./case.enums";

/**
 * The words of the timeline, in one place: every summary a case event stores (and seals in its hash
 * chain) is written by one of these functions — by the services (through runCaseAct) and by the
 * historical-case generator (seed/historical-cases.ts) alike. Pure: no database, no clock.
 * Changing a sentence here changes new entries only; stored entries keep their words.
 */

export const KIND_LABEL: Record<CaseKind, string> = {
  IMMEDIATE: "即办件",
  COMMITTED: "承办件",
  JOINT: "联办件",
  REPORTED_UP: "上报件",
  RETURNED: "退回件",
  SUPPLEMENT: "补办件",
};

export const CHANNEL_LABEL: Record<DeliveryChannel, string> = { WINDOW: "窗口当面送达", VILLAGE_AGENT: "代办员送达", POST: "邮寄送达" };

export const OPINION_LABEL: Record<JointOpinionKind, string> = {
  AGREE: "同意",
  DISAGREE: "不同意",
  AGREE_REPORT_UP: "同意并上报",
  DEEMED_AGREE: "缺席默许",
};

/** How a review conclusion reads in the timeline and the decision's entry. */
export const REVIEW_LABEL: Record<ReviewConclusion, string> = {
  PROPOSE_APPROVE: "拟准予许可",
  PROPOSE_REFUSE: "拟不予许可",
};

export const PAYMENT_METHOD_LABEL = { CASH: "现金", CARD: "刷卡", TRANSFER: "转账" } as const;

/** "2027-01-12（暂定）": how a due day is written in timelines. */
export const dueText = (date: string | null, provisional: boolean) => `${date}${provisional ? "（暂定）" : ""}`;

/** How a deemed acceptance's entry says that the 5 working days were counted on a provisional year. */
export const deemedOnProvisional = (provisional: boolean) => (provisional ? "（工作日按暂定日历计算）" : "");

/** Why a co-department counts as agreeing (C3.3): the words of the entry and of the fault against it. */
export const jointSilence = {
  noReasons: "提出不同意意见但未说明理由",
  late: (dueOn: string) => `逾期（${dueOn}）未出具联办意见`,
};

/** Why open charges are cancelled when a case ends before a decision, by the ending's outcome. */
export const CANCEL_WHY = { WITHDRAWN: "申请人撤回申请", ABANDONED: "逾期未补正材料，按退件办结", VOIDED: "办件登记有误已作废" } as const;

/** One due day moved by a recount (DEADLINE_RECOMPUTED). */
export interface DueChange {
  what: string;
  from: string;
  to: string;
  provisional: boolean;
}

const names = (list: readonly string[]) => list.join("、");

export const eventText = {
  registered: (p: { point: string; number: string; handlingPoint: string; window: string }) => `${p.point}登记，办件编号 ${p.number}；由${p.handlingPoint}${p.window}受理。`,
  guideDrift: (p: { documents: readonly string[] }) => `收取了办事指南未列明的材料：${names(p.documents)}（G3）。`,
  handedOver: (p: { from: string; to: string; paperCount: number; note?: string | null }) => `${p.from} → ${p.to}，移交纸质材料 ${p.paperCount} 份${p.note ? `（${p.note}）` : ""}。`,
  materialsAttached: (p: { materials: readonly string[] }) => (p.materials.length ? `网上补传电子材料：${names(p.materials)}。` : "网上补传的材料均已收取。"),
  /** `deadline` null: the clock is stopped (a pause still open). */
  accepted: (p: { day: string; kind: CaseKind; previousKind: CaseKind | null; limitDays: number; deadline: string | null; provisional: boolean }) => {
    const change = p.previousKind && p.previousKind !== p.kind ? `，办件类型由${KIND_LABEL[p.previousKind]}转为${KIND_LABEL[p.kind]}` : "";
    return `${p.day} 受理为${KIND_LABEL[p.kind]}${change}，承诺 ${p.limitDays} 个工作日，${p.deadline ? `${dueText(p.deadline, p.provisional)} 前办结` : "时限暂停"}。`;
  },
  /** Art. 32 at the window: the clerk accepts after the notice period passed. */
  deemedAcceptanceAtAccept: (p: { day: string; provisional: boolean }) => `收件后 ${NOTICE_DAYS} 个工作日内未告知${deemedOnProvisional(p.provisional)}，依法自收件之日 ${p.day} 起受理（行政许可法第三十二条）。`,
  /** Art. 32 by the scheduler: nobody acted within the notice period. */
  deemedAcceptanceBySweep: (p: { receivedOn: string | null; provisional: boolean }) => `收件（${p.receivedOn}）后 ${NOTICE_DAYS} 个工作日内未告知补正${deemedOnProvisional(p.provisional)}，依法自收件之日起受理（行政许可法第三十二条）。`,
  jointNotified: (p: { departments: readonly string[]; dueOn: string; provisional: boolean }) => `抄告${names(p.departments)}，请于 ${dueText(p.dueOn, p.provisional)} 前出具联办意见。`,
  jointOpinion: (p: { department: string; opinion: JointOpinionKind; reasons?: string | null }) => `${p.department}联办意见：${OPINION_LABEL[p.opinion]}${p.reasons ? `（${p.reasons}）` : ""}。`,
  jointDeemedAgree: (p: { department: string; why: string }) => `${p.department}${p.why}，视为同意（缺席默许），记入该部门考核。`,
  supplementRequested: (p: { missing: readonly string[]; defects: readonly string[] }) => {
    const told = [p.missing.length ? `需补正材料 ${p.missing.length} 项：${names(p.missing)}` : null, p.defects.length ? `已交材料需更正 ${p.defects.length} 处：${p.defects.join("；")}` : null].filter(Boolean).join("；");
    return `一次性告知${told}；补齐前不计时。`;
  },
  supplementCompleted: (p: { materials: readonly string[] }) => `补齐材料：${names(p.materials)}。`,
  returned: (p: { reason: string }) => `退回：${p.reason}`,
  paused: (p: { day: string; note: string }) => `${p.day} 起进入特别程序（${p.note}），不计入办理时限，已书面告知申请人。`,
  resumed: (p: { day: string; deadline: string | null; provisional: boolean }) => `${p.day} 特别程序结束，恢复计时，${dueText(p.deadline, p.provisional)} 前办结。`,
  extended: (p: { days: number; reason: string; deadline: string | null; provisional: boolean }) => `经负责人批准延长 ${p.days} 个工作日（${p.reason}），${dueText(p.deadline, p.provisional)} 前办结，已告知申请人。`,
  /** After an official year is loaded (C5). */
  deadlinesRecountedForYear: (p: { year: number; dues: readonly DueChange[] }) => {
    const words = p.dues.map((m) => (m.from === m.to ? `${m.what} ${m.to} 不变` : `${m.what}由 ${m.from}（暂定）顺延至 ${dueText(m.to, m.provisional)}`));
    return `${p.year} 年国务院放假安排已载入，按其重新计算：${words.join("；")}${p.dues.every((m) => !m.provisional) ? "，不再暂定" : ""}。`;
  },
  /** After an admin changed one day of an official year (C5); `why` says which and why. */
  deadlinesRecountedForDay: (p: { why: string; dues: readonly DueChange[] }) => `${p.why}；按调整后的工作日历重新计算：${p.dues.map((m) => `${m.what}由 ${m.from} 顺延至 ${dueText(m.to, m.provisional)}`).join("；")}。`,
  forwardedUp: (p: { authority: string | null }) => `报送${p.authority}审批。`,
  higherReply: (p: { authority: string | null; approved: boolean; replyText: string; informDue: string; provisional: boolean }) =>
    `${p.authority}答复：${p.approved ? "同意" : "不同意"}（${p.replyText}）；${dueText(p.informDue, p.provisional)} 前告知申请人。`,
  reviewed: (p: { conclusion: ReviewConclusion; opinion: string }) => `审批股审查意见：${REVIEW_LABEL[p.conclusion]}（${p.opinion}）。`,
  decided: (p: { approve: boolean; reason?: string | null; review?: ReviewConclusion | null; letter: string; sealName: string; sealCode: string }) =>
    `${p.review ? `经审批股审查（${REVIEW_LABEL[p.review]}），` : ""}${p.approve ? "准予" : "不予"}许可${p.reason ? `（${p.reason}）` : ""}；依据授权委托书 ${p.letter}，加盖${p.sealName}（${p.sealCode}）。`,
  /** `deadline` as told (dueText). */
  deemedApproved: (p: { deadline: string }) => `超过办理时限 ${p.deadline} 未作决定，依超时许可制视为准予，并记录过错责任。`,
  resultHandedBack: (p: { from: string; to: string }) => `办理结果由${p.from}转交${p.to}。`,
  closed: (p: { via: DeliveryChannel; day: string; informDue: string | null }) => `${CHANNEL_LABEL[p.via]}，销号${p.informDue && p.day > p.informDue ? `（应于 ${p.informDue} 前告知，已逾期）` : ""}。`,
  withdrawn: (p: { reason: string }) => `申请人撤回申请：${p.reason}（办结结果 5 退件）。`,
  abandoned: (p: { reason: string }) => `${p.reason}，按退件办结（办结结果 5 退件）。`,
  voidRequested: (p: { reason: string }) => `申请作废（登记有误）：${p.reason}；待第二人批准。`,
  voidRejected: (p: { reason: string }) => `驳回作废申请：${p.reason}。`,
  voided: (p: { requestedBy: string; reason: string }) => `批准作废（${p.requestedBy}申请）：${p.reason}（办结结果 2 作废）。`,
  ticketVoided: (p: { ticket: string; amountFen: number; reason: string | null }) => `票据 ${p.ticket}（${formatYuan(p.amountFen)}元）作废：${p.reason ?? ""}；号码保留，费用恢复为待缴。`,
  chargesCancelled: (p: { why: string; count: number; dueFen: number }) => `${p.why}，未缴费用 ${p.count} 项（应缴 ${formatYuan(p.dueFen)} 元）一并作废，不再收取。`,
  charged: (p: { standard: string; standardFen: number; quantity: number; amountFen: number; version: number }) =>
    `收费登记：${p.standard} ${formatYuan(p.standardFen)}元 × ${p.quantity} = ${formatYuan(p.amountFen)}元（第${p.version}版标准）。`,
  reduced: (p: { exempt: boolean; reductionFen: number; legalBasis: string; letter: string }) => `${p.exempt ? "免收" : "减免"}${formatYuan(p.reductionFen)}元，依据：${p.legalBasis}（授权委托书 ${p.letter}）。`,
  paid: (p: { window: string; amountFen: number; method: keyof typeof PAYMENT_METHOD_LABEL; ticket: string }) => `${p.window}收讫${formatYuan(p.amountFen)}元（${PAYMENT_METHOD_LABEL[p.method]}），票据号 ${p.ticket}。`,
  refunded: (p: { payment: string; amountFen: number; reason: string }) => `缴款 ${p.payment} 退费${formatYuan(p.amountFen)}元：${p.reason}`,
};

/** Words that go with some entries into other records (decision reasons, fault notes), shared with the generator. */
export const recordText = {
  deemedApprovalReason: (deadline: string) => `超过办理时限（${deadline}）未作决定，视为准予（超时许可）。`,
  deemedApprovalFault: (number: string, deadline: string) => `办件 ${number} 超过时限 ${deadline} 未决定，超时许可。`,
  overdueFault: (number: string, deadline: string) => `办件 ${number} 超过办理时限 ${deadline} 未办结（该事项不适用超时许可）。`,
  lateForwardFault: (number: string, due: string, day: string) => `上报件 ${number} 应于 ${due} 前报送，实际 ${day}。`,
  jointSilenceFault: (department: string, why: string) => `${department}：${why}`,
  supplementPauseNote: "一次性告知补正材料",
};
