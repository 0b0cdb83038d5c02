import { describe, expect, it } from "vitest";
import { describeError, maskParameters, maskPersonalData } from "./redact";

describe("maskPersonalData", () => {
  it("masks ID numbers and mobiles, not case numbers or other digits", () => {
    expect(maskPersonalData("id 42108119800101123X, phone 13871234567.")).toBe("id 4210**********123X, phone 138****4567.");
    expect(maskPersonalData("case 42108120261126000001 at 2026-11-26")).toBe("case 42108120261126000001 at 2026-11-26");
  });

  it("masks SQL parameters", () => {
    expect(maskParameters(["张三", "421081198001011232", "13871234567", 5])).toBe('["张三","4210**********1232","138****4567",5]');
    expect(maskParameters(undefined)).toBe("");
    expect(maskParameters([BigInt(100002), "x"])).toBe('[100002,"x"]'); // SQLite binds whole numbers as BigInt
  });

  it("describes an error without its extra properties", () => {
    const error = Object.assign(new Error("insert failed for 13871234567"), { parameters: ["421081198001011232"], detail: "Failing row contains (421081198001011232)", driverError: { code: "23514" } });
    const text = describeError(error);
    expect(text).toMatch(/^Error \[23514\]: insert failed for 138\*\*\*\*4567\n\s+at /);
    expect(text).not.toContain("421081198001011232");
    expect(text).not.toContain("Failing row");
  });
});
