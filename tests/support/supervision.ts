import { expect } from "vitest";
import type { ApiClient, TestApp } from "./app";
import { act, newKey } from "./cases";
import { clerkOf, headOf, ok, openCase } from "./case-steps";
import type { ItemFixture } from "./cases";

export const ERRORS = "userErrors { field message code rule reason }";
export const COMPLAINT_FIELDS = `number channel status content personName contact dueOn limitDays answer outcome outcomeNote deadlineState
  assignedDepartment { code } assignedWindow { code } case { number }`;

export const FILE = `mutation($input: ComplaintFields!) { fileComplaint(input: $input) { receipt { number queryCode } ${ERRORS} } }`;
export const REGISTER = `mutation($input: RegisterComplaintInput!) { registerComplaint(input: $input) { receipt { number queryCode } ${ERRORS} } }`;
export const ASSIGN = `mutation($input: AssignComplaintInput!) { assignComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } ${ERRORS} } }`;
export const ANSWER = `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } ${ERRORS} } }`;
export const CLOSE = `mutation($input: CloseComplaintInput!) { closeComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } ${ERRORS} } }`;
export const STATUS = `query($n: String!, $q: String!) { complaintStatus(number: $n, queryCode: $q) { ${COMPLAINT_FIELDS} } }`;
export const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { id rating comment channel } ${ERRORS} } }`;
export const RECTIFICATIONS = `query($s: RectificationStatus) { rectifications(first: 100, status: $s) { nodes { id status dueOn response checkNote deadlineState case { number } department { code } window { code } evaluation { rating comment } } } }`;
export const ANSWER_RECT = `mutation($input: AnswerRectificationInput!) { answerRectification(input: $input) { rectification { id status response } ${ERRORS} } }`;
export const CHECK_RECT = `mutation($input: CheckRectificationInput!) { checkRectification(input: $input) { rectification { id status checkNote } ${ERRORS} } }`;
export const FAULTS = `query($kind: FaultKind, $dept: String, $win: String, $from: String, $to: String) {
  faultRecords(first: 100, kind: $kind, departmentCode: $dept, windowCode: $win, from: $from, to: $to) {
    totalCount nodes { id kind note at department { code } window { code } staff { username } case { number } complaint { number } reversalOf { id } reversedBy { id } } } }`;
export const REVERSE = `mutation($input: ReverseFaultInput!) { reverseFault(input: $input) { fault { id kind note reversalOf { id } } ${ERRORS} } }`;
export const SWEEP = `mutation { runDeadlineSweep { deemedAgree deemedAcceptance deemedApproval overdue lateRectifications } }`;

/** Rows of a table, to prove a refusal wrote nothing. */
export async function rows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.app.services.db.manager.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(row.n);
}

/** A case of the item accepted at its window, decided by the department's deputy and closed at the window; with its query code. */
export async function closedCase(as: (u: string) => Promise<ApiClient>, item: ItemFixture): Promise<{ number: string; queryCode: string }> {
  const clerk = await as(clerkOf(item));
  const opened = await openCase(clerk, item, "COMMITTED");
  ok(await act(await as(headOf(item.departmentCode, "deputy")), "decideCase", { caseNumber: opened.number, approve: true, idempotencyKey: newKey() }));
  const closed = ok(await act(clerk, "closeCase", { caseNumber: opened.number, via: "WINDOW" }));
  expect(closed.status).toBe("CLOSED");
  return { number: opened.number, queryCode: opened.queryCode };
}
