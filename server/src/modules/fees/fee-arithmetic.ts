/**
 * Fee arithmetic (rules F1, F2, F4–F6), pure: no database, no clock. Money is always an integer
 * number of fen (分, 1 yuan = 100 fen); nothing here ever touches a floating-point yuan amount.
 * A check returns `null` when the input is fine, or a FeeProblem the service turns into a user
 * error (code, field, rule and a zh-CN message); nothing throws on bad input.
 */

/** The largest amount the system accepts anywhere: 10^9 fen = 10,000,000 yuan. */
export const MAX_AMOUNT_FEN = 1_000_000_000;
/** The largest quantity of one charge (pages, certificates …). */
export const MAX_QUANTITY = 10_000;

export type FeeProblemCode =
  | "INVALID_AMOUNT"
  | "INVALID_QUANTITY"
  | "F1_FINE_NOT_FEE"
  | "F2_OVER_STANDARD"
  | "F2_UNDER_STANDARD"
  | "F2_REDUCTION_TOO_LARGE"
  | "F4_REFUND_TOO_LARGE";

export interface FeeProblem {
  code: FeeProblemCode;
  /** The input field at fault, e.g. "amountFen". */
  field: string;
  rule: string;
  message: string;
}

const problem = (code: FeeProblemCode, field: string, rule: string, message: string): FeeProblem => ({ code, field, rule, message });

/** An amount that may be stored: an integer number of fen, 0 ≤ fen ≤ MAX_AMOUNT_FEN. */
export function isAmountFen(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_FEN;
}

/** What is wrong with an amount in fen, or null: the primitive behind amountProblem. */
export function amountFenProblem(fen: number): "NEGATIVE" | "FRACTIONAL" | "TOO_LARGE" | null {
  if (typeof fen !== "number" || Number.isNaN(fen)) return "FRACTIONAL";
  if (fen < 0) return "NEGATIVE";
  if (fen > MAX_AMOUNT_FEN) return "TOO_LARGE";
  if (!Number.isInteger(fen)) return "FRACTIONAL";
  return null;
}

const AMOUNT_MESSAGES = {
  NEGATIVE: "金额不能为负数。",
  FRACTIONAL: "金额以分为单位，必须是整数。",
  TOO_LARGE: `金额不能超过${MAX_AMOUNT_FEN / 100}元。`,
} as const;

/**
 * Why an amount given as input is not acceptable (negative, a fraction of a fen, not a number,
 * above MAX_AMOUNT_FEN), as a FeeProblem. `positive` also refuses zero (payments, deposits, refunds).
 */
export function amountProblem(value: unknown, field: string, options: { positive?: boolean; rule?: string } = {}): FeeProblem | null {
  const rule = options.rule ?? "F2";
  const kind = typeof value === "number" ? amountFenProblem(value) : "FRACTIONAL";
  if (kind) return problem("INVALID_AMOUNT", field, rule, AMOUNT_MESSAGES[kind]);
  if (options.positive && value === 0) return problem("INVALID_AMOUNT", field, rule, "金额必须大于零。");
  return null;
}

export function quantityProblem(value: unknown, field = "quantity"): FeeProblem | null {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_QUANTITY) {
    return problem("INVALID_QUANTITY", field, "F2", `数量必须是1至${MAX_QUANTITY}之间的整数。`);
  }
  return null;
}

/** charge = standard × quantity, in fen. Throws a RangeError for inputs the checks above refuse. */
export function chargeFen(standardFen: number, quantity: number): number {
  if (!isAmountFen(standardFen)) throw new RangeError(`not an amount in fen: ${standardFen}`);
  if (quantityProblem(quantity)) throw new RangeError(`not a quantity: ${quantity}`);
  const total = standardFen * quantity;
  if (total > MAX_AMOUNT_FEN) throw new RangeError(`charge above ${MAX_AMOUNT_FEN} fen`);
  return total;
}

/**
 * F2: a charge must be exactly the standard × quantity. Above it is an over-standard charge
 * (乱收费); below it is a reduction in disguise, which needs reduceCharge and a letter (A2).
 */
