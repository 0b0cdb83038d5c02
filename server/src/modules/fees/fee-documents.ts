import { render } from "../../common/messages";
import { loadExcelJS } from "../../common/lazy-modules";
import { In } from "typeorm";
import type { RequestContext } from "../../common/context";
import { AppError } from "../../common/errors";
import { Department } from "../catalogue/department.entity";
import { FeeStandard, ServiceItem } from "../catalogue/service-item.entity";
import { mayPrintNotices } from "../cases/case-access";
import { Case } from "../cases/case.entity";
import { renderFeeTicket, ticketFileName, type FeeTicketData } from "../documents/fee-ticket";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import { formatYuan } from "./fee-arithmetic";
import { CaseCharge, FeeTicket, Payment, PaymentCharge, TicketBook } from "./fee.entities";
import { TicketStatus } from "./fee.enums";
import { reconciliationService } from "./reconciliation.service";

export type FeeDocumentAnswer = { status: 200; file: Buffer; fileName: string; type: string } | { status: 403 | 404; message: string };

/**
 * F4/C8: the printed ticket of a payment. It carries the case's query code (its QR code), so like the
 * notices (Q1) it goes only to those who print: the finance window that took the payment, and the
 * case's notice printers.
 */
export async function ticketDocument(ctx: RequestContext, number: string, origin: string): Promise<FeeDocumentAnswer> {
  const em = ctx.db.manager;
  const ticket = await em.getRepository(FeeTicket).findOneBy({ number });
  if (!ticket || ctx.actor.kind !== "staff") return { status: 404, message: render("DOCUMENT_NOT_FOUND", {}, ctx.language) };
  const payment = await em.getRepository(Payment).findOneByOrFail({ id: ticket.paymentId });
  const c = await em.getRepository(Case).findOneByOrFail({ id: payment.caseId });
  if (ctx.actor.staff.windowId !== payment.windowId && !(await mayPrintNotices(ctx, c))) {
    return { status: 403, message: render("TICKET_NOT_PRINTABLE", {}, ctx.language) };
  }
  const [book, window, point, department, item, takenBy, links] = await Promise.all([
    em.getRepository(TicketBook).findOneByOrFail({ id: ticket.bookId }),
    em.getRepository(ServiceWindow).findOneByOrFail({ id: payment.windowId }),
    em.getRepository(ServicePoint).findOneByOrFail({ id: payment.pointId }),
    em.getRepository(Department).findOneByOrFail({ id: payment.departmentId }),
    em.getRepository(ServiceItem).findOneByOrFail({ id: c.itemId }),
    em.getRepository(Staff).findOneByOrFail({ id: payment.takenById }),
    em.getRepository(PaymentCharge).find({ where: { paymentId: payment.id }, order: { chargeId: "ASC" } }),
  ]);
  const charges = await em.getRepository(CaseCharge).findBy({ id: In(links.map((l) => l.chargeId)) });
  const standards = await em.getRepository(FeeStandard).findBy({ id: In(charges.map((ch) => ch.standardId)) });
  const data: FeeTicketData = {
    ticketNumber: ticket.number,
    series: book.series,
    paymentNumber: payment.number,
    paidAt: payment.takenAt,
    amountFen: payment.amountFen,
    lines: links.map((link) => {
      const charge = charges.find((ch) => ch.id === link.chargeId)!;
      const standard = standards.find((s) => s.id === charge.standardId)!;
      return {
        itemName: item.name,
        standardName: standard.name,
        standardFen: standard.amountFen,
        standardVersion: standard.version,
        unit: standard.unit,
        quantity: charge.quantity,
        amountFen: charge.amountFen,
        // What this payment paid of the charge: the rest was reduced before it was paid.
        reductionFen: charge.amountFen - link.amountFen,
        legalBasis: standard.legalBasis,
        reductionBasis: charge.amountFen > link.amountFen ? charge.reductionBasis : null,
      };
    }),
    payerName: c.applicantName,
    payerIdNumber: c.applicantIdNumber,
    caseNumber: c.number,
    queryCode: c.queryCode,
    statusUrl: `${origin}/status?number=${c.number}&code=${c.queryCode}`,
    centreName: point.name,
    departmentName: department.name,
    windowName: `${window.name}（${window.code}）`,
    method: payment.method,
    reference: payment.reference,
    account: payment.account,
    takenByName: takenBy.displayName,
    voided: ticket.status === TicketStatus.VOIDED ? { reason: ticket.voidReason ?? "", at: ticket.voidedAt ?? payment.takenAt } : null,
  };
  return { status: 200, file: await renderFeeTicket(data), fileName: ticketFileName(ticket.number), type: "application/pdf" };
}

const HEADERS = ["日期", "窗口", "收款部门", "收款金额（元）", "退款金额（元）", "解缴金额（元）", "差额（元）", "票据张数", "作废张数", "是否关账", "关账人", "关账说明"];

/** F6: a day's reconciliation as CSV (UTF-8 with BOM, for Excel) or XLSX, zh-CN headers. */
export async function reconciliationDocument(ctx: RequestContext, day: string, format: string, windowCode: string | null): Promise<FeeDocumentAnswer> {
  let rows;
  try {
    rows = await reconciliationService.rows(ctx, day, windowCode);
  } catch (error) {
    if (error instanceof AppError) return { status: error.extensions.code === "FORBIDDEN" ? 403 : 404, message: error.message };
    throw error;
  }
  const table = rows.map((r) => [
    r.day,
    `${r.window.name}（${r.window.code}）`,
    r.department?.name ?? "（未对应部门）",
    formatYuan(r.paymentsFen),
    formatYuan(r.refundsFen),
    formatYuan(r.depositsFen),
    r.differenceFen < 0 ? `-${formatYuan(-r.differenceFen)}` : formatYuan(r.differenceFen),
    r.ticketCount,
    r.voidedCount,
    r.closed ? "是" : "否",
    r.closedBy?.displayName ?? "",
    r.closeReason ?? "",
  ]);
  const base = `对账-${day}${windowCode ? `-${windowCode.toUpperCase()}` : ""}`;
  if (format === "csv") {
    const cell = (v: unknown) => {
      const text = String(v).replace(/"/g, '""');
      return /[",\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${/^[=+@]/.test(text) ? `'${text}` : text}"` : text;
    };
    const csv = [HEADERS, ...table].map((line) => line.map(cell).join(",")).join("\r\n");
    return { status: 200, file: Buffer.from(`\uFEFF${csv}\r\n`, "utf8"), fileName: `${base}.csv`, type: "text/csv; charset=utf-8" };
  }
  const workbook = new (loadExcelJS().Workbook)();
  const sheet = workbook.addWorksheet(`对账 ${day}`);
  sheet.addRow(HEADERS).font = { bold: true };
  for (const line of table) sheet.addRow(line);
  sheet.columns.forEach((column) => (column.width = 16));
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  return { status: 200, file, fileName: `${base}.xlsx`, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}
