import { describe, expect, it } from "vitest";
import {
  MAX_AMOUNT_FEN,
  accountForNumbers,
  amountFenProblem,
  amountInWords,
  amountProblem,
  chargeFen,
  chargeProblem,
  dueFen,
  inForceOn,
  reconcile,
  reductionProblem,
  refundProblem,
  revenueTypeProblem,
  sumFen,
  ticketNumber,
  formatYuan,
} from "./fee-arithmetic";

describe("amountInWords (大写金额), golden values", () => {
  const golden: [number, string][] = [
    [123450, "壹仟贰佰叁拾肆元伍角"],
    [100, "壹元整"],
    [0, "零元整"],
    [10005, "壹佰元零伍分"],
    [1, "壹分"],
    [5, "伍分"],
    [50, "伍角"],
    [55, "伍角伍分"],
    [1000, "壹拾元整"],
    [1500, "壹拾伍元整"],
    [2000, "贰拾元整"],
    [100010, "壹仟元壹角"],
    [100001, "壹仟元零壹分"],
    [100500, "壹仟零伍元整"],
    [101000, "壹仟零壹拾元整"],
    [168032, "壹仟陆佰捌拾元叁角贰分"],
    [1640902, "壹万陆仟肆佰零玖元零贰分"],
    [1000000, "壹万元整"],
    [1000100, "壹万零壹元整"],
    [10010000, "壹拾万零壹佰元整"],
    [32500000, "叁拾贰万伍仟元整"],
    [10000000, "壹拾万元整"],
    [100000000, "壹佰万元整"],
    [100100000, "壹佰万零壹仟元整"], // 万 place zero, 仟 not: one 零 (either form is allowed; we always write it)
    [100000100, "壹佰万零壹元整"],
    [100010000, "壹佰万零壹佰元整"],
    [MAX_AMOUNT_FEN, "壹仟万元整"],
    [999999999, "玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
    [1000100000000, "壹佰亿零壹佰万元整"],
    [10000000100, "壹亿零壹元整"],
    [1000000000000000, "壹拾万亿元整"],
  ];
  it.each(golden)("%i fen → %s", (fen, capitals) => expect(amountInWords(fen)).toBe(capitals));

  it("refuses negative and fractional amounts", () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
    expect(() => amountInWords(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatYuan", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [50, "0.50"],
    [123450, "1,234.50"],
    [MAX_AMOUNT_FEN, "10,000,000.00"],
    [-2500, "-25.00"],
  ])("%i fen → %s", (fen, text) => expect(formatYuan(fen)).toBe(text));
});

describe("amounts as input", () => {
  it("names what is wrong with an amount", () => {
    expect(amountFenProblem(0)).toBeNull();
    expect(amountFenProblem(MAX_AMOUNT_FEN)).toBeNull();
    expect(amountFenProblem(-1)).toBe("NEGATIVE");
    expect(amountFenProblem(0.5)).toBe("FRACTIONAL");
    expect(amountFenProblem(Number.NaN)).toBe("FRACTIONAL");
    expect(amountFenProblem(MAX_AMOUNT_FEN + 1)).toBe("TOO_LARGE");
    expect(amountFenProblem(2 ** 53)).toBe("TOO_LARGE");
  });

  it("accepts integer fen from 0 to 10^9", () => {
    for (const ok of [0, 1, 2500, MAX_AMOUNT_FEN]) expect(amountProblem(ok, "amountFen")).toBeNull();
  });

  it.each([
    [-1, "金额不能为负数。"],
    [12.5, "金额以分为单位，必须是整数。"],
    [MAX_AMOUNT_FEN + 1, "金额不能超过10000000元。"],
    [Number.NaN, "金额以分为单位，必须是整数。"],
    [Number.POSITIVE_INFINITY, "金额不能超过10000000元。"],
    ["100", "金额以分为单位，必须是整数。"],
  ])("refuses %s naming the field and the rule", (value, message) => {
    expect(amountProblem(value, "amountFen")).toEqual({ code: "INVALID_AMOUNT", field: "amountFen", rule: "F2", message });
  });

  it("refuses zero where the amount must be positive", () => {
    expect(amountProblem(0, "amountFen", { positive: true, rule: "F6" })).toMatchObject({ code: "INVALID_AMOUNT", rule: "F6" });
  });
});

describe("charges (F2): standard × quantity", () => {
  it("computes the charge in fen", () => {
    expect(chargeFen(1000, 1)).toBe(1000);
    expect(chargeFen(1050, 3)).toBe(3150);
    expect(() => chargeFen(1000, 0)).toThrow(RangeError);
    expect(() => chargeFen(1000, 1.5)).toThrow(RangeError);
    expect(() => chargeFen(MAX_AMOUNT_FEN, 2)).toThrow(RangeError);
  });

  it("accepts exactly the standard", () => {
    expect(chargeProblem({ standardFen: 1050, quantity: 3, amountFen: 3150 })).toBeNull();
  });

  it("refuses a charge above the standard as over-standard", () => {
    expect(chargeProblem({ standardFen: 1050, quantity: 3, amountFen: 3151 })).toEqual({
      code: "F2_OVER_STANDARD",
      field: "amountFen",
      rule: "F2",
      message: "收费金额31.51元超过收费标准（10.50元 × 3 = 31.50元），不得超标准收费。",
    });
  });

  it("refuses a charge below the standard (a reduction needs reduceCharge)", () => {
    expect(chargeProblem({ standardFen: 1050, quantity: 3, amountFen: 3000 })).toMatchObject({ code: "F2_UNDER_STANDARD", field: "amountFen" });
  });

  it("refuses bad quantities and amounts before comparing", () => {
    expect(chargeProblem({ standardFen: 1000, quantity: 0, amountFen: 0 })).toMatchObject({ code: "INVALID_QUANTITY", field: "quantity" });
    expect(chargeProblem({ standardFen: 1000, quantity: 2.5, amountFen: 2500 })).toMatchObject({ code: "INVALID_QUANTITY" });
    expect(chargeProblem({ standardFen: 1000, quantity: 1, amountFen: -1000 })).toMatchObject({ code: "INVALID_AMOUNT", field: "amountFen" });
    expect(chargeProblem({ standardFen: 1000, quantity: 1, amountFen: 999.5 })).toMatchObject({ code: "INVALID_AMOUNT" });
    expect(chargeProblem({ standardFen: MAX_AMOUNT_FEN, quantity: 2, amountFen: MAX_AMOUNT_FEN })).toMatchObject({ code: "INVALID_QUANTITY" });
  });
});

describe("reductions and refunds", () => {
  const charge = { amountFen: 5000, reductionFen: 0 };

  it("reduces up to the whole amount (免)", () => {
    expect(reductionProblem(charge, 2000)).toBeNull();
    expect(reductionProblem(charge, 5000)).toBeNull();
    expect(dueFen(5000, 2000)).toBe(3000);
  });

  it("refuses a reduction above what is left, zero, negative or fractional", () => {
    expect(reductionProblem({ amountFen: 5000, reductionFen: 2000 }, 3001)).toMatchObject({ code: "F2_REDUCTION_TOO_LARGE", field: "reductionFen" });
    expect(reductionProblem(charge, 0)).toMatchObject({ code: "INVALID_AMOUNT", field: "reductionFen" });
    expect(reductionProblem(charge, -5)).toMatchObject({ code: "INVALID_AMOUNT" });
    expect(reductionProblem(charge, 10.5)).toMatchObject({ code: "INVALID_AMOUNT" });
  });

  it("refunds at most what was paid and not yet refunded", () => {
    expect(refundProblem({ amountFen: 5000, refundedFen: 1000 }, 4000)).toBeNull();
    expect(refundProblem({ amountFen: 5000, refundedFen: 1000 }, 4001)).toMatchObject({ code: "F4_REFUND_TOO_LARGE", rule: "F4" });
    expect(refundProblem({ amountFen: 5000, refundedFen: 0 }, 0)).toMatchObject({ code: "INVALID_AMOUNT", rule: "F4" });
  });
});

describe("sums and reconciliation (F6)", () => {
  it("sums fen exactly", () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen(Array.from({ length: 10 }, () => 10))).toBe(100); // 10 × 0.10 yuan, no 0.1 + 0.2 trouble
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });

  it("reports the difference between takings and deposits", () => {
    expect(reconcile({ paymentsFen: 10000, refundsFen: 1000, depositsFen: 9000 })).toEqual({ netFen: 9000, differenceFen: 0 });
    expect(reconcile({ paymentsFen: 10000, refundsFen: 0, depositsFen: 8000 })).toEqual({ netFen: 10000, differenceFen: 2000 });
    expect(reconcile({ paymentsFen: 0, refundsFen: 0, depositsFen: 500 }).differenceFen).toBe(-500);
  });
});