export function chargeProblem(input: { standardFen: number; quantity: unknown; amountFen: unknown }): FeeProblem | null {
  const bad = quantityProblem(input.quantity) ?? amountProblem(input.amountFen, "amountFen");
  if (bad) return bad;
  const amount = input.amountFen as number;
  const quantity = input.quantity as number;
  const due = input.standardFen * quantity;
  if (due > MAX_AMOUNT_FEN) return problem("INVALID_QUANTITY", "quantity", "F2", `按标准计算的金额超过${formatYuan(MAX_AMOUNT_FEN)}元。`);
  if (amount > due) {
    return problem("F2_OVER_STANDARD", "amountFen", "F2", `收费金额${formatYuan(amount)}元超过收费标准（${formatYuan(input.standardFen)}元 × ${quantity} = ${formatYuan(due)}元），不得超标准收费。`);
  }
  if (amount < due) {
    return problem("F2_UNDER_STANDARD", "amountFen", "F2", `收费金额${formatYuan(amount)}元低于收费标准（${formatYuan(due)}元）；减免须经授权并注明依据。`);
  }
  return null;
}

/** What is still to be paid on a charge: amount less its reductions. */
export function dueFen(amountFen: number, reductionFen: number): number {
  return amountFen - reductionFen;
}

/** A reduction (减免) adds to those already made and can at most bring the charge to zero (免). */
export function reductionProblem(charge: { amountFen: number; reductionFen: number }, reductionFen: unknown): FeeProblem | null {
  const bad = amountProblem(reductionFen, "reductionFen", { positive: true });
  if (bad) return bad;
  const left = dueFen(charge.amountFen, charge.reductionFen);
  if ((reductionFen as number) > left) {
    return problem("F2_REDUCTION_TOO_LARGE", "reductionFen", "F2", `减免金额${formatYuan(reductionFen as number)}元超过应收金额${formatYuan(left)}元。`);
  }
  return null;
}

/** A refund is a new record; all refunds of a payment together never exceed what was paid. */
export function refundProblem(payment: { amountFen: number; refundedFen: number }, amountFen: unknown): FeeProblem | null {
  const bad = amountProblem(amountFen, "amountFen", { positive: true, rule: "F4" });
  if (bad) return bad;
  const left = payment.amountFen - payment.refundedFen;
  if ((amountFen as number) > left) {
    return problem("F4_REFUND_TOO_LARGE", "amountFen", "F4", `退款金额${formatYuan(amountFen as number)}元超过可退金额${formatYuan(left)}元。`);
  }
  return null;
}

/** Sum of amounts in fen; throws if a term is not an amount (a bug, never user input). */
export function sumFen(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new RangeError(`not an amount in fen: ${a}`);
    total += a;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError("sum out of range");
  return total;
}

/** F6: one reconciliation row. A positive difference is money taken but not (yet) deposited. */
export function reconcile(row: { paymentsFen: number; refundsFen: number; depositsFen: number }): { netFen: number; differenceFen: number } {
  const netFen = row.paymentsFen - row.refundsFen;
  return { netFen, differenceFen: netFen - row.depositsFen };
}

// ---------------------------------------------------------------------------------------------
// F1: standards and their versions
// ---------------------------------------------------------------------------------------------

export type RevenueType = "ADMINISTRATIVE_FEE" | "GOVERNMENT_FUND";
export const REVENUE_TYPE_LABELS: Record<RevenueType, string> = {
  ADMINISTRATIVE_FEE: "行政事业性收费",
  GOVERNMENT_FUND: "政府性基金",
};

/** Words that make a "standard" a fine or a confiscation (罚没收入), which is not a fee (F1). */
export const FINE_WORDS = ["罚款", "罚没", "没收", "罚金", "滞纳金"] as const;

/** F1: a fine or confiscation cannot be entered as a fee standard, by type or by name. */
export function revenueTypeProblem(revenueType: string, name: string): FeeProblem | null {
  if (!(revenueType in REVENUE_TYPE_LABELS)) {
    return problem("F1_FINE_NOT_FEE", "revenueType", "F1", "只能登记行政事业性收费或政府性基金；罚没收入不是收费。");
  }
  const word = FINE_WORDS.find((w) => name.includes(w));
  if (word) return problem("F1_FINE_NOT_FEE", "name", "F1", `“${word}”属于罚没收入，不能作为收费标准登记。`);
  return null;
}

