import { loadExcelJS } from "../../common/lazy-modules";
import { In } from "typeorm";
import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { Allow, isAllowed } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { Connection, PageArgs, paginate } from "../../common/pagination";
import { IsDay } from "../../common/validation";
import { invalid } from "../../common/payload";
import { CaseKind } from "../catalogue/enums";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Evaluation } from "../supervision/supervision.entity";
import { Case } from "./case.entity";
import { Decision } from "./case-records.entity";
import { CaseStatus, DecisionOutcome } from "./case.enums";
import { completionCodeOf, maskIdNumber } from "./case-rules";
import { policyCaller } from "./case-access";
import { caseExportScope } from "./case-policy";

/**
 * Export for the provincial platform (issue 8 §5, DOMAIN §6): the cases that ended (办结: decided,
 * returned, withdrawn, voided or abandoned) within a period of Shishou days, with their completion
 * code and reason, dates and the citizen's rating. Personal data only as the platform needs it: the
 * applicant's ID number masked; no name, no phone. The same rows as a GraphQL connection and as
 * CSV/XLSX with zh-CN headers.
 */

/**
 * Who may export: the supervisor's office, the centre, and integration tokens with `cases:export` —
 * a token only the cases of the points it is bound to (case-policy.ts R2e, `caseExportScope`).
 */
export const EXPORT_ACCESS = ["SUPERVISOR", "CENTER_ADMIN", "scope:cases:export"] as const;

@ObjectType({ description: "One ended case as the provincial platform takes it (§6)." })
export class CaseExportRow {
  @Field({ description: "办件编号" }) caseNumber: string;
  @Field({ description: "事项编码" }) itemCode: string;
  @Field({ description: "事项名称" }) itemName: string;
  @Field({ description: "实施部门编码" }) departmentCode: string;
  @Field({ description: "受理网点编码 (the handling point)" }) handlingPointCode: string;
  @Field({ description: "受理窗口编码" }) windowCode: string;
  @Field(() => CaseKind, { nullable: true, description: "办件类型 (C4); null when it ended before acceptance." }) kind: CaseKind | null;
  @Field(() => CaseStatus, { description: "The case's status at export." }) status: CaseStatus;
  @Field(() => DecisionOutcome, { description: "The decision's outcome." }) outcome: DecisionOutcome;
  @Field(() => Int, { description: "办结结果 0–6 (§6)." }) completionCode: number;
  @Field(() => String, { nullable: true, description: "办结原因: required for codes 1–5 (and given for 6)." }) completionReason: string | null;
  @Field({ description: "申请人证件号码, masked." }) applicantIdMasked: string;
  @Field({ description: "登记时间" }) registeredAt: Date;
  @Field(() => String, { nullable: true, description: "受理日期" }) acceptedOn: string | null;
  @Field(() => String, { nullable: true, description: "承诺办结日期 (the deadline)" }) deadline: string | null;
  @Field({ description: "办结时间" }) decidedAt: Date;
  @Field(() => Date, { nullable: true, description: "送达销号时间" }) closedAt: Date | null;
  @Field(() => Int, { nullable: true, description: "群众评价 1–5 (S2), when given." }) evaluationRating: number | null;
}

const CaseExportConnection = Connection(CaseExportRow, "CaseExport");

