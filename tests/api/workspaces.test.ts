import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey, register, villageOf, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, coDepartmentsOf, headOf, ok, openCase, registerAt, setDay } from "../support/case-steps";

/*
 * Issue 9 §1: each workspace opens on today's counts (one statement, scoped by the case policy, on
 * indexes), its queue filters by status, kind, warning state and item, a township's ledger lists what it
 * relayed, department heads see their own decisions and opinions, and every case says who holds it now.
 */

const COUNTS = `open registered supplement inReview decided yellow red paused doneToday`;
const ROW = `number status kind deadline deadlineState item { code }`;

type Row = { number: string; status: string; kind: string | null; deadline: string | null; deadlineState: string; item: { code: string } };

async function queue(client: ApiClient, windowCode: string, filter: Record<string, unknown> = {}): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { windowQueue: { nodes: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await client.ok(
      `query($w: String!, $after: String, $status: CaseStatus, $kind: CaseKind, $state: DeadlineState, $item: String) {
        windowQueue(windowCode: $w, first: 100, after: $after, status: $status, kind: $kind, deadlineState: $state, itemCode: $item) { nodes { ${ROW} } pageInfo { hasNextPage endCursor } }
      }`,
      { w: windowCode, after, ...filter },
    );
    rows.push(...data.windowQueue.nodes);
    if (!data.windowQueue.pageInfo.hasNextPage) return rows;
    after = data.windowQueue.pageInfo.endCursor;
  }
}

const countsOf = async (client: ApiClient, ref: Record<string, string>) =>
  (await client.ok(`query($w: String, $p: String, $d: String) { workCounts(windowCode: $w, pointCode: $p, departmentCode: $d) { ${COUNTS} } }`, { w: ref.windowCode, p: ref.pointCode, d: ref.departmentCode })).workCounts;

const nextStepOf = async (client: ApiClient, number: string) =>
  (
    await client.ok(`query($n: String!) { case(number: $n) { availableActs nextStep { code holder person waitingFor yours point { code } window { code } department { code } } } }`, { n: number })
  ).case;

