import { toGlobalId } from "../../server/src/common/node-id";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { ApiClient, TestApp } from "./app";

/** What every fee payload answers with when it refuses. */
export interface FeeUserError {
  field: string[] | null;
  message: string;
  code: string;
  reason?: string | null;
  rule: string | null;
}

const ERRORS = "userErrors { field message code rule reason }";
export const CHARGE_FIELDS = "id quantity amountFen reductionFen dueFen status version standard { id version amountFen name }";
export const TICKET_FIELDS = "id number seqNo amountFen status voidReason pdfUrl";
export const PAYMENT_FIELDS = `id number amountFen method reference account day caseNumber ticket { ${TICKET_FIELDS} }`;

const MUTATIONS: Record<string, { input: string; select: string }> = {
  addFeeStandardVersion: { input: "AddFeeStandardVersionInput", select: "standard { id name amountFen version effectiveFrom supersededFrom revenueType }" },
  chargeCase: { input: "ChargeCaseInput", select: `charge { ${CHARGE_FIELDS} }` },
  reduceCharge: { input: "ReduceChargeInput", select: `charge { ${CHARGE_FIELDS} reductionBasis reductionReason letter { number } reducedBy { username } }` },
  takePayment: { input: "TakePaymentInput", select: `payment { ${PAYMENT_FIELDS} } ticket { ${TICKET_FIELDS} }` },
  requestTicketVoid: { input: "RequestTicketVoidInput", select: `ticket { ${TICKET_FIELDS} voidRequestedBy { username } }` },
  approveTicketVoid: { input: "TicketRefInput", select: `ticket { ${TICKET_FIELDS} voidApprovedBy { username } }` },
  refundPayment: { input: "RefundPaymentInput", select: "refund { id amountFen reason }" },
  applyForTicketBook: { input: "ApplyForTicketBookInput", select: "application { id status department { code } point { code } }" },
  issueTicketBook: { input: "IssueTicketBookInput", select: "book { id series fromNo toNo nextNo status }" },
  handInTicketBook: { input: "TicketBookRefInput", select: "book { id status }" },
  auditTicketStubs: { input: "TicketBookRefInput", select: "audit { id passed numbersUsed voidedCount stampedAt stampedBy { username } discrepancies { ticketNumber kind detail } }" },
  recordDeposit: { input: "RecordDepositInput", select: "deposit { id amountFen day }" },
  closeReconciliationDay: { input: "CloseReconciliationDayInput", select: "rows { paymentsFen depositsFen differenceFen closed }" },
};

/** Runs a fee mutation and returns its payload (fails the test on a GraphQL error). */
export async function fee(client: ApiClient, mutation: keyof typeof MUTATIONS & string, input: Record<string, unknown>): Promise<Record<string, any> & { userErrors: FeeUserError[] }> {
  const { input: type, select } = MUTATIONS[mutation];
  const data = await client.ok(`mutation($input: ${type}!) { ${mutation}(input: $input) { ${select} ${ERRORS} } }`, { input });
  return data[mutation];
}

/** Expects a payload without user errors. */
export function accepted<T extends { userErrors: FeeUserError[] }>(payload: T): T {
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/** Expects exactly one user error with this code (and rule, field). */
export function refused(payload: { userErrors: FeeUserError[] }, code: string, rule?: string, field?: string): FeeUserError {
  expect(payload.userErrors, JSON.stringify(payload.userErrors)).toHaveLength(1);
  const [error] = payload.userErrors;
  expect(error.code).toBe(code);
  if (rule) expect(error.rule).toBe(rule);
  if (field) expect(error.field).toEqual(["input", field]);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}

/** Row counts of every fee table (and the audit log): a refusal must leave them as they were. */
export async function feeCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = ["case_charge", "payment", "payment_charge", "refund", "fee_ticket", "ticket_book", "ticket_book_application", "stub_audit", "deposit", "reconciliation_close", "fee_standard", "audit_entry", "case_event", "idempotency_record"];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return counts;
}

/** Runs a refused act and checks that nothing was written. */
export async function refusedUnchanged(t: TestApp, attempt: () => Promise<{ userErrors: FeeUserError[] }>, code: string, rule?: string, field?: string): Promise<FeeUserError> {
  const before = await feeCounts(t);
  const payload = await attempt();
  const error = refused(payload, code, rule, field);
  expect(await feeCounts(t), `${code} wrote nothing`).toEqual(before);
  return error;
}

export const payInput = (caseNumber: string, chargeIds: string[], extra: Record<string, unknown> = {}) => ({ caseNumber, chargeIds, method: "CASH", idempotencyKey: randomUUID(), ...extra });

/** A fee standard of an item (first by id) and its amount; `id` is its global ID, as the API gives it. */
export async function standardOf(t: TestApp, itemCode: string): Promise<{ id: string; amountFen: number }> {
  const [row] = await t.app.services.db.manager.query(
    `SELECT f.id, f."amountFen" FROM fee_standard f JOIN service_item i ON i.id = f."itemId" WHERE i.code = '${itemCode}' ORDER BY f.id LIMIT 1`,
  );
  return { id: toGlobalId("FeeStandard", String(row.id)), amountFen: Number(row.amountFen) };
}

/** Downloads a document with the client's session: status, content type and body. */
export async function download(client: ApiClient | null, url: string): Promise<{ status: number; type: string; body: Buffer }> {
  const response = await fetch(url, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, type: response.headers.get("content-type") ?? "", body: Buffer.from(await response.arrayBuffer()) };
}

/** SQL for a city item with a fee that travels to no township, of the given default kind. */
export const FEE_ITEM = (kind = "COMMITTED") =>
  `i.level = 'CITY' AND i."defaultKind" = '${kind}' AND EXISTS (SELECT 1 FROM fee_standard f WHERE f."itemId" = i.id) AND NOT EXISTS (SELECT 1 FROM item_delegation g WHERE g."itemId" = i.id)`;
