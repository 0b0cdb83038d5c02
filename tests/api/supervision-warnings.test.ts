import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type TestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, openCase, sessions, setDay } from "../support/case-steps";

/** /supervision: yellow and red counts per unit (C5), the same marks the window queue shows. */
describe("deadline warnings per unit (C5) for the supervisor", () => {
  const clock = new ManualClock(new Date("2026-11-02T02:00:00Z"));
  let t: TestApp;
  let item: ItemFixture;
  const as = sessions(() => t);
  const WARNINGS = `{ deadlineWarnings { window { code } yellow red } }`;
  const QUEUE = `query($w: String!) { windowQueue(windowCode: $w, first: 100) { nodes { number deadline deadlineState } } }`;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND i."promisedLimitDays" = 5`);
  });
  afterAll(() => t.close());

  it("counts each window's yellow and red cases as its queue marks them; a window without any is left out", async () => {
    const clerk = await as(clerkOf(item));
    // Accepted Monday 11-02 (due 11-09), Wednesday 11-04 (due 11-11), Monday 11-09 (due 11-16); 5 working days each.
    setDay(clock, "2026-11-02");
    await openCase(clerk, item, "COMMITTED");
    setDay(clock, "2026-11-04");
    await openCase(clerk, item, "COMMITTED");
    await openCase(clerk, item, "COMMITTED");
    setDay(clock, "2026-11-09");
    await openCase(clerk, item, "COMMITTED");
    const supervisor = await as("supervisor");

    const check = async (day: string, expected: { yellow: number; red: number } | null) => {
      setDay(clock, day);
      const queue = (await (await as(clerkOf(item))).ok(QUEUE, { w: item.windowCode })).windowQueue.nodes as { deadlineState: string }[];
      const marks = { yellow: queue.filter((c) => c.deadlineState === "YELLOW").length, red: queue.filter((c) => c.deadlineState === "RED").length };
      const row = (await supervisor.ok(WARNINGS)).deadlineWarnings.find((w: { window: { code: string } }) => w.window.code === item.windowCode) ?? null;
      expect(row, day).toEqual(expected && { window: { code: item.windowCode }, ...expected });
      if (expected) expect(marks, day).toEqual(expected);
    };
    await check("2026-11-03", null); // 4+ working days left on all
    await check("2026-11-05", { yellow: 1, red: 0 }); // 11-09 is 2 working days away
    await check("2026-11-09", { yellow: 3, red: 0 }); // due today, and 11-11 in 2
    await check("2026-11-10", { yellow: 2, red: 1 });
    await check("2026-11-12", { yellow: 1, red: 3 }); // 11-16 is 2 working days away
    await check("2026-11-17", { yellow: 0, red: 4 });

    // Only overseers.
    expect((await clerk.gql(WARNINGS)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await (await as("admin")).ok(WARNINGS)).deadlineWarnings.length).toBeGreaterThan(0);
  });
});
