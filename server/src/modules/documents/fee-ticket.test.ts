import { describe, expect, it } from "vitest";
import { amountInWords } from "../fees/fee-arithmetic";
import { REDUCED_TICKET, SAMPLE_TICKET } from "./fee-ticket.fixtures";
import { TICKET_TITLE, renderFeeTicket, ticketFileName } from "./fee-ticket";
import { findCjkFont, missingFontMessage } from "./fonts";
import { readPdf } from "../../../../tests/support/pdf";

const font = findCjkFont();
/** Under CI=true a missing font fails the rendering tests instead of skipping them. */
const underCi = process.env.CI === "true" || process.env.CI === "1";
if (!font && !underCi) console.warn(`fee-ticket.test: rendering tests SKIPPED. ${missingFontMessage}`);

const strip = (s: string) => s.replace(/\s+/g, "");
/** The PDF's text without white space (Chinese wraps mid-word), its QR codes and page count. */
async function extractPdf(pdf: Buffer) {
  const { text, qrCodes, pages } = await readPdf(pdf);
  return { text: strip(text), qrCodes, pages };
}

describe("ticketFileName", () => {
  it("keeps the series and number, nothing that could escape a header", () => {
    expect(ticketFileName("鄂财通(2026)0100000042")).toBe("鄂财通(2026)0100000042.pdf");
    expect(ticketFileName('a/b"c\r\n')).toBe("a_b_c__.pdf");
  });
});

describe("renderFeeTicket refuses", () => {
  it("a ticket whose lines do not add up to the payment", async () => {
    await expect(renderFeeTicket({ ...SAMPLE_TICKET, amountFen: 123451 }, { font })).rejects.toThrow("add up to 123450 fen, the payment is 123451 fen");
    await expect(renderFeeTicket({ ...SAMPLE_TICKET, lines: [], amountFen: 0 }, { font })).rejects.toThrow("add up to 0 fen");
  });

  it("to print without a CJK font, naming the package to install", async () => {
    await expect(renderFeeTicket(SAMPLE_TICKET, { font: null })).rejects.toThrow(missingFontMessage);
  });
});

describe.skipIf(!font && !underCi)(`renderFeeTicket (font: ${font?.path ?? "none"})`, () => {
  it("has a CJK font to print with", () => expect(font, missingFontMessage).not.toBeNull());

  it("prints a ticket whose text and QR code can be read back", async () => {
    const pdf = await renderFeeTicket(SAMPLE_TICKET);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeLessThan(250_000);
    const { text, pages, qrCodes } = await extractPdf(pdf);
    expect(pages).toBe(1);
    const d = SAMPLE_TICKET;
    for (const expected of [
      TICKET_TITLE,
      d.centreName,
      `票据代码：${d.series}`,
      `No.${d.ticketNumber}`,
      `票据号码：${d.ticketNumber}`,
      d.payerName,
      "4210**********123X",
      d.caseNumber,
      d.paymentNumber,
      "不动产登记费",
      "80.00/件（第2版）",
      "证书工本费",
      "1,154.50/本（第1版）",
      "合计（大写）",
      "人民币壹仟贰佰叁拾肆元伍角",
      "¥1,234.50",
      `收费依据：${d.lines[0].legalBasis}；${d.lines[1].legalBasis}`,
      d.windowName,
      "银行卡（POS）（参考号POS-884213）",
      `${d.account}（专户）`,
      "2026年11月26日10:05",
      `执收单位：${d.departmentName}`,
      `收款人：${d.takenByName}`,
      "开票日期：2026年11月26日",
      `扫码或凭办件编号和查询码${d.queryCode}查询办理进度`,
    ]) {
      expect(text).toContain(strip(expected));
    }
    expect(text).not.toContain("42108119900307123X"); // never the full ID number
    expect(text).not.toContain("作废");
    expect(qrCodes).toEqual([d.statusUrl]);
  });

  it("prints reductions with their basis, cash without a reference, and 零 in the capitals", async () => {
    const { text } = await extractPdf(await renderFeeTicket(REDUCED_TICKET));
    expect(amountInWords(REDUCED_TICKET.amountFen)).toBe("壹佰元零伍分");
    for (const expected of ["减免（元）", "实收（元）", "200.10", "100.05", "人民币壹佰元零伍分", "¥100.05", "减免依据：不动产登记费：对小微企业免收不动产登记费（财税〔2019〕45号）", "现金"]) {
      expect(text).toContain(strip(expected));
    }
    expect(text).not.toContain("参考号");
  });

  it("prints a voided ticket with 作废, its reason and date", async () => {
    const voided = { ...SAMPLE_TICKET, voided: { reason: "收费员录入缴款方式错误", at: new Date("2026-11-27T01:00:00Z") } };
    const { text, pages, qrCodes } = await extractPdf(await renderFeeTicket(voided));
    expect(pages).toBe(1);
    expect(text).toContain("作废");
    expect(text).toContain("本票据已于2026年11月27日作废，作废原因：收费员录入缴款方式错误。票号保留，不再使用。");
    expect(text).toContain(SAMPLE_TICKET.ticketNumber);
    expect(qrCodes).toEqual([SAMPLE_TICKET.statusUrl]);
  });
});
