/**
 * Printed notices a window hands to the applicant (rule C8): 受理通知书, 一次性告知书,
 * 不予受理（退回）通知书 and 行政许可决定书, each with the case number and a QR code for the public
 * status lookup. A4 portrait PDF, pdfkit with a system CJK font (fonts.ts).
 */
import type PDFDocument from "pdfkit";
import { loadPDFDocument } from "../../common/lazy-modules";
import QRCode from "qrcode";
import { type CjkFont, describeMissingFont, findCjkFont, missingFontMessage } from "./fonts";
import {
  FONT,
  MARGIN,
  addressee,
  cnDate,
  cnDay,
  header,
  materialsTable,
  numberedList,
  pageNumbers,
  paragraph,
  qrFooter,
  seal,
  signature,
  subheading,
  title,
} from "./notice-layout";

export type NoticeKind = "acceptance" | "supplement" | "return" | "decision";

export interface NoticeData {
  kind: NoticeKind;
  caseNumber: string; // 42108120261126000001
  queryCode: string; // 6 characters printed for the public status lookup
  statusUrl: string; // goes into the QR code
  issuedAt: Date; // print date, formatted in China time
  centreName: string; // 石首市行政服务中心 / 新厂镇便民服务中心
  windowName: string; // 公安局户籍窗口 (C03)
  applicantName: string; // full name (the applicant's own copy)
  itemName: string;
  itemCode: string;
  departmentName: string;
  receivedMaterials: string[];
  // acceptance
  acceptedOn?: string;
  kindLabel?: string;
  promisedLimitDays?: number;
  deadline?: string;
  /** The deadline was counted on a provisional year: printed with 暂定 and the State Council's notice as the final word. */
  deadlineProvisional?: boolean;
  legalBasis?: string;
  // supplement (一次性告知书): every missing material, once
  missingMaterials?: { name: string; description?: string | null }[];
  /** … and the defects of materials handed in (身份证复印件不清晰 …), in the window's words. */
  defects?: string[];
  // return (不予受理/退回通知书)
  returnCategoryLabel?: string;
  returnReason?: string;
  // decision (准予/不予许可决定书)
  outcomeLabel?: string;
  decisionReason?: string | null;
  decidedAt?: Date;
  letterNumber?: string | null;
  sealCode?: string | null;
  sealName?: string | null;
  remedy?: string; // 救济途径
}

export const NOTICE_TITLES: Record<NoticeKind, string> = {
  acceptance: "受理通知书",
  supplement: "一次性告知书",
  return: "不予受理（退回）通知书",
  decision: "行政许可决定书",
};

/** The sentence that makes a supplement notice a 一次性告知 (the applicant's protection, 行政许可法 §32). */
export const ONE_TIME_SENTENCE =
  "以上为需要补正的全部材料，本机关一次性告知，不再要求补正本告知书所列以外的材料。";

/** The same sentence when the notice also lists defects of materials handed in. */
export const ONE_TIME_SENTENCE_WITH_DEFECTS =
  "以上为需要补正的全部材料和需要更正的全部问题，本机关一次性告知，不再要求补正本告知书所列以外的材料。";

const LICENSING_LAW = "《中华人民共和国行政许可法》";
const COPY_LABEL = "申请人联";

export interface RenderOptions {
  /** The font to print with; `null` means none is available. Defaults to `findCjkFont()`. */
  font?: CjkFont | null;
}

/** `42108120261126000001-acceptance.pdf` */
export function noticeFileName(data: Pick<NoticeData, "caseNumber" | "kind">): string {
  const safe = data.caseNumber.replace(/[^0-9A-Za-z_-]/g, "_");
  return `${safe}-${data.kind}.pdf`;
}

