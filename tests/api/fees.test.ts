import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { amountInWords } from "../../server/src/modules/fees/fee-arithmetic";
import { startTestApp, type TestApp } from "../support/app";
import { act, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, clerkOf, eventTypes, headOf, openCase, sessions, setDay } from "../support/case-steps";
import { accepted, download, fee, FEE_ITEM, feeCounts, payInput, refusedUnchanged, standardOf } from "../support/fees";
import { readPdf } from "../support/pdf";

/**
 * 以票控费 through the real HTTP server, on the engine of DATABASE_URL: standards (F1), charges and
 * reductions (F2), payments at the finance window (F3), consecutive tickets, voids and refunds (F4),
 * books and stub audits (F5), reconciliation (F6), the C7 wait — each rule with its refusals
 * (typed error naming field and rule, nothing written).
 */
describe("fees by ticket (F1–F6, C7)", () => {
  let t: TestApp;
  let item: ItemFixture;
  let other: ItemFixture;
  let standard: { id: string; amountFen: number };
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00")); // a Thursday
  const as = sessions(() => t);
  let caseNumber: string;
  let chargeId: string;
  let firstTicket: string;
  let paymentNumber: string;
  let paidFen: number;

  const caseView = async (number: string) =>
    (await (await as("supervisor")).ok(`query($n: String!) { case(number: $n) { status feeStatus events { type summary } charges { id status dueFen } payments { number ticket { number status } } } }`, { n: number })).case;
  const acts = async (username: string, number: string) => (await (await as(username)).ok(`query($n: String!) { case(number: $n) { availableActs } }`, { n: number })).case.availableActs as string[];

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, FEE_ITEM());
    other = await itemFixture(t, `${FEE_ITEM()} AND i."departmentId" <> (SELECT s."departmentId" FROM service_item s WHERE s.code = '${item.code}')`);
    standard = await standardOf(t, item.code);
    // Logging in writes (sessions, audit): log everyone in before counting rows around refusals.
    for (const username of ["admin", "supervisor", "c01", "c50", "t01f", clerkOf(item), clerkOf(other), headOf(item.departmentCode, "deputy"), headOf(item.departmentCode, "director"), headOf(item.departmentCode === "GAJ" ? "BDC" : "GAJ", "director")]) await as(username);
  });
  afterAll(() => t.close());

  it("F1: the guide discloses the standard in force with its basis and revenue type", async () => {
    const { item: guide } = await t.anonymous().ok(`query($c: String!) { item: serviceItem(code: $c) { guide { feeBasis feeStandards { id amountFen legalBasis revenueType effectiveFrom } } } }`, { c: item.code });
    expect(guide.guide.feeStandards.map((s: { id: string }) => s.id)).toContain(standard.id);
    expect(guide.guide.feeStandards[0]).toMatchObject({ revenueType: "ADMINISTRATIVE_FEE", effectiveFrom: "2025-01-01" });
    expect(guide.guide.feeBasis.length).toBeGreaterThan(0);
  });

  it("F1: a new version takes effect on its day and supersedes the old one; past dates, fines, stale versions and bad amounts are refused", async () => {
    const admin = await as("admin");
    const base = { itemCode: item.code, standardId: standard.id, name: (await admin.ok(`query($c: String!) { feeStandards(itemCode: $c) { id name } }`, { c: item.code })).feeStandards.find((s: { id: string }) => s.id === standard.id).name, amountFen: standard.amountFen + 500, unit: "每件", legalBasis: "《测试收费文件》（2026）1号", revenueType: "ADMINISTRATIVE_FEE", effectiveFrom: "2026-11-27" };
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, effectiveFrom: "2026-11-25" }), "F1_EFFECTIVE_IN_PAST", "F1", "effectiveFrom");
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, standardId: null, name: "违章停车罚款" }), "F1_FINE_NOT_FEE", "F1", "name");
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, amountFen: -1 }), "INVALID_AMOUNT", "F1", "amountFen");
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, amountFen: 1_000_000_001 }), "INVALID_AMOUNT", "F1", "amountFen");
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, itemCode: other.code }), "F2_STANDARD_OTHER_ITEM", "F1", "standardId");
    const fractional = await admin.gql(`mutation($input: AddFeeStandardVersionInput!) { addFeeStandardVersion(input: $input) { userErrors { code } } }`, { input: { ...base, amountFen: 10.5 } });
    expect(fractional.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const fine = await admin.gql(`mutation($input: AddFeeStandardVersionInput!) { addFeeStandardVersion(input: $input) { userErrors { code } } }`, { input: { ...base, revenueType: "FINE" } });
    expect(fine.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const clerk = await as(clerkOf(item));
    expect((await clerk.gql(`mutation($input: AddFeeStandardVersionInput!) { addFeeStandardVersion(input: $input) { userErrors { code } } }`, { input: base })).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const added = accepted(await fee(admin, "addFeeStandardVersion", base)).standard;
    expect(added).toMatchObject({ version: 2, effectiveFrom: "2026-11-27", supersededFrom: null, amountFen: standard.amountFen + 500 });
    await refusedUnchanged(t, () => fee(admin, "addFeeStandardVersion", { ...base, effectiveFrom: "2026-12-01" }), "F1_STANDARD_SUPERSEDED", "F1", "standardId");
    const { feeStandards: all } = await t.anonymous().ok(`query($c: String!) { feeStandards(itemCode: $c) { id version supersededFrom } }`, { c: item.code });
    expect(all.find((s: { id: string }) => s.id === standard.id).supersededFrom).toBe("2026-11-27");
    const inForce = async (asOf: string) => (await t.anonymous().ok(`query($c: String!, $d: String) { feeStandards(itemCode: $c, asOf: $d) { id } }`, { c: item.code, d: asOf })).feeStandards.map((s: { id: string }) => s.id);
    expect(await inForce("2026-11-26")).toContain(standard.id);
    expect(await inForce("2026-11-27")).toContain(added.id);
    expect(await inForce("2026-11-27")).not.toContain(standard.id);
    // The guide shows today's version: the new one only from its day.
    const guideIds = async () => (await t.anonymous().ok(`query($c: String!) { item: serviceItem(code: $c) { feeStandards { id } } }`, { c: item.code })).item.feeStandards.map((s: { id: string }) => s.id);
    expect(await guideIds()).toContain(standard.id);
    setDay(clock, "2026-11-27");
    expect(await guideIds()).toContain(added.id);
    expect(await guideIds()).not.toContain(standard.id);
    setDay(clock, "2026-11-26");
  });

  it("F2: the handling window charges at the standard in force on the acceptance day; everything else is refused with nothing written", async () => {
    const clerk = await as(clerkOf(item));
    const opened = await openCase(clerk, item, "COMMITTED");
    caseNumber = opened.number;
    expect(await acts(clerkOf(item), caseNumber)).toContain("CHARGE");
    const input = { caseNumber, standardId: standard.id, quantity: 2, amountFen: standard.amountFen * 2 };
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, amountFen: standard.amountFen * 2 + 1 }), "F2_OVER_STANDARD", "F2", "amountFen");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, amountFen: standard.amountFen * 2 - 1 }), "F2_UNDER_STANDARD", "F2", "amountFen");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, amountFen: -100 }), "INVALID_AMOUNT", "F2", "amountFen");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, amountFen: 2_000_000_000 }), "INVALID_AMOUNT", "F2", "amountFen");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, quantity: 0 }), "INVALID_QUANTITY", "F2", "quantity");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, standardId: "999999" }), "F2_NO_STANDARD", "F2", "standardId");
    const otherStandard = await standardOf(t, other.code);
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, standardId: otherStandard.id, amountFen: otherStandard.amountFen * 2 }), "F2_STANDARD_OTHER_ITEM", "F2", "standardId");
    const fractional = await clerk.gql(`mutation($input: ChargeCaseInput!) { chargeCase(input: $input) { userErrors { code } } }`, { input: { ...input, amountFen: 100.5 } });
    expect(fractional.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    // Another window may not charge (N4).
    await refusedUnchanged(t, async () => fee(await as(clerkOf(other)), "chargeCase", input), "FORBIDDEN", "C2");
    // The version announced for tomorrow is not in force on the acceptance day (today's case) …
    const { feeStandards } = await t.anonymous().ok(`query($c: String!) { feeStandards(itemCode: $c) { id version } }`, { c: item.code });
    const v2 = feeStandards.find((s: { version: number }) => s.version === 2);
    setDay(clock, "2026-11-27");
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { ...input, standardId: v2.id, amountFen: (standard.amountFen + 500) * 2 }), "F2_NOT_IN_FORCE", "F2", "standardId");
    // … and the old version still is, the day after (acceptance day, not today).
    const charged = accepted(await fee(clerk, "chargeCase", input)).charge;
    expect(charged).toMatchObject({ status: "UNPAID", amountFen: standard.amountFen * 2, reductionFen: 0, dueFen: standard.amountFen * 2, standard: { id: standard.id, version: 1 } });
    chargeId = charged.id;
    const view = await caseView(caseNumber);
    expect(view.feeStatus).toBe("UNPAID");
    expect(eventTypes(view)).toContain("CHARGED");
  });

  it("C7: the result is neither handed back nor delivered while a charge is unpaid", async () => {
    const deputy = await as(headOf(item.departmentCode, "deputy"));
    const decided = await act(deputy, "decideCase", { caseNumber, approve: true, idempotencyKey: newKey() });
    expect(decided.userErrors).toEqual([]);
    const clerk = await as(clerkOf(item));
    expect(await acts(clerkOf(item), caseNumber)).not.toContain("CLOSE");
    const before = await caseView(caseNumber);
    const closed = await act(clerk, "closeCase", { caseNumber, via: "WINDOW" });
    expect(closed.userErrors).toMatchObject([{ code: "C7_UNPAID_CHARGES", rule: "C7" }]);
    expect((await caseView(caseNumber)).events.length).toBe(before.events.length);
  });

  it("F2/A2: a reduction only by a holder of a covering letter, with basis and reason, never above what is due", async () => {
    const clerk = await as(clerkOf(item));
    const deputy = await as(headOf(item.departmentCode, "deputy"));
    const input = { chargeId, reductionFen: 100, legalBasis: "《减免文件》第三条", reason: "低保户" };
    await refusedUnchanged(t, () => fee(clerk, "reduceCharge", input), "FORBIDDEN", "A2");
    await refusedUnchanged(t, () => fee(deputy, "reduceCharge", { ...input, reductionFen: standard.amountFen * 2 + 1 }), "F2_REDUCTION_TOO_LARGE", "F2", "reductionFen");
    await refusedUnchanged(t, () => fee(deputy, "reduceCharge", { ...input, reductionFen: -5 }), "INVALID_AMOUNT", "F2", "reductionFen");
    expect(await acts(headOf(item.departmentCode, "deputy"), caseNumber)).toContain("REDUCE_CHARGE");
    const reduced = accepted(await fee(deputy, "reduceCharge", input)).charge;
    expect(reduced).toMatchObject({ reductionFen: 100, dueFen: standard.amountFen * 2 - 100, reductionBasis: input.legalBasis, reductionReason: "低保户", reducedBy: { username: headOf(item.departmentCode, "deputy") } });
    expect(reduced.letter.number).toBeTruthy();
    expect(eventTypes(await caseView(caseNumber))).toContain("REDUCED");
    paidFen = standard.amountFen * 2 - 100;
  });

  it("F3: only the FINANCE window of the handling point takes the payment; card and transfer need a reference", async () => {
    const finance = await as("c50");
    await refusedUnchanged(t, async () => fee(await as(clerkOf(item)), "takePayment", payInput(caseNumber, [chargeId])), "F3_NOT_FINANCE_WINDOW", "F3");
    await refusedUnchanged(t, async () => fee(await as("t01f"), "takePayment", payInput(caseNumber, [chargeId])), "F3_OTHER_POINT", "F3", "caseNumber");
    await refusedUnchanged(t, () => fee(finance, "takePayment", payInput(caseNumber, [chargeId], { method: "CARD" })), "F3_REFERENCE_REQUIRED", "F3", "reference");
    await refusedUnchanged(t, () => fee(finance, "takePayment", payInput(caseNumber, [chargeId], { method: "TRANSFER", reference: "  " })), "F3_REFERENCE_REQUIRED", "F3", "reference");
    await refusedUnchanged(t, () => fee(finance, "takePayment", payInput(caseNumber, ["999999"])), "F3_CHARGE_NOT_PAYABLE", "F3", "chargeIds");
    const { paymentsAwaiting } = await finance.ok(`{ paymentsAwaiting(windowCode: "C50") { number feeStatus charges { id dueFen } } }`);
    expect(paymentsAwaiting.map((c: { number: string }) => c.number)).toContain(caseNumber);
    expect((await (await as("t01f")).gql(`{ paymentsAwaiting(windowCode: "C50") { number } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("F3/F4: a payment issues exactly one ticket, the first number of the book; a retry returns it, another body with the key is refused", async () => {
    const finance = await as("c50");
    const input = payInput(caseNumber, [chargeId]);
    const paid = accepted(await fee(finance, "takePayment", input));
    expect(paid.payment).toMatchObject({ amountFen: paidFen, method: "CASH", caseNumber, account: expect.stringContaining("专户") });
    expect(paid.ticket).toMatchObject({ amountFen: paidFen, status: "ISSUED", seqNo: 1 });
    expect(paid.ticket.number).toMatch(/^鄂财通\(2026\)\d{5}00000001$/);
    firstTicket = paid.ticket.number;
    const before = await feeCounts(t);
    const again = accepted(await fee(finance, "takePayment", input));
    expect(again.payment.number).toBe(paid.payment.number);
    expect(again.ticket.number).toBe(firstTicket);
    await refusedUnchanged(t, () => fee(finance, "takePayment", { ...input, method: "CARD", reference: "POS-1" }), "IDEMPOTENCY_KEY_REUSED", undefined, "idempotencyKey");
    expect(await feeCounts(t)).toEqual(before);
    const view = await caseView(caseNumber);
    expect(view.feeStatus).toBe("PAID");
    expect(eventTypes(view)).toContain("PAID");
    await refusedUnchanged(t, () => fee(finance, "takePayment", payInput(caseNumber, [chargeId])), "F3_CHARGE_NOT_PAYABLE", "F3", "chargeIds");
  });

  it("F4: the ticket PDF carries number, 大写 amount and the status QR; the finance window prints it, other windows may not", async () => {
    const url = `${t.url}/documents/tickets/${encodeURIComponent(firstTicket)}.pdf`;
    const pdf = await download(await as("c50"), url);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain("application/pdf");
    const { text, qrCodes } = await readPdf(pdf.body);
    expect(text).toContain(firstTicket);
    expect(text).toContain(amountInWords(paidFen));
    expect(qrCodes.some((code) => code.includes(`number=${caseNumber}`))).toBe(true);
    expect((await download(await as("c01"), url)).status).toBe(403);
    expect((await download(null, url)).status).toBe(401);
    expect((await download(await as("c50"), `${t.url}/documents/tickets/nothing.pdf`)).status).toBe(404);
  });

  it("F4: a void needs a reason and a second person; the number is kept, never reused, and the charge is due again", async () => {
    const finance = await as("c50");
    const admin = await as("admin");
    await refusedUnchanged(t, () => fee(admin, "approveTicketVoid", { ticketNumber: firstTicket }), "F4_NO_VOID_REQUEST", "F4", "ticketNumber");
    await refusedUnchanged(t, async () => fee(await as("t01f"), "requestTicketVoid", { ticketNumber: firstTicket, reason: "开错" }), "F4_OTHER_UNIT", "F4", "ticketNumber");
    accepted(await fee(finance, "requestTicketVoid", { ticketNumber: firstTicket, reason: "收款方式登记错误" }));
    await refusedUnchanged(t, () => fee(finance, "requestTicketVoid", { ticketNumber: firstTicket, reason: "再次" }), "F4_VOID_PENDING", "F4");
    const { ticketVoidRequests } = await admin.ok(`{ ticketVoidRequests { number voidReason voidRequestedBy { username } } }`);
    expect(ticketVoidRequests).toEqual([{ number: firstTicket, voidReason: "收款方式登记错误", voidRequestedBy: { username: "c50" } }]);
    const voided = accepted(await fee(admin, "approveTicketVoid", { ticketNumber: firstTicket })).ticket;
    expect(voided).toMatchObject({ number: firstTicket, status: "VOIDED", voidApprovedBy: { username: "admin" } });
    await refusedUnchanged(t, () => fee(admin, "approveTicketVoid", { ticketNumber: firstTicket }), "F4_ALREADY_VOIDED", "F4");
    await refusedUnchanged(t, () => fee(finance, "requestTicketVoid", { ticketNumber: firstTicket, reason: "再次" }), "F4_ALREADY_VOIDED", "F4");
    const view = await caseView(caseNumber);
    expect(view.feeStatus).toBe("UNPAID");
    expect(eventTypes(view)).toContain("VOIDED");
    const paid = accepted(await fee(finance, "takePayment", payInput(caseNumber, [chargeId], { method: "CARD", reference: "POS-778899" })));
    expect(paid.ticket.seqNo).toBe(2);
    expect(paid.ticket.number).toBe(firstTicket.replace(/00000001$/, "00000002"));
    paymentNumber = paid.payment.number;
    // The voided ticket still prints, marked void.
    expect((await readPdf((await download(finance, `${t.url}/documents/tickets/${encodeURIComponent(firstTicket)}.pdf`)).body)).text).toContain("作废");
  });

  it("F4: the admin asking for a void may not approve it himself", async () => {
    const clerk = await as(clerkOf(other));
    const admin = await as("admin");
    const opened = await openCase(clerk, other, "COMMITTED");
    const s = await standardOf(t, other.code);
    const charge = accepted(await fee(clerk, "chargeCase", { caseNumber: opened.number, standardId: s.id, quantity: 1, amountFen: s.amountFen })).charge;
    const paid = accepted(await fee(await as("c50"), "takePayment", payInput(opened.number, [charge.id])));
    accepted(await fee(admin, "requestTicketVoid", { ticketNumber: paid.ticket.number, reason: "测试" }));
    await refusedUnchanged(t, () => fee(admin, "approveTicketVoid", { ticketNumber: paid.ticket.number }), "F4_SAME_PERSON", "F4");
  });

  it("F4: a refund is a new linked record within what was paid; a full refund marks the charges refunded", async () => {
    const finance = await as("c50");
    const input = { paymentNumber, amountFen: 100, reason: "多收退还", idempotencyKey: randomUUID() };
    await refusedUnchanged(t, () => fee(finance, "refundPayment", { ...input, amountFen: paidFen + 1 }), "F4_REFUND_TOO_LARGE", "F4", "amountFen");
    await refusedUnchanged(t, () => fee(finance, "refundPayment", { ...input, amountFen: 0 }), "INVALID_AMOUNT", "F4", "amountFen");
    await refusedUnchanged(t, async () => fee(await as("t01f"), "refundPayment", input), "F4_OTHER_UNIT", "F4", "paymentNumber");
    const refund = accepted(await fee(finance, "refundPayment", input)).refund;
    expect(refund).toMatchObject({ amountFen: 100, reason: "多收退还" });
    expect(accepted(await fee(finance, "refundPayment", input)).refund.id).toBe(refund.id);
    const { paymentsTaken } = await finance.ok(`query($d: String!) { paymentsTaken(windowCode: "C50", day: $d) { number refundedFen refunds { amountFen } } }`, { d: "2026-11-27" });
    expect(paymentsTaken.find((p: { number: string }) => p.number === paymentNumber)).toMatchObject({ refundedFen: 100, refunds: [{ amountFen: 100 }] });
    expect(eventTypes(await caseView(caseNumber))).toContain("REFUNDED");
  });

  it("C7: once paid, the result is delivered", async () => {
    const closed = await act(await as(clerkOf(item)), "closeCase", { caseNumber, via: "WINDOW" });
    expect(closed.userErrors).toEqual([]);
    expect(closed.case.status).toBe("CLOSED");
  });

  it("F5: books are audited only when handed in; a new book only after a passed, stamped audit; discrepancies are listed", async () => {
    const admin = await as("admin");
    const director = await as(headOf(item.departmentCode, "director"));
    const { ticketBooks } = await director.ok(`query($d: String) { ticketBooks(departmentCode: $d) { id series status nextNo point { code } } }`, { d: item.departmentCode });
    const book = ticketBooks.find((b: { point: { code: string } }) => b.point.code === "421081");
    expect(book).toMatchObject({ status: "ACTIVE", nextNo: 3 });
    await refusedUnchanged(t, () => fee(admin, "auditTicketStubs", { bookId: book.id }), "F5_BOOK_OPEN", "F5", "bookId");
    await refusedUnchanged(t, () => fee(director, "applyForTicketBook", { statementNoDualTrack: true, statementDeposited: false }), "F5_STATEMENTS_REQUIRED", "F5", "statementDeposited");
    await refusedUnchanged(t, () => fee(director, "applyForTicketBook", { statementNoDualTrack: false, statementDeposited: true }), "F5_STATEMENTS_REQUIRED", "F5", "statementNoDualTrack");
    const application = accepted(await fee(director, "applyForTicketBook", { statementNoDualTrack: true, statementDeposited: true })).application;
    expect(application).toMatchObject({ status: "PENDING", department: { code: item.departmentCode }, point: { code: "421081" } });
    const issue = { applicationId: application.id, series: "鄂财通(2026)90001", fromNo: 1, toNo: 3 };
    await refusedUnchanged(t, () => fee(admin, "issueTicketBook", issue), "F5_AUDIT_NOT_PASSED", "F5", "applicationId");
    const otherDirector = await as(headOf(item.departmentCode === "GAJ" ? "BDC" : "GAJ", "director"));
    await refusedUnchanged(t, () => fee(otherDirector, "handInTicketBook", { bookId: book.id }), "F5_OTHER_DEPARTMENT", "F5", "bookId");
    expect(accepted(await fee(director, "handInTicketBook", { bookId: book.id })).book.status).toBe("HANDED_IN");
    // No book in use: the department's next payment is refused.
    const clerk = await as(clerkOf(item));
    const opened = await openCase(clerk, item, "COMMITTED");
    // Accepted on the day version 2 took effect: version 1 is superseded for it.
    await refusedUnchanged(t, () => fee(clerk, "chargeCase", { caseNumber: opened.number, standardId: standard.id, quantity: 1, amountFen: standard.amountFen }), "F2_NOT_IN_FORCE", "F2", "standardId");
    const charge = accepted(await fee(clerk, "chargeCase", { caseNumber: opened.number, standardId: (await t.anonymous().ok(`query($c: String!) { item: serviceItem(code: $c) { feeStandards { id amountFen } } }`, { c: item.code })).item.feeStandards[0].id, quantity: 1, amountFen: standard.amountFen + 500 })).charge;
    await refusedUnchanged(t, async () => fee(await as("c50"), "takePayment", payInput(opened.number, [charge.id])), "NO_TICKET_BOOK", "F4");
    // Not deposited yet: the audit fails, is stamped, and lists the ticket.
    const failed = accepted(await fee(admin, "auditTicketStubs", { bookId: book.id })).audit;
    expect(failed).toMatchObject({ passed: false, numbersUsed: 2, voidedCount: 1, stampedBy: { username: "admin" } });
    expect(failed.discrepancies).toEqual([expect.objectContaining({ ticketNumber: firstTicket.replace(/00000001$/, "00000002"), kind: "NOT_DEPOSITED" })]);
    await refusedUnchanged(t, () => fee(admin, "issueTicketBook", issue), "F5_AUDIT_NOT_PASSED", "F5");
    // Deposited (what was taken less the refund): the audit passes and the new book is issued.
    accepted(await fee(await as("c50"), "recordDeposit", { windowCode: "C50", day: "2026-11-27", amountFen: paidFen - 100, bankReference: "BANK-001", departmentCode: item.departmentCode }));
    const passed = accepted(await fee(admin, "auditTicketStubs", { bookId: book.id })).audit;
    expect(passed).toMatchObject({ passed: true, discrepancies: [] });
    await refusedUnchanged(t, () => fee(admin, "issueTicketBook", { ...issue, toNo: 0 }), "F5_RANGE_INVALID", "F5");
    const issued = accepted(await fee(admin, "issueTicketBook", issue)).book;
    expect(issued).toMatchObject({ series: "鄂财通(2026)90001", fromNo: 1, toNo: 3, nextNo: 1, status: "ACTIVE" });
    await refusedUnchanged(t, () => fee(admin, "issueTicketBook", issue), "F5_APPLICATION_CLOSED", "F5", "applicationId");
    const { stubAudits } = await director.ok(`query($b: ID!) { stubAudits(bookId: $b) { passed } }`, { b: book.id });
    expect(stubAudits.map((a: { passed: boolean }) => a.passed)).toEqual([true, false]);
    // The three numbers of the new book, then it is used up.
    for (let i = 1; i <= 3; i++) {
      const c = i === 1 ? opened.number : (await openCase(clerk, item, "COMMITTED")).number;
      const ch = i === 1 ? charge : accepted(await fee(clerk, "chargeCase", { caseNumber: c, standardId: charge.standard.id, quantity: 1, amountFen: charge.amountFen })).charge;
      expect(accepted(await fee(await as("c50"), "takePayment", payInput(c, [ch.id]))).ticket.number).toBe(`鄂财通(2026)90001${String(i).padStart(8, "0")}`);
    }
    const { ticketBooks: after } = await admin.ok(`query($d: String) { ticketBooks(departmentCode: $d) { id status used remaining } }`, { d: item.departmentCode });
    expect(after.find((b: { id: string }) => b.id === issued.id)).toMatchObject({ status: "EXHAUSTED", used: 3, remaining: 0 });
  });

  it("F6: the day's reconciliation per window and department, closed by the supervisor; differences need a reason; CSV and XLSX", async () => {
    const admin = await as("admin");
    const finance = await as("c50");
    const { reconciliation } = await finance.ok(`{ reconciliation(day: "2026-11-27") { window { code } department { code } paymentsFen refundsFen depositsFen differenceFen ticketCount voidedCount closed } }`);
    const row = reconciliation.find((r: { department: { code: string } | null }) => r.department?.code === item.departmentCode);
    expect(row).toMatchObject({ window: { code: "C50" }, refundsFen: 100, voidedCount: 1, closed: false });
    expect(row.differenceFen).toBe(row.paymentsFen - row.refundsFen - row.depositsFen);
    expect(row.differenceFen).toBeGreaterThan(0);
    await refusedUnchanged(t, () => fee(finance, "recordDeposit", { windowCode: "C50", day: "2026-11-27", amountFen: -1, bankReference: "X" }), "INVALID_AMOUNT", "F6", "amountFen");
    await refusedUnchanged(t, async () => fee(await as("t01f"), "recordDeposit", { windowCode: "C50", day: "2026-11-27", amountFen: 100, bankReference: "X" }), "F4_OTHER_UNIT", "F6", "windowCode");
    await refusedUnchanged(t, () => fee(admin, "closeReconciliationDay", { day: "2026-11-27", windowCode: "C50" }), "F6_DIFFERENCE_NEEDS_REASON", "F6", "reason");
    expect((await (await as("t01f")).gql(`{ reconciliation(day: "2026-11-27", windowCode: "C50") { paymentsFen } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const csv = await download(finance, `${t.url}/documents/reconciliation/2026-11-27.csv?window=C50`);
    expect(csv.status).toBe(200);
    expect(csv.body.toString("utf8")).toMatch(/^\uFEFF日期,窗口,收款部门,收款金额（元）/);
    const xlsx = await download(admin, `${t.url}/documents/reconciliation/2026-11-27.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(1).getCell(4).value).toBe("收款金额（元）");
    expect(book.worksheets[0].rowCount).toBeGreaterThan(1);
    expect((await download(await as("t01f"), `${t.url}/documents/reconciliation/2026-11-27.csv?window=C50`)).status).toBe(403);

    const closed = accepted(await fee(admin, "closeReconciliationDay", { day: "2026-11-27", windowCode: "C50", reason: "当日部分款项次日解缴" })).rows;
    expect(closed.every((r: { closed: boolean }) => r.closed)).toBe(true);
    await refusedUnchanged(t, () => fee(admin, "closeReconciliationDay", { day: "2026-11-27", windowCode: "C50", reason: "再次" }), "F6_DAY_CLOSED", "F6");
    await refusedUnchanged(t, () => fee(finance, "recordDeposit", { windowCode: "C50", day: "2026-11-27", amountFen: 100, bankReference: "LATE" }), "F6_DAY_CLOSED", "F6", "day");
  });

  it("writes every fee act into the hash-chained audit log, which still verifies", async () => {
    const rows: { action: string }[] = await t.app.services.db.manager.query(`SELECT action FROM audit_entry WHERE action LIKE 'fee%'`);
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ["fee_standard.version_added", "fee.charged", "fee.reduced", "fee.payment_taken", "fee.ticket_issued", "fee.void_requested", "fee.ticket_voided", "fee.refunded", "fee.book_applied", "fee.book_handed_in", "fee.stub_audit", "fee.book_issued", "fee.book_exhausted", "fee.deposit_recorded", "fee.day_closed"]) {
      expect(actions, action).toContain(action);
    }
    const { verifyRecords } = await (await as("supervisor")).ok(`{ verifyRecords { ok breakCount } }`);
    expect(verifyRecords).toMatchObject({ ok: true, breakCount: 0 });
  });
  it("F3/F7: a township centre collects at its own FINANCE window, from its department's first book at the township; the city's window may not", async () => {
    setDay(clock, "2026-11-27");
    const township = await itemFixture(t, `i.level = 'TOWNSHIP' AND i."defaultKind" = 'COMMITTED'`, "421081001");
    const admin = await as("admin");
    const added = accepted(await fee(admin, "addFeeStandardVersion", { itemCode: township.code, name: "证明工本费", amountFen: 500, unit: "每份", legalBasis: "《测试收费文件》（2026）2号", revenueType: "ADMINISTRATIVE_FEE", effectiveFrom: "2026-11-27" })).standard;
    const clerk = await as("t01");
    const opened = await openCase(clerk, township, "COMMITTED");
    const { charge } = accepted(await fee(clerk, "chargeCase", { caseNumber: opened.number, standardId: added.id, quantity: 3, amountFen: 1500 }));
    const cashier = await as("t01f");
    const input = payInput(opened.number, [charge.id]);
    await refusedUnchanged(t, () => fee(cashier, "takePayment", input), "NO_TICKET_BOOK", "F4");
    const director = await as(headOf(township.departmentCode, "director"));
    const application = accepted(await fee(director, "applyForTicketBook", { pointCode: "421081001", statementNoDualTrack: true, statementDeposited: true })).application;
    // The department's first book at this point: nothing to audit before it.
    accepted(await fee(admin, "issueTicketBook", { applicationId: application.id, series: "鄂财通(2026)T0101", fromNo: 1, toNo: 50 }));
    const c50 = await as("c50");
    await refusedUnchanged(t, () => fee(c50, "takePayment", payInput(opened.number, [charge.id])), "F3_OTHER_POINT", "F3", "caseNumber");
    const paid = accepted(await fee(cashier, "takePayment", input));
    expect(paid.ticket.number).toBe("鄂财通(2026)T010100000001");
    expect(paid.payment.amountFen).toBe(1500);
    const { paymentsTaken } = await cashier.ok(`{ paymentsTaken(windowCode: "T01-13", day: "2026-11-27") { number case { number } } }`);
    expect(paymentsTaken).toEqual([{ number: paid.payment.number, case: { number: opened.number } }]);
  });
});
