/**
 * Paper for the citizen and for the relay (issue 9 §3): the registration receipt (回执) a point hands
 * the applicant, the hand-over list (移交清单) signed by both sides of a relay, and the authorization
 * letter (授权委托书, A1). A4 portrait PDFs, drawn with the notices' layout helpers (notice-layout.ts).
 */
import type PDFDocument from "pdfkit";
import { loadPDFDocument } from "../../common/lazy-modules";
import QRCode from "qrcode";
import { type CjkFont, describeMissingFont, findCjkFont, missingFontMessage } from "./fonts";
import { FONT, GREY, MARGIN, SEAL_RED, addressee, cnDate, cnDay, header, materialsTable, pageNumbers, paragraph, qrFooter, signature, subheading, title } from "./notice-layout";
import { collect, useFont } from "./notices";

type Doc = InstanceType<typeof PDFDocument>;

export interface PaperOptions {
  /** The font to print with; `null` means none is available. Defaults to `findCjkFont()`. */
  font?: CjkFont | null;
}

/** Where and when the applicant collects the result (printed on the receipt, shown on /status). */
export interface CollectionText {
  place: string; // 新厂镇便民服务中心 综合窗口（X01）
  address: string | null;
  phone: string | null;
  hours: string; // 法定工作日 08:30—12:00、14:30—17:30
}

export interface ReceiptData {
  caseNumber: string;
  queryCode: string;
  statusUrl: string; // goes into the QR code
  issuedAt: Date;
  pointName: string; // the registering point
  registeredAt: Date;
  registeredBy: string; // the agent or clerk who took the application
  applicant: string; // printedApplicant(c)
  itemName: string;
  itemCode: string;
  handlingName: string; // 石首市行政服务中心 公安局窗口（C03）
  receivedMaterials: { name: string; paper: boolean }[];
  /** The next step in a sentence (受理前：移交…；受理后：承诺…前办结 …). */
  nextStep: string;
  collection: CollectionText;
}

export interface HandOverRow {
  caseNumber: string;
  applicant: string;
  itemName: string;
  /** What travels: the paper materials, or the result. */
  contents: string;
  note: string | null;
}

export interface HandOverSheet {
  fromName: string;
  toName: string;
  /** HANDED_OVER: materials go up; RESULT_HANDED_BACK: results come back down. */
  direction: "UP" | "BACK";
  rows: HandOverRow[];
}

export interface HandOverListData {
  title: string; // 2026年11月26日 or the case number
  day: string; // YYYY-MM-DD
  issuedAt: Date;
  sheets: HandOverSheet[];
}

export interface LetterData {
  number: string;
  departmentName: string;
  grantorName: string;
  holderName: string;
  holderRole: string; // 分管副局长
  allItems: boolean;
  items: { code: string; name: string }[];
  validFrom: Date;
  validTo: Date; // exclusive
  sealCode: string;
  sealName: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
  printedAt: Date;
}

export const RECEIPT_TITLE = "办件登记回执";
export const HANDOVER_TITLE = "办件移交清单";
export const LETTER_TITLE = "授权委托书";

function newDoc(font: CjkFont | null | undefined, info: { Title: string; Author: string; CreationDate: Date }): { doc: Doc; done: Promise<Buffer> } {
  const chosen = font !== undefined ? font : findCjkFont();
  if (!chosen) throw new Error(font === null ? missingFontMessage : describeMissingFont());
  const doc = new (loadPDFDocument())({
    size: "A4",
    layout: "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: { ...info, Creator: "便民服务系统" },
  });
  const done = collect(doc);
  useFont(doc, chosen);
  return { doc, done };
}

const width = (doc: Doc) => doc.page.width - MARGIN * 2;

