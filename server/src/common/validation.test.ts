import { describe, expect, it } from "vitest";
import { idProblem, textProblem } from "./validation";

const rule = (value: string, kind?: "name" | "multiline") => textProblem(value, "f", kind)?.rule ?? null;

describe("the text rules", () => {
  it("pass ordinary Chinese and Latin text, and characters outside the BMP", () => {
    for (const ok of ["张三", "石首市𠮷祥农业专业合作社", "O'Brien-Smith", "国办发明电〔2025〕7号", "😀"]) expect(rule(ok, "name")).toBeNull();
  });

  it("refuse C0 and C1 controls; tab and newline only in multi-line text", () => {
    expect(rule("a\u0000b")).toBe("controlCharacters");
    expect(rule("a\u0085b")).toBe("controlCharacters");
    expect(rule("a\u007Fb")).toBe("controlCharacters");
    expect(rule("line\nline")).toBe("controlCharacters");
    expect(rule("line\r\n\tline", "multiline")).toBeNull();
    expect(rule("a\u0000b", "multiline")).toBe("controlCharacters");
    expect(rule("a\u000Bb", "multiline")).toBe("controlCharacters");
  });

  it("refuse unpaired surrogates but not pairs", () => {
    expect(rule("\uD800")).toBe("unpairedSurrogate");
    expect(rule("a\uDC00")).toBe("unpairedSurrogate");
    expect(rule("\uD842\uDFB7")).toBeNull();
  });

  it("refuse every bidirectional control", () => {
    for (const c of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"]) {
      expect(rule(`张${c}三`)).toBe("bidiControls");
    }
  });

  it("want a visible character in a name", () => {
    for (const blank of ["\u200B\u200C\u200D", " \u3000 ", "\u2060\uFEFF", "\u3164", "\u0301"]) expect(rule(blank, "name")).toBe("visible");
    expect(rule("\u200B", undefined)).toBeNull();
  });
});

describe("ids", () => {
  it("are plain positive whole numbers within PostgreSQL's integer", () => {
    for (const ok of ["1", "42", "2147483647"]) expect(idProblem(ok, "id")).toBeNull();
    for (const bad of ["0", "01", "-1", "1.5", "1e3", " 1", "0x10", "2147483648", "12345678901234567890123", ""]) expect(idProblem(bad, "id")?.rule).toBe("id");
  });
});
