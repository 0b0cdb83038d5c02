import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsQR from "jsqr";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_CJK_FONTS, clearCjkFontCache, findCjkFont, firstFaceName, missingFontMessage } from "./fonts";
import { SAMPLE_NOTICES, withLongLists } from "./notices.fixtures";
import { NOTICE_TITLES, type NoticeData, type NoticeKind, ONE_TIME_SENTENCE, noticeFileName, renderNotice } from "./notices";

const font = findCjkFont();
/** Under CI=true a missing font fails the rendering tests instead of skipping them. */
const underCi = process.env.CI === "true" || process.env.CI === "1";
if (!font && !underCi) console.warn(`notices.test: rendering tests SKIPPED. ${missingFontMessage}`);
const NOTO = DEFAULT_CJK_FONTS[0].path;
const KINDS = Object.keys(SAMPLE_NOTICES) as NoticeKind[];

/** Text of every page, in drawing order, whitespace removed (Chinese wraps mid-word). */
interface Extracted {
  text: string;
  pages: number;
  images: { width: number; height: number; rgba: Uint8ClampedArray }[];
}

async function extract(pdf: Buffer): Promise<Extracted> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  const images: Extracted["images"] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
      const name = ops.argsArray[i][0] as string;
      const objs = name.startsWith("g_") ? page.commonObjs : page.objs;
      const img = await new Promise<any>((resolve) => objs.get(name, resolve));
      images.push({ width: img.width, height: img.height, rgba: toRgba(img) });
    }
  }
  await doc.destroy();
  return { text: text.replace(/\s+/g, ""), pages: doc.numPages, images };
}

/** pdf.js image data (kind 1 = 1 bit grey, 2 = RGB, 3 = RGBA) as RGBA for jsQR. */
function toRgba(img: { width: number; height: number; kind: number; data: Uint8ClampedArray }): Uint8ClampedArray {
  const { width, height, kind, data } = img;
  if (kind === 3) return data;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    let v: number[];
    if (kind === 2) v = [data[p * 3], data[p * 3 + 1], data[p * 3 + 2]];
    else {
      const row = Math.floor(p / width), col = p % width, stride = (width + 7) >> 3;
      const bit = (data[row * stride + (col >> 3)] >> (7 - (col & 7))) & 1;
      v = bit ? [255, 255, 255] : [0, 0, 0];
    }
    out.set([...v, 255], p * 4);
  }
  return out;
}

const strip = (s: string) => s.replace(/\s+/g, "");

/** Everything the applicant must be able to read on the notice, per kind. */
function expectedTexts(d: NoticeData): string[] {
  const common = [d.caseNumber, d.applicantName, d.itemName, d.itemCode, d.centreName, d.windowName, d.departmentName, NOTICE_TITLES[d.kind]];
  common.push(`扫码或凭办件编号和查询码${d.queryCode}查询办理进度`, "2026年11月26日");
  switch (d.kind) {
    case "acceptance":
      return [...common, ...d.receivedMaterials, "决定予以受理", `承诺办结时限为${d.promisedLimitDays}个工作日`, "2026年12月3日", d.legalBasis!];
    case "supplement":
      return [...common, ...d.missingMaterials!.flatMap((m) => [m.name, m.description ?? ""]), ONE_TIME_SENTENCE, "一次性告知"];
    case "return":
      return [...common, d.returnCategoryLabel!, d.returnReason!, "决定不予受理", d.remedy!, ...d.receivedMaterials];
    case "decision":
      return [...common, d.outcomeLabel!, d.decisionReason!, `行政审批专用章：${d.sealCode}`, `授权委托书：${d.letterNumber}`, d.remedy!, "2026年11月25日"];
  }
}

