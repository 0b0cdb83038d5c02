/**
 * The server's checks of an applicant (case.inputs.ts, case-rules.ts), run before sending so a
 * clerk hears about a mistyped ID number at once. The server checks again.
 */
const ID_FORMAT = /^\d{17}[\dX]$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export type IdNumberProblem = "format" | "checkDigit";

/** GB 11643: 17 digits and a check digit (0–9 or X). */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!ID_FORMAT.test(id)) return "format";
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return "10X98765432"[sum % 11] === id[17] ? null : "checkDigit";
}

/** An 11-digit mobile, or a landline with its area code. */
export function validPhone(raw: string): boolean {
  return PHONE.test(raw.trim());
}

const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** 统一社会信用代码 (GB 32100): 18 characters, the last a check character (server: common/credit-code.ts). */
export function creditCodeProblem(raw: string): IdNumberProblem | null {
  const code = raw.trim().toUpperCase();
  if (!CREDIT_FORMAT.test(code)) return "format";
  const sum = CREDIT_WEIGHTS.reduce((acc, w, i) => acc + w * CREDIT_ALPHABET.indexOf(code[i]), 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === code[17] ? null : "checkDigit";
}
