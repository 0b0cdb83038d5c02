import { render } from "../../common/messages";
import { Brackets, In } from "typeorm";
import type { RequestContext } from "../../common/context";
import { chinaDate } from "../calendar/working-calendar";
import { ServiceItem } from "../catalogue/service-item.entity";
import { PROVISIONAL_MARK } from "../documents/notices";
import { cnDate, cnDay } from "../documents/notice-layout";
import { HANDOVER_TITLE, type HandOverSheet, RECEIPT_TITLE, renderHandOverList, renderReceipt } from "../documents/paper";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { mayPrintNotices, mayRead, policyCaller } from "./case-access";
import { collectionPlace, collectionText } from "./case-collection";
import { type DocumentAnswer, OUTCOME_LABEL, printedApplicant } from "./case-documents";
import { canPrintHandOverList, caseScope } from "./case-policy";
import { Case, CaseEvent, CaseMaterial } from "./case.entity";
import { CaseStatus } from "./case.enums";

/** The two relay events: files going up (C2) and results coming back. */
const RELAYS = ["HANDED_OVER", "RESULT_HANDED_BACK"] as const;
const NOTICE_DAYS_TEXT = "5个工作日";

/** The next step on the receipt, from the case's state now. */
function nextStep(c: Case, handlingName: string): string {
  switch (c.status) {
    case CaseStatus.REGISTERED:
      return c.currentPointId === c.handlingPointId
        ? `由${handlingName}审查，收到材料之日起${NOTICE_DAYS_TEXT}内决定受理或者一次性告知需要补正的材料，并出具书面通知。`
        : `材料将逐级移交${handlingName}审查，其收到材料之日起${NOTICE_DAYS_TEXT}内决定受理或者一次性告知需要补正的材料，并出具书面通知。`;
    case CaseStatus.SUPPLEMENT:
      return "申请材料需要补正，请按一次性告知书补齐后提交；补正期间不计入办理时限。";
    case CaseStatus.IN_REVIEW:
      return c.deadline
        ? `已于${cnDay(c.acceptedOn ?? "")}受理，承诺${c.limitDays ?? ""}个工作日办结，预计于${cnDay(c.deadline)}${c.deadlineProvisional ? PROVISIONAL_MARK : ""}前办结。`
        : `已于${cnDay(c.acceptedOn ?? "")}受理，现处于特别程序，暂停计时。`;
    case CaseStatus.DECIDED:
      return `已于${c.decidedAt ? cnDate(c.decidedAt) : ""}作出决定（${c.outcome ? OUTCOME_LABEL[c.outcome] : ""}），请按下列地点领取办理结果。`;
    default:
      return `已办结${c.closedAt ? `，于${cnDate(c.closedAt)}送达` : ""}。`;
  }
}

/** 办件登记回执 (issue 9 §3): for those who print the case's notices (Q1: it carries the query code). */
export async function receiptDocument(ctx: RequestContext, c: Case, origin: string): Promise<DocumentAnswer> {
  if (!(await mayPrintNotices(ctx, c))) return { status: 403, message: render("RECEIPT_NOT_PRINTABLE", {}, ctx.language) };
  const em = ctx.db.manager;
  const [item, registered, handling, window, registrar, materials, place] = await Promise.all([
    em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId }),
    em.getRepository(ServicePoint).findOneByOrFail({ id: c.registeredPointId }),
    em.getRepository(ServicePoint).findOneByOrFail({ id: c.handlingPointId }),
    em.getRepository(ServiceWindow).findOneByOrFail({ id: c.windowId }),
    em.getRepository(Staff).findOne({ where: { id: c.registeredById }, select: { id: true, displayName: true } }),
    em.getRepository(CaseMaterial).find({ where: { caseId: c.id }, order: { id: "ASC" } }),
    collectionPlace(em, c),
  ]);
  const handlingName = `${handling.name}${window.name}（${window.code}）`;
  const file = await renderReceipt({
    caseNumber: c.number,
    queryCode: c.queryCode,
    statusUrl: `${origin}/status?number=${c.number}&code=${c.queryCode}`,
    issuedAt: ctx.clock.now(),
    pointName: registered.name,
    registeredAt: c.registeredAt,
    registeredBy: registrar?.displayName ?? "",
    applicant: await printedApplicant(em, c),
    itemName: item.name,
    itemCode: item.code,
    handlingName,
    receivedMaterials: materials.map((m) => ({ name: m.name, paper: m.paper })),
    nextStep: nextStep(c, handlingName),
    collection: collectionText(place),
  });
  return { status: 200, file, fileName: `${c.number}-receipt.pdf` };
}

