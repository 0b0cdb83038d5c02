import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey, villageOf, type ItemFixture } from "../support/cases";
import {
  CASE_TEST_CONFIG,
  CITY_ONLY,
  clerkOf,
  coDepartmentsOf,
  eventTypes,
  expectRefused,
  faultsOf,
  headOf,
  materialNames,
  ok,
  openCase,
  registerAt,
  sessions,
  setDay,
} from "../support/case-steps";

/** The six regimes C3.1–C3.6 and the time rules around them (C5, art. 32, 42, 45), on the engine of DATABASE_URL. */
describe("case regimes C3.1–C3.6", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  const clock = new ManualClock(new Date("2026-09-28T10:00:00+08:00"));
  const as = sessions(() => t);
  const details = async (number: string) =>
    (await supervisor.ok(`query($n: String!) { case(number: $n) { forwardDue informDue forwardedTo receivedOn returnCategory returnReason documents { kind } } }`, { n: number })).case;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    supervisor = await as("supervisor");
  });
  afterAll(() => t.close());

  describe("C3.1 IMMEDIATE", () => {
    let item: ItemFixture;
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE'`);
    });

    it("succeeds: accepted, decided under the deputy's letter and closed on the same working day; the deadline is the acceptance day", async () => {
      setDay(clock, "2026-09-28", "09:00:00"); // a Monday
      const clerk = await as(clerkOf(item));
      const accepted = await openCase(clerk, item, "IMMEDIATE");
      expect(accepted).toMatchObject({ status: "IN_REVIEW", kind: "IMMEDIATE", acceptedOn: "2026-09-28", deadline: "2026-09-28", deadlineState: "YELLOW" });

      clock.advance(2 * 3_600_000);
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      const decided = ok(await act(deputy, "decideCase", { caseNumber: accepted.number, approve: true, idempotencyKey: newKey() }));
      expect(decided.decision).toMatchObject({ outcome: "APPROVED", sealCode: `${item.departmentCode}-SP-01`, letter: { number: `${item.departmentCode}-SQ-2025-001` } });

      clock.advance(3_600_000);
      const closed = ok(await act(clerk, "closeCase", { caseNumber: accepted.number, via: "WINDOW" }));
      expect(eventTypes(closed)).toEqual(["REGISTERED", "ACCEPTED", "DECIDED", "CLOSED"]);
      const { caseStatus } = await t.anonymous().ok(
        `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { status registeredOn acceptedOn decidedOn closedOn } }`,
        { n: closed.number, q: closed.queryCode },
      );
      expect(caseStatus).toEqual({ status: "CLOSED", registeredOn: "2026-09-28", acceptedOn: "2026-09-28", decidedOn: "2026-09-28", closedOn: "2026-09-28" });
    });

    it("is refused: an extension (nothing to extend), closing before the decision, a refusal without reasons", async () => {
      setDay(clock, "2026-09-28", "15:00:00");
      const clerk = await as(clerkOf(item));
      const { number } = await openCase(clerk, item, "IMMEDIATE");
      const director = await as(headOf(item.departmentCode, "director"));
      await expectRefused(supervisor, number, () => act(director, "extendCase", { caseNumber: number, reason: "需要现场核查" }), { code: "RULE_VIOLATION", rule: "C5" });
      await expectRefused(supervisor, number, () => act(clerk, "closeCase", { caseNumber: number, via: "WINDOW" }), { code: "RULE_VIOLATION", rule: "C7" });
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      await expectRefused(supervisor, number, () => act(deputy, "decideCase", { caseNumber: number, approve: false, idempotencyKey: newKey() }), { code: "INVALID", rule: "C3" });
    });
  });

  describe("C3.2 COMMITTED, with a special procedure and an extension", () => {
    let item: ItemFixture;
    let number: string;
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" = 5`);
    });

    it("succeeds: the promised date is acceptedOn + 5 working days, skipping National Day and counting the make-up Saturday", async () => {
      setDay(clock, "2026-09-29"); // Tuesday; 10-01…10-07 off, Saturday 10-10 worked
      const clerk = await as(clerkOf(item));
      const accepted = await openCase(clerk, item, "COMMITTED");
      number = accepted.number;
      // 09-30 (1), 10-08 (2), 10-09 (3), 10-10 make-up Saturday (4), 10-12 (5).
      expect(accepted).toMatchObject({ kind: "COMMITTED", acceptedOn: "2026-09-29", deadline: "2026-10-12", deadlineState: "ON_TIME" });
      const days = await supervisor.ok(`{ a: workingDayInfo(date: "2026-10-01") { workday kind } b: workingDayInfo(date: "2026-10-10") { workday kind } }`);
      expect(days).toEqual({ a: { workday: false, kind: "HOLIDAY" }, b: { workday: true, kind: "MAKEUP_WORKDAY" } });
    });

    it("succeeds: a hearing stops the clock and resuming shifts the deadline by the paused working days; deciding while paused is refused", async () => {
      setDay(clock, "2026-10-08");
      const clerk = await as(clerkOf(item));
      const paused = ok(await act(clerk, "pauseCase", { caseNumber: number, reason: "HEARING", note: "举行听证" }));
      expect(paused).toMatchObject({ deadline: null, deadlineState: "PAUSED" });
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      await expectRefused(supervisor, number, () => act(deputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }), { rule: "C5" });
      await expectRefused(supervisor, number, () => act(clerk, "pauseCase", { caseNumber: number, reason: "TESTING", note: "再次暂停" }), { rule: "C5" });

      setDay(clock, "2026-10-13");
      const resumed = ok(await act(clerk, "resumeCase", { caseNumber: number }));
      // Paused 10-08, 10-09, 10-10 (make-up), 10-12: 4 working days → 10-12 + 4 = 10-16.
      expect(resumed).toMatchObject({ deadline: "2026-10-16", deadlineState: "ON_TIME" });
      expect(eventTypes(resumed).slice(-2)).toEqual(["PAUSED", "RESUMED"]);
      await expectRefused(supervisor, number, () => act(clerk, "resumeCase", { caseNumber: number }), { rule: "C5" });
    });

    it("succeeds: the owning department's director extends the limit by 10 working days, once", async () => {
      setDay(clock, "2026-10-13", "11:00:00");
      const director = await as(headOf(item.departmentCode, "director"));
      const extended = ok(await act(director, "extendCase", { caseNumber: number, reason: "需专家论证" }));
      // 10-16 + 10 working days: 10-19 … 10-23, 10-26 … 10-30.
      expect(extended.deadline).toBe("2026-10-30");
      expect(eventTypes(extended).at(-1)).toBe("EXTENDED");
    });

    it("is refused: a second extension, an extension by another department's director or by a section chief, forwarding or a joint opinion on a COMMITTED case", async () => {
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      await expectRefused(supervisor, number, () => act(deputy, "extendCase", { caseNumber: number, reason: "再次延期" }), { code: "RULE_VIOLATION", rule: "C5", reason: "ALREADY_EXTENDED" });
      const otherDirector = await as(item.departmentCode === "GAJ" ? "mzj.director" : "gaj.director");
      await expectRefused(supervisor, number, () => act(otherDirector, "extendCase", { caseNumber: number, reason: "越权延期" }), { code: "FORBIDDEN", rule: "C5" });
      const before = await supervisor.ok(`query($n: String!) { case(number: $n) { version } }`, { n: number });
      const chief = await as(headOf(item.departmentCode, "chief"));
      const byChief = await chief.gql(`mutation($i: ExtendCaseInput!) { extendCase(input: $i) { case { number } } }`, { i: { caseNumber: number, reason: "科长延期" } });
      expect(byChief.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(await supervisor.ok(`query($n: String!) { case(number: $n) { version } }`, { n: number })).toEqual(before);

      const clerk = await as(clerkOf(item));
      await expectRefused(supervisor, number, () => act(clerk, "forwardCase", { caseNumber: number }), { rule: "C3.4" });
      await expectRefused(supervisor, number, () => act(deputy, "giveJointOpinion", { caseNumber: number, opinion: "AGREE" }), { rule: "C3.3" });
      const decided = ok(await act(deputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }));
      expect(decided.status).toBe("DECIDED");
    });
  });

  describe("C3.3 JOINT", () => {
    let item: ItemFixture;
    let co: string[];
    const opinion = (client: ApiClient, caseNumber: string, value: string, reasons?: string) => act(client, "giveJointOpinion", { caseNumber, opinion: value, reasons });
    const NOTICES = `query($n: String!) { case(number: $n) { jointNotices { department { code } opinion reasons dueOn notifiedAt } } }`;
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'JOINT' AND i."promisedLimitDays" = 23 AND (SELECT COUNT(*) FROM item_co_department c WHERE c."itemId" = i.id) = 3`);
      co = await coDepartmentsOf(t, item.code);
      expect(co).toHaveLength(3);
      expect(co).not.toContain(item.departmentCode);
    });

    it("succeeds: every co-department is notified at once with 5 working days; AGREE, DISAGREE with reasons, AGREE_REPORT_UP; the lead decides once all are in", async () => {
      setDay(clock, "2026-11-02"); // Monday
      const clerk = await as(clerkOf(item));
      const accepted = await openCase(clerk, item, "JOINT");
      const number = accepted.number;
      expect(eventTypes(accepted)).toEqual(["REGISTERED", "ACCEPTED", "JOINT_NOTIFIED"]);
      const { case: c } = await supervisor.ok(NOTICES, { n: number });
      expect(c.jointNotices.map((n: { department: { code: string } }) => n.department.code).sort()).toEqual(co);
      for (const n of c.jointNotices) expect(n).toMatchObject({ opinion: null, dueOn: "2026-11-09", notifiedAt: c.jointNotices[0].notifiedAt });
      const chief0 = await as(headOf(co[0], "chief"));
      const awaiting = await chief0.ok(`{ jointOpinionsAwaiting(first: 100) { nodes { dueOn case { number } } } }`);
      expect(awaiting.jointOpinionsAwaiting.nodes).toContainEqual({ dueOn: "2026-11-09", case: { number } });

      setDay(clock, "2026-11-03");
      ok(await opinion(chief0, number, "AGREE"));
      ok(await opinion(await as(headOf(co[1], "deputy")), number, "DISAGREE", "选址与环保规划冲突"));
      const lead = await as(headOf(item.departmentCode, "deputy"));
      await expectRefused(supervisor, number, () => act(lead, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }), {
        code: "RULE_VIOLATION",
        rule: "C3.3",
        message: /尚有协办部门未出具联办意见/,
      });
      ok(await opinion(await as(headOf(co[2], "director")), number, "AGREE_REPORT_UP"));
      const decided = ok(await act(lead, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }));
      expect(decided.decision).toMatchObject({ outcome: "APPROVED", sealCode: `${item.departmentCode}-SP-01` });
      const answers = Object.fromEntries(decided.jointNotices.map((n: { department: { code: string }; opinion: string }) => [n.department.code, n.opinion]));
      expect(answers).toEqual({ [co[0]]: "AGREE", [co[1]]: "DISAGREE", [co[2]]: "AGREE_REPORT_UP" });
      expect(eventTypes(decided).filter((e) => e === "JOINT_OPINION")).toHaveLength(3);
    });

    it("succeeds: a DISAGREE without reasons becomes DEEMED_AGREE with a fault record against that department; the +15 extension", async () => {
      setDay(clock, "2026-11-04");
      const { number, deadline } = await openCase(await as(clerkOf(item)), item, "JOINT");
      const answered = ok(await opinion(await as(headOf(co[0], "chief")), number, "DISAGREE"));
      expect(answered.jointNotices.find((n: { department: { code: string } }) => n.department.code === co[0]).opinion).toBe("DEEMED_AGREE");
      expect(eventTypes(answered).at(-1)).toBe("JOINT_DEEMED_AGREE");
      expect(await faultsOf(supervisor, number)).toEqual([{ kind: "DEEMED_AGREE", department: { code: co[0] }, note: expect.stringContaining("未说明理由") }]);

      const extended = ok(await act(await as(headOf(item.departmentCode, "director")), "extendCase", { caseNumber: number, reason: "联办部门需补充论证" }));
      const { case: check } = await supervisor.ok(`query($n: String!) { case(number: $n) { extension { days } limitDays } }`, { n: number });
      expect(check.extension).toEqual({ days: 15 });
      expect(deadline).toBe("2026-12-07"); // 11-04 + 23 working days (the item's promised limit)
      expect(extended.deadline).toBe("2026-12-28"); // + 15 working days
      expect(check.limitDays).toBe(23);
    });

    it("is refused: a second opinion of the same department, a department not notified, a co-department deciding, an opinion past its due day", async () => {
      setDay(clock, "2026-11-05");
      const { number } = await openCase(await as(clerkOf(item)), item, "JOINT"); // due 11-12
      const chief0 = await as(headOf(co[0], "chief"));
      ok(await opinion(chief0, number, "AGREE"));
      await expectRefused(supervisor, number, () => opinion(chief0, number, "DISAGREE", "改变主意"), { code: "DUPLICATE", rule: "C3.3" });
      await expectRefused(supervisor, number, async () => opinion(await as(headOf(co[0], "director")), number, "AGREE"), { code: "DUPLICATE", rule: "C3.3" });
      await expectRefused(supervisor, number, async () => opinion(await as(headOf(item.departmentCode, "chief")), number, "AGREE"), { code: "FORBIDDEN", rule: "C3.3" });
      const outsider = ["GAJ", "MZJ", "RSJ"].find((d) => d !== item.departmentCode && !co.includes(d))!;
      await expectRefused(supervisor, number, async () => opinion(await as(headOf(outsider, "chief")), number, "AGREE"), { code: "FORBIDDEN", rule: "C3.3" });
      const coDeputy = await as(headOf(co[1], "deputy"));
      await expectRefused(supervisor, number, () => act(coDeputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }), { code: "FORBIDDEN", rule: "A2" });

      setDay(clock, "2026-11-13");
      await expectRefused(supervisor, number, () => opinion(coDeputy, number, "AGREE"), { code: "RULE_VIOLATION", rule: "C3.3", reason: "OPINION_PAST_DUE", message: /2026-11-12/ });
    });
  });

  describe("C3.4 REPORTED_UP", () => {
    let item: ItemFixture;
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'REPORTED_UP' AND i."higherAuthority" IS NOT NULL`);
    });

    it("succeeds: forwarded within 3 working days, the reply recorded, the applicant to be told within 2 working days of it, then closed", async () => {
      setDay(clock, "2026-11-16"); // Monday
      const clerk = await as(clerkOf(item));
      const { number } = await openCase(clerk, item, "REPORTED_UP");
      expect(await details(number)).toMatchObject({ forwardDue: "2026-11-19", forwardedTo: null });

      setDay(clock, "2026-11-18");
      const forwarded = ok(await act(clerk, "forwardCase", { caseNumber: number }));
      expect(forwarded.status).toBe("IN_REVIEW");
      const { serviceItem } = await t.anonymous().ok(`query($c: String!) { serviceItem(code: $c) { higherAuthority } }`, { c: item.code });
      expect(await details(number)).toMatchObject({ forwardedTo: serviceItem.higherAuthority, forwardDue: "2026-11-19" });

      setDay(clock, "2026-11-20"); // Friday → told by Tuesday 11-24
      const replied = ok(await act(clerk, "recordHigherReply", { caseNumber: number, approved: true, replyText: "省厅批复同意" }));
      expect(replied).toMatchObject({ status: "DECIDED", outcome: "HIGHER_APPROVED", decision: { outcome: "HIGHER_APPROVED", letter: null } });
      expect(await details(number)).toMatchObject({ informDue: "2026-11-24" });
      setDay(clock, "2026-11-23");
      const closed = ok(await act(clerk, "closeCase", { caseNumber: number, via: "POST" }));
      expect(eventTypes(closed)).toEqual(["REGISTERED", "ACCEPTED", "FORWARDED_UP", "HIGHER_REPLY", "CLOSED"]);
      expect(await faultsOf(supervisor, number)).toEqual([]);
    });

    it("succeeds: forwarding after the 3 working days still forwards, and records a LATE_FORWARD fault against the department", async () => {
      setDay(clock, "2026-11-16", "11:00:00");
      const clerk = await as(clerkOf(item));
      const { number } = await openCase(clerk, item, "REPORTED_UP");
      setDay(clock, "2026-11-20");
      ok(await act(clerk, "forwardCase", { caseNumber: number }));
      expect(await faultsOf(supervisor, number)).toEqual([{ kind: "LATE_FORWARD", department: { code: item.departmentCode }, note: expect.stringContaining("2026-11-19") }]);
    });

    it("is refused: a reply before forwarding, a decision under a letter, a special procedure or extension, forwarding twice", async () => {
      setDay(clock, "2026-11-17");
      const clerk = await as(clerkOf(item));
      const { number } = await openCase(clerk, item, "REPORTED_UP");
      await expectRefused(supervisor, number, () => act(clerk, "recordHigherReply", { caseNumber: number, approved: true, replyText: "提前答复" }), { code: "RULE_VIOLATION", rule: "C3.4" });
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      await expectRefused(supervisor, number, () => act(deputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }), { code: "RULE_VIOLATION", rule: "C3.4" });
      await expectRefused(supervisor, number, () => act(clerk, "pauseCase", { caseNumber: number, reason: "EXPERT_REVIEW", note: "专家评审" }), { rule: "C5" });
      await expectRefused(supervisor, number, async () => act(await as(headOf(item.departmentCode, "director")), "extendCase", { caseNumber: number, reason: "上报件延期" }), { rule: "C5" });
      ok(await act(clerk, "forwardCase", { caseNumber: number }));
      await expectRefused(supervisor, number, () => act(clerk, "forwardCase", { caseNumber: number }), { rule: "C3.4", reason: "ALREADY_FORWARDED" });
    });
  });

  describe("C3.5 RETURNED", () => {
    let item: ItemFixture;
    let village: { village: string; agent: string };
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
      village = await villageOf(t, "421081002");
    });

    it("succeeds: a written return with category and text; the result travels back to the village, which closes the case", async () => {
      setDay(clock, "2026-11-23");
      const agent = await as(village.agent);
      const { number } = await registerAt(agent, item);
      const township = await as("t02");
      ok(await act(agent, "handOverCase", { caseNumber: number }));
      ok(await act(township, "handOverCase", { caseNumber: number }));
      const clerk = await as(clerkOf(item));
      const returned = ok(await act(clerk, "returnCase", { caseNumber: number, category: "AGAINST_INDUSTRIAL_POLICY", reason: "属国家限制类产业项目" }));
      expect(returned).toMatchObject({ status: "DECIDED", kind: "RETURNED", outcome: "RETURNED", acceptedOn: null, decision: { outcome: "RETURNED", letter: null } });
      // The supervisor reads the case but does not print its notices (Q1: they carry the query code), only the relay's hand-over list; the window does.
      expect(await details(number)).toMatchObject({ returnCategory: "AGAINST_INDUSTRIAL_POLICY", returnReason: "属国家限制类产业项目", documents: [{ kind: "HANDOVER" }] });
      const printed = await clerk.ok(`query($n: String!) { case(number: $n) { documents { kind } } }`, { n: number });
      expect(printed.case.documents).toEqual([{ kind: "RECEIPT" }, { kind: "RETURN" }, { kind: "HANDOVER" }]);

      ok(await act(clerk, "handBackResult", { caseNumber: number }));
      ok(await act(township, "handBackResult", { caseNumber: number }));
      const closed = ok(await act(agent, "closeCase", { caseNumber: number, via: "VILLAGE_AGENT" }));
      expect(closed).toMatchObject({ status: "CLOSED", currentPoint: { code: village.village } });
      expect(eventTypes(closed)).toEqual(["REGISTERED", "HANDED_OVER", "HANDED_OVER", "RETURNED", "RESULT_HANDED_BACK", "RESULT_HANDED_BACK", "CLOSED"]);
    });

    it("is refused: returning before the file reached the city, by the township's clerk, or after acceptance", async () => {
      setDay(clock, "2026-11-24");
      const agent = await as(village.agent);
      const { number } = await registerAt(agent, item);
      ok(await act(agent, "handOverCase", { caseNumber: number }));
      const clerk = await as(clerkOf(item));
      const input = { caseNumber: number, category: "BANNED", reason: "国家明令禁止的项目" };
      await expectRefused(supervisor, number, () => act(clerk, "returnCase", input), { code: "RULE_VIOLATION", rule: "C2" });
      const township = await as("t02");
      await expectRefused(supervisor, number, () => act(township, "returnCase", input), { code: "FORBIDDEN", rule: "N4" });
      ok(await act(township, "handOverCase", { caseNumber: number }));
      ok(await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" }));
      await expectRefused(supervisor, number, () => act(clerk, "returnCase", input), { code: "RULE_VIOLATION", rule: "C4" });
    });
  });

  describe("C3.6 SUPPLEMENT", () => {
    let item: ItemFixture;
    let handedIn: string[];
    let missingIds: string[];
    let missingNames: string[];
    beforeAll(async () => {
      item = await itemFixture(
        t,
        `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" = 5 AND (SELECT COUNT(*) FROM material m WHERE m."itemId" = i.id AND m.required = TRUE AND m.active = TRUE) >= 3`,
      );
      missingIds = item.requiredIds.slice(-2);
      handedIn = item.materialIds.filter((id) => !missingIds.includes(id));
      missingNames = await materialNames(t, missingIds);
    });

    it("is refused: accepting with a required material missing names every missing material (C3.6)", async () => {
      setDay(clock, "2026-11-30");
      const clerk = await as(clerkOf(item));
      const { number } = await registerAt(clerk, item, handedIn);
      const error = await expectRefused(supervisor, number, () => act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" }), { code: "RULE_VIOLATION", rule: "C3.6" });
      for (const name of missingNames) expect(error.message).toContain(name);
    });

    it("succeeds: one notice lists every missing material and stops the clock; a second notice and a partial completion are refused; completion accepts the case that day", async () => {
      setDay(clock, "2026-11-30"); // Monday
      const clerk = await as(clerkOf(item));
      const { number } = await registerAt(clerk, item, handedIn);
      const noticed = ok(await act(clerk, "issueSupplementNotice", { caseNumber: number }));
      expect(noticed).toMatchObject({ status: "SUPPLEMENT", kind: "SUPPLEMENT", acceptedOn: null, deadline: null, deadlineState: "PAUSED", supplementNotice: { missing: missingNames } });
      expect(eventTypes(noticed).at(-1)).toBe("SUPPLEMENT_REQUESTED");

      const second = await expectRefused(supervisor, number, () => act(clerk, "issueSupplementNotice", { caseNumber: number }), { code: "RULE_VIOLATION", rule: "C3.6", reason: "SUPPLEMENT_ALREADY_ISSUED" });
      expect(second.message.startsWith("该办件已出具一次性告知书")).toBe(true);
      setDay(clock, "2026-12-03"); // Thursday
      const partial = await expectRefused(supervisor, number, () => act(clerk, "completeSupplement", { caseNumber: number, materialIds: missingIds.slice(0, 1) }), { rule: "C3.6" });
      expect(partial.message).toContain(missingNames[1]);
      expect(partial.message).not.toContain(missingNames[0]);

      const completed = ok(await act(clerk, "completeSupplement", { caseNumber: number, materialIds: missingIds }));
      // Accepted the day the materials arrived; the 5 working days run from then: 12-04, 12-07 … 12-10.
      expect(completed).toMatchObject({ status: "IN_REVIEW", kind: "COMMITTED", acceptedOn: "2026-12-03", deadline: "2026-12-10", supplementNotice: { missing: missingNames } });
      expect(eventTypes(completed).slice(-3)).toEqual(["SUPPLEMENT_REQUESTED", "SUPPLEMENT_COMPLETED", "ACCEPTED"]);
      await expectRefused(supervisor, number, () => act(clerk, "issueSupplementNotice", { caseNumber: number }), { rule: "C3.6", reason: "SUPPLEMENT_ALREADY_ISSUED", message: /^该办件已出具一次性告知书/ });
      await expectRefused(supervisor, number, () => act(clerk, "completeSupplement", { caseNumber: number, materialIds: missingIds }), { rule: "C3.6" });
    });

    it("art. 32: a notice is possible on the 5th working day after receipt, refused after it; accepting then counts from the day of receipt", async () => {
      setDay(clock, "2026-12-07"); // Monday
      const clerk = await as(clerkOf(item));
      const onTime = await registerAt(clerk, item, handedIn);
      const late = await registerAt(clerk, item, handedIn);
      expect(await details(late.number)).toMatchObject({ receivedOn: "2026-12-07" });

      setDay(clock, "2026-12-14"); // 5 working days after receipt
      ok(await act(clerk, "issueSupplementNotice", { caseNumber: onTime.number }));
      setDay(clock, "2026-12-15"); // 6 working days after receipt
      await expectRefused(supervisor, late.number, () => act(clerk, "issueSupplementNotice", { caseNumber: late.number }), { code: "RULE_VIOLATION", rule: "C3.6", reason: "NOTICE_PERIOD_PASSED", message: /第三十二条/ });
      const accepted = ok(await act(clerk, "acceptCase", { caseNumber: late.number, kind: "COMMITTED" }));
      expect(accepted).toMatchObject({ status: "IN_REVIEW", kind: "COMMITTED", acceptedOn: "2026-12-07", deadline: "2026-12-14", deadlineState: "RED" });
      expect(eventTypes(accepted).slice(-2)).toEqual(["ACCEPTED", "DEEMED_ACCEPTANCE"]);
    });
  });
});