describe("workspaces open on the work (issue 9 §1)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-02T02:00:00Z"));
  let item: ItemFixture;
  let clerk: ApiClient;
  let supervisor: ApiClient;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    clerk = await t.as(clerkOf(item));
    supervisor = await t.as("supervisor");
    // Monday 2 Nov: one case accepted (it will be red), one left registered, one with a supplement notice.
    setDay(clock, "2026-11-02");
    numbers.early = (await openCase(clerk, item, "COMMITTED")).number;
    numbers.waiting = (await registerAt(clerk, item)).number;
    const short = await registerAt(clerk, item, item.materialIds.filter((id) => !item.requiredIds.includes(id)));
    numbers.supplement = short.number;
    if (item.requiredIds.length) ok(await act(clerk, "issueSupplementNotice", { caseNumber: short.number }));
    // Later: one accepted closer to today (yellow or on time), one decided today.
    const { deadline } = await (async () => (await clerk.ok(`query($n: String!) { case(number: $n) { deadline } }`, { n: numbers.early })).case)();
    setDay(clock, deadline); // on its deadline day the early one is yellow (0 working days left)
    numbers.fresh = (await openCase(clerk, item, "COMMITTED")).number;
  });
  afterAll(() => t.close());

  it("counts a window's open cases in one statement, the same as the rows' own states", async () => {
    const { statements: counter } = t.app.services.db;
    const before = counter.count;
    const counts = await countsOf(clerk, { windowCode: item.windowCode });
    const statements = counter.recent.slice(counter.recent.length - (counter.count - before)).filter((s) => /case_file/.test(s.query));
    const rows = await queue(clerk, item.windowCode);
    const by = (f: (r: Row) => boolean) => rows.filter(f).length;
    expect(counts).toEqual({
      open: rows.length,
      registered: by((r) => r.status === "REGISTERED"),
      supplement: by((r) => r.status === "SUPPLEMENT"),
      inReview: by((r) => r.status === "IN_REVIEW"),
      decided: by((r) => r.status === "DECIDED"),
      yellow: by((r) => r.deadlineState === "YELLOW"),
      red: by((r) => r.deadlineState === "RED"),
      paused: by((r) => r.deadlineState === "PAUSED"),
      doneToday: 0,
    });
    expect(counts.yellow).toBeGreaterThanOrEqual(1);
    expect(rows.find((r) => r.number === numbers.early)?.deadlineState).toBe("YELLOW");
    // Besides the session, the window and the calendar, the counts are one statement on the cases.
    expect(statements).toHaveLength(1);

    // The next day the early case is red.
    const deadline = rows.find((r) => r.number === numbers.early)!.deadline!;
    setDay(clock, new Date(Date.parse(`${deadline}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    const later = await countsOf(clerk, { windowCode: item.windowCode });
    const red = await queue(clerk, item.windowCode, { state: "RED" });
    expect(red.map((r) => r.number)).toContain(numbers.early);
    expect(red.every((r) => r.deadlineState === "RED")).toBe(true);
    expect(later.red).toBe(red.length);
    const yellow = await queue(clerk, item.windowCode, { state: "YELLOW" });
    expect(later.yellow).toBe(yellow.length);
    expect(yellow.every((r) => r.deadlineState === "YELLOW")).toBe(true);
  });

  it("filters the queue by status, kind, paused and item, in deadline order with keyset paging", async () => {
    const all = await queue(clerk, item.windowCode);
    const registered = await queue(clerk, item.windowCode, { status: "REGISTERED" });
    expect(registered.map((r) => r.number)).toEqual(all.filter((r) => r.status === "REGISTERED").map((r) => r.number));
    expect(registered.map((r) => r.number)).toContain(numbers.waiting);
    const committed = await queue(clerk, item.windowCode, { kind: "COMMITTED" });
    expect(committed.map((r) => r.number)).toEqual(all.filter((r) => r.kind === "COMMITTED").map((r) => r.number));
    const paused = await queue(clerk, item.windowCode, { state: "PAUSED" });
    expect(paused.map((r) => r.number)).toEqual(all.filter((r) => r.deadlineState === "PAUSED").map((r) => r.number));
    const ofItem = await queue(clerk, item.windowCode, { item: item.code });
    expect(ofItem.map((r) => r.number)).toEqual(all.filter((r) => r.item.code === item.code).map((r) => r.number));
    expect(ofItem.length).toBeGreaterThanOrEqual(4);
    expect(await queue(clerk, item.windowCode, { item: "NO-SUCH-ITEM" })).toEqual([]);
    // Wildcards are taken literally (an exact code); an over-long code is refused naming the field.
    expect(await queue(clerk, item.windowCode, { item: "%" })).toEqual([]);
    expect(await queue(clerk, item.windowCode, { item: "BDC_%" })).toEqual([]);
    const long = await clerk.gql(`query($w: String!, $i: String) { windowQueue(windowCode: $w, itemCode: $i) { totalCount } }`, { w: item.windowCode, i: "x".repeat(500) });
    expect(long.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    const longCounts = await clerk.gql(`query($w: String) { workCounts(windowCode: $w) { open } }`, { w: "%".repeat(500) });
    expect(longCounts.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    // Keyset pages of 1 give the same order as one page.
    const first = await clerk.ok(`query($w: String!) { windowQueue(windowCode: $w, first: 1, itemCode: "${item.code}") { nodes { number } pageInfo { endCursor } } }`, { w: item.windowCode });
    const second = await clerk.ok(`query($w: String!, $a: String) { windowQueue(windowCode: $w, first: 1, after: $a, itemCode: "${item.code}") { nodes { number } } }`, {
      w: item.windowCode,
      a: first.windowQueue.pageInfo.endCursor,
    });
    expect([first.windowQueue.nodes[0].number, second.windowQueue.nodes[0].number]).toEqual(ofItem.slice(0, 2).map((r) => r.number));
  });

  it("keeps the counts to what the policy lets the caller read, and refuses other workspaces", async () => {
    const other = await t.as("t03");
    const refused = await other.gql(`query($w: String) { workCounts(windowCode: $w) { open } }`, { w: item.windowCode });
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const none = await clerk.gql(`{ workCounts { open } }`);
    expect(none.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const two = await clerk.gql(`{ workCounts(windowCode: "C01", pointCode: "421081") { open } }`);
    expect(two.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    // The supervisor reads every case: the same window counts the same.
    expect(await countsOf(supervisor, { windowCode: item.windowCode })).toEqual(await countsOf(clerk, { windowCode: item.windowCode }));
    // A department's counts for its head: its items' open cases, at least this window's cases of the item.
    const deputy = await t.as(headOf(item.departmentCode, "deputy"));
    const dept = await countsOf(deputy, { departmentCode: item.departmentCode });
    expect(dept.open).toBeGreaterThanOrEqual(4);
    const foreign = await deputy.gql(`{ workCounts(departmentCode: "NO-SUCH") { open } }`);
    expect(foreign.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("counts a village's files and a township's, and lists the cases a township relayed", async () => {
    const { village, agent } = await villageOf(t, "421081003");
    const agentClient = await t.as(agent);
    const township = await t.as("t03");
    const before = await countsOf(agentClient, { pointCode: village });
    const c = ok((await register(agentClient, item.code, item.materialIds)).registerCase);
    expect((await countsOf(agentClient, { pointCode: village })).registered).toBe(before.registered + 1);
    expect((await nextStepOf(agentClient, c.number)).nextStep).toMatchObject({ code: "HAND_OVER", holder: "POINT", point: { code: village }, yours: true });
    ok(await act(agentClient, "handOverCase", { caseNumber: c.number }));
    // Now at the township: the agent can act on nothing and is told who holds it.
    const atTownship = await nextStepOf(agentClient, c.number);
    expect(atTownship.availableActs).not.toContain("HAND_OVER");
    expect(atTownship.nextStep).toMatchObject({ code: "HAND_OVER", holder: "POINT", point: { code: "421081003" }, yours: false });
    const tCounts = await countsOf(township, { pointCode: "421081003" });
    expect(tCounts.registered).toBeGreaterThanOrEqual(1);
    const relayedBefore = await township.ok(`{ ledger(pointCode: "421081003", relayed: true, first: 100) { nodes { number } totalCount } }`);
    expect(relayedBefore.ledger.nodes.map((n: { number: string }) => n.number)).not.toContain(c.number);
    ok(await act(township, "handOverCase", { caseNumber: c.number }));
    const relayed = await township.ok(`{ ledger(pointCode: "421081003", relayed: true, first: 100) { nodes { number registeredPoint { code } } totalCount } }`);
    expect(relayed.ledger.nodes).toContainEqual({ number: c.number, registeredPoint: { code: village } });
    expect(relayed.ledger.totalCount).toBe(relayedBefore.ledger.totalCount + 1);
    // The registering ledger of the township does not list a village's case.
    const own = await township.ok(`{ ledger(pointCode: "421081003", first: 100) { nodes { number } } }`);
    expect(own.ledger.nodes.map((n: { number: string }) => n.number)).not.toContain(c.number);
    // At the city, the handling window holds it: the agent and the township read who.
    const waiting = await nextStepOf(township, c.number);
    expect(waiting.nextStep).toMatchObject({ code: "ACCEPT", holder: "WINDOW", window: { code: item.windowCode }, point: { code: "421081" }, yours: false });
    // Another township's clerk cannot read the relayed ledger of this one.
    const t01 = await t.as("t01");
    const foreign = await t01.gql(`{ ledger(pointCode: "421081003", relayed: true, first: 5) { totalCount } }`);
    expect(foreign.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("tells who holds a case at each step, and lists a head's decisions and opinions", async () => {
    const c = numbers.fresh;
    const deputy = await t.as(headOf(item.departmentCode, "deputy"));
    const s1 = await nextStepOf(clerk, c);
    expect(s1.nextStep).toMatchObject({ code: "DECISION", holder: "DEPARTMENT", department: { code: item.departmentCode } });
    expect((await nextStepOf(deputy, c)).nextStep.yours).toBe(true);
    expect((await nextStepOf(supervisor, numbers.supplement)).nextStep).toMatchObject({ code: item.requiredIds.length ? "SUPPLEMENT" : "ACCEPT", window: { code: item.windowCode } });
    const waitingStep = (await nextStepOf(supervisor, numbers.waiting)).nextStep;
    expect(waitingStep).toMatchObject({ code: "ACCEPT", holder: "WINDOW", window: { code: item.windowCode }, yours: false });
    expect(waitingStep.person === null || typeof waitingStep.person === "string").toBe(true);

    const today = await countsOf(clerk, { windowCode: item.windowCode });
    ok(await act(deputy, "decideCase", { caseNumber: c, approve: true, idempotencyKey: newKey() }));
    const after = await countsOf(clerk, { windowCode: item.windowCode });
    expect(after.doneToday).toBe(today.doneToday + 1);
    expect(after.decided).toBe(today.decided + 1);
    expect((await nextStepOf(deputy, c)).nextStep).toMatchObject({ code: "DELIVER", holder: "WINDOW", window: { code: item.windowCode }, yours: false });

    const mine = await deputy.ok(`{ decidedByMe(first: 10) { nodes { outcome decidedAt case { number } } totalCount } }`);
    expect(mine.decidedByMe.nodes[0]).toMatchObject({ outcome: "APPROVED", case: { number: c } });
    expect(mine.decidedByMe.totalCount).toBeGreaterThanOrEqual(1);
    const chief = await t.as(headOf(item.departmentCode, "chief"));
    expect((await chief.ok(`{ decidedByMe(first: 10) { nodes { case { number } } } }`)).decidedByMe.nodes.map((n: { case: { number: string } }) => n.case.number)).not.toContain(c);

    // A joint case: co-departments hold it until they answer; the answer is in the chief's history.
    const joint = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'JOINT' AND EXISTS (SELECT 1 FROM item_co_department x WHERE x."itemId" = i.id)`);
    const jc = await openCase(await t.as(clerkOf(joint)), joint, "JOINT");
    const [co] = await coDepartmentsOf(t, joint.code);
    const js = await nextStepOf(supervisor, jc.number);
    expect(js.nextStep.code).toBe("JOINT_OPINIONS");
    expect(js.nextStep.waitingFor).toBeGreaterThanOrEqual(1);
    const coChief = await t.as(headOf(co, "chief"));
    ok(await act(coChief, "giveJointOpinion", { caseNumber: jc.number, opinion: "AGREE" }));
    const opinions = await coChief.ok(`{ myJointOpinions(first: 10) { nodes { opinion department { code } case { number } } totalCount } }`);
    expect(opinions.myJointOpinions.nodes[0]).toEqual({ opinion: "AGREE", department: { code: co }, case: { number: jc.number } });
    expect((await deputy.ok(`{ myJointOpinions(first: 10) { totalCount } }`)).myJointOpinions.totalCount).toBe(0);
  });

  it("reads indexes, never the whole case table (query plans of the counts, the filtered queue and the histories)", async () => {
    const { statements, dataSource } = t.app.services.db;
    const planOf = async (run: () => Promise<unknown>, marker: RegExp) => {
      await run();
      const hit = [...statements.recent].reverse().find((s) => marker.test(s.query));
      expect(hit, String(marker)).toBeDefined();
      if (t.engine === "postgres") {
        return dataSource.transaction(async (em) => {
          await em.query("SET LOCAL enable_seqscan = off");
          const rows: { "QUERY PLAN": string }[] = await em.query(`EXPLAIN ${hit!.query}`, hit!.parameters as unknown[]);
          return rows.map((r) => r["QUERY PLAN"]).join("\n");
        });
      }
      const rows: { detail: string }[] = await dataSource.query(`EXPLAIN QUERY PLAN ${hit!.query}`, hit!.parameters as unknown[]);
      return rows.map((r) => r.detail).join("\n");
    };
    const counts = await planOf(() => countsOf(clerk, { windowCode: item.windowCode }), /"doneToday"/);
    const red = await planOf(() => queue(clerk, item.windowCode, { state: "RED" }), /"case_file" "c"[\s\S]*ORDER BY/);
    const deputy = await t.as(headOf(item.departmentCode, "deputy"));
    const decided = await planOf(() => deputy.ok(`{ decidedByMe(first: 5) { nodes { id } } }`), /"decision"/);
    const relayed = await planOf(() => supervisor.ok(`{ ledger(pointCode: "421081003", relayed: true, first: 5) { nodes { id } } }`), /case_event/);
    const point = await planOf(() => countsOf(supervisor, { pointCode: "421081003" }), /"doneToday"/);
    const department = await planOf(() => countsOf(deputy, { departmentCode: item.departmentCode }), /"doneToday"/);
    if (process.env.SHOW_PLANS) console.log([counts, red, decided, relayed, point, department].join("\n---\n"));
    for (const plan of [counts, red, decided, relayed, point, department]) {
      if (t.engine === "postgres") expect(plan).not.toMatch(/Seq Scan on case_file/);
      else expect(plan).not.toMatch(/SCAN (c|d|case_file)( |$|\n)/m);
    }
    if (t.engine === "sqlite") {
      // Without statistics SQLite weighs the two queue indexes alike; both are the window's.
      expect(counts).toMatch(/IDX_case_file_queue_(open|all) \(windowId=\?/);
      expect(red).toMatch(/IDX_case_file_queue_(open|all) \(windowId=\?/);
      expect(counts).toMatch(/IDX_case_file_decidedAt|IDX_case_file_closedAt/);
      expect(decided).toMatch(/IDX_decision_decidedBy/);
      expect(relayed).toMatch(/IDX_case_event_relay/);
    } else {
      // PostgreSQL picks the partial index of open cases: the statuses are literal SQL.
      expect(counts).toMatch(/IDX_case_file_queue_open/);
      // The red filter (IN_REVIEW past its due day) may also read the cases in review by the same key.
      expect(red).toMatch(/IDX_case_file_queue_open|IDX_case_file_review_key/);
      expect(counts).toMatch(/IDX_case_file_decidedAt/);
    }
  });
});
