import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, openCase, clerkOf, sessions } from "../support/case-steps";
import { ANSWER, ASSIGN, CLOSE, FAULTS, FILE, REGISTER, REVERSE, rows, STATUS } from "../support/supervision";

// Monday 2026-11-02, 10:00 in Shishou.
const clock = new ManualClock(new Date("2026-11-02T02:00:00Z"));

describe("complaints (S1): filed without login or by staff, assigned, answered, closed; upheld → fault (S5)", () => {
  let t: TestApp;
  let as: (u: string) => Promise<ApiClient>;
  let item: ItemFixture;
  let caseRef: { number: string; queryCode: string };

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, complaintRateLimitPerMinute: 1000 } });
    as = sessions(() => t);
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    const opened = await openCase(await as(clerkOf(item)), item, "COMMITTED");
    caseRef = { number: opened.number, queryCode: opened.queryCode };
  });
  afterAll(() => t.close());

  it("a citizen files a web complaint about a case; scripts are stored as text; the lookup needs number and code", async () => {
    const citizen = t.anonymous();
    const content = `窗口人员态度恶劣 <script>alert("x")</script> & <b>粗体</b>`;
    const { fileComplaint } = await citizen.ok(FILE, { input: { caseNumber: caseRef.number, queryCode: caseRef.queryCode.toLowerCase(), content, contact: "13800001111" } });
    expect(fileComplaint.userErrors).toEqual([]);
    const { number, queryCode } = fileComplaint.receipt;
    expect(number).toMatch(/^TS20261102\d{6}$/);
    expect(queryCode).toMatch(/^[A-Z2-9]{6}$/);

    const { complaintStatus } = await citizen.ok(STATUS, { n: number, q: queryCode });
    expect(complaintStatus).toMatchObject({ number, channel: "WEB", status: "RECEIVED", content, contact: null, case: null });
    expect((await citizen.ok(STATUS, { n: number, q: "AAAAAA" })).complaintStatus).toBeNull();

    const supervisor = await as("supervisor");
    const { complaint } = await supervisor.ok(`query($n: String!) { complaint(number: $n) { content contact case { number } } }`, { n: number });
    expect(complaint).toEqual({ content, contact: "13800001111", case: { number: caseRef.number } });
  });

  it("refuses a complaint without content, over the size limit, about nothing, or with a wrong query code; nothing is written", async () => {
    const citizen = t.anonymous();
    const before = await rows(t, "complaint");
    for (const [content, rule] of [["", "required"], ["  \n ", "required"], ["投".repeat(2001), "maxLength"]] as const) {
      const result = await citizen.gql(FILE, { input: { windowCode: item.windowCode, content } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.content", rule })] });
    }
    const nothing = (await citizen.ok(FILE, { input: { content: "很慢" } })).fileComplaint;
    expect(nothing).toMatchObject({ receipt: null, userErrors: [{ code: "INVALID", rule: "S1", reason: "SUBJECT_REQUIRED", field: ["input", "caseNumber"] }] });
    const wrongCode = (await citizen.ok(FILE, { input: { caseNumber: caseRef.number, queryCode: "ZZZZZZ", content: "很慢" } })).fileComplaint;
    expect(wrongCode.userErrors).toMatchObject([{ code: "NOT_FOUND", reason: "CASE_NOT_FOUND", field: ["input", "queryCode"] }]);
    const noCode = (await citizen.ok(FILE, { input: { caseNumber: caseRef.number, content: "很慢" } })).fileComplaint;
    expect(noCode.userErrors).toMatchObject([{ reason: "CASE_NOT_FOUND" }]);
    const noWindow = (await citizen.ok(FILE, { input: { windowCode: "C99X", content: "很慢" } })).fileComplaint;
    expect(noWindow.userErrors).toMatchObject([{ reason: "WINDOW_NOT_FOUND", field: ["input", "windowCode"] }]);
    expect(await rows(t, "complaint")).toBe(before);
  });

  it("staff enter hotline, box and window complaints; the 12345 integration files with the complaints:write scope", async () => {
    const supervisor = await as("supervisor");
    const hotline = (await supervisor.ok(REGISTER, { input: { channel: "HOTLINE", departmentCode: item.departmentCode, content: "12345 转来：办理时间过长" } })).registerComplaint;
    expect(hotline.userErrors).toEqual([]);
    // Staff may name a case without its query code.
    const box = (await (await as(clerkOf(item))).ok(REGISTER, { input: { channel: "BOX", caseNumber: caseRef.number, content: "投诉箱来信" } })).registerComplaint;
    expect(box.userErrors).toEqual([]);
    const web = await supervisor.gql(REGISTER, { input: { channel: "WEB", personName: "王某", content: "x" } });
    expect(web.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.channel", rule: "isIn" })] });
    // A village agent does not enter complaints.
    const agent = await (await as("v421081001001")).gql(REGISTER, { input: { channel: "WINDOW", personName: "王某", content: "x" } });
    expect(agent.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const admin = await as("admin");
    const created = (await admin.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } userErrors { message } } }`, { input: { name: "12345 热线", scopes: ["complaints:write"], expiresInDays: 30 } })).createApiToken;
    expect(created.userErrors).toEqual([]);
    const integration = new ApiClient(t.url, created.created.secret);
    const filed = (await integration.ok(REGISTER, { input: { channel: "BOX", windowCode: item.windowCode, content: "热线工单 20261102-001" } })).registerComplaint;
    expect(filed.userErrors).toEqual([]);
    const { complaintStatus } = await t.anonymous().ok(STATUS, { n: filed.receipt.number, q: filed.receipt.queryCode });
    expect(complaintStatus.channel).toBe("HOTLINE");
    // The token reads nothing else.
    expect((await integration.gql(`{ complaints(first: 5) { totalCount } }`)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("assign → answer → upheld writes a fault against the unit and the person; each step refuses out of turn", async () => {
    const citizen = t.anonymous();
    const { receipt } = (await citizen.ok(FILE, { input: { departmentCode: item.departmentCode, personName: "审批股长", content: "多次要求提交指南以外的材料" } })).fileComplaint;
    const supervisor = await as("supervisor");
    const chief = await as(`${item.departmentCode.toLowerCase()}.chief`);
    const other = item.departmentCode === "GAJ" ? "mzj.chief" : "gaj.chief";

    // Out of turn: answer before assignment, outcome before answer.
    expect((await chief.ok(ANSWER, { input: { number: receipt.number, answer: "已核实" } })).answerComplaint.userErrors).toMatchObject([{ code: "FORBIDDEN", reason: "NOT_YOUR_UNIT" }]);
    expect((await supervisor.ok(CLOSE, { input: { number: receipt.number, outcome: "UPHELD", note: "属实" } })).closeComplaint.userErrors).toMatchObject([{ reason: "COMPLAINT_NOT_ANSWERED", field: ["input", "outcome"] }]);
    // One unit, a limit in range.
    expect((await supervisor.ok(ASSIGN, { input: { number: receipt.number, limitDays: 5 } })).assignComplaint.userErrors).toMatchObject([{ reason: "ONE_UNIT_REQUIRED" }]);
    expect((await supervisor.gql(ASSIGN, { input: { number: receipt.number, departmentCode: item.departmentCode, limitDays: 0 } })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "input.limitDays", rule: "min" })] });
    expect((await chief.gql(ASSIGN, { input: { number: receipt.number, departmentCode: item.departmentCode, limitDays: 5 } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const assigned = (await supervisor.ok(ASSIGN, { input: { number: receipt.number, departmentCode: item.departmentCode, limitDays: 5, responsibleUsername: `${item.departmentCode.toLowerCase()}.chief` } })).assignComplaint;
    expect(assigned.userErrors).toEqual([]);
    // 5 working days from Monday 2026-11-02.
    expect(assigned.complaint).toMatchObject({ status: "ASSIGNED", dueOn: "2026-11-09", limitDays: 5, assignedDepartment: { code: item.departmentCode }, deadlineState: "ON_TIME" });

    // The unit sees it; another department neither sees nor answers it.
    const mine = await chief.ok(`{ complaints(first: 50) { nodes { number } } }`);
    expect(mine.complaints.nodes.map((n: { number: string }) => n.number)).toContain(receipt.number);
    const theirs = await (await as(other)).ok(`{ complaints(first: 50) { nodes { number } } }`);
    expect(theirs.complaints.nodes.map((n: { number: string }) => n.number)).not.toContain(receipt.number);
    expect((await (await as(other)).ok(ANSWER, { input: { number: receipt.number, answer: "x" } })).answerComplaint.userErrors).toMatchObject([{ reason: "NOT_YOUR_UNIT" }]);

    const answered = (await chief.ok(ANSWER, { input: { number: receipt.number, answer: "经核实，已对相关人员批评教育。" } })).answerComplaint;
    expect(answered.complaint).toMatchObject({ status: "ANSWERED", answer: "经核实，已对相关人员批评教育。" });
    expect((await chief.ok(ANSWER, { input: { number: receipt.number, answer: "再答" } })).answerComplaint.userErrors).toMatchObject([{ reason: "COMPLAINT_NOT_ASSIGNED" }]);

    const before = (await supervisor.ok(FAULTS, { kind: "UPHELD_COMPLAINT" })).faultRecords.totalCount;
    const closed = (await supervisor.ok(CLOSE, { input: { number: receipt.number, outcome: "UPHELD", note: "要求提交指南以外材料属实" } })).closeComplaint;
    expect(closed.complaint).toMatchObject({ status: "CLOSED", outcome: "UPHELD" });
    expect((await supervisor.ok(CLOSE, { input: { number: receipt.number, outcome: "NOT_UPHELD", note: "改判" } })).closeComplaint.userErrors).toMatchObject([{ code: "DUPLICATE", reason: "COMPLAINT_CLOSED" }]);

    const faults = (await supervisor.ok(FAULTS, { kind: "UPHELD_COMPLAINT", dept: item.departmentCode })).faultRecords;
    expect(faults.totalCount).toBe(before + 1);
    expect(faults.nodes[0]).toMatchObject({ kind: "UPHELD_COMPLAINT", department: { code: item.departmentCode }, staff: { username: `${item.departmentCode.toLowerCase()}.chief` }, complaint: { number: receipt.number } });
    expect(faults.nodes[0].note).toContain(receipt.number);

    // The complainant sees the answer and the outcome.
    expect((await citizen.ok(STATUS, { n: receipt.number, q: receipt.queryCode })).complaintStatus).toMatchObject({ status: "CLOSED", outcome: "UPHELD", answer: "经核实，已对相关人员批评教育。" });

    // S5: a reversal is a new record with the reason; once; a reversal is not reversed.
    const reversal = (await supervisor.ok(REVERSE, { input: { id: faults.nodes[0].id, reason: "复查认定不属实" } })).reverseFault;
    expect(reversal.fault).toMatchObject({ kind: "UPHELD_COMPLAINT", note: "复查认定不属实", reversalOf: { id: faults.nodes[0].id } });
    expect((await supervisor.ok(REVERSE, { input: { id: faults.nodes[0].id, reason: "再撤" } })).reverseFault.userErrors).toMatchObject([{ code: "DUPLICATE", reason: "ALREADY_REVERSED" }]);
    expect((await supervisor.ok(REVERSE, { input: { id: reversal.fault.id, reason: "撤销撤销" } })).reverseFault.userErrors).toMatchObject([{ reason: "REVERSAL_NOT_REVERSIBLE" }]);
    const after = (await supervisor.ok(FAULTS, { kind: "UPHELD_COMPLAINT", dept: item.departmentCode })).faultRecords;
    expect(after.totalCount).toBe(before + 2);
    expect(after.nodes.find((f: { id: string }) => f.id === faults.nodes[0].id).reversedBy).toEqual({ id: reversal.fault.id });
    expect((await (await as("admin")).gql(REVERSE, { input: { id: faults.nodes[0].id, reason: "x" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("a window's complaint is answered by the window; WITHDRAWN needs no answer and writes no fault", async () => {
    const supervisor = await as("supervisor");
    const { receipt } = (await t.anonymous().ok(FILE, { input: { windowCode: item.windowCode, content: "排队时间长" } })).fileComplaint;
    ok((await supervisor.ok(ASSIGN, { input: { number: receipt.number, windowCode: item.windowCode, limitDays: 3 } })).assignComplaint);
    const windowClerk = await as(clerkOf(item));
    const listed = await windowClerk.ok(`{ complaints(first: 50, status: ASSIGNED) { nodes { number dueOn } } }`);
    expect(listed.complaints.nodes.map((n: { number: string }) => n.number)).toContain(receipt.number);
    const faultsBefore = (await supervisor.ok(FAULTS, {})).faultRecords.totalCount;
    const withdrawn = (await supervisor.ok(CLOSE, { input: { number: receipt.number, outcome: "WITHDRAWN", note: "投诉人撤回" } })).closeComplaint;
    expect(withdrawn.complaint).toMatchObject({ status: "CLOSED", outcome: "WITHDRAWN" });
    expect((await supervisor.ok(FAULTS, {})).faultRecords.totalCount).toBe(faultsBefore);
  });

  it("filters faults by unit, kind and period, for the supervisor and the centre admin only", async () => {
    const supervisor = await as("supervisor");
    expect((await supervisor.ok(FAULTS, { from: "2026-11-03" })).faultRecords.totalCount).toBe(0);
    expect((await supervisor.ok(FAULTS, { from: "2026-11-02", to: "2026-11-02" })).faultRecords.totalCount).toBeGreaterThan(0);
    expect((await supervisor.gql(FAULTS, { from: "2026-13-01" })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    expect((await supervisor.gql(FAULTS, { dept: "NOPE" })).errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND" });
    expect((await (await as(clerkOf(item))).gql(FAULTS, {})).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await (await as("admin")).ok(FAULTS, { kind: "UPHELD_COMPLAINT" })).faultRecords.totalCount).toBeGreaterThan(0);
  });
});

function ok<T extends { userErrors: unknown[] }>(payload: T): T {
  expect(payload.userErrors).toEqual([]);
  return payload;
}

describe("web complaints are limited per address (COMPLAINT_RATE_LIMIT)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, complaintRateLimitPerMinute: 2 } });
  });
  afterAll(() => t.close());

  it("refuses the third complaint from one address within a minute with RATE_LIMITED (HTTP 429), writing nothing", async () => {
    const citizen = t.anonymous();
    for (let i = 0; i < 2; i++) expect((await citizen.ok(FILE, { input: { personName: "李某", content: `第 ${i + 1} 次` } })).fileComplaint.userErrors).toEqual([]);
    const before = await rows(t, "complaint");
    const third = await citizen.gql(FILE, { input: { personName: "李某", content: "第 3 次" } });
    expect(third.status).toBe(429);
    expect(third.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
    expect(await rows(t, "complaint")).toBe(before);
    clock.set(new Date(clock.now().getTime() + 61_000));
    expect((await citizen.ok(FILE, { input: { personName: "李某", content: "一分钟后" } })).fileComplaint.userErrors).toEqual([]);
  });
});
