/**
 * THE registry of refusal reasons: every stable `reason` code the server can send, in a payload's
 * `userErrors[].reason` or a GraphQL error's `extensions.reason` (with `extensions.params`).
 * RuleViolation, AppError, invalid/missing/duplicate, forbidden and notFound take a `Reason`, so an
 * unregistered code does not compile. Each reason is worded once per language, in the one catalogue
 * common/messages.zh-CN.ts and messages.en-US.ts (`reasons.<CODE>`), which the server renders and the
 * SPA imports (client/src/lib/locales/reasons.ts, i18n key `codes.<CODE>`).
 * tests/api/i18n-catalogue.test.ts walks REASONS and names every code a language lacks.
 *
 * A new refusal: add its code to its module's list below (or a new list, spread into REASONS), then a
 * sentence to both catalogue files; `{{name}}` in a sentence is filled from the refusal's params.
 * Params reach logs and clients: never personal data (names, ID numbers, phones, usernames).
 */
import { REFUSALS as SUPERVISION_REASONS } from "../modules/supervision/supervision.rules";

/** Every operation (auth, rate limits, input, concurrency). */
export const COMMON_REASONS = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "STAFF_ONLY",
  "RATE_LIMITED",
  "TOKEN_RATE_LIMITED",
  "LOGIN_RATE_LIMITED",
  "EVALUATION_RATE_LIMITED",
  "COMPLAINT_RATE_LIMITED",
  "INVALID_INPUT",
  "INVALID_DATA",
  "INVALID_DATE",
  "INTERNAL",
  "LIVE_UNAVAILABLE",
  "IDEMPOTENCY_KEY_REUSED",
  "STALE_VERSION",
  "COMPLAINT_NOT_READABLE",
  "INVALID",
  "NOT_FOUND",
  "DUPLICATE",
  "RULE_VIOLATION",
  "DOCUMENT_NOT_FOUND",
  "NOTICES_NOT_PRINTABLE",
  "NOTICE_NOT_AVAILABLE",
  "TICKET_NOT_PRINTABLE",
] as const;

/** Staff, login and API tokens. */
export const STAFF_REASONS = [
  "INVALID_CREDENTIALS",
  "ACCOUNT_LOCKED",
  "TOKEN_UNKNOWN_SCOPE",
  "TOKEN_SCOPE_REQUIRED",
  "TOKEN_NOT_FOUND",
  "TOKEN_ALREADY_REVOKED",
  "PASSWORD_CHANGE_REQUIRED",
  "STAFF_USERNAME_TAKEN",
  "STAFF_UNIT_REQUIRED",
  "STAFF_UNIT_NOT_FOUND",
  "STAFF_UNIT_WRONG_KIND",
  "STAFF_SELF",
  "STAFF_SELF_RESET",
  "STAFF_ALREADY_INACTIVE",
  "STAFF_ALREADY_ACTIVE",
  "PASSWORD_CURRENT_WRONG",
  "PASSWORD_UNCHANGED",
  "PASSWORD_TOO_SHORT",
  "PASSWORD_TOO_WEAK",
  "TOKEN_INVALID",
  "TOKEN_REVOKED",
  "TOKEN_EXPIRED",
  "TOKEN_SCOPE_MISSING",
  "TOKEN_UNKNOWN_POINT",
  "TOKEN_POINTS_REQUIRED",
  "TOKEN_RATE_LIMIT_RANGE",
  "TOKEN_POINT_REQUIRED",
  "TOKEN_POINT_NOT_BOUND",
  "TOKEN_EXTERNAL_REF_REQUIRED",
  "EXTERNAL_REF_USED",
  "NOT_TOKEN_CASE",
  "TOKEN_ACT_ONLY",
] as const;

/** Integrations: the change feed and webhooks (modules/integrations). */
export const INTEGRATION_REASONS = [
  "CURSOR_INVALID",
  "WEBHOOK_URL_INVALID",
  "WEBHOOK_ADDRESS_NOT_ALLOWED",
  "WEBHOOK_SECRET_TOO_SHORT",
  "WEBHOOK_EVENT_TYPE_INVALID",
  "WEBHOOK_ENDPOINT_NOT_FOUND",
  "WEBHOOK_DELIVERY_NOT_FOUND",
] as const;

/** Service network: points, windows, hours (N1–N4). */
export const NETWORK_REASONS = [
  "WINDOW_NEEDS_DEPARTMENT",
  "FINANCE_WINDOW_NO_DEPARTMENT",
  "WINDOWS_AT_CENTRES_ONLY",
  "WINDOW_CODE_TAKEN",
  "WINDOW_NUMBER_TAKEN",
  "WINDOW_ALREADY_CLOSED",
  "WINDOW_CLOSED",
  "HOURS_ONLY_PERIODIC",
  "END_BEFORE_START",
  "HOURS_OVERLAP",
  "SCHEDULE_NOT_FOUND",
  "SCHEDULE_ALREADY_REMOVED",
  "CHECKLIST_VILLAGE_ONLY",
  "WINDOW_NOT_FOUND",
  "POINT_NOT_FOUND",
  "DEPARTMENT_NOT_FOUND",
  "STAFF_NOT_FOUND",
] as const;

