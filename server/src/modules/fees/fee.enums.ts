import { registerEnumType } from "type-graphql";

/** What kind of public revenue a standard collects. Fines and confiscations (罚没收入) are not fees here (N5, F1). */
export enum RevenueType {
  ADMINISTRATIVE_FEE = "ADMINISTRATIVE_FEE",
  GOVERNMENT_FUND = "GOVERNMENT_FUND",
}
registerEnumType(RevenueType, {
  name: "RevenueType",
  description: "收入类别 of a fee standard; fines and confiscations cannot be entered (F1).",
  valuesConfig: { ADMINISTRATIVE_FEE: { description: "行政事业性收费" }, GOVERNMENT_FUND: { description: "政府性基金" } },
});

export enum ChargeStatus {
  UNPAID = "UNPAID",
  PAID = "PAID",
  VOIDED = "VOIDED",
  REFUNDED = "REFUNDED",
}
registerEnumType(ChargeStatus, {
  name: "ChargeStatus",
  description: "Where a charge of a case stands.",
  valuesConfig: {
    UNPAID: { description: "待缴: charged, not paid (or its ticket was voided)" },
    PAID: { description: "已缴: paid against a ticket" },
    VOIDED: { description: "已作废" },
    REFUNDED: { description: "已退费: the whole payment was refunded" },
  },
});

/** A case's fees at a glance: NONE (no charge), UNPAID (something is due; C7 waits), PAID. */
export enum FeeStatus {
  NONE = "NONE",
  UNPAID = "UNPAID",
  PAID = "PAID",
}
registerEnumType(FeeStatus, {
  name: "FeeStatus",
  description: "A case's fees: none, something due (the result waits, C7), or all paid.",
  valuesConfig: { NONE: { description: "No fee charged." }, UNPAID: { description: "Something is due; the result waits (C7)." }, PAID: { description: "Everything due is paid." } },
});

export enum PaymentMethod {
  CASH = "CASH",
  CARD = "CARD",
  TRANSFER = "TRANSFER",
}
registerEnumType(PaymentMethod, {
  name: "PaymentMethod",
  description: "How a fee was paid (F3); CARD needs the POS reference, TRANSFER the bank reference.",
  valuesConfig: { CASH: { description: "现金" }, CARD: { description: "刷卡 (POS)" }, TRANSFER: { description: "转账" } },
});

export enum TicketBookStatus {
  ACTIVE = "ACTIVE",
  EXHAUSTED = "EXHAUSTED",
  HANDED_IN = "HANDED_IN",
  AUDITED = "AUDITED",
}
registerEnumType(TicketBookStatus, {
  name: "TicketBookStatus",
  description: "A ticket book's life (F5): in use, used up, handed in for audit, audit passed.",
  valuesConfig: {
    ACTIVE: { description: "在用" },
    EXHAUSTED: { description: "已用完" },
    HANDED_IN: { description: "已缴验" },
    AUDITED: { description: "已审验（票据审验章）" },
  },
});

export enum TicketStatus {
  ISSUED = "ISSUED",
  VOIDED = "VOIDED",
}
registerEnumType(TicketStatus, {
  name: "TicketStatus",
  description: "A fee ticket: issued, or voided (its number kept, never reused, F4).",
  valuesConfig: { ISSUED: { description: "Issued and valid." }, VOIDED: { description: "Voided; the number stays used." } },
});

export enum ApplicationStatus {
  PENDING = "PENDING",
  ISSUED = "ISSUED",
}
registerEnumType(ApplicationStatus, {
  name: "TicketBookApplicationStatus",
  description: "A department's application for a new ticket book (F5).",
  valuesConfig: { PENDING: { description: "Waiting for the admin to issue a book." }, ISSUED: { description: "A book was issued against it." } },
});

export enum DiscrepancyKind {
  MISSING = "MISSING",
  NOT_DEPOSITED = "NOT_DEPOSITED",
  AMOUNT_MISMATCH = "AMOUNT_MISMATCH",
  VOID_PENDING = "VOID_PENDING",
}
registerEnumType(DiscrepancyKind, {
  name: "StubDiscrepancyKind",
  description: "What a stub audit found wrong with a ticket number (F5).",
  valuesConfig: {
    MISSING: { description: "号码缺失: a number in the used range has no ticket" },
    NOT_DEPOSITED: { description: "未解缴: paid but not deposited into the designated account" },
    AMOUNT_MISMATCH: { description: "金额与收费标准不符" },
    VOID_PENDING: { description: "作废待审批" },
  },
});
