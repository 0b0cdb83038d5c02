import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, idNumber, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, eventTypes, registerAt, sessions, villagesOf } from "../support/case-steps";

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code message } } }`;
const DAY = "20261126";

/** C1 numbering, idempotency and the version check under parallel requests, on the engine of DATABASE_URL. */
describe("cases under concurrency", () => {
  let t: TestApp;
  let item: ItemFixture;
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00")); // a Thursday
  const as = sessions(() => t);
  const input = (key: string, applicant = idNumber()) => ({ itemCode: item.code, applicant: { name: "李四", idNumber: applicant, phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: key });
  const casesInDb = async () => Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file`))[0].n);
  const counter = async () => Number((await t.app.services.db.manager.query(`SELECT last FROM case_counter WHERE day = '${DAY}'`))[0]?.last ?? 0);

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
  });
  afterAll(() => t.close());

  it("gives 200 parallel registrations 200 distinct numbers, 000001…000200 of the day, without an error", async () => {
    expect(await casesInDb()).toBe(0);
    const villages = await villagesOf(t, "421081007", 4);
    const registrars: ApiClient[] = await Promise.all([clerkOf(item), "c01", "c10", "c20", ...villages.map((v) => v.agent)].map(as));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => registrars[i % registrars.length].gql(REGISTER, { input: input(newKey(), idNumber(`4210811990010${String(1000 + i).slice(-4)}`)) })),
    );
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerCase.userErrors).toEqual([]);
    }
    const numbers: string[] = results.map((r) => r.data!.registerCase.case.number);
    expect(new Set(numbers).size).toBe(200);
    for (const number of numbers) expect(number.startsWith(`421081${DAY}`)).toBe(true);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(await casesInDb()).toBe(200);
    expect(await counter()).toBe(200);
  });

  it("registers 20 parallel requests with one idempotency key exactly once, all answered with that case", async () => {
    const clerk = await as(clerkOf(item));
    const same = input(newKey());
    const results = await Promise.all(Array.from({ length: 20 }, () => clerk.gql(REGISTER, { input: same })));
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerCase.userErrors).toEqual([]);
    }
    const numbers = new Set(results.map((r) => r.data!.registerCase.case.number));
    expect([...numbers]).toEqual([`421081${DAY}000201`]);
    expect(await casesInDb()).toBe(201);
    expect(await counter()).toBe(201);
  });

  it("lets exactly one of 10 simultaneous acceptances of one case through; the others get a typed user error", async () => {
    const clerkName = clerkOf(item);
    const { number } = await registerAt(await as(clerkName), item);
    // Only the item's window accepts it (N4), so the race is between 10 sessions of its clerk.
    const sessionsOfClerk = await Promise.all(Array.from({ length: 10 }, () => t.as(clerkName)));
    const results = await Promise.all(sessionsOfClerk.map((s) => act(s, "acceptCase", { caseNumber: number, kind: "COMMITTED" })));
    const winners = results.filter((r) => r.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    expect(winners[0].case).toMatchObject({ status: "IN_REVIEW", kind: "COMMITTED", acceptedOn: "2026-11-26" });
    for (const loser of results.filter((r) => r.userErrors.length > 0)) {
      expect(loser.case).toBeNull();
      expect(loser.userErrors).toHaveLength(1);
      expect(["STALE_VERSION", "RULE_VIOLATION"]).toContain(loser.userErrors[0].code);
      if (loser.userErrors[0].code === "RULE_VIOLATION") expect(loser.userErrors[0].rule).toBe("C4");
    }
    const supervisor = await as("supervisor");
    const { case: c } = await supervisor.ok(`query($n: String!) { case(number: $n) { status events { type } } }`, { n: number });
    expect(eventTypes(c).filter((type) => type === "ACCEPTED")).toHaveLength(1);
    expect(eventTypes(c)).toEqual(["REGISTERED", "ACCEPTED"]);
  });
});
