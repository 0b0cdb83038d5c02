import { render } from "../../common/messages";
import { type EntityManager, In } from "typeorm";
import { partiesForPrinting, partiesLine } from "./parties";
import type { RequestContext } from "../../common/context";
import { Department } from "../catalogue/department.entity";
import { Material, ServiceItem } from "../catalogue/service-item.entity";
import { AuthorizationLetter, ApprovalSeal } from "../authorization/authorization.entity";
import { type NoticeData, type NoticeKind, noticeFileName, renderNotice } from "../documents/notices";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { mayPrintNotices, mayRead } from "./case-access";
import { caseHandOverDocument, receiptDocument } from "./case-paper";
import { Case, CaseMaterial } from "./case.entity";
import { Decision, SupplementNotice } from "./case-records.entity";
import { DecisionOutcome, ReturnCategory } from "./case.enums";
import { hasDecisionNotice } from "./case-rules";
import { DOCUMENT_KINDS } from "./case-document-kinds";

const KIND_LABEL: Record<string, string> = { IMMEDIATE: "即办件", COMMITTED: "承办件", JOINT: "联办件", REPORTED_UP: "上报件", RETURNED: "退回件", SUPPLEMENT: "补办件" };
const RETURN_LABEL: Record<ReturnCategory, string> = {
  BANNED: "属国家明令禁止的事项",
  AGAINST_INDUSTRIAL_POLICY: "不符合国家产业政策",
  OUTSIDE_DEVELOPMENT_PLAN: "不符合发展规划",
  NOT_IN_SCOPE: "不属于本机关受理范围",
};
export const OUTCOME_LABEL: Record<DecisionOutcome, string> = {
  APPROVED: "准予行政许可",
  REFUSED: "不予行政许可",
  DEEMED_APPROVED: "准予行政许可（超时许可）",
  RETURNED: "不予受理",
  HIGHER_APPROVED: "上级机关同意",
  HIGHER_REFUSED: "上级机关不同意",
  WITHDRAWN: "申请人撤回申请",
  ABANDONED: "逾期未补正，退件",
  VOIDED: "登记有误，作废",
};
const REMEDY = "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。";

/**
 * The applicant as printed on every paper of a case (notices, receipt, hand-over list): one function, so
 * that several applicants, enterprises and agents are printed alike everywhere once a case has them.
 */
export async function printedApplicant(em: EntityManager, c: Case): Promise<string> {
  return partiesLine(await partiesForPrinting(em, c)); // every applicant (and agent); the one name for a single applicant
}

export type DocumentAnswer = { status: 200; file: Buffer; fileName: string } | { status: 403 | 404; message: string };

/** Builds and renders one printed notice of a case (C8) for a caller who prints its notices (they carry the query code, Q1). */
export async function caseDocument(ctx: RequestContext, number: string, kind: string, origin: string): Promise<DocumentAnswer> {
  const em = ctx.db.manager;
  const c = await em.getRepository(Case).findOneBy({ number });
  if (!c || !DOCUMENT_KINDS.includes(kind)) return { status: 404, message: render("DOCUMENT_NOT_FOUND", {}, ctx.language) };
  if (!(await mayRead(ctx, c))) return { status: 403, message: render("CASE_NOT_VISIBLE", {}, ctx.language) };
  // Issue 9 §3: the registration receipt (Q1, like the notices) and the latest relay's hand-over list (H1).
  if (kind === "receipt") return receiptDocument(ctx, c, origin);
  if (kind === "handover") return caseHandOverDocument(ctx, c);
  if (!(await mayPrintNotices(ctx, c))) return { status: 403, message: render("NOTICES_NOT_PRINTABLE", {}, ctx.language) };
  const [item, window, handling, materials, notice, decision] = await Promise.all([
    em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId }),
    em.getRepository(ServiceWindow).findOneByOrFail({ id: c.windowId }),
    em.getRepository(ServicePoint).findOneByOrFail({ id: c.handlingPointId }),
    em.getRepository(CaseMaterial).find({ where: { caseId: c.id }, order: { id: "ASC" } }),
    em.getRepository(SupplementNotice).findOneBy({ caseId: c.id }),
    em.getRepository(Decision).findOneBy({ caseId: c.id }),
  ]);
  const available =
    (kind === "acceptance" && c.acceptedOn) ||
    (kind === "supplement" && notice) ||
    (kind === "return" && c.outcome === DecisionOutcome.RETURNED) ||
    (kind === "decision" && decision && hasDecisionNotice(decision.outcome));
  if (!available) return { status: 404, message: render("NOTICE_NOT_AVAILABLE", {}, ctx.language) };
  const department = await em.getRepository(Department).findOneByOrFail({ id: item.departmentId });
  const data: NoticeData = {
    kind: kind as NoticeKind,
    caseNumber: c.number,
    queryCode: c.queryCode,
    statusUrl: `${origin}/status?number=${c.number}&code=${c.queryCode}`,
    issuedAt: ctx.clock.now(),
    centreName: handling.name,
    windowName: `${window.name}（${window.code}）`,
    applicantName: await printedApplicant(em, c),
    itemName: item.name,
    itemCode: item.code,
    departmentName: department.name,
    receivedMaterials: materials.map((m) => m.name),
  };
  if (kind === "acceptance") {
    Object.assign(data, { acceptedOn: c.acceptedOn, kindLabel: KIND_LABEL[c.kind ?? "COMMITTED"], promisedLimitDays: c.limitDays ?? item.promisedLimitDays, deadline: c.deadline ?? undefined, deadlineProvisional: c.deadline ? c.deadlineProvisional : undefined, legalBasis: item.legalBasis });
  } else if (kind === "supplement" && notice) {
    const described = await em.getRepository(Material).findBy({ id: In(notice.missingMaterialIds) });
    data.missingMaterials = notice.missingMaterialIds.map((id, i) => ({ name: notice.missing[i], description: described.find((m) => m.id === id)?.description ?? null }));
    data.defects = notice.defects;
  } else if (kind === "return") {
    Object.assign(data, { returnCategoryLabel: c.returnCategory ? RETURN_LABEL[c.returnCategory] : undefined, returnReason: c.returnReason ?? undefined, remedy: REMEDY });
  } else if (decision) {
    const letter = decision.letterId ? await em.getRepository(AuthorizationLetter).findOneBy({ id: decision.letterId }) : null;
    const seal = letter ? await em.getRepository(ApprovalSeal).findOneBy({ id: letter.sealId }) : null;
    Object.assign(data, {
      outcomeLabel: OUTCOME_LABEL[decision.outcome],
      decisionReason: decision.reason,
      decidedAt: decision.decidedAt,
      letterNumber: letter?.number ?? null,
      sealCode: decision.sealCode,
      sealName: seal?.name ?? null,
      remedy: REMEDY,
    });
  }
  return { status: 200, file: await renderNotice(data), fileName: noticeFileName(data) };
}