/** Label: value lines in two columns, as on a form. */
function fields(doc: Doc, rows: [string, string][]): void {
  doc.font(FONT).fontSize(11);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.fillColor(GREY).text(`${label}：`, MARGIN, y, { width: 90, lineBreak: false });
    doc.fillColor("black").text(value, MARGIN + 90, y, { width: width(doc) - 90, lineGap: 3 });
    doc.moveDown(0.15);
  }
  doc.x = MARGIN;
  doc.moveDown(0.3);
}

/** Signature lines of both sides of a relay (or of the applicant and the clerk). */
function signatureLines(doc: Doc, left: string, right: string): void {
  if (doc.y + 70 > doc.page.maxY()) doc.addPage();
  doc.moveDown(1);
  const y = doc.y;
  const half = width(doc) / 2;
  doc.font(FONT).fontSize(12);
  for (const [i, label] of [left, right].entries()) {
    const x = MARGIN + i * half;
    doc.text(`${label}（签字）：`, x, y, { lineBreak: false });
    const lineX = x + doc.widthOfString(`${label}（签字）：`);
    doc.lineWidth(0.5).moveTo(lineX, y + 14).lineTo(x + half - 16, y + 14).stroke();
    doc.text("日期：", x, y + 30, { lineBreak: false });
    doc.moveTo(x + doc.widthOfString("日期："), y + 44).lineTo(x + half - 16, y + 44).stroke();
  }
  doc.x = MARGIN;
  doc.y = y + 60;
}

/** 办件登记回执: given at the point that registers the case (village station, township centre or city window). */
export async function renderReceipt(data: ReceiptData, options: PaperOptions = {}): Promise<Buffer> {
  const qrPng = await QRCode.toBuffer(data.statusUrl, { margin: 1, width: 180 });
  const { doc, done } = newDoc(options.font, { Title: `${RECEIPT_TITLE}（${data.caseNumber}）`, Author: data.pointName, CreationDate: data.issuedAt });
  header(doc, data.caseNumber, "申请人联");
  title(doc, data.pointName, RECEIPT_TITLE);
  addressee(doc, data.applicant);
  paragraph(doc, `你（单位）于${cnDate(data.registeredAt)}在${data.pointName}申请办理的${data.itemName}（事项编码：${data.itemCode}）已登记，请妥善保管本回执。`);
  fields(doc, [
    ["办件编号", data.caseNumber],
    ["查询码", data.queryCode],
    ["受理窗口", data.handlingName],
    ["下一步", data.nextStep],
  ]);
  if (data.receivedMaterials.length) {
    subheading(doc, `已收取申请材料（共${data.receivedMaterials.length}项）`);
    materialsTable(doc, data.receivedMaterials.map((m) => ({ name: m.name, note: m.paper ? "纸质" : "电子" })), "形式");
  } else {
    paragraph(doc, "未收取申请材料。", { size: 10.5 });
  }
  subheading(doc, "领取办理结果");
  fields(doc, [
    ["领取地点", data.collection.place],
    ["地址", data.collection.address ?? "—"],
    ["办公时间", data.collection.hours],
    ["联系电话", data.collection.phone ?? "—"],
    ["领取方式", "办理结果送回后，凭本回执和身份证件领取"],
  ]);
  signature(doc, [`${data.pointName}（经办人：${data.registeredBy}）`], cnDate(data.issuedAt));
  qrFooter(doc, qrPng, {
    lookup: `扫码或凭办件编号和查询码 ${data.queryCode} 查询办理进度`,
    details: [`办件编号：${data.caseNumber}`, `登记网点：${data.pointName}`, `打印日期：${cnDate(data.issuedAt)}`],
  });
  pageNumbers(doc, data.caseNumber, "申请人联");
  doc.end();
  return done;
}

