import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, eventTypes, expectRefused, headOf, ok, openCase, registerAt, sessions, setDay, stateOf, villagesOf } from "../support/case-steps";

const LETTERS = `query($d: String!) { authorizationLetters(departmentCode: $d, activeOnly: true, first: 100) { nodes { id number allItems holder { username } } } }`;
const ISSUE = `mutation($input: IssueLetterInput!) { issueAuthorizationLetter(input: $input) { letter { number } userErrors { message } } }`;
const REVOKE = `mutation($input: RevokeLetterInput!) { revokeAuthorizationLetter(input: $input) { letter { active } userErrors { message } } }`;
const AWAITING = `{ decisionsAwaiting(first: 100) { nodes { number } } }`;

/** The refusals of the case module: each leaves the case's version and timeline as they were. */
describe("case refusals", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  const clock = new ManualClock(new Date("2026-11-02T10:00:00+08:00"));
  const as = sessions(() => t);
  const awaiting = async (client: ApiClient) => (await client.ok(AWAITING)).decisionsAwaiting.nodes.map((n: { number: string }) => n.number);
  const decide = (client: ApiClient, caseNumber: string) => act(client, "decideCase", { caseNumber, approve: true, idempotencyKey: newKey() });
  /** Two departments whose letters the tests revoke or let expire, and a third for everything else. */
  let revoked: ItemFixture;
  let expiring: ItemFixture;
  let plain: ItemFixture;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    supervisor = await as("supervisor");
    const committed = `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`;
    revoked = await itemFixture(t, committed);
    expiring = await itemFixture(t, `${committed} AND d.code <> '${revoked.departmentCode}'`);
    plain = await itemFixture(t, `${committed} AND d.code NOT IN ('${revoked.departmentCode}', '${expiring.departmentCode}')`);
  });
  afterAll(() => t.close());

  describe("a decision without a letter in force (A2)", () => {
    it("is refused to the window clerk and the section chief, who hold no letter", async () => {
      setDay(clock, "2026-11-02");
      const clerk = await as(clerkOf(plain));
      const { number } = await openCase(clerk, plain, "COMMITTED");
      await expectRefused(supervisor, number, () => decide(clerk, number), { code: "FORBIDDEN", rule: "A2", message: /没有覆盖该事项的有效授权委托书/ });
      await expectRefused(supervisor, number, async () => decide(await as(headOf(plain.departmentCode, "chief")), number), { code: "FORBIDDEN", rule: "A2" });
      expect(ok(await decide(await as(headOf(plain.departmentCode, "deputy")), number)).status).toBe("DECIDED");
    });

    it("is refused to a deputy of another department, to a city deputy on a township's case, and to the clerk of another township", async () => {
      setDay(clock, "2026-11-03");
      const { number } = await openCase(await as(clerkOf(plain)), plain, "COMMITTED");
      // Neither may even see the case (C2), let alone decide it.
      await expectRefused(supervisor, number, async () => decide(await as(headOf(expiring.departmentCode, "deputy")), number), { code: "FORBIDDEN", rule: "C2" });

      const township = await itemFixture(t, `i.level = 'TOWNSHIP' AND i."defaultKind" = 'COMMITTED'`, "421081001");
      const t01 = await as("t01");
      const local = await openCase(t01, township, "COMMITTED");
      expect(local.handlingPoint.code).toBe("421081001");
      await expectRefused(supervisor, local.number, async () => decide(await as("t02"), local.number), { code: "FORBIDDEN", rule: "C2" });
      await expectRefused(supervisor, local.number, async () => decide(await as(headOf(township.departmentCode, "deputy")), local.number), {
        code: "FORBIDDEN",
        rule: "A2",
        message: /由其受理网点决定/,
      });
      const decided = ok(await decide(t01, local.number));
      expect(decided.decision).toMatchObject({ outcome: "APPROVED", decidedBy: { username: "t01" }, sealCode: `${township.departmentCode}-SP-01` });
    });

    it("is refused to the deputy once the director revoked the letter; a short new letter works until it expires", async () => {
      setDay(clock, "2026-11-04");
      const clerk = await as(clerkOf(revoked));
      const first = await openCase(clerk, revoked, "COMMITTED");
      const second = await openCase(clerk, revoked, "COMMITTED");
      const deputyName = headOf(revoked.departmentCode, "deputy");
      const deputy = await as(deputyName);
      const director = await as(headOf(revoked.departmentCode, "director"));
      expect(await awaiting(deputy)).toEqual(expect.arrayContaining([first.number, second.number]));

      const { authorizationLetters } = await director.ok(LETTERS, { d: revoked.departmentCode });
      const letter = authorizationLetters.nodes.find((l: { allItems: boolean; holder: { username: string } }) => l.allItems && l.holder.username === deputyName);
      const revocation = await director.ok(REVOKE, { input: { id: letter.id, reason: "分管领导调整" } });
      expect(revocation.revokeAuthorizationLetter).toEqual({ letter: { active: false }, userErrors: [] });
      await expectRefused(supervisor, first.number, () => decide(deputy, first.number), { code: "FORBIDDEN", rule: "A2" });
      expect(await awaiting(deputy)).not.toContain(first.number);

      const validTo = new Date(clock.now().getTime() + 3_600_000);
      const issued = await director.ok(ISSUE, {
        input: { holderUsername: deputyName, allItems: false, itemCodes: [revoked.code], validFrom: clock.now().toISOString(), validTo: validTo.toISOString(), sealCode: `${revoked.departmentCode}-SP-01`, idempotencyKey: newKey() },
      });
      expect(issued.issueAuthorizationLetter.userErrors).toEqual([]);
      const decided = ok(await decide(deputy, first.number));
      expect(decided.decision.letter.number).toBe(issued.issueAuthorizationLetter.letter.number);

      clock.set(validTo); // validTo itself is outside the letter
      await expectRefused(supervisor, second.number, () => decide(deputy, second.number), { code: "FORBIDDEN", rule: "A2" });
      expect(await awaiting(deputy)).toEqual([]);
    });
  });

  describe("a transition the kind or the state forbids", () => {
    it("is refused: forwarding or a joint opinion on a COMMITTED case, handing over a file already at its handling point, closing before the result is back", async () => {
      setDay(clock, "2026-11-05");
      const [home] = await villagesOf(t, "421081004", 1);
      const agent = await as(home.agent);
      const { number } = await registerAt(agent, plain);
      ok(await act(agent, "handOverCase", { caseNumber: number }));
      const township = await as("t04");
      ok(await act(township, "handOverCase", { caseNumber: number }));
      await expectRefused(supervisor, number, () => act(township, "handOverCase", { caseNumber: number }), { rule: "C2", reason: "ALREADY_AT_HANDLING_POINT" });
      const clerk = await as(clerkOf(plain));
      await expectRefused(supervisor, number, () => act(clerk, "handOverCase", { caseNumber: number }), { rule: "C2" });

      ok(await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" }));
      await expectRefused(supervisor, number, () => act(clerk, "acceptCase", { caseNumber: number, kind: "IMMEDIATE" }), { rule: "C4" });
      await expectRefused(supervisor, number, () => act(clerk, "forwardCase", { caseNumber: number }), { rule: "C3.4" });
      await expectRefused(supervisor, number, async () => act(await as(headOf(plain.departmentCode, "chief")), "giveJointOpinion", { caseNumber: number, opinion: "AGREE" }), { rule: "C3.3" });
      await expectRefused(supervisor, number, () => act(clerk, "recordHigherReply", { caseNumber: number, approved: true, replyText: "不是上报件" }), { rule: "C3.4" });
      await expectRefused(supervisor, number, () => act(clerk, "handBackResult", { caseNumber: number }), { rule: "C2" });

      ok(await decide(await as(headOf(plain.departmentCode, "deputy")), number));
      await expectRefused(supervisor, number, () => act(agent, "closeCase", { caseNumber: number, via: "VILLAGE_AGENT" }), { rule: "C7", reason: "RESULT_NOT_BACK" });
      await expectRefused(supervisor, number, () => act(clerk, "closeCase", { caseNumber: number, via: "WINDOW" }), { rule: "C7" });
    });

    it("is refused: a decision or a reply before forwarding on a REPORTED_UP case", async () => {
      setDay(clock, "2026-11-05", "14:00:00");
      const item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'REPORTED_UP' AND d.code NOT IN ('${revoked.departmentCode}', '${expiring.departmentCode}')`);
      const clerk = await as(clerkOf(item));
      const { number } = await openCase(clerk, item, "REPORTED_UP");
      await expectRefused(supervisor, number, async () => decide(await as(headOf(item.departmentCode, "deputy")), number), { code: "RULE_VIOLATION", rule: "C3.4" });
      await expectRefused(supervisor, number, () => act(clerk, "recordHigherReply", { caseNumber: number, approved: false, replyText: "未报先复" }), { rule: "C3.4" });
    });
  });

  describe("another point's case", () => {
    it("is refused: an agent of another village hands over, reads or closes the case; a clerk of another window reads or accepts it (C2)", async () => {
      setDay(clock, "2026-11-06");
      const [home, neighbour] = await villagesOf(t, "421081005", 2);
      const agent = await as(home.agent);
      const stranger = await as(neighbour.agent);
      const { number } = await registerAt(agent, plain);
      await expectRefused(supervisor, number, () => act(stranger, "handOverCase", { caseNumber: number }), { code: "FORBIDDEN", rule: "C2" });
      const read = await stranger.gql(`query($n: String!) { case(number: $n) { number } }`, { n: number });
      expect(read.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(read.data?.case ?? null).toBeNull();
      expect((await agent.ok(`query($n: String!) { case(number: $n) { number } }`, { n: number })).case.number).toBe(number);

      ok(await act(agent, "handOverCase", { caseNumber: number }));
      const township = await as("t05");
      ok(await act(township, "handOverCase", { caseNumber: number }));
      const otherWindow = await as(plain.windowCode === "C01" ? "c02" : "c01");
      // Another city window may not even read the case (C2), let alone accept it (N4).
      await expectRefused(supervisor, number, () => act(otherWindow, "acceptCase", { caseNumber: number, kind: "COMMITTED" }), { code: "FORBIDDEN", rule: "C2" });
      await expectRefused(supervisor, number, async () => act(await as("t06"), "acceptCase", { caseNumber: number, kind: "COMMITTED" }), { code: "FORBIDDEN" });

      const clerk = await as(clerkOf(plain));
      ok(await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" }));
      ok(await decide(await as(headOf(plain.departmentCode, "deputy")), number));
      ok(await act(clerk, "handBackResult", { caseNumber: number }));
      ok(await act(township, "handBackResult", { caseNumber: number }));
      await expectRefused(supervisor, number, () => act(stranger, "closeCase", { caseNumber: number, via: "VILLAGE_AGENT" }), { code: "FORBIDDEN", rule: "C2" });
      const closed = ok(await act(agent, "closeCase", { caseNumber: number, via: "VILLAGE_AGENT" }));
      expect(eventTypes(closed).at(-1)).toBe("CLOSED");
    });
  });

  // Last: it moves the clock into 2028, a year counted only provisionally (C5).
  describe("a decision under an expired letter (A2)", () => {
    it("is refused one second after the demo letters end (2027-12-31T23:59:59+08:00), and the refusal is A2", async () => {
      setDay(clock, "2026-11-09");
      const { number, deadline } = await openCase(await as(clerkOf(expiring)), expiring, "COMMITTED");
      expect(deadline < "2027-01-01").toBe(true);
      const deputy = await as(headOf(expiring.departmentCode, "deputy"));

      // 2027 and 2028 have no State Council notice on record: they are provisional years.
      clock.set(new Date("2027-12-31T23:59:58+08:00"));
      expect(await awaiting(deputy)).toContain(number);
      clock.set(new Date("2028-01-01T00:00:00+08:00"));
      expect(await awaiting(deputy)).not.toContain(number);
      const before = await stateOf(supervisor, number);
      const refused = await deputy.ok(`mutation($input: DecideCaseInput!) { decideCase(input: $input) { case { number } userErrors { code rule message } } }`, {
        input: { caseNumber: number, approve: true, idempotencyKey: newKey() },
      });
      expect(refused.decideCase).toEqual({ case: null, userErrors: [{ code: "FORBIDDEN", rule: "A2", message: expect.stringContaining("没有覆盖该事项的有效授权委托书") }] });
      expect(await stateOf(supervisor, number)).toEqual(before);
    });
  });
});
