import { GraphQLError } from "graphql";
import { registerEnumType } from "type-graphql";
import { render, type Language } from "./messages";
import { maskPersonalData } from "./redact";
import type { Reason, ReasonParams } from "./reasons";

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
  valuesConfig: {
    INVALID: { description: "The input breaks a rule of its field." },
    NOT_FOUND: { description: "Something the input names does not exist." },
    DUPLICATE: { description: "It exists already." },
    RULE_VIOLATION: { description: "A DOMAIN.md rule forbids it (named in `rule`)." },
    INVALID_CREDENTIALS: { description: "Wrong username or password." },
    ACCOUNT_LOCKED: { description: "Too many failed logins in a row: locked until `lockedUntil` of the login payload." },
    STALE_VERSION: { description: "Someone changed it since you read it: reload and try again." },
    IDEMPOTENCY_KEY_REUSED: { description: "The idempotency key was used with another body." },
    FORBIDDEN: { description: "Not yours to do." },
    INVALID_AMOUNT: { description: "The amount is not allowed." },
    INVALID_QUANTITY: { description: "The quantity is not allowed." },
    F1_FINE_NOT_FEE: { description: "A fine is not a fee (F1)." },
    F1_EFFECTIVE_IN_PAST: { description: "A new version cannot take effect in the past (F1)." },
    F1_STANDARD_SUPERSEDED: { description: "That standard was superseded already (F1)." },
    F2_NO_STANDARD: { description: "The item has no fee standard (F2)." },
    F2_STANDARD_OTHER_ITEM: { description: "The standard belongs to another item (F2)." },
    F2_NOT_IN_FORCE: { description: "The standard was not in force on the acceptance day (F2)." },
    F2_OVER_STANDARD: { description: "More than the standard allows (F2)." },
    F2_UNDER_STANDARD: { description: "Less than the standard, without a reduction (F2)." },
    F2_REDUCTION_TOO_LARGE: { description: "The reduction exceeds what is due (F2)." },
    F2_CHARGE_NOT_OPEN: { description: "The charge is no longer open (F2)." },
    F3_NOT_FINANCE_WINDOW: { description: "Only a FINANCE window takes payments (F3)." },
    F3_OTHER_POINT: { description: "The finance window of the handling point takes it (F3)." },
    F3_REFERENCE_REQUIRED: { description: "Card and transfer need a reference (F3)." },
    F3_CHARGE_NOT_PAYABLE: { description: "The charge cannot be paid now (F3)." },
    F4_ALREADY_VOIDED: { description: "The ticket is voided already (F4)." },
    F4_VOID_PENDING: { description: "A void of the ticket waits for approval (F4)." },
    F4_NO_VOID_REQUEST: { description: "Nobody asked to void the ticket (F4)." },
    F4_SAME_PERSON: { description: "A void needs a second person (F4)." },
    F4_OTHER_UNIT: { description: "The ticket belongs to another unit (F4)." },
    F4_REFUND_TOO_LARGE: { description: "More than was paid and not yet refunded (F4)." },
    NO_TICKET_BOOK: { description: "No ticket book is open for the department at the point." },
    F5_STATEMENTS_REQUIRED: { description: "The application needs both statements (F5)." },
    F5_AUDIT_NOT_PASSED: { description: "The previous book's stubs have not passed their audit (F5)." },
    F5_BOOK_OPEN: { description: "The book is still in use (F5)." },
    F5_OTHER_DEPARTMENT: { description: "The book belongs to another department (F5)." },
    F5_RANGE_INVALID: { description: "The number range is not valid (F5)." },
    F5_APPLICATION_CLOSED: { description: "The application was dealt with already (F5)." },
    F6_DAY_CLOSED: { description: "The day's reconciliation is closed (F6)." },
    F6_DIFFERENCE_NEEDS_REASON: { description: "Closing with a difference needs a reason (F6)." },
    C7_UNPAID_CHARGES: { description: "The result waits for unpaid charges (C7)." },
  },
});