/** Catalogue: items, materials, windows, delegation (G1–G4). */
export const CATALOGUE_REASONS = [
  "ITEM_NOT_FOUND",
  "PROMISED_OVER_LEGAL",
  "ITEM_CODE_TAKEN",
  "HIGHER_AUTHORITY_REQUIRED",
  "CO_DEPARTMENT_NOT_FOUND",
  "OWN_CO_DEPARTMENT",
  "ITEM_CHANGED",
  "ITEM_ALREADY_INACTIVE",
  "MATERIAL_NAME_TAKEN",
  "MATERIAL_NOT_FOUND",
  "MATERIAL_ALREADY_INACTIVE",
  "FINANCE_WINDOW_NO_ITEMS",
  "ITEM_ALREADY_AT_WINDOW",
  "DELEGATE_CITY_ITEMS_ONLY",
  "TOWNSHIP_NOT_FOUND",
  "ALREADY_DELEGATED",
  "DELEGATION_NOT_FOUND",
  "DELEGATION_ALREADY_REVOKED",
  "MATERIAL_INACTIVE",
  "MATERIAL_UNCHANGED",
] as const;

/** Working-day calendar (C5). */
export const CALENDAR_REASONS = [
  "HOLIDAY_ON_DAY_OFF",
  "MAKEUP_ON_WORKDAY",
  "YEAR_NOT_ON_CALENDAR",
  "CALENDAR_DAY_NOT_FOUND",
  "YEAR_ALREADY_ON_CALENDAR",
  "DAY_NOT_IN_YEAR",
  "DAY_LISTED_TWICE",
  "CALENDAR_YEAR_NOT_IN_PACKAGE",
  "CALENDAR_DATE_OUTSIDE_YEAR",
  "CALENDAR_RANGE_REVERSED",
  "CALENDAR_RANGE_TOO_LONG",
  "CALENDAR_DAY_TWICE",
  "CALENDAR_MAKEUP_NOT_WEEKEND",
  "CALENDAR_NOTICE_EMPTY",
] as const;

/** Letters of authorization and seals (A1, A2). */
export const AUTHORIZATION_REASONS = [
  "LETTER_ITEMS_WITH_ALL",
  "LETTER_ITEMS_REQUIRED",
  "LETTER_ITEM_UNKNOWN",
  "LETTER_ITEM_WITHDRAWN",
  "LETTER_HOLDER_NOT_FOUND",
  "LETTER_HOLDER_OTHER_DEPARTMENT",
  "LETTER_HOLDER_ROLE",
  "LETTER_VALID_FROM_INVALID",
  "LETTER_VALID_TO_INVALID",
  "LETTER_VALID_TO_BEFORE_FROM",
  "LETTER_TOO_LONG",
  "LETTER_STARTS_IN_PAST",
  "SEAL_NOT_FOUND",
  "SEAL_OTHER_DEPARTMENT",
  "SEAL_INACTIVE",
  "LETTER_NOT_FOUND",
  "REVOCATION_REASON_REQUIRED",
  "LETTERS_OWN_DEPARTMENT",
  "LETTER_ALREADY_REVOKED",
  "DIRECTOR_ONLY",
  "DIRECTOR_OWN_DEPARTMENT",
  "CLERK_LISTED_ITEMS_ONLY",
  "LETTER_ITEMS_OTHER_DEPARTMENT",
  "CLERK_ITEMS_NOT_TOWNSHIP",
  "LETTER_WINDOW_LISTED_ONLY",
  "LETTER_ITEMS_NOT_IMMEDIATE",
  "LETTER_ITEMS_NOT_AT_WINDOW",
  "LETTER_WINDOW_NOT_DEPARTMENT",
  "LETTER_NOT_READABLE",
] as const;