/** 办件移交清单: one sheet per receiving point, each with both sides' signature lines. */
export async function renderHandOverList(data: HandOverListData, options: PaperOptions = {}): Promise<Buffer> {
  const { doc, done } = newDoc(options.font, { Title: `${HANDOVER_TITLE}（${data.title}）`, Author: data.sheets[0]?.fromName ?? "", CreationDate: data.issuedAt });
  data.sheets.forEach((sheet, i) => {
    if (i > 0) doc.addPage();
    header(doc, data.title, "移交方、接收方各执一份", "");
    title(doc, sheet.fromName, HANDOVER_TITLE);
    const what = sheet.direction === "UP" ? "申请材料" : "办理结果";
    fields(doc, [
      ["移交方", sheet.fromName],
      ["接收方", sheet.toName],
      ["移交日期", cnDay(data.day)],
      ["移交内容", `${what}，共 ${sheet.rows.length} 件`],
    ]);
    doc.font(FONT).fontSize(9.5).lineWidth(0.5).strokeColor("#333333");
    doc.table({
      position: { x: MARGIN, y: doc.y },
      maxWidth: width(doc),
      columnStyles: [28, 118, 52, "*", 150],
      defaultStyle: { padding: [3, 3, 3, 4] as any, border: 0.5, borderColor: "#333333" },
      rowStyles: (row: number) => (row === 0 ? { backgroundColor: "#eeeeee" } : undefined),
      data: [
        ["序号", "办件编号", "申请人", "事项", sheet.direction === "UP" ? "纸质材料" : "移交内容"].map((text) => ({ text, type: "TH" as const, align: "center" as const })),
        ...sheet.rows.map((r, n) => [{ text: String(n + 1), align: "center" as const }, r.caseNumber, r.applicant, r.itemName, r.note ? `${r.contents}（${r.note}）` : r.contents]),
      ],
    });
    doc.strokeColor("black").fillColor("black");
    doc.x = MARGIN;
    doc.moveDown(0.6);
    paragraph(doc, "接收方当面清点，核对无误后双方签字，各执一份。", { size: 10.5 });
    signatureLines(doc, "移交人", "接收人");
  });
  pageNumbers(doc, data.title, "移交方、接收方各执一份", "");
  doc.end();
  return done;
}

/** 授权委托书 (A1): the director's written delegation, printable from the letters screen. */
export async function renderLetter(data: LetterData, options: PaperOptions = {}): Promise<Buffer> {
  const { doc, done } = newDoc(options.font, { Title: `${LETTER_TITLE}（${data.number}）`, Author: data.departmentName, CreationDate: data.printedAt });
  header(doc, data.number, "存档联", "编号：");
  title(doc, data.departmentName, LETTER_TITLE);
  const scope = data.allItems ? `本单位全部行政审批事项` : `下列${data.items.length}项行政审批事项`;
  paragraph(
    doc,
    `兹授权${data.holderName}（${data.holderRole}）在石首市行政服务中心代表${data.departmentName}对${scope}作出准予或者不予行政许可的决定，` +
      `并加盖${data.sealName}（印章编号：${data.sealCode}）。受托人在授权范围和有效期内作出的决定，本单位予以承认并承担相应的法律责任。`,
  );
  if (!data.allItems) materialsTable(doc, data.items.map((i) => ({ name: i.name, note: i.code })), "事项编码", "事项名称");
  const last = new Date(data.validTo.getTime() - 1);
  paragraph(doc, `有效期：自${cnDate(data.validFrom)}起至${cnDate(last)}止；期满自动失效，委托人可随时书面撤销。`);
  if (data.revokedAt) {
    paragraph(doc, `本委托书已于${cnDate(data.revokedAt)}撤销${data.revokeReason ? `，理由：${data.revokeReason}` : ""}。`, { color: SEAL_RED });
  }
  signatureLines(doc, `委托人 ${data.grantorName}`, `受托人 ${data.holderName}`);
  signature(doc, [`${data.departmentName}（盖章）`], cnDate(data.issuedAt));
  doc.font(FONT).fontSize(9).fillColor(GREY).text(`打印日期：${cnDate(data.printedAt)}`, MARGIN, doc.y + 8);
  doc.fillColor("black");
  pageNumbers(doc, data.number, "存档联", "编号：");
  doc.end();
  return done;
}