/** A field problem of a BAD_USER_INPUT error (`extensions.fields`): the path, the rule it broke, the rule's limits. */
export interface FieldProblemExtension {
  field: string;
  rule: string;
  message: string;
  params?: ReasonParams;
}

/** Params as they may leave the server (clients, logs): an ID number or mobile echoed from input is masked. */
export function safeParams(params: ReasonParams): ReasonParams {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? maskPersonalData(value) : value]));
}

interface AppErrorExtra {
  field?: string;
  rule?: string;
  fields?: FieldProblemExtension[];
  http?: { status: number; headers?: Map<string, string> };
}

/**
 * Thrown for failures that are not a mutation's expected outcome (auth, unknown ids in queries).
 * Clients switch on `extensions.code` and translate `extensions.reason` with `extensions.params`;
 * the message is the server catalogue's zh-CN sentence (English with `Accept-Language: en`).
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, reason: Reason, params: ReasonParams = {}, extra: AppErrorExtra = {}) {
    const safe = safeParams(params);
    super(render(reason, safe, "zh-CN"), { extensions: { code, reason, params: safe, ...extra } });
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED, "UNAUTHENTICATED");
/** The caller's role may not do this; `reason` says what (default: the generic FORBIDDEN). */
export const forbidden = (reason: Reason = "FORBIDDEN", params: ReasonParams = {}) => new AppError(ErrorCode.FORBIDDEN, reason, params);
/** An API token lacks a scope: HTTP 403, reason TOKEN_SCOPE_MISSING naming the scope (params.scope). */
export const scopeMissing = (scope: string) => new AppError(ErrorCode.FORBIDDEN, "TOKEN_SCOPE_MISSING", { scope }, { http: { status: 403 } });
/** An id or code of a query names nothing; `params` echo the code (never personal data). */
export const notFound = (reason: Reason, params: ReasonParams = {}, field?: string) => new AppError(ErrorCode.NOT_FOUND, reason, params, { field });
/** An admin set the session's password: it may only change it (changePassword) or log out. */
export const passwordChangeRequired = () => new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED, "PASSWORD_CHANGE_REQUIRED");

/**
 * A business rule broken inside a service. Mutations catch it and return it as a user error;
 * the transaction it was thrown in rolls back, so nothing is written.
 *
 * `reason` is a code of the registry (common/reasons.ts) and `params` fill its sentence in the
 * catalogues (common/messages.*.ts, client/src/lib/locales/reasons.*.ts); the message passed here is
 * only a fallback for a reason that has no sentence yet. Params reach logs and clients: never put
 * personal data (names, ID numbers, phones, usernames) in them.
 */
export class RuleViolation extends Error {
  readonly params: ReasonParams;

  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field: string[] | null = null,
    readonly rule: string | null = null,
    /** A stable refusal code for clients to translate (e.g. CASE_NOT_CLOSED). */
    readonly reason: Reason | null = null,
    params: ReasonParams = {},
  ) {
    const safe = safeParams(params);
    super(reason ? render(reason, safe, "zh-CN", message) : message);
    this.params = safe;
  }

  /** The refusal in a reader's language (the catalogue's sentence, or the message it was thrown with). */
  messageIn(language: Language): string {
    return this.reason ? render(this.reason, this.params, language, this.message) : this.message;
  }
}

/** A refusal worded by the catalogue: `violation("CASE_NOT_FOUND", { number }, { field: ["input", "caseNumber"] })`. */
export function violation(
  reason: Reason,
  params: ReasonParams = {},
  options: { code?: UserErrorCode; field?: string[] | null; rule?: string | null } = {},
): RuleViolation {
  return new RuleViolation(options.code ?? UserErrorCode.RULE_VIOLATION, "", options.field ?? null, options.rule ?? null, reason, params);
}
