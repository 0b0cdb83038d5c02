import { closeSync, openSync, readSync, statSync } from "node:fs";
import { basename } from "node:path";

/**
 * A font that can print Chinese. `family` is the PostScript name of the face to use inside a
 * font collection (.ttc/.otc); pdfkit needs it to pick one face out of the collection.
 */
export interface CjkFont {
  path: string;
  family?: string;
}

/** Debian's CJK fonts, best first (STACK-NOTES "PDF with Chinese text", conventions D.4). */
export const DEFAULT_CJK_FONTS: readonly CjkFont[] = [
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", family: "WenQuanYiMicroHei" },
  { path: "/usr/share/fonts/truetype/arphic/uming.ttc" }, // face name read from the file
];

export const missingFontMessage =
  "No CJK (Chinese) font was found, so notices cannot be printed: install Debian's fonts-noto-cjk " +
  "(apt-get install fonts-noto-cjk) or set CJK_FONT=/path/to/font.ttc " +
  "(and CJK_FONT_FAMILY=<PostScript name> to choose a face other than the first in a collection).";

/** PostScript names of faces we know by file name, for a CJK_FONT that points at one of them. */
const KNOWN_FAMILIES = new Map(DEFAULT_CJK_FONTS.map((f) => [basename(f.path), f.family]));

let memo: { font: CjkFont | null } | undefined;

/**
 * The CJK font to print with: `CJK_FONT` (if it names an existing file), else the first existing
 * file of `candidates`. Called without arguments the answer is memoised for the process; tests pass
 * their own candidate list and environment, which bypasses the memo.
 */
export function findCjkFont(
  candidates: readonly CjkFont[] = DEFAULT_CJK_FONTS,
  env: NodeJS.ProcessEnv = process.env,
): CjkFont | null {
  const useMemo = candidates === DEFAULT_CJK_FONTS && env === process.env;
  if (useMemo && memo) return memo.font;
  const font = search(candidates, env);
  if (useMemo) memo = { font };
  return font;
}

/** Forget the memoised font (tests, or after installing a font into a running process). */
export function clearCjkFontCache(): void {
  memo = undefined;
}

/** Why no font was found, for an error message: the sentence plus a bad CJK_FONT, if any. */
export function describeMissingFont(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CJK_FONT?.trim();
  return configured && !isFile(configured)
    ? `${missingFontMessage} (CJK_FONT=${configured} does not exist or is not a file.)`
    : missingFontMessage;
}

function search(candidates: readonly CjkFont[], env: NodeJS.ProcessEnv): CjkFont | null {
  const configured = env.CJK_FONT?.trim();
  if (configured && isFile(configured)) {
    const family = env.CJK_FONT_FAMILY?.trim() || KNOWN_FAMILIES.get(basename(configured)) || firstFaceName(configured);
    return family ? { path: configured, family } : { path: configured };
  }
  for (const candidate of candidates) {
    if (!isFile(candidate.path)) continue;
    const family = candidate.family ?? firstFaceName(candidate.path);
    return family ? { path: candidate.path, family } : { path: candidate.path };
  }
  return null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The PostScript name (name ID 6) of the first face of a font collection, so that a CJK_FONT=x.ttc
 * works without CJK_FONT_FAMILY. Undefined for a single font (pdfkit needs no name) or on any error.
 */
export function firstFaceName(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const handle = fd;
    const read = (offset: number, length: number): Buffer => {
      const buf = Buffer.alloc(length);
      if (readSync(handle, buf, 0, length, offset) !== length) throw new Error("short read");
      return buf;
    };
    const header = read(0, 16);
    if (header.toString("latin1", 0, 4) !== "ttcf") return undefined;
    const face = header.readUInt32BE(12);
    const numTables = read(face + 4, 2).readUInt16BE(0);
    const dir = read(face + 12, numTables * 16);
    for (let i = 0; i < numTables; i++) {
      if (dir.toString("latin1", i * 16, i * 16 + 4) !== "name") continue;
      const tableOffset = dir.readUInt32BE(i * 16 + 8);
      const table = read(tableOffset, dir.readUInt32BE(i * 16 + 12));
      const count = table.readUInt16BE(2);
      const strings = table.readUInt16BE(4);
      for (let r = 0; r < count; r++) {
        const rec = 6 + r * 12;
        const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => table.readUInt16BE(rec + o));
        if (nameId !== 6) continue;
        const raw = table.subarray(strings + offset, strings + offset + length);
        return platform === 1 ? raw.toString("latin1") : Buffer.from(raw).swap16().toString("utf16le");
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
