import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { findCjkFont } from "../../server/src/modules/documents/fonts";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, CASE_FIELDS, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, expectRefused, headOf, ok, openCase, sessions, setDay } from "../support/case-steps";
import { hints, liveClient, settle } from "../support/live";
import { readPdf } from "../support/pdf";
import { underCi } from "../support/requirements";

/**
 * Issue 9 §2, the hall's workflow (A1–A4, C3.1): an IMMEDIATE case decided while the applicant waits —
 * by the deputy on duty, who hears of it live, or by the department's chief representative at the
 * window under a letter listing the item — and the approval section's review (审查) before the deputy
 * decides a COMMITTED or JOINT case whose procedure names the step. On the engine of DATABASE_URL.
 */

const ISSUE = `mutation($input: IssueLetterInput!) { issueAuthorizationLetter(input: $input) {
  letter { id number holder { username } items { code } } userErrors { field code rule reason message } } }`;
const REVOKE = `mutation($input: RevokeLetterInput!) { revokeAuthorizationLetter(input: $input) { letter { id active } userErrors { code } } }`;
const REVIEW = `mutation($input: ReviewCaseInput!) { reviewCase(input: $input) {
  case { ${CASE_FIELDS} availableActs review { conclusion opinion reviewedBy { username } } } userErrors { field message code rule reason } } }`;
const DECIDE = `mutation($input: DecideCaseInput!) { decideCase(input: $input) {
  case { ${CASE_FIELDS} decision { review { opinion conclusion } } } userErrors { field message code rule reason } } }`;
const AWAITING = `query($kind: CaseKind) { decisionsAwaiting(first: 50, kind: $kind) { nodes { number kind availableActs } } }`;
const REVIEWS = `{ reviewsAwaiting(first: 50) { nodes { number kind item { reviewRequired } } totalCount } }`;

/** The decision notice is read where a CJK font exists to print it (always under CI=true, where a missing font fails). */
const font = findCjkFont() !== null || underCi;

