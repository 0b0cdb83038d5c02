import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, clerkOf, openCase, sessions } from "../support/case-steps";
import { accepted, fee, FEE_ITEM, payInput, PAYMENT_FIELDS, standardOf } from "../support/fees";

const PAY = `mutation($input: TakePaymentInput!) { takePayment(input: $input) { payment { ${PAYMENT_FIELDS} } ticket { id number seqNo } userErrors { code message } } }`;

/** F3/F4 under parallel requests, on the engine of DATABASE_URL: one payment per key, consecutive ticket numbers. */
describe("fees under concurrency", () => {
  let t: TestApp;
  let item: ItemFixture;
  let standard: { id: string; amountFen: number };
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00"));
  const as = sessions(() => t);
  const count = async (sql: string) => Number((await t.app.services.db.manager.query(sql))[0].n);

  /** Opens `cases` cases of the item (in parallel) and charges each `perCase` times (quantity 1): the charge ids. */
  async function charged(cases: number, perCase: number): Promise<{ caseNumber: string; chargeId: string }[]> {
    const clerk = await as(clerkOf(item));
    const perCaseCharges = await Promise.all(
      Array.from({ length: cases }, async () => {
        const { number } = await openCase(clerk, item, "COMMITTED");
        const out: { caseNumber: string; chargeId: string }[] = [];
        for (let j = 0; j < perCase; j++) {
          const { charge } = accepted(await fee(clerk, "chargeCase", { caseNumber: number, standardId: standard.id, quantity: 1, amountFen: standard.amountFen }));
          out.push({ caseNumber: number, chargeId: charge.id });
        }
        return out;
      }),
    );
    return perCaseCharges.flat();
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, FEE_ITEM());
    standard = await standardOf(t, item.code);
  });
  afterAll(() => t.close());

  it("50 concurrent takePayment with one idempotency key make exactly one payment and one ticket, and all 50 answer with them", async () => {
    const [{ caseNumber, chargeId }] = await charged(1, 1);
    const cashiers: ApiClient[] = await Promise.all(Array.from({ length: 5 }, () => t.as("c50")));
    const input = payInput(caseNumber, [chargeId]);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cashiers[i % cashiers.length].gql(PAY, { input })));
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.takePayment.userErrors).toEqual([]);
    }
    const payments = new Set(results.map((r) => r.data!.takePayment.payment.number));
    const tickets = new Set(results.map((r) => r.data!.takePayment.ticket.number));
    expect(payments.size).toBe(1);
    expect(tickets.size).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM payment WHERE "idempotencyKey" = '${input.idempotencyKey}'`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM payment`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM fee_ticket`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM case_event WHERE type = 'PAID'`)).toBe(1);
    console.log(`[fees-concurrency ${t.engine}] 50 requests, one key → ${payments.size} payment, ${tickets.size} ticket (${[...tickets][0]})`);
  }, 60_000);

  it("200 payments in parallel for one department take 200 consecutive ticket numbers: no gap, no duplicate", async () => {
    const charges = await charged(20, 10);
    const cashiers: ApiClient[] = await Promise.all(Array.from({ length: 8 }, () => t.as("c50")));
    const started = Date.now();
    const results = await Promise.all(charges.map((c, i) => cashiers[i % cashiers.length].gql(PAY, { input: payInput(c.caseNumber, [c.chargeId]) })));
    const ms = Date.now() - started;
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.takePayment.userErrors).toEqual([]);
    }
    const numbers: number[] = results.map((r) => r.data!.takePayment.ticket.seqNo);
    expect(new Set(numbers).size).toBe(200);
    const sorted = [...numbers].sort((a, b) => a - b);
    // Number 1 went to the first test's payment (same department, same book).
    expect(sorted).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    const series = new Set(results.map((r) => r.data!.takePayment.ticket.number.slice(0, -8)));
    expect(series.size).toBe(1);
    const [book] = await t.app.services.db.manager.query(`SELECT id, "nextNo" FROM ticket_book WHERE series = '${[...series][0]}'`);
    expect(Number(book.nextNo)).toBe(202);
    // Every number of the used range has exactly one ticket, and every ticket one payment.
    const rows: { seqNo: number; paymentId: number }[] = await t.app.services.db.manager.query(`SELECT "seqNo", "paymentId" FROM fee_ticket WHERE "bookId" = ${book.id} ORDER BY "seqNo"`);
    expect(rows.map((r) => Number(r.seqNo))).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.paymentId)).size).toBe(201);
    expect(await count(`SELECT COUNT(*) AS n FROM payment`)).toBe(201);
    expect(await count(`SELECT COUNT(*) AS n FROM case_charge WHERE status = 'UNPAID'`)).toBe(0);
    console.log(`[fees-concurrency ${t.engine}] 200 parallel payments → 200 distinct tickets ${sorted[0]}…${sorted[199]}, no gap, no duplicate, in ${ms} ms`);
  }, 180_000);
});