/** Cases: registration, hand-over, acceptance, decision, delivery (C1–C8, E1–E3), with the RefusalCode values of case-policy.ts. */
export const CASES_REASONS = [
  "NO_SUCH_CASE",
  "CASE_CHANGED",
  "QUEUE_NOT_READABLE",
  "LEDGER_NOT_READABLE",
  "POINT_CASES_NOT_READABLE",
  "HAND_OVER_NOT_REGISTERED",
  "ALREADY_AT_HANDLING_POINT",
  "ALREADY_ACCEPTED",
  "NOT_AT_HANDLING_POINT",
  "NO_SUPPLEMENT_WAITING",
  "PAUSE_NOT_IN_REVIEW",
  "ALREADY_PAUSED",
  "NOT_PAUSED",
  "EXTEND_NOT_ALLOWED",
  "ALREADY_EXTENDED",
  "OPINION_NOT_JOINT",
  "DECIDE_NOT_IN_REVIEW",
  "DECIDED_BY_HIGHER_AUTHORITY",
  "DECIDE_WHILE_PAUSED",
  "FORWARD_NOT_REPORTED_UP",
  "ALREADY_FORWARDED",
  "REPLY_NOT_FORWARDED",
  "HAND_BACK_NOT_DECIDED",
  "RESULT_AT_REGISTRATION_POINT",
  "CLOSE_NOT_DECIDED",
  "RESULT_NOT_BACK",
  "CHARGE_NOT_ALLOWED_IN_STATE",
  "RESULT_LEFT_HANDLING_POINT",
  "END_AFTER_DECISION",
  "CASE_NUMBERS_EXHAUSTED",
  "NOT_STAFF",
  "CASE_NOT_VISIBLE",
  "NOT_HANDLING_WINDOW",
  "FILE_NOT_HERE",
  "NOT_DEPARTMENT_HEAD",
  "NOT_NOTIFIED_CO_DEPARTMENT",
  "OPINION_ALREADY_GIVEN",
  "NO_COVERING_LETTER",
  "DECIDED_ELSEWHERE",
  "WAITING_FOR_OPINIONS",
  "SUPPLEMENT_ALREADY_ISSUED",
  "UNPAID_CHARGES",
  "NO_FEE_STANDARD",
  "NOTHING_TO_REDUCE",
  "NOT_AT_COUNTER",
  "VOID_ALREADY_REQUESTED",
  "NO_VOID_REQUEST",
  "NOT_VOID_APPROVER",
  "SAME_PERSON",
  "INVALID_IN_STATE",
  "NO_HIGHER_AUTHORITY",
  "NO_CO_DEPARTMENTS",
  "MATERIALS_INCOMPLETE",
  "NOTICE_PERIOD_PASSED",
  "MATERIAL_NOT_IN_GUIDE",
  "NOTHING_MISSING",
  "STILL_MISSING",
  "OPINION_PAST_DUE",
  "REFUSAL_NEEDS_REASON",
  "REGISTERING_POINT_NOT_BELOW",
  "TOWNSHIP_ITEM_AT_CITY",
  "NO_WINDOW_ACCEPTS",
  "AT_TOP_OF_NETWORK",
  "REGISTER_ROLE_ONLY",
  "ID_NUMBER_CHECK_DIGIT",
  "EXPORT_PERIOD_REVERSED",
  "EXPORT_PERIOD_TOO_LONG",
  "REVIEW_REQUIRED",
  "NOT_SECTION_CHIEF",
  "REVIEW_ALREADY_GIVEN",
  "LETTER_IMMEDIATE_ONLY",
  "REVIEW_NOT_APPLICABLE",
  "WORKSPACE_NOT_READABLE",
  "DEPARTMENT_STAFF_ONLY",
] as const;

/** Fees: refusals beyond the fee codes below (F1–F6). */
export const FEES_REASONS = [
  "FEE_NAME_CHANGED",
  "FEE_STANDARD_CHANGED",
  "FEE_NAME_TAKEN",
  "FEE_EFFECTIVE_BEFORE_CURRENT",
  "CHARGE_NOT_FOUND",
  "TICKET_NOT_FOUND",
  "PAYMENT_NOT_FOUND",
  "TICKET_BOOK_NOT_FOUND",
  "BOOK_APPLICATION_NOT_FOUND",
  "BOOK_ALREADY_HANDED_IN",
  "BOOK_ALREADY_AUDITED",
  "BOOK_HEADS_ONLY",
  "RECONCILIATION_NOT_READABLE",
  "RECONCILIATION_OWN_WINDOW",
  "DEPOSIT_IN_FUTURE",
  "FINANCE_WINDOW_NOT_FOUND",
  "FEE_WINDOW_NOT_READABLE",
  "TICKET_BOOKS_NOT_READABLE",
  "OTHER_DEPARTMENT_BOOKS",
  "STUB_AUDITS_NOT_READABLE",
  "BOOK_APPLICATIONS_NOT_READABLE",
] as const;

