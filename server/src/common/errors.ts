import { GraphQLError } from "graphql";
import { registerEnumType } from "type-graphql";

/** The codes a thrown error may carry in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  NOT_FOUND = "NOT_FOUND",
  CONFLICT = "CONFLICT",
  RATE_LIMITED = "RATE_LIMITED",
  /** The session's password was set by an admin: it may only change it (changePassword) or log out. */
  PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED",
  INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR",
}

/**
 * Expected business failures returned inside a mutation payload (`userErrors`).
 * A client can switch on these without parsing messages.
 */
export enum UserErrorCode {
  INVALID = "INVALID",
  NOT_FOUND = "NOT_FOUND",
  DUPLICATE = "DUPLICATE",
  RULE_VIOLATION = "RULE_VIOLATION",
  INVALID_CREDENTIALS = "INVALID_CREDENTIALS",
  /** Too many failed logins in a row: the account is locked until `lockedUntil` of the login payload. */
  ACCOUNT_LOCKED = "ACCOUNT_LOCKED",
  STALE_VERSION = "STALE_VERSION",
  IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED",
  FORBIDDEN = "FORBIDDEN",
  // Fees by ticket (以票控费, F1–F6, C7): one code per refusal, so the SPA can say it in Chinese.
  INVALID_AMOUNT = "INVALID_AMOUNT",
  INVALID_QUANTITY = "INVALID_QUANTITY",
  F1_FINE_NOT_FEE = "F1_FINE_NOT_FEE",
  F1_EFFECTIVE_IN_PAST = "F1_EFFECTIVE_IN_PAST",
  F1_STANDARD_SUPERSEDED = "F1_STANDARD_SUPERSEDED",
  F2_NO_STANDARD = "F2_NO_STANDARD",
  F2_STANDARD_OTHER_ITEM = "F2_STANDARD_OTHER_ITEM",
  F2_NOT_IN_FORCE = "F2_NOT_IN_FORCE",
  F2_OVER_STANDARD = "F2_OVER_STANDARD",
  F2_UNDER_STANDARD = "F2_UNDER_STANDARD",
  F2_REDUCTION_TOO_LARGE = "F2_REDUCTION_TOO_LARGE",
  F2_CHARGE_NOT_OPEN = "F2_CHARGE_NOT_OPEN",
  F3_NOT_FINANCE_WINDOW = "F3_NOT_FINANCE_WINDOW",
  F3_OTHER_POINT = "F3_OTHER_POINT",
  F3_REFERENCE_REQUIRED = "F3_REFERENCE_REQUIRED",
  F3_CHARGE_NOT_PAYABLE = "F3_CHARGE_NOT_PAYABLE",
  F4_ALREADY_VOIDED = "F4_ALREADY_VOIDED",
  F4_VOID_PENDING = "F4_VOID_PENDING",
  F4_NO_VOID_REQUEST = "F4_NO_VOID_REQUEST",
  F4_SAME_PERSON = "F4_SAME_PERSON",
  F4_OTHER_UNIT = "F4_OTHER_UNIT",
  F4_REFUND_TOO_LARGE = "F4_REFUND_TOO_LARGE",
  NO_TICKET_BOOK = "NO_TICKET_BOOK",
  F5_STATEMENTS_REQUIRED = "F5_STATEMENTS_REQUIRED",
  F5_AUDIT_NOT_PASSED = "F5_AUDIT_NOT_PASSED",
  F5_BOOK_OPEN = "F5_BOOK_OPEN",
  F5_OTHER_DEPARTMENT = "F5_OTHER_DEPARTMENT",
  F5_RANGE_INVALID = "F5_RANGE_INVALID",
  F5_APPLICATION_CLOSED = "F5_APPLICATION_CLOSED",
  F6_DAY_CLOSED = "F6_DAY_CLOSED",
  F6_DIFFERENCE_NEEDS_REASON = "F6_DIFFERENCE_NEEDS_REASON",
  C7_UNPAID_CHARGES = "C7_UNPAID_CHARGES",
}
registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation refused its input. The `rule` field of the error names the DOMAIN.md rule where one applies.",
});

/** Thrown for failures that are not a mutation's expected outcome (auth, unknown ids in queries). */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: { field?: string; rule?: string; fields?: { field: string; rule: string; message: string }[]; http?: { status: number } } = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, "You must log in first.");
export const passwordChangeRequired = () =>
  new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED, "请先修改密码：管理员新建或重置的账号，须设置自己的新密码后才能办理业务。");
export const forbidden = (what = "this operation") =>
  new AppError(ErrorCode.FORBIDDEN, `Your role may not perform ${what}.`);
export const notFound = (what: string, field?: string) =>
  new AppError(ErrorCode.NOT_FOUND, `${what} not found.`, { field });

/**
 * A business rule broken inside a service. Mutations catch it and return it as a user error;
 * the transaction it was thrown in rolls back, so nothing is written.
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
    readonly rule: string | null = null,
    /** A stable refusal code for clients to translate (e.g. CASE_NOT_CLOSED); the message is for people. */
    readonly reason: string | null = null,
  ) {
    super(message);
  }
}