export interface StandardVersion {
  effectiveFrom: string; // YYYY-MM-DD
  supersededFrom: string | null;
}

/** A version is in force on `day` (YYYY-MM-DD) from its effectiveFrom up to, not including, supersededFrom. */
export function inForceOn(standard: StandardVersion, day: string): boolean {
  return standard.effectiveFrom <= day && (standard.supersededFrom === null || day < standard.supersededFrom);
}

// ---------------------------------------------------------------------------------------------
// F4/F5: ticket numbers
// ---------------------------------------------------------------------------------------------

export const TICKET_NO_DIGITS = 8;

/** 鄂财通(2026)01 + 00000042 → "鄂财通(2026)0100000042". */
export function ticketNumber(series: string, no: number): string {
  if (!Number.isSafeInteger(no) || no < 0 || String(no).length > TICKET_NO_DIGITS) throw new RangeError(`not a ticket number: ${no}`);
  return `${series}${String(no).padStart(TICKET_NO_DIGITS, "0")}`;
}

/**
 * F5: which numbers of a book's used range [fromNo, nextNo) have no ticket, which have more than
 * one, and which tickets lie outside the range. All empty = every number accounted for once.
 */
export function accountForNumbers(fromNo: number, nextNo: number, issued: readonly number[]): { missing: number[]; duplicates: number[]; outOfRange: number[] } {
  const seen = new Map<number, number>();
  const outOfRange: number[] = [];
  for (const no of issued) {
    if (no < fromNo || no >= nextNo) outOfRange.push(no);
    else seen.set(no, (seen.get(no) ?? 0) + 1);
  }
  const missing: number[] = [];
  const duplicates: number[] = [];
  for (let no = fromNo; no < nextNo; no++) {
    const count = seen.get(no) ?? 0;
    if (count === 0) missing.push(no);
    else if (count > 1) duplicates.push(no);
  }
  return { missing, duplicates, outOfRange: outOfRange.sort((a, b) => a - b) };
}

// ---------------------------------------------------------------------------------------------
// Printing amounts
// ---------------------------------------------------------------------------------------------

/** 123450 → "1,234.50" (the ticket prints it after ¥). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const PLACES = ["", "拾", "佰", "仟"];
const SECTIONS = ["", "万", "亿", "万亿"];

/**
 * An amount in capitals (大写金额) as written on tickets and cheques (《支付结算办法》附件一):
 * 123450 → 壹仟贰佰叁拾肆元伍角, 100 → 壹元整, 0 → 零元整, 10005 → 壹佰元零伍分, 5 → 伍分.
 * 整 follows 元 only; one 零 stands for any run of zeros inside the figure; 拾 keeps its 壹 (壹拾元整).
 */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  if (fen === 0) return "零元整";
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let text = yuan > 0 ? `${yuanInCapitals(yuan)}元` : "";
  if (jiao === 0 && cent === 0) return `${text}整`;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += "零"; // 壹佰元零伍分: a zero 角 between 元 and 分 is written
  if (cent > 0) text += `${DIGITS[cent]}分`;
  return text;
}

function yuanInCapitals(yuan: number): string {
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.unshift(rest % 10_000);
  if (groups.length > SECTIONS.length) throw new RangeError(`amount too large: ${yuan}`);
  let text = "";
  let zero = false; // a zero is pending: written only before a following non-zero digit
  groups.forEach((group, i) => {
    const section = SECTIONS[groups.length - 1 - i];
    if (group === 0) {
      zero = text !== "";
      return;
    }
    for (let place = 3; place >= 0; place--) {
      const digit = Math.floor(group / 10 ** place) % 10;
      if (digit === 0) {
        zero = zero || text !== "";
        continue;
      }
      if (zero) text += "零";
      zero = false;
      text += DIGITS[digit] + PLACES[place];
    }
    text += section;
  });
  return text;
}
