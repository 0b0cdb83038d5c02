/**
 * Drawing helpers for the printed notices (notices.ts): title, paragraphs, lists, signature block,
 * the red seal and the QR footer. Everything is in points on an A4 page with 56pt margins.
 */
import type PDFDocument from "pdfkit";

type Doc = InstanceType<typeof PDFDocument>;

export const FONT = "cjk";
export const MARGIN = 56;
export const BODY_SIZE = 12; // 小四
export const SMALL_SIZE = 9.5;
export const LINE_GAP = 6;
export const SEAL_RED = "#d1141b";
export const GREY = "#555555";
/** Height kept free at the bottom of the last page for the QR footer. */
export const FOOTER_HEIGHT = 104;
const QR_SIZE = 86;

const CHINA_OFFSET_MS = 8 * 3600_000; // China Standard Time, no daylight saving

/** 2026年11月26日, in China time. */
export function cnDate(date: Date): string {
  const d = new Date(date.getTime() + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** A day given as text: 2026-11-26 (or an ISO timestamp's date) becomes 2026年11月26日; other text is kept. */
export function cnDay(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m) return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  if (/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) {
    const parsed = new Date(text);
    if (!Number.isNaN(parsed.getTime())) return cnDate(parsed);
  }
  return text;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Top line: the copy marker on the left, 办件编号 on the right. */
export function header(doc: Doc, caseNumber: string, copyLabel: string, numberLabel = "办件编号："): void {
  const y = MARGIN - 22;
  doc.font(FONT).fontSize(SMALL_SIZE).fillColor(GREY);
  doc.text(copyLabel, MARGIN, y, { lineBreak: false });
  const label = `${numberLabel}${caseNumber}`;
  doc.text(label, doc.page.width - MARGIN - doc.widthOfString(label), y, { lineBreak: false });
  doc.fillColor("black");
}

/** Centred two-line title: the issuing centre, then the kind of notice in large spaced type. */
export function title(doc: Doc, centreName: string, noticeTitle: string): void {
  const width = contentWidth(doc);
  doc.font(FONT).fontSize(15).text(centreName, MARGIN, MARGIN + 4, { width, align: "center", characterSpacing: 2 });
  doc.moveDown(0.3);
  // Faux bold: fill and stroke the glyphs with a thin outline (one font file, no bold face needed).
  doc.fontSize(22).lineWidth(0.6).strokeColor("black");
  doc.text(noticeTitle, MARGIN, doc.y, { width, align: "center", characterSpacing: 3, fill: true, stroke: true });
  doc.moveDown(0.2);
  const y = doc.y + 4;
  doc.lineWidth(1.2).strokeColor(SEAL_RED).moveTo(MARGIN, y).lineTo(MARGIN + width, y).stroke();
  doc.lineWidth(0.4).moveTo(MARGIN, y + 3).lineTo(MARGIN + width, y + 3).stroke().strokeColor("black");
  doc.x = MARGIN;
  doc.y = y + 16;
}

/** The addressee line: "张三：". */
export function addressee(doc: Doc, name: string): void {
  doc.font(FONT).fontSize(BODY_SIZE).text(`${name}：`, MARGIN, doc.y, { lineGap: LINE_GAP });
}

/** A body paragraph with the customary two-character first-line indent. */
export function paragraph(doc: Doc, text: string, options: { indent?: boolean; size?: number; color?: string } = {}): void {
  const size = options.size ?? BODY_SIZE;
  doc.font(FONT).fontSize(size).fillColor(options.color ?? "black");
  doc.text(text, MARGIN, doc.y, {
    width: contentWidth(doc),
    indent: options.indent === false ? 0 : BODY_SIZE * 2,
    lineGap: LINE_GAP,
  });
  doc.fillColor("black");
  doc.moveDown(0.25);
}

/** A small heading inside the body (e.g. 已收取申请材料清单). */
export function subheading(doc: Doc, text: string): void {
  doc.moveDown(0.2);
  doc.lineWidth(0.3).strokeColor("black");
  doc.font(FONT).fontSize(BODY_SIZE).text(text, MARGIN, doc.y, { lineGap: 4, fill: true, stroke: true });
  doc.moveDown(0.15);
}

/** A two-column table 序号 | 材料名称 (| 说明), flowing onto the next page when long. */
export function materialsTable(doc: Doc, rows: { name: string; note?: string | null }[], noteHeader?: string, nameHeader = "材料名称"): void {
  const withNote = noteHeader !== undefined;
  const head = withNote ? ["序号", nameHeader, noteHeader] : ["序号", nameHeader];
  const cells = rows.map((r, i) => (withNote ? [String(i + 1), r.name, r.note ?? ""] : [String(i + 1), r.name]));
  doc.font(FONT).fontSize(10.5).lineWidth(0.5).strokeColor("#333333");
  doc.table({
    position: { x: MARGIN, y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: withNote ? [40, "*", 150] : [40, "*"],
    defaultStyle: { padding: [4, 4, 4, 6] as any, border: 0.5, borderColor: "#333333" },
    rowStyles: (row: number) => (row === 0 ? { backgroundColor: "#eeeeee" } : undefined),
    data: [head.map((text) => ({ text, type: "TH" as const, align: "center" as const })), ...cells.map((c) => [{ text: c[0], align: "center" as const }, ...c.slice(1)])],
  });
  doc.strokeColor("black").fillColor("black");
  doc.x = MARGIN;
  doc.moveDown(0.6);
}

/** A numbered list "1. 名称" with an optional grey explanation under each item. */
export function numberedList(doc: Doc, items: { name: string; description?: string | null }[]): void {
  const width = contentWidth(doc);
  const numberWidth = 26;
  items.forEach((item, i) => {
    doc.font(FONT).fontSize(BODY_SIZE);
    const label = `${i + 1}.`;
    const textWidth = width - numberWidth - BODY_SIZE * 2;
    let needed = doc.heightOfString(item.name, { width: textWidth, lineGap: LINE_GAP - 2 });
    if (item.description) needed += doc.fontSize(10).heightOfString(item.description, { width: textWidth, lineGap: 3 });
    doc.fontSize(BODY_SIZE);
    if (doc.y + needed > doc.page.maxY()) doc.addPage();
    const y = doc.y;
    doc.text(label, MARGIN + BODY_SIZE * 2, y, { width: numberWidth, lineBreak: false });
    doc.text(item.name, MARGIN + BODY_SIZE * 2 + numberWidth, y, { width: textWidth, lineGap: LINE_GAP - 2 });
    if (item.description) {
      doc.fontSize(10).fillColor(GREY);
      doc.text(item.description, MARGIN + BODY_SIZE * 2 + numberWidth, doc.y, { width: textWidth, lineGap: 3 });
      doc.fillColor("black");
    }
    doc.moveDown(0.3);
  });
  doc.x = MARGIN;
}

/** Right-aligned issuer lines and date; returns the box it used (for the seal). */
export function signature(doc: Doc, lines: string[], date: string): { x: number; y: number; width: number; height: number } {
  doc.font(FONT).fontSize(BODY_SIZE);
  const all = [...lines, date];
  const width = Math.max(...all.map((l) => doc.widthOfString(l))) + 8;
  const height = all.length * (BODY_SIZE + LINE_GAP) + 24;
  if (doc.y + height + 18 > doc.page.maxY() - FOOTER_HEIGHT) doc.addPage();
  doc.moveDown(1);
  const x = doc.page.width - MARGIN - width - 20;
  const top = doc.y;
  for (const line of all) doc.text(line, x, doc.y, { width, align: "center", lineGap: LINE_GAP });
  doc.x = MARGIN;
  return { x, y: top, width, height: doc.y - top };
}

/**
 * A round official seal, drawn semi-transparent over the signature: red ring, the seal's name
 * around the upper arc, a star in the middle and the seal code along the bottom.
 */
export function seal(doc: Doc, cx: number, cy: number, name: string, code?: string | null): void {
  const r = 54;
  doc.save();
  doc.fillOpacity(0.85).strokeOpacity(0.85).strokeColor(SEAL_RED).fillColor(SEAL_RED);
  doc.lineWidth(2.8).circle(cx, cy, r).stroke();
  star(doc, cx, cy, 15);
  const chars = Array.from(name);
  const arc = (230 * Math.PI) / 180; // the name runs over the upper 230° of the ring
  const size = Math.min(14, Math.max(7, (arc * (r - 10)) / (chars.length * 1.12)));
  const radius = r - 4 - size / 2; // where the middle of each character sits
  const step = Math.min((size * 1.12) / radius, arc / Math.max(chars.length - 1, 1)); // radians per character
  doc.font(FONT).fontSize(size);
  const glyphTop = (doc.currentLineHeight() - size) / 2; // pdfkit places text by its line box
  chars.forEach((ch, i) => {
    const degrees = ((i - (chars.length - 1) / 2) * step * 180) / Math.PI; // 0 = top, clockwise
    doc.save();
    doc.rotate(degrees, { origin: [cx, cy] });
    doc.text(ch, cx - doc.widthOfString(ch) / 2, cy - radius - size / 2 - glyphTop, { lineBreak: false });
    doc.restore();
  });
  if (code) {
    doc.fontSize(7);
    doc.text(code, cx - r, cy + r * 0.4, { width: 2 * r, align: "center", lineBreak: false });
  }
  doc.restore();
  doc.fillColor("black").strokeColor("black");
}

function star(doc: Doc, cx: number, cy: number, outer: number): void {
  const inner = outer * 0.382;
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)]);
  }
  doc.polygon(...points).fill();
}