@ArgsType()
export class CaseExportArgs extends PageArgs {
  @Field({ description: "First day of the period (YYYY-MM-DD, Shishou time): cases ended on or after it." }) @IsDay() from: string;
  @Field({ description: "Last day of the period (YYYY-MM-DD): cases ended on or before it." }) @IsDay() to: string;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
/** Longest period one export covers (a year and a day). */
const MAX_PERIOD_DAYS = 366;

function periodOf(from: string, to: string) {
  const start = dayStart(from);
  const end = new Date(dayStart(to).getTime() + 86_400_000);
  if (end <= start) throw invalid(["to"], "EXPORT_PERIOD_REVERSED", {}, "E3");
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw invalid(["to"], "EXPORT_PERIOD_TOO_LONG", { days: MAX_PERIOD_DAYS }, "E3");
  return { start, end };
}

/** The cases that ended in the period, among those the caller may export (R2e). */
function endedIn(ctx: RequestContext, from: string, to: string) {
  const { start, end } = periodOf(from, to);
  const qb = ctx.db.manager
    .getRepository(Case)
    .createQueryBuilder("c")
    .where("c.decidedAt >= :start AND c.decidedAt < :end AND c.outcome IS NOT NULL", { start, end });
  const scope = caseExportScope(policyCaller(ctx.actor), "c");
  return scope ? qb.andWhere(scope.where, scope.params) : qb;
}

/** The rows of a page of cases: a few batched lookups, no query per case. */
async function rowsOf(ctx: RequestContext, cases: Case[]): Promise<CaseExportRow[]> {
  if (!cases.length) return [];
  const em = ctx.db.manager;
  const ids = cases.map((c) => c.id);
  const [items, decisions, evaluations, windows, points] = await Promise.all([
    em.getRepository(ServiceItem).find({ where: { id: In([...new Set(cases.map((c) => c.itemId))]) }, select: { id: true, code: true, name: true, departmentId: true } }),
    em.getRepository(Decision).find({ where: { caseId: In(ids) }, select: { caseId: true, reason: true } }),
    em.getRepository(Evaluation).find({ where: { caseId: In(ids) }, select: { caseId: true, rating: true } }),
    em.getRepository(ServiceWindow).find({ where: { id: In([...new Set(cases.map((c) => c.windowId))]) }, select: { id: true, code: true } }),
    em.getRepository(ServicePoint).find({ where: { id: In([...new Set(cases.map((c) => c.handlingPointId))]) }, select: { id: true, code: true } }),
  ]);
  const departments = await em.getRepository(Department).find({ where: { id: In([...new Set(items.map((i) => i.departmentId))]) }, select: { id: true, code: true } });
  return cases.map((c) => {
    const item = items.find((i) => i.id === c.itemId)!;
    return {
      caseNumber: c.number,
      itemCode: item.code,
      itemName: item.name,
      departmentCode: departments.find((d) => d.id === item.departmentId)?.code ?? "",
      handlingPointCode: points.find((p) => p.id === c.handlingPointId)?.code ?? "",
      windowCode: windows.find((w) => w.id === c.windowId)?.code ?? "",
      kind: c.kind,
      status: c.status,
      outcome: c.outcome!,
      completionCode: completionCodeOf(c.outcome)!,
      completionReason: decisions.find((d) => d.caseId === c.id)?.reason ?? c.returnReason ?? null,
      applicantIdMasked: maskIdNumber(c.applicantIdNumber),
      registeredAt: c.registeredAt,
      acceptedOn: c.acceptedOn,
      deadline: c.deadline,
      decidedAt: c.decidedAt!,
      closedAt: c.closedAt,
      evaluationRating: evaluations.find((e) => e.caseId === c.id)?.rating ?? null,
    };
  });
}

export async function caseExportPage(ctx: RequestContext, args: CaseExportArgs) {
  const page = await paginate(endedIn(ctx, args.from, args.to), args, "id");
  const rows = await rowsOf(ctx, page.nodes);
  return { ...page, nodes: rows, edges: page.edges.map((e, i) => ({ node: rows[i], cursor: e.cursor })) };
}

@Resolver()
export class CaseExportResolver {
  @Allow(...EXPORT_ACCESS)
  @Query(() => CaseExportConnection, { description: "§6: ended cases of a period for the provincial platform, with completion codes, reasons and ratings (masked ID, no names or phones). A token (scope cases:export) gets only the cases of its bound points (all when bound to none)." })
  caseExport(@Ctx() ctx: RequestContext, @Args() args: CaseExportArgs) {
    return caseExportPage(ctx, args);
  }
}

const HEADERS = ["办件编号", "事项编码", "事项名称", "实施部门编码", "受理网点编码", "受理窗口", "办件类型", "办件状态", "办结结果代码", "办结结果", "办结原因", "申请人证件号码（脱敏）", "登记时间", "受理日期", "承诺办结日期", "办结时间", "送达时间", "群众评价"];
const CODE_LABEL = ["出证办结", "不予许可", "作废", "删除", "转报", "退件", "不予受理"];
const KIND_LABEL: Record<CaseKind, string> = { IMMEDIATE: "即办件", COMMITTED: "承办件", JOINT: "联办件", REPORTED_UP: "上报件", RETURNED: "退回件", SUPPLEMENT: "补办件" };
const STATUS_LABEL: Record<CaseStatus, string> = { REGISTERED: "已登记", SUPPLEMENT: "待补正", IN_REVIEW: "办理中", DECIDED: "已办结待送达", CLOSED: "已销号" };
const RATING_LABEL = ["", "非常不满意", "不满意", "基本满意", "满意", "非常满意"];
/** An instant as Shishou local time, "YYYY-MM-DD HH:MM". */
const local = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ") : "");

export type ExportAnswer = { status: 200; file: Buffer; fileName: string; type: string } | { status: 400 | 403; message: string };

/** `/documents/export/cases.csv|.xlsx?from=&to=`: every ended case of the period (read in pages of 500). */
export async function caseExportDocument(ctx: RequestContext, format: string, from: unknown, to: unknown): Promise<ExportAnswer> {
  if (!isAllowed(ctx, EXPORT_ACCESS)) return { status: 403, message: "E3：办件导出仅限纪检监察和中心管理员。" };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (typeof from !== "string" || typeof to !== "string" || !day.test(from) || !day.test(to)) return { status: 400, message: "E3：请以 from=YYYY-MM-DD&to=YYYY-MM-DD 指定导出期间。" };
  try {
    periodOf(from, to);
  } catch (error) {
    return { status: 400, message: (error as Error).message };
  }
  const rows: CaseExportRow[] = [];
  let lastId = 0;
  for (;;) {
    const batch = await endedIn(ctx, from, to).andWhere("c.id > :lastId", { lastId }).orderBy("c.id", "ASC").take(500).getMany();
    rows.push(...(await rowsOf(ctx, batch)));
    if (batch.length < 500) break;
    lastId = batch[batch.length - 1].id;
  }
  const table = rows.map((r) => [
    r.caseNumber,
    r.itemCode,
    r.itemName,
    r.departmentCode,
    r.handlingPointCode,
    r.windowCode,
    r.kind ? KIND_LABEL[r.kind] : "",
    STATUS_LABEL[r.status],
    r.completionCode,
    CODE_LABEL[r.completionCode],
    r.completionReason ?? "",
    r.applicantIdMasked,
    local(r.registeredAt),
    r.acceptedOn ?? "",
    r.deadline ?? "",
    local(r.decidedAt),
    local(r.closedAt),
    r.evaluationRating ? `${r.evaluationRating} ${RATING_LABEL[r.evaluationRating]}` : "",
  ]);
  const base = `办件导出-${from}-${to}`;
  if (format === "csv") {
    const cell = (v: unknown) => {
      const text = String(v).replace(/"/g, '""');
      return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${/^[=+\-@]/.test(text) ? `'${text}` : text}"` : text;
    };
    const csv = [HEADERS, ...table].map((line) => line.map(cell).join(",")).join("\r\n");
    return { status: 200, file: Buffer.from(`\uFEFF${csv}\r\n`, "utf8"), fileName: `${base}.csv`, type: "text/csv; charset=utf-8" };
  }
  const workbook = new (loadExcelJS().Workbook)();
  const sheet = workbook.addWorksheet("办件");
  sheet.addRow(HEADERS).font = { bold: true };
  for (const line of table) sheet.addRow(line);
  sheet.columns.forEach((column, i) => (column.width = i === 2 || i === 10 ? 30 : 16));
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  return { status: 200, file, fileName: `${base}.xlsx`, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}
