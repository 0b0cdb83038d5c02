import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type TestApp } from "../support/app";
import { act, itemFixture, newKey, register, villageOf } from "../support/cases";

describe("one number from village to city and back (C1, C2, C7)", () => {
  let t: TestApp;
  // Thursday 2026-11-26, 10:00 in Shishou.
  const clock = new ManualClock(new Date("2026-11-26T02:00:00Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it("registers at a village, relays to the city window, is decided under a letter, and comes back to close", async () => {
    const item = await itemFixture(t, `i.level = 'CITY' AND i."defaultKind" = 'COMMITTED' AND NOT EXISTS (SELECT 1 FROM item_delegation d WHERE d."itemId" = i.id)`);
    const { agent } = await villageOf(t, "421081003");
    const agentClient = await t.as(agent);
    const registered = await register(agentClient, item.code, item.materialIds);
    expect(registered.registerCase.userErrors).toEqual([]);
    const c = registered.registerCase.case;
    expect(c.number).toMatch(/^42108120261126\d{6}$/);
    expect(c).toMatchObject({ status: "REGISTERED", kind: null, window: { code: item.windowCode }, handlingPoint: { code: "421081" } });
    const number = c.number;

    // The agent cannot accept: N4 / role.
    const township = await t.as("t03");
    const early = await act(township, "acceptCase", { caseNumber: number, kind: "COMMITTED" });
    expect(early.userErrors[0]).toMatchObject({ rule: "N4" });

    const up1 = await act(agentClient, "handOverCase", { caseNumber: number, note: "材料原件 3 份" });
    expect(up1.case.currentPoint.code).toBe("421081003");
    const up2 = await act(township, "handOverCase", { caseNumber: number });
    expect(up2.case.currentPoint.code).toBe("421081");
    const again = await act(township, "handOverCase", { caseNumber: number });
    expect(again.userErrors[0]).toMatchObject({ rule: "C2" });

    const clerk = await t.as(item.windowCode.toLowerCase());
    const accepted = await act(clerk, "acceptCase", { caseNumber: number, kind: "COMMITTED" });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.case).toMatchObject({ status: "IN_REVIEW", kind: "COMMITTED", acceptedOn: "2026-11-26" });
    expect(accepted.case.deadline > "2026-11-26").toBe(true);

    // A window clerk holds no letter: refused under A2, nothing written.
    const byClerk = await act(clerk, "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() });
    expect(byClerk.userErrors[0]).toMatchObject({ code: "FORBIDDEN", rule: "A2" });

    const deputy = await t.as(`${item.departmentCode.toLowerCase()}.deputy`);
    const waiting = await deputy.ok(`{ decisionsAwaiting(first: 100) { nodes { number } } }`);
    expect(waiting.decisionsAwaiting.nodes.map((n: { number: string }) => n.number)).toContain(number);
    const key = newKey();
    const decided = await act(deputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: key });
    expect(decided.userErrors).toEqual([]);
    expect(decided.case.status).toBe("DECIDED");
    expect(decided.case.decision).toMatchObject({ outcome: "APPROVED", sealCode: `${item.departmentCode}-SP-01`, decidedBy: { username: `${item.departmentCode.toLowerCase()}.deputy` } });
    const retry = await act(deputy, "decideCase", { caseNumber: number, approve: true, idempotencyKey: key });
    expect(retry.userErrors).toEqual([]);
    expect(retry.case.events.filter((e: { type: string }) => e.type === "DECIDED")).toHaveLength(1);

    const down1 = await act(clerk, "handBackResult", { caseNumber: number });
    expect(down1.case.currentPoint.code).toBe("421081003");
    const down2 = await act(township, "handBackResult", { caseNumber: number });
    expect(down2.case.currentPoint.code).toBe(down2.case.registeredPoint.code);
    const closed = await act(agentClient, "closeCase", { caseNumber: number, via: "VILLAGE_AGENT" });
    expect(closed.userErrors).toEqual([]);
    expect(closed.case.status).toBe("CLOSED");
    expect(closed.case.events.map((e: { type: string }) => e.type)).toEqual([
      "REGISTERED",
      "HANDED_OVER",
      "HANDED_OVER",
      "ACCEPTED",
      "DECIDED",
      "RESULT_HANDED_BACK",
      "RESULT_HANDED_BACK",
      "CLOSED",
    ]);

    const status = await t.anonymous().ok(`query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { status itemName acceptedOn closedOn } }`, { n: number, q: closed.case.queryCode });
    expect(status.caseStatus).toMatchObject({ status: "CLOSED", acceptedOn: "2026-11-26", closedOn: "2026-11-26" });
    const wrong = await t.anonymous().ok(`query($n: String!) { caseStatus(number: $n, queryCode: "AAAAAA") { status } }`, { n: number });
    expect(wrong.caseStatus).toBeNull();
  });
});