/** QR code and lookup text at the bottom of the current page (a new page if the body ran into it). */
export function qrFooter(doc: Doc, qrPng: Buffer, lines: { lookup: string; details: string[] }): void {
  const top = doc.page.height - MARGIN - FOOTER_HEIGHT + 12;
  if (doc.y > top - 8) doc.addPage();
  const width = contentWidth(doc);
  doc.lineWidth(0.4).strokeColor("#999999").dash(3, { space: 2 }).moveTo(MARGIN, top).lineTo(MARGIN + width, top).stroke().undash();
  doc.strokeColor("black");
  doc.image(qrPng, MARGIN, top + 8, { width: QR_SIZE, height: QR_SIZE });
  const textX = MARGIN + QR_SIZE + 14;
  const bottomMargin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0; // the footer may sit below maxY(); keep pdfkit from breaking the page
  doc.font(FONT).fontSize(11).fillColor("black");
  doc.text(lines.lookup, textX, top + 16, { width: width - QR_SIZE - 14, lineGap: 3 });
  doc.fontSize(SMALL_SIZE).fillColor(GREY);
  for (const line of lines.details) doc.text(line, textX, doc.y + 3, { width: width - QR_SIZE - 14, lineGap: 2 });
  doc.fillColor("black");
  doc.page.margins.bottom = bottomMargin;
}

/** "第 n 页 共 m 页" and the case number on every page of a multi-page notice (needs bufferPages). */
export function pageNumbers(doc: Doc, caseNumber: string, copyLabel: string, numberLabel?: string): void {
  const range = doc.bufferedPageRange();
  if (range.count < 2) return;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    if (i > range.start) header(doc, caseNumber, copyLabel, numberLabel);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, MARGIN, doc.page.height - MARGIN + 18, {
      width: contentWidth(doc),
      align: "center",
      lineBreak: false,
    });
    doc.fillColor("black");
    doc.page.margins.bottom = bottomMargin;
  }
}