describe("findCjkFont", () => {
  const dir = mkdtempSync(join(tmpdir(), "cjk-font-"));
  const fake = join(dir, "my-font.ttf");
  writeFileSync(fake, "not really a font");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prefers CJK_FONT when it names an existing file", () => {
    expect(findCjkFont(DEFAULT_CJK_FONTS, { CJK_FONT: fake })).toEqual({ path: fake });
    expect(findCjkFont([], { CJK_FONT: fake, CJK_FONT_FAMILY: "MyFont-Regular" })).toEqual({ path: fake, family: "MyFont-Regular" });
  });

  it("falls back to the candidate list when CJK_FONT is missing, in order", () => {
    const candidates = [{ path: join(dir, "absent.ttc"), family: "Absent" }, { path: fake, family: "Fake" }];
    expect(findCjkFont(candidates, { CJK_FONT: join(dir, "nope.ttc") })).toEqual({ path: fake, family: "Fake" });
    expect(findCjkFont(candidates, {})).toEqual({ path: fake, family: "Fake" });
    expect(findCjkFont([], { CJK_FONT: join(dir, "nope.ttc") })).toBeNull();
  });

  it("memoises the default search", () => {
    clearCjkFontCache();
    const first = findCjkFont();
    expect(findCjkFont()).toBe(first);
  });

  it.runIf(underCi || findCjkFont([DEFAULT_CJK_FONTS[0]], {}))("names the face of a collection given by CJK_FONT", () => {
    expect(findCjkFont([], { CJK_FONT: NOTO })).toEqual({ path: NOTO, family: "NotoSansCJKsc-Regular" });
    expect(firstFaceName(NOTO)).toMatch(/^NotoSansCJK\w+-Regular$/);
    expect(firstFaceName(fake)).toBeUndefined();
  });

  it("renderNotice explains which package to install when no font exists", async () => {
    const none = findCjkFont([], { CJK_FONT: join(dir, "missing.ttc") });
    await expect(renderNotice(SAMPLE_NOTICES.acceptance, { font: none })).rejects.toThrow(missingFontMessage);
    expect(missingFontMessage).toContain("apt-get install fonts-noto-cjk");
    expect(missingFontMessage).toContain("CJK_FONT=");
  });

  it("renderNotice names a CJK_FONT that is not a usable font", async () => {
    await expect(renderNotice(SAMPLE_NOTICES.acceptance, { font: { path: fake } })).rejects.toThrow(
      `Could not load the CJK font ${fake}`,
    );
  });
});

describe("noticeFileName", () => {
  it("is the case number and the kind", () => {
    expect(noticeFileName(SAMPLE_NOTICES.acceptance)).toBe("42108120261126000001-acceptance.pdf");
    expect(noticeFileName({ caseNumber: "4210/81 x", kind: "return" })).toBe("4210_81_x-return.pdf");
  });
});

describe.skipIf(!font && !underCi)(`renderNotice (font: ${font?.path ?? "none"})`, () => {
  it("has a CJK font to print with", () => expect(font, missingFontMessage).not.toBeNull());

  for (const kind of KINDS) {
    it(`prints a ${kind} notice whose text and QR code can be read back`, async () => {
      const data = SAMPLE_NOTICES[kind];
      const pdf = await renderNotice(data);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(pdf.length).toBeLessThan(250_000); // the font is subset, not embedded whole (~20 MB)
      const { text, pages, images } = await extract(pdf);
      expect(pages).toBe(1);
      // WenQuanYi Zen Hei has no 𠮷 (U+20BB7): names outside the BMP need Noto Sans CJK.
      expect(text, `${font!.family} lacks a glyph of ${data.applicantName}: install fonts-noto-cjk`).toContain(data.applicantName);
      for (const expected of expectedTexts(data)) expect(text).toContain(strip(expected));
      expect(images).toHaveLength(1);
      const qr = jsQR(images[0].rgba, images[0].width, images[0].height);
      expect(qr?.data).toBe(data.statusUrl);
    });
  }

  it("lists every material of a long list, flowing onto a second page", async () => {
    for (const kind of ["acceptance", "supplement"] as const) {
      const data = withLongLists(SAMPLE_NOTICES[kind]);
      const { text, pages, images } = await extract(await renderNotice(data));
      expect(pages).toBeGreaterThanOrEqual(2);
      for (const expected of expectedTexts(data)) expect(text).toContain(strip(expected));
      expect(text).toContain(`共${pages}页`);
      expect(images).toHaveLength(1);
    }
  });
});
