import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type TestApp } from "../support/app";
import { act, itemFixture, newKey, villageOf, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, expectRefused, headOf, ok, openCase, registerAt, sessions, setDay } from "../support/case-steps";

/**
 * Issue 8 §5 / DOMAIN §6: case endings with their completion codes (办结结果) — withdrawal (撤回, 5),
 * abandonment after an unanswered supplement notice (5), a void by two people (作废, 2) — and the codes
 * of the existing endings (approved 0, refused 1, forwarded up 4, returned 6).
 */

const ENDING = `query($n: String!) { case(number: $n) { status outcome completionCode completionReason closedAt availableActs integrity { ok } events { type actorLabel } decision { outcome reason decidedBy { username } } } }`;
const SWEEP = `mutation { runDeadlineSweep { abandoned } }`;

describe("case endings and completion codes (§6)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  const as = sessions(() => t);
  let plain: ItemFixture;
  let township: ItemFixture;
  let home: { village: string; agent: string };

  const read = async (n: string) => (await (await as("supervisor")).ok(ENDING, { n })).case;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, supplementAbandonDays: 5 } });
    setDay(clock, "2026-06-01");
    plain = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND EXISTS (SELECT 1 FROM material m WHERE m."itemId" = i.id AND m.required = TRUE)`);
    township = await itemFixture(t, `i.level = 'TOWNSHIP' AND i."defaultKind" = 'COMMITTED'`, "421081001");
    home = await villageOf(t);
  }, 60_000);
  afterAll(() => t?.close());

  it("withdrawal (撤回): at the counter before a decision, code 5 with the reason; refused elsewhere and after a decision", async () => {
    const clerk = await as(clerkOf(plain));
    const c = await openCase(clerk, plain, "COMMITTED");
    expect(c.completionCode).toBeNull();
    expect((await clerk.ok(`query($n: String!) { case(number: $n) { availableActs } }`, { n: c.number })).case.availableActs).toEqual(expect.arrayContaining(["WITHDRAW", "REQUEST_VOID"]));

    // Bad input: a reason is required (typed error naming the field), nothing written.
    const before = await read(c.number);
    const bad = await clerk.gql(`mutation($i: EndCaseInput!) { withdrawCase(input: $i) { userErrors { code } } }`, { i: { caseNumber: c.number, reason: "" } });
    expect(JSON.stringify(bad)).toMatch(/reason/);
    expect((await read(c.number)).events.length).toBe(before.events.length);

    // A township clerk reads a village's case but does not print its notices (E1).
    const agent = await as(home.agent);
    const fromVillage = await registerAt(agent, plain);
    await expectRefused(await as("supervisor"), fromVillage.number, async () => act(await as("t01"), "withdrawCase", { caseNumber: fromVillage.number, reason: "申请人撤回" }), { code: "FORBIDDEN", rule: "E1" });
    ok(await act(agent, "withdrawCase", { caseNumber: fromVillage.number, reason: "申请人当场撤回" }));

    const withdrawn = ok(await act(clerk, "withdrawCase", { caseNumber: c.number, reason: "申请人书面申请撤回" }));
    expect(withdrawn).toMatchObject({ status: "CLOSED", outcome: "WITHDRAWN", completionCode: 5, completionReason: "申请人书面申请撤回" });
    const after = await read(c.number);
    expect(after.events.at(-1).type).toBe("WITHDRAWN");
    expect(after.decision).toMatchObject({ outcome: "WITHDRAWN", reason: "申请人书面申请撤回", decidedBy: { username: clerkOf(plain) } });
    expect(after.integrity.ok).toBe(true);
    expect(after.closedAt).not.toBeNull();
    await expectRefused(await as("supervisor"), c.number, () => act(clerk, "withdrawCase", { caseNumber: c.number, reason: "再次撤回" }), { code: "RULE_VIOLATION", rule: "§6" });

    // Not after a decision.
    const decided = await openCase(clerk, plain, "COMMITTED");
    const approved = ok(await act(await as(headOf(plain.departmentCode, "deputy")), "decideCase", { caseNumber: decided.number, approve: true, idempotencyKey: newKey() }));
    expect(approved.completionCode).toBe(0);
    await expectRefused(await as("supervisor"), decided.number, () => act(clerk, "withdrawCase", { caseNumber: decided.number, reason: "决定后撤回" }), { code: "RULE_VIOLATION", rule: "§6" });
  });

  it("void (作废): asked by a clerk, approved by a second person (never the one who asked), code 2 with the request's reason", async () => {
    const agent = await as(home.agent);
    const t01 = await as("t01");
    const admin = await as("admin");
    const supervisor = await as("supervisor");
    const c = await registerAt(agent, township);
    ok(await act(agent, "handOverCase", { caseNumber: c.number }));

    await expectRefused(supervisor, c.number, () => act(admin, "approveVoid", { caseNumber: c.number }), { code: "RULE_VIOLATION", rule: "E2" });
    ok(await act(t01, "requestVoid", { caseNumber: c.number, reason: "申请事项登记错误" }));
    await expectRefused(supervisor, c.number, () => act(agent, "requestVoid", { caseNumber: c.number, reason: "重复申请" }), { code: "RULE_VIOLATION", rule: "E2" });
    // t01 heads the township above the village (an approver), but asked himself.
    const same = await expectRefused(supervisor, c.number, () => act(t01, "approveVoid", { caseNumber: c.number }), { code: "FORBIDDEN", rule: "E2" });
    expect(same.message).toMatch(/第二人/);
    // A window clerk is no approver (the mutation does not admit the role).
    const clerkTry = await (await as(clerkOf(plain))).gql(`mutation($i: CaseRefInput!) { approveVoid(input: $i) { userErrors { code } } }`, { i: { caseNumber: c.number } });
    expect(clerkTry.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // The admin rejects once; the case goes on; a new request is then approved by the admin.
    ok(await act(admin, "rejectVoid", { caseNumber: c.number, reason: "登记无误" }));
    expect((await read(c.number)).status).toBe("REGISTERED");
    ok(await act(t01, "requestVoid", { caseNumber: c.number, reason: "申请人姓名登记错误" }));
    const voided = ok(await act(admin, "approveVoid", { caseNumber: c.number }));
    expect(voided).toMatchObject({ status: "CLOSED", outcome: "VOIDED", completionCode: 2, completionReason: "申请人姓名登记错误" });
    const after = await read(c.number);
    expect(after.events.map((e: { type: string }) => e.type).slice(-4)).toEqual(["VOID_REQUESTED", "VOID_REJECTED", "VOID_REQUESTED", "VOIDED"]);
    expect(after.decision.decidedBy.username).toBe("admin");
    expect(after.availableActs).toEqual([]);
    expect(after.integrity.ok).toBe(true);

    // Not after a decision.
    const clerk = await as(clerkOf(plain));
    const decided = await openCase(clerk, plain, "COMMITTED");
    ok(await act(await as(headOf(plain.departmentCode, "deputy")), "decideCase", { caseNumber: decided.number, approve: false, reason: "不符合法定条件", idempotencyKey: newKey() }));
    expect((await read(decided.number)).completionCode).toBe(1);
    await expectRefused(supervisor, decided.number, () => act(clerk, "requestVoid", { caseNumber: decided.number, reason: "登记有误" }), { code: "RULE_VIOLATION", rule: "§6" });
  });

  it("abandonment: a supplement notice unanswered past SUPPLEMENT_ABANDON_DAYS ends the case once (code 5)", async () => {
    setDay(clock, "2026-06-01");
    const clerk = await as(clerkOf(plain));
    const admin = await as("admin");
    const waiting = await registerAt(clerk, plain, []);
    ok(await act(clerk, "issueSupplementNotice", { caseNumber: waiting.number }));
    const answered = await registerAt(clerk, plain, []);
    ok(await act(clerk, "issueSupplementNotice", { caseNumber: answered.number }));
    ok(await act(clerk, "completeSupplement", { caseNumber: answered.number, materialIds: plain.requiredIds }));

    setDay(clock, "2026-06-08"); // 5 working days after the notice: not yet
    expect((await admin.ok(SWEEP)).runDeadlineSweep.abandoned).toBe(0);
    expect((await read(waiting.number)).status).toBe("SUPPLEMENT");

    setDay(clock, "2026-06-09"); // 6 working days: past the limit
    expect((await admin.ok(SWEEP)).runDeadlineSweep.abandoned).toBe(1);
    expect((await admin.ok(SWEEP)).runDeadlineSweep.abandoned).toBe(0);
    const ended = await read(waiting.number);
    expect(ended).toMatchObject({ status: "CLOSED", outcome: "ABANDONED", completionCode: 5 });
    expect(ended.completionReason).toMatch(/未补正/);
    expect(ended.events.filter((e: { type: string }) => e.type === "ABANDONED")).toEqual([{ type: "ABANDONED", actorLabel: "系统" }]);
    expect(ended.integrity.ok).toBe(true);
    expect((await read(answered.number)).status).toBe("IN_REVIEW");
  });

  it("existing endings map to codes: returned 6, forwarded up 4", async () => {
    setDay(clock, "2026-06-10");
    const clerk = await as(clerkOf(plain));
    const returned = await registerAt(clerk, plain);
    expect(ok(await act(clerk, "returnCase", { caseNumber: returned.number, category: "NOT_IN_SCOPE", reason: "不属于本机关受理范围" }))).toMatchObject({ completionCode: 6, completionReason: "不属于本机关受理范围" });

    const reported = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'REPORTED_UP' AND i."higherAuthority" IS NOT NULL`);
    const rc = await as(clerkOf(reported));
    const up = await openCase(rc, reported, "REPORTED_UP");
    ok(await act(rc, "forwardCase", { caseNumber: up.number }));
    const replied = ok(await act(rc, "recordHigherReply", { caseNumber: up.number, approved: true, replyText: "同意" }));
    expect(replied.completionCode).toBe(4);
    expect(replied.completionReason).toBeTruthy();
  });

  it("export for the provincial platform: the period's ended cases with codes, reasons and ratings; masked ID; CSV and XLSX in Chinese", async () => {
    setDay(clock, "2026-06-11");
    // An approved case delivered and rated 4 by the applicant.
    const clerk = await as(clerkOf(plain));
    const c = await openCase(clerk, plain, "COMMITTED");
    ok(await act(await as(headOf(plain.departmentCode, "deputy")), "decideCase", { caseNumber: c.number, approve: true, idempotencyKey: newKey() }));
    ok(await act(clerk, "closeCase", { caseNumber: c.number, via: "WINDOW" }));
    const rated = await t.anonymous().ok(`mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { userErrors { code } } }`, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 4 } });
    expect(rated.evaluateCase.userErrors).toEqual([]);

    const EXPORT = `query($from: String!, $to: String!, $after: String) { caseExport(from: $from, to: $to, first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      nodes { caseNumber itemCode kind status outcome completionCode completionReason applicantIdMasked registeredAt decidedAt closedAt evaluationRating } } }`;
    const supervisor = await as("supervisor");
    const rows: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await supervisor.ok(EXPORT, { from: "2026-06-01", to: "2026-06-11", after })).caseExport;
      rows.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const [{ n }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file WHERE outcome IS NOT NULL`);
    expect(rows).toHaveLength(Number(n));
    expect(new Set(rows.map((r) => r.completionCode))).toEqual(new Set([0, 1, 2, 4, 5, 6]));
    for (const r of rows) if (r.completionCode >= 1 && r.completionCode <= 5) expect(r.completionReason, r.caseNumber).toBeTruthy();
    expect(rows.find((r) => r.caseNumber === c.number)).toMatchObject({ completionCode: 0, evaluationRating: 4, status: "CLOSED", itemCode: plain.code });
    expect(rows.every((r) => /^\d{6}\*+\w{4}$|\*/.test(r.applicantIdMasked) && !r.applicantIdMasked.includes("19800101"))).toBe(true);
    expect((await supervisor.ok(EXPORT, { from: "2026-06-12", to: "2026-06-30", after: null })).caseExport.totalCount).toBe(0);

    // Refusals: a window clerk may not export; a period backwards is a typed error naming the field.
    expect((await clerk.gql(EXPORT, { from: "2026-06-01", to: "2026-06-11" })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const backwards = await supervisor.gql(EXPORT, { from: "2026-06-11", to: "2026-06-01" });
    expect(JSON.stringify(backwards.errors)).toMatch(/"to"/);

    // CSV (BOM, zh-CN headers, no names or phones) and XLSX.
    const get = (client: typeof supervisor, path: string) => fetch(`${t.url}${path}`, { headers: { cookie: client.cookie ?? "" } });
    const csv = await get(supervisor, "/documents/export/cases.csv?from=2026-06-01&to=2026-06-11");
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFF?办件编号,事项编码,事项名称/);
    expect(text.trim().split("\r\n")).toHaveLength(rows.length + 1);
    expect(text).toContain(`${c.number},${plain.code}`);
    expect(text).not.toContain("张三");
    expect(text).not.toContain("13871234567");
    const xlsx = await get(await as("admin"), "/documents/export/cases.xlsx?from=2026-06-01&to=2026-06-11");
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(9).value).toBe("办结结果代码");
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect((await get(clerk, "/documents/export/cases.csv?from=2026-06-01&to=2026-06-11")).status).toBe(403);
    expect((await get(supervisor, "/documents/export/cases.csv?from=2026-06-11")).status).toBe(400);
  });

  it("a withdrawn or voided case is not rated (CASE_NOT_RATEABLE) and has no decision notice; a void is not a completion (C7)", async () => {
    setDay(clock, "2026-06-15");
    const clerk = await as(clerkOf(plain));
    const supervisor = await as("supervisor");
    const citizen = t.anonymous();
    const DASHBOARD = `{ supervisionDashboard { registered closed } }`;
    const WINDOW = `query($p: String!) { assessment(period: $p, unitType: WINDOW, recompute: true) { rows { unitCode cases closed } } }`;
    const figures = async () => ({
      dashboard: (await supervisor.ok(DASHBOARD)).supervisionDashboard,
      window: (await supervisor.ok(WINDOW, { p: "2026Q2" })).assessment.rows.find((r: { unitCode: string }) => r.unitCode === plain.windowCode),
    });
    const before = await figures();

    const withdrawn = await openCase(clerk, plain, "COMMITTED");
    ok(await act(clerk, "withdrawCase", { caseNumber: withdrawn.number, reason: "申请人书面申请撤回" }));
    const voided = await registerAt(clerk, plain);
    ok(await act(clerk, "requestVoid", { caseNumber: voided.number, reason: "重复登记" }));
    ok(await act(await as("admin"), "approveVoid", { caseNumber: voided.number }));
    const done = await openCase(clerk, plain, "COMMITTED");
    ok(await act(await as(headOf(plain.departmentCode, "deputy")), "decideCase", { caseNumber: done.number, approve: true, idempotencyKey: newKey() }));
    ok(await act(clerk, "closeCase", { caseNumber: done.number, via: "WINDOW" }));

    const EVALUATE = `mutation($input: EvaluateCaseInput!) { evaluateCase(input: $input) { evaluation { rating } userErrors { field code rule reason } } }`;
    const STATUS = `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { status outcome rateable } }`;
    const DOCS = `query($n: String!) { case(number: $n) { rateable documents { kind } } }`;
    const [{ n: evaluationsBefore }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM evaluation`);
    for (const [c, outcome] of [[withdrawn, "WITHDRAWN"], [voided, "VOIDED"]] as const) {
      const refused = (await citizen.ok(EVALUATE, { input: { caseNumber: c.number, queryCode: c.queryCode, rating: 5 } })).evaluateCase;
      expect(refused).toEqual({ evaluation: null, userErrors: [{ field: ["input", "caseNumber"], code: "RULE_VIOLATION", rule: "S2", reason: "CASE_NOT_RATEABLE" }] });
      expect((await citizen.ok(STATUS, { n: c.number, q: c.queryCode })).caseStatus).toEqual({ status: "CLOSED", outcome, rateable: false });
      const seen = (await clerk.ok(DOCS, { n: c.number })).case;
      expect(seen.rateable).toBe(false);
      expect(seen.documents.map((d: { kind: string }) => d.kind)).not.toContain("DECISION");
      const pdf = await fetch(`${t.url}/documents/cases/${c.number}/decision.pdf`, { headers: { cookie: clerk.cookie ?? "" } });
      expect(pdf.status).toBe(404);
    }
    const [{ n: evaluationsAfter }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM evaluation`);
    expect(Number(evaluationsAfter)).toBe(Number(evaluationsBefore)); // nothing written
    // An approved, delivered case: rateable, with its decision notice.
    expect((await citizen.ok(STATUS, { n: done.number, q: done.queryCode })).caseStatus.rateable).toBe(true);
    expect((await clerk.ok(DOCS, { n: done.number })).case.documents.map((d: { kind: string }) => d.kind)).toContain("DECISION");
    expect((await fetch(`${t.url}/documents/cases/${done.number}/decision.pdf`, { headers: { cookie: clerk.cookie ?? "" } })).status).toBe(200);
    expect((await citizen.ok(EVALUATE, { input: { caseNumber: done.number, queryCode: done.queryCode, rating: 5 } })).evaluateCase.userErrors).toEqual([]);

    // C7 办结率: three registered; the withdrawal and the delivered case completed, the void not.
    const after = await figures();
    expect(after.dashboard.registered - before.dashboard.registered).toBe(3);
    expect(after.dashboard.closed - before.dashboard.closed).toBe(2);
    expect(after.window.cases - before.window.cases).toBe(3);
    expect(after.window.closed - before.window.closed).toBe(2);
  });

  it("withdrawal with an open fee: the unpaid charge is cancelled as a recorded event in the same act; a paid one stays paid", async () => {
    setDay(clock, "2026-06-16");
    const feeItem = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED' AND EXISTS (SELECT 1 FROM fee_standard f WHERE f."itemId" = i.id) AND NOT EXISTS (SELECT 1 FROM item_delegation g WHERE g."itemId" = i.id)`);
    const [standard] = await t.app.services.db.manager.query(`SELECT f.id AS id, f."amountFen" AS "amountFen" FROM fee_standard f JOIN service_item i ON i.id = f."itemId" WHERE i.code = '${feeItem.code}' ORDER BY f.id LIMIT 1`);
    const clerk = await as(clerkOf(feeItem));
    const CHARGE = `mutation($input: ChargeCaseInput!) { chargeCase(input: $input) { charge { id status } userErrors { code } } }`;
    const charge = async (caseNumber: string) => {
      const r = (await clerk.ok(CHARGE, { input: { caseNumber, standardId: String(standard.id), quantity: 1, amountFen: Number(standard.amountFen) } })).chargeCase;
      expect(r.userErrors).toEqual([]);
      return r.charge.id as string;
    };
    const FEES = `query($n: String!) { case(number: $n) { status outcome feeStatus charges { id status } events { type summary } } }`;

    // Only an unpaid charge: cancelled with the withdrawal.
    const c = await openCase(clerk, feeItem, "COMMITTED");
    const open = await charge(c.number);
    expect((await clerk.ok(FEES, { n: c.number })).case.feeStatus).toBe("UNPAID");
    ok(await act(clerk, "withdrawCase", { caseNumber: c.number, reason: "申请人撤回" }));
    const ended = (await clerk.ok(FEES, { n: c.number })).case;
    expect(ended).toMatchObject({ status: "CLOSED", outcome: "WITHDRAWN", feeStatus: "NONE", charges: [{ id: open, status: "VOIDED" }] });
    expect(ended.events.map((e: { type: string }) => e.type).slice(-2)).toEqual(["CHARGES_CANCELLED", "WITHDRAWN"]);
    expect(ended.events.at(-2).summary).toMatch(/未缴费用 1 项.*作废/);
    const [{ n: audits }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'fee.cancelled'`);
    expect(Number(audits)).toBe(1);
    expect((await (await as("supervisor")).ok(`query($n: String!) { case(number: $n) { integrity { ok } } }`, { n: c.number })).case.integrity.ok).toBe(true);

    // One paid, one due: the paid stays PAID (its refund is the finance window's), the due one is cancelled.
    const d = await openCase(clerk, feeItem, "COMMITTED");
    const paid = await charge(d.number);
    const due = await charge(d.number);
    const PAY = `mutation($input: TakePaymentInput!) { takePayment(input: $input) { payment { id } userErrors { code } } }`;
    const payment = (await (await as("c50")).ok(PAY, { input: { caseNumber: d.number, chargeIds: [paid], method: "CASH", idempotencyKey: newKey() } })).takePayment;
    expect(payment.userErrors).toEqual([]);
    ok(await act(clerk, "withdrawCase", { caseNumber: d.number, reason: "申请人撤回" }));
    const both = (await clerk.ok(FEES, { n: d.number })).case;
    expect(both.charges).toEqual([{ id: paid, status: "PAID" }, { id: due, status: "VOIDED" }]);
    expect(both.feeStatus).toBe("PAID");
    // Nothing can be paid on the ended case.
    const late = (await (await as("c50")).ok(PAY, { input: { caseNumber: d.number, chargeIds: [due], method: "CASH", idempotencyKey: newKey() } })).takePayment;
    expect(late.userErrors.map((e: { code: string }) => e.code)).toEqual(["F3_CHARGE_NOT_PAYABLE"]);
  });
});
