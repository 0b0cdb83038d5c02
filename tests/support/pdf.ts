import jsQR from "jsqr";

/** The text of every page of a PDF, the contents of the QR codes drawn on it and its page count. */
export async function readPdf(pdf: Buffer): Promise<{ text: string; qrCodes: string[]; pages: number }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  const qrCodes: string[] = [];
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
      const qr = jsQR(toRgba(img), img.width, img.height);
      if (qr) qrCodes.push(qr.data);
    }
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { text, qrCodes, pages };
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
