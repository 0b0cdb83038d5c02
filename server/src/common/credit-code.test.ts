import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, validCreditCode } from "./credit-code";

describe("统一社会信用代码 check character (GB 32100)", () => {
  it("accepts published codes, the standard's own example first", () => {
    for (const code of ["91350100M000100Y43", "91110000600037341L", "91440300708461136T", "9144030071526726XG", "91310000MA1FL1MMXL"]) {
      expect(validCreditCode(code), code).toBe(true);
    }
  });

  it("computes a check character of 0 when the remainder is 0 (31 is written 0)", () => {
    // Search a body whose weighted sum is a multiple of 31 and check the result is "0", then valid.
    const body = ["9142108100000000", "9142108100000001", "9142108100000002"].map((b) => b + "0");
    const found = body.map((b) => `${b}${creditCodeCheckChar(b)}`);
    for (const code of found) expect(validCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar("00000000000000000")).toBe("0");
  });

  it("refuses a wrong check character, every single-character change of it, and malformed codes", () => {
    const good = "91350100M000100Y43";
    for (const c of "0123456789ABCDEFGHJKLMNPQRTUWXY".replace("3", "")) expect(validCreditCode(`${good.slice(0, 17)}${c}`)).toBe(false);
    expect(validCreditCode("91350100M000100Y4")).toBe(false); // 17 characters
    expect(validCreditCode("91350100M000100Y433")).toBe(false); // 19
    expect(validCreditCode("91350100I000100Y43")).toBe(false); // I is not in the alphabet
    expect(validCreditCode("913501OOM000100Y43")).toBe(false); // letters in the region code
    expect(validCreditCode("91350100m000100y43")).toBe(false); // lower case (callers upper-case first)
    expect(creditCodeCheckChar("9135010OM000100Y4")).toBe(null);
  });
});