describe("the hall's workflow (issue 9 §2)", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  const clock = new ManualClock(new Date("2026-12-01T09:00:00+08:00")); // a Tuesday
  const as = sessions(() => t);
  const sockets: Client[] = [];
  const review = (client: ApiClient, input: Record<string, unknown>) => client.ok(REVIEW, { input }).then((d) => d.reviewCase);
  const decide = (client: ApiClient, caseNumber: string, approve = true, reason?: string) =>
    client.ok(DECIDE, { input: { caseNumber, approve, reason, idempotencyKey: newKey() } }).then((d) => d.decideCase);
  const pdf = async (client: ApiClient, number: string) => {
    const response = await fetch(`${t.url}/documents/cases/${number}/decision.pdf`, { headers: { cookie: client.cookie! } });
    expect(response.status).toBe(200);
    return (await readPdf(Buffer.from(await response.arrayBuffer()))).text;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    supervisor = await as("supervisor");
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.dispose()));
    await t.close();
  });

  describe("即办件 in one sitting: the deputy on duty (分管领导窗口坐班)", () => {
    let item: ItemFixture;
    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE'`);
    });

    it("hears of the IMMEDIATE case live the moment the window accepts it, decides it from his desk, and the window's page hears the decision and prints it", async () => {
      setDay(clock, "2026-12-01", "09:30:00");
      const clerk = await as(clerkOf(item));
      const deputy = await as(headOf(item.departmentCode, "deputy"));
      const desk = liveClient(t.url, deputy);
      sockets.push(desk);
      const deskHints = hints(desk, `subscription { departmentCasesChanged { caseNumber at } }`);
      await settle();

      const accepted = await openCase(clerk, item, "IMMEDIATE");
      const heard = await deskHints.until(accepted.number);
      expect(heard.errors).toBeUndefined();
      const { decisionsAwaiting } = await deputy.ok(AWAITING, { kind: "IMMEDIATE" });
      const row = decisionsAwaiting.nodes.find((n: { number: string }) => n.number === accepted.number);
      expect(row).toMatchObject({ kind: "IMMEDIATE", availableActs: expect.arrayContaining(["DECIDE"]) });

      // The clerk's case page listens to its case while the applicant waits.
      const counter = liveClient(t.url, clerk);
      sockets.push(counter);
      const pageHints = hints(counter, `subscription($n: String!) { caseChanged(number: $n) { caseNumber } }`, { n: accepted.number });
      await settle();
      clock.advance(5 * 60_000);
      const decided = await decide(deputy, accepted.number);
      expect(decided.userErrors).toEqual([]);
      expect((await pageHints.until(accepted.number)).data?.caseChanged.caseNumber).toBe(accepted.number);
      const letter = decided.case.decision.letter.number;
      expect(decided.case).toMatchObject({ status: "DECIDED", outcome: "APPROVED", decision: { decidedBy: { username: headOf(item.departmentCode, "deputy") } } });

      const { case: atWindow } = await clerk.ok(`query($n: String!) { case(number: $n) { status availableActs documents { kind url } } }`, { n: accepted.number });
      expect(atWindow.status).toBe("DECIDED");
      expect(atWindow.availableActs).toContain("CLOSE");
      expect(atWindow.documents.map((d: { kind: string }) => d.kind)).toEqual(["RECEIPT", "ACCEPTANCE", "DECISION"]);
      if (font) {
        const text = await pdf(clerk, accepted.number);
        expect(text).toContain("准予行政许可");
        expect(text).toContain(letter);
      }
      await deskHints.stop();
      await pageHints.stop();
    });

    it("refuses the subscription to staff outside a department, and the case's page to those who may not read it", async () => {
      const clerk = await as(clerkOf(item));
      const client = liveClient(t.url, clerk);
      sockets.push(client);
      const refused = await hints(client, `subscription { departmentCasesChanged { caseNumber } }`).next(3000);
      expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const accepted = await openCase(clerk, item, "IMMEDIATE");
      const other = liveClient(t.url, await as("c01" === clerkOf(item) ? "c02" : "c01"));
      sockets.push(other);
      const hidden = await hints(other, `subscription($n: String!) { caseChanged(number: $n) { caseNumber } }`, { n: accepted.number }).next(3000);
      expect(hidden.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    });
  });

  describe("A1 extended: the chief representative decides listed IMMEDIATE items at the window (首席代表)", () => {
    let listed: ItemFixture;
    let unlisted: ItemFixture;
    let committed: ItemFixture;
    let director: ApiClient;
    let clerk: ApiClient;
    const letterFor = (changes: Record<string, unknown>) => ({
      holderUsername: clerkOf(listed),
      allItems: false,
      itemCodes: [listed.code],
      validFrom: clock.now().toISOString(),
      validTo: new Date(clock.now().getTime() + 8 * 3_600_000).toISOString(), // today's duty
      sealCode: `${listed.departmentCode}-SP-01`,
      idempotencyKey: newKey(),
      ...changes,
    });

    beforeAll(async () => {
      // A city window that accepts two IMMEDIATE items of its department (and a COMMITTED one, when it has).
      const [row] = await t.app.services.db.manager.query(
        `SELECT w.code FROM service_window w JOIN window_item wi ON wi."windowId" = w.id JOIN service_item i ON i.id = wi."itemId"
         WHERE ${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE' AND i."departmentId" = w."departmentId" GROUP BY w.code HAVING COUNT(*) >= 2 ORDER BY w.code LIMIT 1`,
      );
      listed = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE' AND w.code = '${row.code}'`);
      unlisted = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE' AND w.code = '${row.code}' AND i.code <> '${listed.code}'`);
      committed = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND d.code = '${listed.departmentCode}'`);
      director = await as(headOf(listed.departmentCode, "director"));
      clerk = await as(clerkOf(listed));
    });

    it("is refused for items that are not IMMEDIATE, for all items, and for a clerk of another department's window", async () => {
      setDay(clock, "2026-12-02", "08:30:00");
      const notImmediate = (await director.ok(ISSUE, { input: letterFor({ itemCodes: [committed.code] }) })).issueAuthorizationLetter;
      expect(notImmediate.userErrors).toMatchObject([{ code: "RULE_VIOLATION", rule: "A1", reason: "LETTER_ITEMS_NOT_IMMEDIATE", field: ["input", "itemCodes"] }]);
      const all = (await director.ok(ISSUE, { input: letterFor({ allItems: true, itemCodes: [] }) })).issueAuthorizationLetter;
      expect(all.userErrors).toMatchObject([{ rule: "A1", reason: "LETTER_WINDOW_LISTED_ONLY" }]);
      const [foreign] = await t.app.services.db.manager.query(
        `SELECT w.code FROM service_window w JOIN service_point p ON p.id = w."pointId" JOIN department d ON d.id = w."departmentId" WHERE p.level = 'CITY' AND d.code <> '${listed.departmentCode}' ORDER BY w.code LIMIT 1`,
      );
      const other = (await director.ok(ISSUE, { input: letterFor({ holderUsername: foreign.code.toLowerCase() }) })).issueAuthorizationLetter;
      expect(other.userErrors).toMatchObject([{ code: "FORBIDDEN", rule: "A1", reason: "LETTER_WINDOW_NOT_DEPARTMENT", field: ["input", "holderUsername"] }]);
    });

    it("lets the clerk decide a listed IMMEDIATE case at the window under the letter and seal; the decision notice names the letter", async () => {
      setDay(clock, "2026-12-02", "09:00:00");
      const issued = (await director.ok(ISSUE, { input: letterFor({}) })).issueAuthorizationLetter;
      expect(issued.userErrors).toEqual([]);
      expect(issued.letter).toMatchObject({ holder: { username: clerkOf(listed) }, items: [{ code: listed.code }] });

      clock.advance(10 * 60_000);
      const accepted = await openCase(clerk, listed, "IMMEDIATE");
      expect((await clerk.ok(AWAITING, { kind: "IMMEDIATE" })).decisionsAwaiting.nodes.map((n: { number: string }) => n.number)).toContain(accepted.number);
      const decided = ok(await act(clerk, "decideCase", { caseNumber: accepted.number, approve: true, idempotencyKey: newKey() }));
      expect(decided.decision).toMatchObject({ outcome: "APPROVED", letter: { number: issued.letter.number }, sealCode: `${listed.departmentCode}-SP-01`, decidedBy: { username: clerkOf(listed) } });
      expect(decided.events.at(-1).summary).toContain(issued.letter.number);
      if (font) expect(await pdf(clerk, accepted.number)).toContain(issued.letter.number);
    });

    it("refuses the clerk an item the letter does not list, and a listed item accepted as COMMITTED", async () => {
      setDay(clock, "2026-12-02", "10:00:00");
      const other = await openCase(clerk, unlisted, "IMMEDIATE");
      await expectRefused(supervisor, other.number, () => act(clerk, "decideCase", { caseNumber: other.number, approve: true, idempotencyKey: newKey() }), { code: "FORBIDDEN", rule: "A2" });
      const reason = (await decide(clerk, other.number)).userErrors[0].reason;
      expect(reason).toBe("NO_COVERING_LETTER");

      const longer = await openCase(clerk, listed, "COMMITTED");
      await expectRefused(supervisor, longer.number, () => act(clerk, "decideCase", { caseNumber: longer.number, approve: true, idempotencyKey: newKey() }), { code: "RULE_VIOLATION", rule: "A1" });
      expect((await decide(clerk, longer.number)).userErrors[0].reason).toBe("LETTER_IMMEDIATE_ONLY");
      // Nor does the COMMITTED case appear among the clerk's decisions; the deputy decides it.
      expect((await clerk.ok(AWAITING, {})).decisionsAwaiting.nodes.map((n: { number: string }) => n.number)).not.toContain(longer.number);
    });

    it("refuses the clerk once the letter has expired, and once it is revoked", async () => {
      setDay(clock, "2026-12-02", "16:00:00");
      const late = await openCase(clerk, listed, "IMMEDIATE");
      clock.advance(2 * 3_600_000); // 18:00: past today's duty (the letter ran to 17:00)
      await expectRefused(supervisor, late.number, () => act(clerk, "decideCase", { caseNumber: late.number, approve: true, idempotencyKey: newKey() }), { code: "FORBIDDEN", rule: "A2" });

      setDay(clock, "2026-12-03", "09:00:00");
      const issued = (await director.ok(ISSUE, { input: letterFor({}) })).issueAuthorizationLetter;
      expect(issued.userErrors).toEqual([]);
      const fresh = await openCase(clerk, listed, "IMMEDIATE");
      expect((await clerk.ok(`query($n: String!) { case(number: $n) { availableActs } }`, { n: fresh.number })).case.availableActs).toContain("DECIDE");
      clock.advance(60_000);
      const revoked = (await director.ok(REVOKE, { input: { id: issued.letter.id, reason: "首席代表轮岗" } })).revokeAuthorizationLetter;
      expect(revoked.userErrors).toEqual([]);
      clock.advance(60_000);
      await expectRefused(supervisor, fresh.number, () => act(clerk, "decideCase", { caseNumber: fresh.number, approve: true, idempotencyKey: newKey() }), { code: "FORBIDDEN", rule: "A2" });
      expect((await clerk.ok(`query($n: String!) { case(number: $n) { availableActs } }`, { n: fresh.number })).case.availableActs).not.toContain("DECIDE");
      // The deputy's letter still covers it: the case is decided while the applicant waits.
      expect((await decide(await as(headOf(listed.departmentCode, "deputy")), fresh.number)).userErrors).toEqual([]);
    });
  });

  describe("A4: the approval section's review (审查) before the deputy decides", () => {
    let item: ItemFixture;
    let chief: ApiClient;
    let deputy: ApiClient;

    beforeAll(async () => {
      item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."overdueCountsAsApproval" = FALSE`);
      const admin = await as("admin");
      const { serviceItem } = await admin.ok(`query($c: String!) { serviceItem(code: $c) { version reviewRequired } }`, { c: item.code });
      expect(serviceItem.reviewRequired).toBe(false);
      const updated = await admin.ok(`mutation($input: UpdateServiceItemInput!) { updateServiceItem(input: $input) { item { reviewRequired } userErrors { code } } }`, {
        input: { code: item.code, version: serviceItem.version, reviewRequired: true },
      });
      expect(updated.updateServiceItem).toEqual({ item: { reviewRequired: true }, userErrors: [] });
      chief = await as(headOf(item.departmentCode, "chief"));
      deputy = await as(headOf(item.departmentCode, "deputy"));
    });

    it("refuses the deputy before the review, lets him decide after it; the opinion is on the timeline and in the decision record", async () => {
      setDay(clock, "2026-12-04", "09:00:00");
      const accepted = await openCase(await as(clerkOf(item)), item, "COMMITTED");
      expect((await deputy.ok(AWAITING, {})).decisionsAwaiting.nodes.map((n: { number: string }) => n.number)).not.toContain(accepted.number);
      const before = await expectRefused(supervisor, accepted.number, () => act(deputy, "decideCase", { caseNumber: accepted.number, approve: true, idempotencyKey: newKey() }), { code: "RULE_VIOLATION", rule: "A4" });
      expect(before.message).toMatch(/审查/);
      expect((await decide(deputy, accepted.number)).userErrors[0].reason).toBe("REVIEW_REQUIRED");

      const waiting = (await chief.ok(REVIEWS)).reviewsAwaiting;
      expect(waiting.nodes).toContainEqual({ number: accepted.number, kind: "COMMITTED", item: { reviewRequired: true } });
      clock.advance(3_600_000);
      const reviewed = await review(chief, { caseNumber: accepted.number, conclusion: "PROPOSE_APPROVE", opinion: "材料齐全，符合法定条件，拟准予。" });
      expect(reviewed.userErrors).toEqual([]);
      expect(reviewed.case.review).toEqual({ conclusion: "PROPOSE_APPROVE", opinion: "材料齐全，符合法定条件，拟准予。", reviewedBy: { username: headOf(item.departmentCode, "chief") } });
      expect(reviewed.case.events.at(-1)).toMatchObject({ type: "REVIEWED", summary: expect.stringContaining("拟准予许可") });
      expect((await chief.ok(REVIEWS)).reviewsAwaiting.nodes.map((n: { number: string }) => n.number)).not.toContain(accepted.number);
      expect((await deputy.ok(AWAITING, {})).decisionsAwaiting.nodes.map((n: { number: string }) => n.number)).toContain(accepted.number);

      clock.advance(3_600_000);
      const decided = await decide(deputy, accepted.number);
      expect(decided.userErrors).toEqual([]);
      expect(decided.case.decision.review).toEqual({ opinion: "材料齐全，符合法定条件，拟准予。", conclusion: "PROPOSE_APPROVE" });
      expect(decided.case.events.at(-1)).toMatchObject({ type: "DECIDED", summary: expect.stringContaining("经审批股审查") });
      const { case: verified } = await supervisor.ok(`query($n: String!) { case(number: $n) { integrity { ok } } }`, { n: accepted.number });
      expect(verified.integrity.ok).toBe(true);
    });

    it("refuses a review by anyone but the section chief of the item's department, a second review, and a review of an IMMEDIATE case", async () => {
      setDay(clock, "2026-12-04", "14:00:00");
      const accepted = await openCase(await as(clerkOf(item)), item, "COMMITTED");
      const opinion = { caseNumber: accepted.number, conclusion: "PROPOSE_REFUSE", opinion: "现场核查不符合条件。" };
      await expectRefused(supervisor, accepted.number, () => review(deputy, opinion), { code: "FORBIDDEN", rule: "A4" });
      expect((await review(deputy, opinion)).userErrors[0].reason).toBe("NOT_SECTION_CHIEF");
      const otherChief = await as(item.departmentCode === "GAJ" ? "mzj.chief" : "gaj.chief");
      expect((await review(otherChief, opinion)).userErrors[0]).toMatchObject({ code: "FORBIDDEN", reason: "CASE_NOT_VISIBLE" });
      const clerk = await as(clerkOf(item));
      expect((await clerk.gql(REVIEW, { input: opinion })).errors?.[0].extensions?.code).toBe("FORBIDDEN");

      expect((await review(chief, opinion)).userErrors).toEqual([]);
      await expectRefused(supervisor, accepted.number, () => review(chief, opinion), { code: "DUPLICATE", rule: "A4" });

      const immediate = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'IMMEDIATE' AND d.code = '${item.departmentCode}'`).catch(() => null);
      if (immediate) {
        const quick = await openCase(await as(clerkOf(immediate)), immediate, "IMMEDIATE");
        await expectRefused(supervisor, quick.number, () => review(chief, { ...opinion, caseNumber: quick.number }), { code: "RULE_VIOLATION", rule: "A4" });
      }
    });

    it("does not hold back the deputy where the item's procedure does not name the step; the chief may still review", async () => {
      setDay(clock, "2026-12-07", "09:00:00");
      const plain = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."reviewRequired" = FALSE AND i.code <> '${item.code}'`);
      const accepted = await openCase(await as(clerkOf(plain)), plain, "COMMITTED");
      const plainChief = await as(headOf(plain.departmentCode, "chief"));
      const { case: seen } = await plainChief.ok(`query($n: String!) { case(number: $n) { availableActs } }`, { n: accepted.number });
      expect(seen.availableActs).toContain("REVIEW");
      expect((await decide(await as(headOf(plain.departmentCode, "deputy")), accepted.number)).userErrors).toEqual([]);
    });
  });
});
