import { describe, expect, it } from "vitest";
import { findCjkFont, missingFontMessage } from "./fonts";
import { type HandOverListData, type LetterData, type ReceiptData, renderHandOverList, renderLetter, renderReceipt } from "./paper";

const font = findCjkFont();
const underCi = process.env.CI === "true" || process.env.CI === "1";
const at = new Date("2026-11-26T02:00:00Z");

/** Text of every page, whitespace removed (titles are spaced out), and the page count. */
async function extract(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  for (let n = 1; n <= doc.numPages; n++) text += (await (await doc.getPage(n)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
  const pages = doc.numPages;
  await doc.destroy();
  return { text: text.replace(/\s+/g, ""), pages };
}

const RECEIPT: ReceiptData = {
  caseNumber: "42108120261126000001",
  queryCode: "BK3CMM",
  statusUrl: "https://bianmin.example.gov.cn/status?number=42108120261126000001&code=BK3CMM",
  issuedAt: at,
  pointName: "新厂社区便民服务站",
  registeredAt: at,
  registeredBy: "徐雪梅",
  applicant: "王五",
  itemName: "国有建设用地使用权首次登记",
  itemCode: "ZRZY-001",
  handlingName: "石首市行政服务中心不动产登记窗口（C41）",
  receivedMaterials: [{ name: "申请书", paper: true }],
  nextStep: "材料将逐级移交审查。",
  collection: { place: "新厂社区便民服务站（代办员）", address: "新厂社区居民委员会", phone: "0716-7572652", hours: "法定工作日 08:30—12:00、14:30—17:30" },
};

const LETTER: LetterData = {
  number: "GAJ-SQ-2025-001",
  departmentName: "石首市公安局",
  grantorName: "张雪红",
  holderName: "田翠",
  holderRole: "分管副局长",
  allItems: true,
  items: [],
  validFrom: new Date("2025-01-01T00:00:00+08:00"),
  validTo: new Date("2028-01-01T00:00:00+08:00"),
  sealCode: "GAJ-SP-01",
  sealName: "石首市公安局行政审批专用章",
  issuedAt: new Date("2025-01-01T00:00:00+08:00"),
  revokedAt: new Date("2026-06-01T02:00:00Z"),
  revokeReason: "岗位调整",
  printedAt: at,
};

describe("paper renderers (issue 9 §3)", () => {
  it("refuses to print without a CJK font, saying how to install one", async () => {
    await expect(renderReceipt(RECEIPT, { font: null })).rejects.toThrow(missingFontMessage);
    await expect(renderLetter(LETTER, { font: null })).rejects.toThrow(missingFontMessage);
  });

  it.skipIf(!font && !underCi)("keeps a receipt on one page, and numbers the pages of a long one", async () => {
    expect((await extract(await renderReceipt(RECEIPT))).pages).toBe(1);
    const long = await extract(await renderReceipt({ ...RECEIPT, receivedMaterials: Array.from({ length: 30 }, (_, i) => ({ name: `材料${i + 1}`, paper: true })) }));
    expect(long.pages).toBeGreaterThan(1);
    expect(long.text).toContain("材料30");
    expect(long.text).toContain(`第1页共${long.pages}页`);
  });

  it.skipIf(!font && !underCi)("prints one hand-over sheet per receiving point, each with both signature lines", async () => {
    const data: HandOverListData = {
      title: "石首市行政服务中心 2026年11月26日",
      day: "2026-11-26",
      issuedAt: at,
      sheets: ["新厂镇便民服务中心", "高基庙镇便民服务中心"].map((toName, i) => ({
        fromName: "石首市行政服务中心",
        toName,
        direction: "BACK" as const,
        rows: [{ caseNumber: `4210812026112600000${i}`, applicant: "王五", itemName: "户口迁移", contents: "办理结果（准予行政许可）", note: null }],
      })),
    };
    const { text, pages } = await extract(await renderHandOverList(data));
    expect(pages).toBe(2);
    expect(text.match(/接收人（签字）/g)).toHaveLength(2);
    expect(text).toContain("高基庙镇便民服务中心");
    expect(text).toContain("办理结果，共1件");
  });

  it.skipIf(!font && !underCi)("marks a revoked letter with its date and reason", async () => {
    const { text } = await extract(await renderLetter(LETTER));
    expect(text).toContain("本单位全部行政审批事项");
    expect(text).toContain("至2027年12月31日止");
    expect(text).toContain("已于2026年6月1日撤销，理由：岗位调整");
  });
});
