/**
 * The printed fee ticket (非税收入票据, rule F4): one per payment, with its series and consecutive
 * number, what was charged under which standard and basis, the total in figures and in capitals
 * (大写), the payer with a masked ID number, the collecting department, the finance window, the
 * method and the designated account (专户), and a QR code to the public status page. A4 portrait,
 * drawn with the notices' layout helpers and font.
 */
import type PDFDocument from "pdfkit";
import { loadPDFDocument } from "../../common/lazy-modules";
import QRCode from "qrcode";
import { maskIdNumber } from "../../common/redact";
import { amountInWords, dueFen, formatYuan, sumFen } from "../fees/fee-arithmetic";
import { type CjkFont, describeMissingFont, findCjkFont, missingFontMessage } from "./fonts";
import { FONT, MARGIN, SEAL_RED, cnDate, header, paragraph, qrFooter, seal, signature, title } from "./notice-layout";
import { collect, useFont } from "./notices";

export type PaymentMethod = "CASH" | "CARD" | "TRANSFER";

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  CASH: "现金",
  CARD: "银行卡（POS）",
  TRANSFER: "转账",
};

export interface FeeTicketLine {
  itemName: string;
  /** The standard's name, e.g. 不动产登记费. */
  standardName: string;
  /** The standard's amount (fen) per unit, in force on the acceptance day, and its version. */
  standardFen: number;
  standardVersion: number;
  unit: string; // 每件
  quantity: number;
  /** standard × quantity */
  amountFen: number;
  reductionFen: number;
  /** 收费依据 */
  legalBasis: string;
  /** 减免依据, when reduced */
  reductionBasis?: string | null;
}

export interface FeeTicketData {
  /** series + zero-padded number, e.g. 鄂财通(2026)0100000042 */
  ticketNumber: string;
  series: string;
  paymentNumber: string;
  /** When the payment was taken (printed in China time). */
  paidAt: Date;
  /** The payment's amount in fen: must equal the sum of the lines' due amounts, or nothing is printed. */
  amountFen: number;
  lines: FeeTicketLine[];
  payerName: string;
  /** The applicant's ID number; the ticket prints it masked (4 + 4 characters). */
  payerIdNumber: string | null;
  caseNumber: string;
  queryCode: string;
  statusUrl: string; // goes into the QR code
  centreName: string; // 石首市行政服务中心
  departmentName: string; // the collecting department (执收单位)
  windowName: string; // 财务收费窗口（C50）
  method: PaymentMethod;
  /** POS or bank reference (CARD, TRANSFER). */
  reference: string | null;
  /** The centre's designated account (专户). */
  account: string;
  takenByName: string; // 收款人
  /** A voided ticket is printed with 作废 across it and the reason. */
  voided?: { reason: string; at: Date } | null;
}

export const TICKET_TITLE = "非税收入统一票据";
const COPY_LABEL = "交款人联";

export interface TicketRenderOptions {
  /** The font to print with; `null` means none is available. Defaults to `findCjkFont()`. */
  font?: CjkFont | null;
}

/** `鄂财通(2026)0100000042.pdf`, safe as a file name. */
export function ticketFileName(ticketNumber: string): string {
  return `${ticketNumber.replace(/[^0-9A-Za-z_\-()\u4e00-\u9fff]/g, "_")}.pdf`;
}

/**
 * Renders one fee ticket to a PDF. Throws when the lines do not add up to the payment's amount (a
 * ticket that disagrees with its payment is never printed) or when no CJK font exists.
 */
export async function renderFeeTicket(data: FeeTicketData, options: TicketRenderOptions = {}): Promise<Buffer> {
  const total = sumFen(data.lines.map((l) => dueFen(l.amountFen, l.reductionFen)));
  if (data.lines.length === 0 || total !== data.amountFen) {
    throw new Error(`Ticket ${data.ticketNumber}: its lines add up to ${total} fen, the payment is ${data.amountFen} fen.`);
  }
  const font = options.font !== undefined ? options.font : findCjkFont();
  if (!font) throw new Error(options.font === null ? missingFontMessage : describeMissingFont());
  const qrPng = await QRCode.toBuffer(data.statusUrl, { margin: 1, width: 180 });

  const doc = new (loadPDFDocument())({
    size: "A4",
    layout: "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `${TICKET_TITLE}（${data.ticketNumber}）`,
      Author: data.departmentName,
      Subject: data.lines.map((l) => l.standardName).join("、"),
      Creator: "便民服务系统",
      CreationDate: data.paidAt,
    },
  });
  const done = collect(doc);
  try {
    useFont(doc, font);
  } catch (error) {
    const face = font.family ? ` (face ${font.family})` : "";
    throw new Error(`Could not load the CJK font ${font.path}${face}: ${(error as Error).message}. ${missingFontMessage}`);
  }

  header(doc, data.caseNumber, COPY_LABEL);
  title(doc, data.centreName, TICKET_TITLE);
  numberLine(doc, data);
  partiesTable(doc, data);
  linesTable(doc, data);
  totalBox(doc, data);
  basis(doc, data);
  paymentTable(doc, data);
  if (data.voided) voidNote(doc, data.voided);

  const box = signature(doc, [`执收单位：${data.departmentName}`, `收款人：${data.takenByName}`], `开票日期：${cnDate(data.paidAt)}`);
  seal(doc, box.x + box.width / 2, box.y + box.height / 2 - 2, data.departmentName, "票据专用章");
  if (data.voided) voidMark(doc);
  qrFooter(doc, qrPng, {
    lookup: `扫码或凭办件编号和查询码 ${data.queryCode} 查询办理进度`,
    details: [`票据号码：${data.ticketNumber}`, `办件编号：${data.caseNumber}`, `缴款编号：${data.paymentNumber}`],
  });
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;
type Cell = string | PDFKit.Mixins.CellOptions;
const RIGHT = { x: "right", y: "top" } as const;

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** 2026年11月26日 09:30 (China time) */
function cnDateTime(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3600_000);
  const hh = String(d.getUTCHours()).padStart(2, "0");
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  return `${cnDate(date)} ${hh}:${mm}`;
}