/** Fees: the UserErrorCode values of F1–F7 and C7, each its own reason. */
export const FEE_CODES_REASONS = [
  "INVALID_AMOUNT",
  "INVALID_QUANTITY",
  "F1_FINE_NOT_FEE",
  "F1_EFFECTIVE_IN_PAST",
  "F1_STANDARD_SUPERSEDED",
  "F2_NO_STANDARD",
  "F2_STANDARD_OTHER_ITEM",
  "F2_NOT_IN_FORCE",
  "F2_OVER_STANDARD",
  "F2_UNDER_STANDARD",
  "F2_REDUCTION_TOO_LARGE",
  "F2_CHARGE_NOT_OPEN",
  "F3_NOT_FINANCE_WINDOW",
  "F3_OTHER_POINT",
  "F3_REFERENCE_REQUIRED",
  "F3_CHARGE_NOT_PAYABLE",
  "NO_TICKET_BOOK",
  "F4_ALREADY_VOIDED",
  "F4_VOID_PENDING",
  "F4_NO_VOID_REQUEST",
  "F4_SAME_PERSON",
  "F4_OTHER_UNIT",
  "F4_REFUND_TOO_LARGE",
  "F5_STATEMENTS_REQUIRED",
  "F5_AUDIT_NOT_PASSED",
  "F5_BOOK_OPEN",
  "F5_OTHER_DEPARTMENT",
  "F5_RANGE_INVALID",
  "F5_APPLICATION_CLOSED",
  "F6_DAY_CLOSED",
  "F6_DIFFERENCE_NEEDS_REASON",
  "C7_UNPAID_CHARGES",
] as const;

/** Assessment and bulletins (S3, S4, S8). */
export const ASSESSMENT_REASONS = [
  "WEIGHTS_NOT_100",
  "GRADES_NOT_DESCENDING",
  "PERIOD_INVALID",
  "PERIOD_NOT_ENDED",
  "PERIOD_PUBLISHED",
  "FORMULA_NOT_FOUND",
  "BULLETIN_NOT_FOUND",
] as const;

/** Supervision (S1, S2, S5–S7): its list is REFUSALS of modules/supervision/supervision.rules.ts. */
export { SUPERVISION_REASONS };

/** Guide search synonyms (G2). */
export const GUIDE_REASONS = [
  "SEARCH_SYNONYM_TEXT",
  "SEARCH_SYNONYM_DUPLICATE",
  "SEARCH_SYNONYM_NOT_FOUND",
] as const;

/** Applicants and agents of a registration (C1, GB 11643, GB 32100). */
export const PARTIES_REASONS = [
  "APPLICANT_OR_PARTIES",
  "NO_APPLICANT",
  "TOO_MANY_PARTIES",
  "AGENT_NOT_PERSON",
  "CREDIT_CODE_MISSING",
  "CREDIT_CODE_CHECK_DIGIT",
  "LEGAL_REPRESENTATIVE_MISSING",
  "ID_NUMBER_MISSING",
  "DUPLICATE_PARTY",
  "AGENT_ACTS_FOR",
] as const;

/** Paper for the citizen: receipts and hand-over lists (Q1, H1). */
export const PAPER_REASONS = [
  "RECEIPT_NOT_PRINTABLE",
  "HANDOVER_NOT_PRINTABLE",
  "NO_HANDOVERS_ON_DAY",
  "CASE_NOT_RELAYED",
] as const;

/** Every reason code. */
export const REASONS = [
  ...COMMON_REASONS,
  ...STAFF_REASONS,
  ...INTEGRATION_REASONS,
  ...NETWORK_REASONS,
  ...CATALOGUE_REASONS,
  ...CALENDAR_REASONS,
  ...AUTHORIZATION_REASONS,
  ...CASES_REASONS,
  ...FEES_REASONS,
  ...FEE_CODES_REASONS,
  ...ASSESSMENT_REASONS,
  ...SUPERVISION_REASONS,
  ...GUIDE_REASONS,
  ...PARTIES_REASONS,
  ...PAPER_REASONS,
] as const;
export type Reason = (typeof REASONS)[number];

/** Values that fill a reason's sentence: codes, numbers, dates — never personal data. */
export type ReasonParams = Record<string, string | number>;

const KNOWN: ReadonlySet<string> = new Set(REASONS);
export const isReason = (value: string | null | undefined): value is Reason => typeof value === "string" && KNOWN.has(value);

/**
 * The rules a BAD_USER_INPUT field problem can name (`extensions.fields[].rule`): the text rules of
 * common/validation.ts and the class-validator decorators our inputs use. The catalogues word each.
 */
export const FIELD_RULES = [
  "invalid",
  "required",
  "controlCharacters",
  "unpairedSurrogate",
  "bidiControls",
  "visible",
  "id",
  "day",
  "isRealDate",
  "cursor",
  "dataFormat",
  "maxLength",
  "minLength",
  "max",
  "min",
  "matches",
  "isIn",
  "isBoolean",
  "arrayMaxSize",
  "arrayMinSize",
  "nestedValidation",
  "searchCriterion",
  "caseNumberDigits",
  "workspace",
  "idNumberCheckDigit",
  "creditCodeCheckDigit",
  "phone",
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];