describe("standards (F1)", () => {
  it("refuses fines and confiscations by type and by name", () => {
    expect(revenueTypeProblem("ADMINISTRATIVE_FEE", "不动产登记费")).toBeNull();
    expect(revenueTypeProblem("GOVERNMENT_FUND", "城市基础设施配套费")).toBeNull();
    expect(revenueTypeProblem("FINE", "工本费")).toMatchObject({ code: "F1_FINE_NOT_FEE", field: "revenueType", rule: "F1" });
    expect(revenueTypeProblem("ADMINISTRATIVE_FEE", "违章停车罚款")).toMatchObject({ code: "F1_FINE_NOT_FEE", field: "name", message: "“罚款”属于罚没收入，不能作为收费标准登记。" });
    expect(revenueTypeProblem("ADMINISTRATIVE_FEE", "没收违法所得")).toMatchObject({ field: "name" });
  });

  it("takes a version as in force from effectiveFrom up to, not on, supersededFrom", () => {
    const version = { effectiveFrom: "2026-07-01", supersededFrom: "2027-01-01" };
    expect(inForceOn(version, "2026-06-30")).toBe(false);
    expect(inForceOn(version, "2026-07-01")).toBe(true);
    expect(inForceOn(version, "2026-12-31")).toBe(true);
    expect(inForceOn(version, "2027-01-01")).toBe(false);
    expect(inForceOn({ effectiveFrom: "2027-01-01", supersededFrom: null }, "2030-05-05")).toBe(true);
  });
});

describe("ticket numbers (F4, F5)", () => {
  it("zero-pads the number after the series", () => {
    expect(ticketNumber("鄂财通(2026)01", 42)).toBe("鄂财通(2026)0100000042");
    expect(() => ticketNumber("X", 123456789)).toThrow(RangeError);
    expect(() => ticketNumber("X", -1)).toThrow(RangeError);
  });

  it("accounts for every used number of a book", () => {
    expect(accountForNumbers(1, 6, [1, 2, 3, 4, 5])).toEqual({ missing: [], duplicates: [], outOfRange: [] });
    expect(accountForNumbers(1, 6, [5, 1, 3, 3, 9])).toEqual({ missing: [2, 4], duplicates: [3], outOfRange: [9] });
    expect(accountForNumbers(1, 1, [])).toEqual({ missing: [], duplicates: [], outOfRange: [] });
  });
});