/** Turns relay events (with their cases) into one sheet per (receiving point, direction). */
async function sheetsOf(ctx: RequestContext, events: CaseEvent[], cases: Case[]): Promise<HandOverSheet[]> {
  const em = ctx.db.manager;
  const pointIds = [...new Set(events.flatMap((e) => [e.fromPointId!, e.toPointId!]))];
  const points = new Map((await em.getRepository(ServicePoint).findBy({ id: In(pointIds) })).map((p) => [p.id, p]));
  const items = new Map((await em.getRepository(ServiceItem).findBy({ id: In([...new Set(cases.map((c) => c.itemId))]) })).map((i) => [i.id, i]));
  const byId = new Map(cases.map((c) => [c.id, c]));
  const sheets = new Map<string, HandOverSheet>();
  for (const e of events) {
    const c = byId.get(e.caseId)!;
    const direction = e.type === "HANDED_OVER" ? "UP" : "BACK";
    const key = `${e.toPointId}:${direction}`;
    let sheet = sheets.get(key);
    if (!sheet) {
      sheet = { fromName: points.get(e.fromPointId!)?.name ?? "", toName: points.get(e.toPointId!)?.name ?? "", direction, rows: [] };
      sheets.set(key, sheet);
    }
    const data = JSON.parse(e.data) as { receipt?: string[]; note?: string | null };
    const contents =
      direction === "UP"
        ? data.receipt?.length
          ? `${data.receipt.length}份：${data.receipt.join("、")}`
          : "无纸质材料"
        : `办理结果${c.outcome ? `（${OUTCOME_LABEL[c.outcome]}）` : ""}`;
    sheet.rows.push({ caseNumber: c.number, applicant: await printedApplicant(em, c), itemName: items.get(c.itemId)?.name ?? "", contents, note: data.note ?? null });
  }
  return [...sheets.values()];
}

/** 移交清单 of a point's relays on a day (H1): one sheet per receiving point, rows the caller may read. */
export async function pointHandOverDocument(ctx: RequestContext, pointCode: string, day: string): Promise<DocumentAnswer> {
  const em = ctx.db.manager;
  const point = await em.getRepository(ServicePoint).findOneBy({ code: pointCode });
  if (!point) return { status: 404, message: render("POINT_NOT_FOUND", {}, ctx.language) };
  const caller = policyCaller(ctx.actor);
  if (!canPrintHandOverList(caller, point)) return { status: 403, message: render("HANDOVER_NOT_PRINTABLE", {}, ctx.language) };
  const start = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(start.getTime()) || chinaDate(start) !== day) return { status: 404, message: render("INVALID_DATE", { day }, ctx.language) };
  const end = new Date(start.getTime() + 24 * 3600_000);
  const qb = em
    .getRepository(CaseEvent)
    .createQueryBuilder("e")
    .innerJoin(Case, "c", "c.id = e.caseId")
    .where("e.fromPointId = :p", { p: point.id })
    .andWhere("e.type IN (:...types)", { types: [...RELAYS] })
    .andWhere("e.at >= :start AND e.at < :end", { start, end })
    .orderBy("e.toPointId", "ASC")
    .addOrderBy("e.id", "ASC");
  const scope = caseScope(caller, "c");
  if (scope) qb.andWhere(new Brackets((w) => w.where(scope.where, scope.params)));
  const events = await qb.getMany();
  if (!events.length) return { status: 404, message: render("NO_HANDOVERS_ON_DAY", { day }, ctx.language) };
  const cases = await em.getRepository(Case).findBy({ id: In([...new Set(events.map((e) => e.caseId))]) });
  const file = await renderHandOverList({ title: `${point.name} ${cnDay(day)}`, day, issuedAt: ctx.clock.now(), sheets: await sheetsOf(ctx, events, cases) });
  return { status: 200, file, fileName: `handover-${point.code}-${day}.pdf` };
}

/** 移交清单 of one case's latest relay (H1), for whoever reads the case. */
export async function caseHandOverDocument(ctx: RequestContext, c: Case): Promise<DocumentAnswer> {
  if (!(await mayRead(ctx, c))) return { status: 403, message: render("CASE_NOT_VISIBLE", {}, ctx.language) };
  const last = await ctx.db.manager.getRepository(CaseEvent).findOne({ where: { caseId: c.id, type: In([...RELAYS]) }, order: { seq: "DESC" } });
  if (!last) return { status: 404, message: render("CASE_NOT_RELAYED", {}, ctx.language) };
  const file = await renderHandOverList({ title: c.number, day: chinaDate(last.at), issuedAt: ctx.clock.now(), sheets: await sheetsOf(ctx, [last], [c]) });
  return { status: 200, file, fileName: `${c.number}-handover.pdf` };
}

export const PAPER_TITLES = { receipt: RECEIPT_TITLE, handover: HANDOVER_TITLE } as const;