function numberLine(doc: Doc, data: FeeTicketData): void {
  doc.font(FONT).fontSize(11).fillColor("black");
  const y = doc.y - 4;
  doc.text(`票据代码：${data.series}`, MARGIN, y, { lineBreak: false });
  const no = `No. ${data.ticketNumber}`;
  doc.fillColor(SEAL_RED).text(no, MARGIN + width(doc) - doc.widthOfString(no), y, { lineBreak: false }).fillColor("black");
  doc.x = MARGIN;
  doc.y = y + 22;
}

function table(doc: Doc, columns: (number | "*")[], rows: Cell[][], headRow: boolean): void {
  doc.font(FONT).fontSize(10.5).lineWidth(0.5).strokeColor("#333333");
  doc.table({
    position: { x: MARGIN, y: doc.y },
    maxWidth: width(doc),
    columnStyles: columns,
    defaultStyle: { padding: [5, 4, 5, 6] as any, border: 0.5, borderColor: "#333333" },
    rowStyles: (row: number) => (headRow && row === 0 ? { backgroundColor: "#eeeeee" } : undefined),
    data: rows,
  });
  doc.strokeColor("black").fillColor("black");
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

const th = (text: string): Cell => ({ text, type: "TH", align: "center" });

function partiesTable(doc: Doc, data: FeeTicketData): void {
  const id = data.payerIdNumber ? maskIdNumber(data.payerIdNumber) : "—";
  table(doc, [70, "*", 70, "*"], [
    [th("交款人"), data.payerName, th("证件号码"), id],
    [th("办件编号"), data.caseNumber, th("缴款编号"), data.paymentNumber],
  ], false);
}

function linesTable(doc: Doc, data: FeeTicketData): void {
  const reduced = data.lines.some((l) => l.reductionFen > 0);
  const head = ["收费项目", "收费标准（元）", "数量", "金额（元）", ...(reduced ? ["减免（元）", "实收（元）"] : [])].map(th);
  const rows = data.lines.map((l): Cell[] => [
    `${l.standardName}\n${l.itemName}`,
    { text: `${formatYuan(l.standardFen)}/${l.unit.replace(/^每/, "")}（第${l.standardVersion}版）`, align: RIGHT },
    { text: String(l.quantity), align: "center" },
    { text: formatYuan(l.amountFen), align: RIGHT },
    ...(reduced
      ? [
          { text: l.reductionFen > 0 ? formatYuan(l.reductionFen) : "—", align: RIGHT },
          { text: formatYuan(dueFen(l.amountFen, l.reductionFen)), align: RIGHT },
        ]
      : []),
  ]);
  table(doc, reduced ? ["*", 110, 40, 70, 60, 70] : ["*", 130, 50, 90], [head, ...rows], true);
}

function totalBox(doc: Doc, data: FeeTicketData): void {
  table(doc, [110, "*", 120], [[th("合计（大写）"), `人民币${amountInWords(data.amountFen)}`, { text: `¥${formatYuan(data.amountFen)}`, align: RIGHT }]], false);
}

function basis(doc: Doc, data: FeeTicketData): void {
  const bases = [...new Set(data.lines.map((l) => l.legalBasis))];
  paragraph(doc, `收费依据：${bases.join("；")}`, { indent: false, size: 10.5 });
  const reductions = data.lines.filter((l) => l.reductionFen > 0 && l.reductionBasis).map((l) => `${l.standardName}：${l.reductionBasis}`);
  if (reductions.length > 0) paragraph(doc, `减免依据：${reductions.join("；")}`, { indent: false, size: 10.5 });
}

function paymentTable(doc: Doc, data: FeeTicketData): void {
  const method = data.reference ? `${METHOD_LABELS[data.method]}（参考号 ${data.reference}）` : METHOD_LABELS[data.method];
  table(doc, [70, "*", 70, "*"], [
    [th("收款窗口"), data.windowName, th("缴款方式"), method],
    [th("收款账户"), { text: `${data.account}（专户）`, colSpan: 3 }],
    [th("收款时间"), cnDateTime(data.paidAt), th("执收单位"), data.departmentName],
  ], false);
}

function voidNote(doc: Doc, voided: { reason: string; at: Date }): void {
  paragraph(doc, `本票据已于${cnDate(voided.at)}作废，作废原因：${voided.reason}。票号保留，不再使用。`, { indent: false, size: 10.5, color: SEAL_RED });
}

/** 作废 in large letters across the page. */
function voidMark(doc: Doc): void {
  const { width: w, height: h } = doc.page;
  doc.save();
  doc.fillColor(SEAL_RED).fillOpacity(0.3).font(FONT).fontSize(120);
  doc.rotate(-25, { origin: [w / 2, h / 2] });
  doc.text("作废", w / 2 - 130, h / 2 - 90, { lineBreak: false });
  doc.restore();
  doc.fillColor("black");
}
