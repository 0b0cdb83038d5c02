import type PDFDocument from "pdfkit";
import { loadPDFDocument } from "../../common/lazy-modules";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { findCjkFont, describeMissingFont } from "../documents/fonts";
import { cnDate, MARGIN, paragraph, subheading, title } from "../documents/notice-layout";
import { collect, useFont } from "../documents/notices";
import { AssessmentUnitType, Bulletin, BulletinKind } from "./assessment.entity";
import { assessmentService, formulaService, kindStatistics, periodOf } from "./assessment.service";

const KIND_NAMES: Record<string, string> = { IMMEDIATE: "即办件", COMMITTED: "承办件", JOINT: "联办件", REPORTED_UP: "上报件", RETURNED: "退回件", SUPPLEMENT: "补办件" };
const pct = (part: number, whole: number) => (whole ? `${((part * 100) / whole).toFixed(1)}%` : "—");

type Doc = InstanceType<typeof PDFDocument>;

/** One table row of fixed-width cells. */
function row(doc: Doc, cells: string[], widths: number[]): void {
  if (doc.y > doc.page.height - MARGIN - 24) doc.addPage();
  const y = doc.y;
  let x = MARGIN;
  doc.fontSize(9.5);
  cells.forEach((cell, i) => {
    doc.text(cell, x, y, { width: widths[i] - 4, lineBreak: false, ellipsis: true });
    x += widths[i];
  });
  doc.x = MARGIN;
  doc.y = y + 15;
}

/** 定期通报 (S4): builds the PDF of a month or quarter from the records (a published quarter's stored figures). */
async function render(ctx: RequestContext, periodText: string): Promise<{ kind: BulletinKind; title: string; pdf: Buffer }> {
  const period = periodOf(periodText, ["input", "period"], true);
  if (period.kind === "YEAR") throw new RuleViolation(UserErrorCode.INVALID, "通报按月或按季度生成：2026-11 或 2026Q3。", ["input", "period"], "S4", "PERIOD_INVALID");
  const font = findCjkFont();
  if (!font) throw new Error(describeMissingFont());
  const em = ctx.db.manager;
  const centre: { name: string } | undefined = await em.createQueryBuilder().select("p.name", "name").from("service_point", "p").where("p.level = 'CITY'").getRawOne();
  const centreName = centre?.name ?? "行政服务中心";
  const heading = `便民服务定期通报（${period.label}）`;
  const kinds = await kindStatistics(em, period);
  // A quarter's ranking is the published one where it exists; a month is computed with the current formula.
  const windows = period.kind === "QUARTER"
    ? await assessmentService.view(ctx, period.text, AssessmentUnitType.WINDOW, null, false)
    : await monthView(ctx, period.text);
  const staff = period.kind === "QUARTER" ? await assessmentService.view(ctx, period.text, AssessmentUnitType.STAFF, null, false) : null;
  const params = { start: period.start, end: period.end };
  const overdue: Record<string, unknown>[] = await em.createQueryBuilder()
    .select("c.number", "number").addSelect("i.name", "item").addSelect("w.name", "window").addSelect("c.deadline", "deadline")
    .from("fault_record", "f").innerJoin("case_file", "c", `c.id = f."caseId"`).innerJoin("service_item", "i", `i.id = c."itemId"`).innerJoin("service_window", "w", `w.id = c."windowId"`)
    .where(`f.kind = 'OVERDUE' AND f.at >= :start AND f.at < :end AND f."reversalOfId" IS NULL AND NOT EXISTS (SELECT 1 FROM fault_record r WHERE r."reversalOfId" = f.id)`, params)
    .orderBy("c.number").limit(60).getRawMany();
  const upheld: Record<string, unknown>[] = await em.createQueryBuilder()
    .select("k.number", "number").addSelect("w.name", "window").addSelect("d.name", "department").addSelect(`k."closedAt"`, "closedAt")
    .from("complaint", "k").leftJoin("service_window", "w", `w.id = k."assignedWindowId"`).leftJoin("department", "d", `d.id = k."assignedDepartmentId"`)
    .where(`k.outcome = 'UPHELD' AND k."closedAt" >= :start AND k."closedAt" < :end`, params)
    .orderBy("k.number").limit(60).getRawMany();

  const doc = new (loadPDFDocument())({ size: "A4", margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, lang: "zh-CN", displayTitle: true, info: { Title: heading, Author: centreName, Creator: "便民服务系统" } });
  const done = collect(doc);
  useFont(doc, font);
  title(doc, centreName, heading);
  const totals = windows.rows.reduce((t, r) => ({ cases: t.cases + r.cases, closed: t.closed + r.closed, decided: t.decided + r.decided, onTime: t.onTime + r.onTime }), { cases: 0, closed: 0, decided: 0, onTime: 0 });
  paragraph(doc, `${period.label}，全市便民服务网络共受理办件 ${kinds.total} 件。市中心各窗口登记 ${totals.cases} 件，办结 ${totals.closed} 件，办结率 ${pct(totals.closed, totals.cases)}，按时办结率 ${pct(totals.onTime, totals.decided)}。考核按第 ${windows.formulaVersion} 版考核办法计分${windows.published ? "（已发布）" : "（试算）"}。`);
  subheading(doc, "一、办件类型统计");
  row(doc, ["类型", "件数", "占比"], [160, 100, 100]);
  for (const k of kinds.kinds) row(doc, [KIND_NAMES[k.kind], String(k.count), `${k.share.toFixed(1)}%`], [160, 100, 100]);
  subheading(doc, "二、窗口考核排名");
  const widths = [36, 150, 50, 64, 72, 60, 50];
  row(doc, ["名次", "窗口", "件数", "办结率", "按时办结率", "得分", "红旗"], widths);
  for (const r of windows.rows) row(doc, [String(r.rank), r.unitName, String(r.cases), pct(r.closed, r.cases), pct(r.onTime, r.decided), (r.scoreHundredths / 100).toFixed(2), r.redFlag ? "流动红旗" : ""], widths);
  subheading(doc, "三、流动红旗与服务标兵");
  const flags = windows.rows.filter((r) => r.redFlag).map((r) => r.unitName);
  paragraph(doc, `流动红旗窗口：${flags.length ? flags.join("、") : "无"}。`);
  if (staff) {
    const models = staff.rows.filter((r) => r.serviceModel).map((r) => r.unitName);
    paragraph(doc, `服务标兵：${models.length ? models.join("、") : "无"}。`);
  }
  subheading(doc, "四、超期办件");
  if (overdue.length === 0) paragraph(doc, "本期无超期办件。");
  for (const o of overdue) row(doc, [String(o.number), String(o.item), String(o.window), `承诺期限 ${String(o.deadline ?? "")}`], [130, 150, 100, 100]);
  subheading(doc, "五、属实投诉");
  if (upheld.length === 0) paragraph(doc, "本期无属实投诉。");
  for (const u of upheld) row(doc, [String(u.number), String(u.window ?? u.department ?? ""), `办结 ${cnDate(new Date(u.closedAt as string))}`], [150, 180, 150]);
  doc.moveDown();
  paragraph(doc, `${centreName} ${cnDate(ctx.clock.now())}`, { indent: false });
  doc.end();
  return { kind: period.kind === "MONTH" ? BulletinKind.MONTH : BulletinKind.QUARTER, title: heading, pdf: await done };
}