/** Renders one notice to a PDF. Throws an Error with `missingFontMessage` when no CJK font exists. */
export async function renderNotice(data: NoticeData, options: RenderOptions = {}): Promise<Buffer> {
  const font = options.font !== undefined ? options.font : findCjkFont();
  if (!font) throw new Error(options.font === null ? missingFontMessage : describeMissingFont());
  const qrPng = await QRCode.toBuffer(data.statusUrl, { margin: 1, width: 180 });
  const noticeTitle = NOTICE_TITLES[data.kind];

  const doc = new (loadPDFDocument())({
    size: "A4",
    layout: "portrait",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `${noticeTitle}（${data.caseNumber}）`,
      Author: data.centreName,
      Subject: data.itemName,
      Creator: "便民服务系统",
      CreationDate: data.issuedAt,
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
  title(doc, data.centreName, noticeTitle);
  addressee(doc, data.applicantName);
  BODIES[data.kind](doc, data);
  if (data.remedy) paragraph(doc, data.remedy);

  const issuer = data.kind === "decision" ? [data.departmentName] : [data.departmentName, "（受理专用章）"];
  const date = cnDate(data.kind === "decision" ? (data.decidedAt ?? data.issuedAt) : data.issuedAt);
  const box = signature(doc, issuer, date);
  if (data.kind === "decision" && data.sealName) {
    seal(doc, box.x + box.width / 2, box.y + box.height / 2 - 2, data.sealName, data.sealCode);
  }
  qrFooter(doc, qrPng, {
    lookup: `扫码或凭办件编号和查询码 ${data.queryCode} 查询办理进度`,
    details: [
      `办件编号：${data.caseNumber}`,
      `受理窗口：${data.centreName} ${data.windowName}`,
      `打印日期：${cnDate(data.issuedAt)}`,
    ],
  });
  pageNumbers(doc, data.caseNumber, COPY_LABEL);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

/** After a deadline counted on a provisional year (no State Council notice for it on record yet). */
export const PROVISIONAL_MARK = "（暂定，以国务院公布的放假安排为准）";

/** "你（单位）于2026年11月26日提出的XX（事项编码：…）申请" */
function applicationPhrase(data: NoticeData): string {
  const on = data.acceptedOn ? cnDay(data.acceptedOn) : cnDate(data.issuedAt);
  return `你（单位）于${on}提出的${data.itemName}（事项编码：${data.itemCode}）申请`;
}

const BODIES: Record<NoticeKind, (doc: Doc, data: NoticeData) => void> = {
  acceptance(doc, data) {
    const basis = data.legalBasis ? `根据${data.legalBasis}的规定，` : "";
    paragraph(doc, `${applicationPhrase(data)}，经审查，申请材料齐全、符合法定形式，${basis}决定予以受理。`);
    const kind = data.kindLabel ? `本事项为${data.kindLabel}，` : "";
    let limit = "";
    if (data.promisedLimitDays === 0) limit = "当场办结。";
    else if (data.promisedLimitDays !== undefined) {
      limit = `承诺办结时限为${data.promisedLimitDays}个工作日（法定节假日不计算在内）`;
      limit += data.deadline ? `，预计于${cnDay(data.deadline)}${data.deadlineProvisional ? PROVISIONAL_MARK : ""}前办结。` : "。";
    }
    paragraph(doc, `${kind}由${data.departmentName}办理，${limit}`);
    if (data.receivedMaterials.length > 0) {
      subheading(doc, `已收取申请材料清单（共${data.receivedMaterials.length}项）`);
      materialsTable(doc, data.receivedMaterials.map((name) => ({ name })));
    }
  },

  supplement(doc, data) {
    const missing = data.missingMaterials ?? [];
    const defects = data.defects ?? [];
    const parts = [missing.length ? `需要补正的全部材料（共${missing.length}项）` : null, defects.length ? `已提交材料需要更正的问题（共${defects.length}处）` : null];
    paragraph(
      doc,
      `${applicationPhrase(data)}，经审查，申请材料不齐全或者不符合法定形式。根据${LICENSING_LAW}第三十二条的规定，` +
        `现一次性告知你（单位）${parts.filter(Boolean).join("和")}如下：`,
    );
    if (missing.length) {
      if (defects.length) subheading(doc, `一、需要补正的材料（共${missing.length}项）`);
      numberedList(doc, missing);
    }
    if (defects.length) {
      subheading(doc, `${missing.length ? "二、" : ""}已提交材料需要更正的问题（共${defects.length}处）`);
      numberedList(doc, defects.map((name) => ({ name })));
    }
    paragraph(
      doc,
      `${defects.length ? ONE_TIME_SENTENCE_WITH_DEFECTS : ONE_TIME_SENTENCE}请补齐上述材料后到${data.centreName}${data.windowName}提交；补正材料所需时间不计入办理时限。`,
    );
    if (data.receivedMaterials.length > 0) {
      paragraph(doc, `已收取的材料：${data.receivedMaterials.map((m, i) => `${i + 1}. ${m}`).join("；")}。`, {
        size: 10.5,
      });
    }
  },

  return(doc, data) {
    const category = data.returnCategoryLabel ? `，经审查，该申请属于“${data.returnCategoryLabel}”的情形` : "，经审查";
    paragraph(
      doc,
      `${applicationPhrase(data)}${category}，根据${LICENSING_LAW}第三十二条的规定，决定不予受理，现将申请材料退回。`,
    );
    if (data.returnReason) paragraph(doc, `不予受理理由：${data.returnReason}`);
    if (data.receivedMaterials.length > 0) {
      paragraph(doc, `退回材料：${data.receivedMaterials.map((m, i) => `${i + 1}. ${m}`).join("；")}。`, { size: 10.5 });
    }
  },

  decision(doc, data) {
    paragraph(doc, `${applicationPhrase(data)}，本机关已依法受理。经审查，本机关决定：${data.outcomeLabel ?? ""}。`);
    if (data.decisionReason) paragraph(doc, `理由：${data.decisionReason}`);
    const marks = [
      data.sealCode ? `行政审批专用章：${data.sealCode}` : null,
      data.letterNumber ? `授权委托书：${data.letterNumber}` : null,
    ].filter((m): m is string => m !== null);
    if (marks.length > 0) paragraph(doc, `（${marks.join("；")}）`, { indent: false, size: 10.5 });
  },
};

/**
 * Registers the CJK font. The font pdfkit parsed for the first notice is kept and handed to later
 * ones (pdfkit accepts a parsed fontkit font), which skips re-reading and re-parsing the ~20 MB
 * collection: about half of a warm render. If pdfkit's internals change we simply do not cache.
 */
let parsedFont: { key: string; font: unknown } | undefined;
export function useFont(doc: Doc, font: CjkFont): void {
  const key = `${font.path}#${font.family ?? ""}`;
  if (parsedFont?.key === key) {
    doc.registerFont(FONT, parsedFont.font as Buffer); // a fontkit font object, typed loosely by @types/pdfkit
    doc.font(FONT);
    return;
  }
  doc.registerFont(FONT, font.path, font.family);
  doc.font(FONT);
  const parsed = (doc as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  if (typeof parsed?.layout === "function") parsedFont = { key, font: parsed };
}

/** The PDF's bytes once the document has ended. */
export function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