async function monthView(ctx: RequestContext, month: string) {
  const period = periodOf(month, ["input", "period"], true);
  const formula = await formulaService.current(ctx.db.manager);
  const rows = await assessmentService.compute(ctx.db.manager, AssessmentUnitType.WINDOW, period, formula);
  return { formulaVersion: formula.version, published: null, rows };
}

const staffId = (ctx: RequestContext) => (ctx.actor.kind === "staff" ? ctx.actor.staff.id : null);

export const bulletinService = {
  async generate(ctx: RequestContext, period: string): Promise<Bulletin> {
    const built = await render(ctx, period);
    return ctx.db.transaction(async (em) =>
      em.getRepository(Bulletin).save(em.getRepository(Bulletin).create({ kind: built.kind, period: periodOf(period, ["input", "period"], true).text, title: built.title, pdf: built.pdf.toString("base64"), generatedAt: ctx.clock.now(), generatedById: staffId(ctx), publishedAt: null, publishedById: null })),
    );
  },

  async publish(ctx: RequestContext, id: number): Promise<Bulletin> {
    return ctx.db.transaction(async (em) => {
      const bulletin = await em.getRepository(Bulletin).findOneBy({ id });
      if (!bulletin) throw new RuleViolation(UserErrorCode.NOT_FOUND, "没有这份通报。", ["input", "id"], "S4", "BULLETIN_NOT_FOUND");
      if (bulletin.publishedAt) return bulletin;
      await em.getRepository(Bulletin).update({ id }, { publishedAt: ctx.clock.now(), publishedById: staffId(ctx) });
      return (await em.getRepository(Bulletin).findOneBy({ id }))!;
    });
  },

  list(ctx: RequestContext, publishedOnly: boolean): Promise<Bulletin[]> {
    const qb = ctx.db.manager.getRepository(Bulletin).createQueryBuilder("b").select(["b.id", "b.kind", "b.period", "b.title", "b.generatedAt", "b.publishedAt"]).orderBy("b.id", "DESC").limit(200);
    if (publishedOnly) qb.where(`b."publishedAt" IS NOT NULL`);
    return qb.getMany();
  },

  /** The PDF of a bulletin: anyone once published; before that only the supervisor and the centre's admin. */
  async pdf(ctx: RequestContext, id: number): Promise<{ status: number; file?: Buffer; fileName?: string }> {
    const bulletin = await ctx.db.manager.getRepository(Bulletin).findOneBy({ id });
    const overseer = ctx.actor.kind === "staff" && ["SUPERVISOR", "CENTER_ADMIN"].includes(ctx.actor.staff.role);
    if (!bulletin || (!bulletin.publishedAt && !overseer)) return { status: 404 };
    return { status: 200, file: Buffer.from(bulletin.pdf, "base64"), fileName: `bulletin-${bulletin.period}.pdf` };
  },
};
