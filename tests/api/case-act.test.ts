import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import type { CaseChange } from "../../server/src/common/context";
import { ACT_EVENTS, ServiceAct } from "../../server/src/modules/cases/case-act";
import { CaseEventType } from "../../server/src/modules/cases/case-event-types";
import { CaseEvent } from "../../server/src/modules/cases/case.entity";
import { eventText } from "../../server/src/modules/cases/case-event-texts";
import { CaseAct } from "../../server/src/modules/cases/case-policy";
import { CaseKind } from "../../server/src/modules/catalogue/enums";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey, register, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, headOf, ok, sessions, setDay } from "../support/case-steps";
import { seedHistory } from "../support/history";

const SRC = join(__dirname, "../../server/src");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
const relative = (path: string) => path.slice(SRC.length + 1);

/** An ACCEPTED entry's words, as the services' text function writes them from the entry's own data. */
const acceptedText = (e: { data: string }) => {
  const d = JSON.parse(e.data) as { kind: CaseKind; from: CaseKind | null; acceptedOn: string; limitDays: number; deadline: string | null; deadlineProvisional?: boolean };
  return eventText.accepted({ day: d.acceptedOn, kind: d.kind, previousKind: d.from, limitDays: d.limitDays, deadline: d.deadline, provisional: d.deadlineProvisional ?? false });
};

describe("one way to act on a case (runCaseAct)", () => {
  it("every act declares the entries it writes, every kind of entry is written by some act, and the schema enum has each value described", () => {
    const acts = [...Object.values(CaseAct), ...Object.values(ServiceAct)];
    expect(Object.keys(ACT_EVENTS).sort()).toEqual([...acts].sort());
    const written = new Set(Object.values(ACT_EVENTS).flat());
    expect(Object.values(CaseEventType).filter((type) => !written.has(type))).toEqual([]);
    // The values are the stored (hash-chained) strings: the key is the value.
    for (const [key, value] of Object.entries(CaseEventType)) expect(key).toBe(value);
    // Integrators read the types: docs/integrations.md lists each of them.
    const docs = readFileSync(join(__dirname, "../../docs/integrations.md"), "utf8");
    expect(Object.values(CaseEventType).filter((type) => !docs.includes(`| \`${type}\` |`))).toEqual([]);
  });

  it("no code outside case-act.ts writes a timeline entry, the change feed or a live notification, or asks the policy for an act", () => {
    const outside = sources(SRC).filter((p) => !p.endsWith(join("cases", "case-act.ts")));
    const offenders = outside.flatMap((path) => {
      const text = readFileSync(path, "utf8");
      return [/\bappendCaseEvent\(/, /\brecordCaseChange\(/, /\bnotifyCaseChanged\(/, /\bauthorizeAct\(/, /getRepository\(CaseEvent\)\.(insert|save)\(/]
        .filter((pattern) => pattern.test(text) && !new RegExp(`export (async )?function ${pattern.source.replace(/\\b|\\\(/g, "")}`).test(text))
        .map((pattern) => `${relative(path)}: ${pattern.source}`);
    });
    expect(offenders).toEqual([]);
  });

  it("every act of the policy and every service act is run through runCaseAct or actOnCase somewhere", () => {
    const text = sources(SRC).map((p) => readFileSync(p, "utf8")).join("\n");
    const run = [...text.matchAll(/\b(?:runCaseAct|actOnCase)\([^;]*?\b(CaseAct|ServiceAct)\.([A-Z_]+)/g)].map((m) => m[2]);
    const acts = [...Object.values(CaseAct), ...Object.values(ServiceAct)];
    expect(acts.filter((a) => !run.includes(a))).toEqual([]);
  });
});

describe("runCaseAct on a live app: one change-feed row per entry, one live notification per act", () => {
  let t: TestApp;
  let item: ItemFixture;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  const as = sessions(() => t);
  const published: CaseChange[] = [];
  const count = async (table: string, number: string) => {
    const mark = t.app.services.db.engine === "postgres" ? "$1" : "?";
    const where = table === "case_change" ? `"caseNumber" = ${mark}` : `"caseId" = (SELECT id FROM case_file WHERE number = ${mark})`;
    return Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, [number]))[0].n);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    // Listens to the real bus: every publish still goes out.
    const bus = t.app.services.caseChanges!;
    const publish = bus.publish.bind(bus);
    bus.publish = (change) => {
      published.push(change);
      publish(change);
    };
  }, 120_000);
  afterAll(() => t.close());

  it("register, accept, pause, resume, decide, close: feed rows equal timeline entries after each act, one notification each, the version bumped by each", async () => {
    setDay(clock, "2026-06-01");
    const clerk = await as(clerkOf(item));
    const steps: [string, (n: string) => Promise<unknown>, ApiClient][] = [];
    const registered = (await register(clerk, item.code, item.materialIds, { otherDocuments: ["户口本复印件"] })).registerCase;
    const number: string = ok(registered).number;
    expect(published.filter((p) => p.caseNumber === number)).toHaveLength(1);
    expect(await count("case_event", number)).toBe(2); // REGISTERED and GUIDE_DRIFT
    expect(await count("case_change", number)).toBe(2);
    const deputy = await as(headOf(item.departmentCode, "deputy"));
    steps.push(
      ["accept", (n) => act(clerk, "acceptCase", { caseNumber: n, kind: "COMMITTED" }), clerk],
      ["pause", (n) => act(clerk, "pauseCase", { caseNumber: n, reason: "HEARING", note: "举行听证" }), clerk],
      ["resume", (n) => act(clerk, "resumeCase", { caseNumber: n }), clerk],
      ["decide", (n) => act(deputy, "decideCase", { caseNumber: n, approve: true, idempotencyKey: newKey() }), deputy],
      ["close", (n) => act(clerk, "closeCase", { caseNumber: n, via: "WINDOW" }), clerk],
    );
    for (const [name, step] of steps) {
      const before = { notes: published.filter((p) => p.caseNumber === number).length, events: await count("case_event", number), version: (await clerk.ok(`query($n: String!) { case(number: $n) { version } }`, { n: number })).case.version };
      const result = (await step(number)) as { userErrors: unknown[]; case: { version: number } };
      expect(result.userErrors, name).toEqual([]);
      const events = await count("case_event", number);
      expect(events, name).toBeGreaterThan(before.events);
      expect(await count("case_change", number), name).toBe(events);
      expect(published.filter((p) => p.caseNumber === number).length, name).toBe(before.notes + 1);
      expect(result.case.version, name).toBeGreaterThan(before.version);
    }
    const { case: c } = await clerk.ok(`query($n: String!) { case(number: $n) { events { type summary } } }`, { n: number });
    expect(c.events.map((e: { type: string }) => e.type)).toEqual(["REGISTERED", "GUIDE_DRIFT", "ACCEPTED", "PAUSED", "RESUMED", "DECIDED", "CLOSED"]);
    const [accepted] = await t.app.services.db.manager.getRepository(CaseEvent).find({ where: { type: CaseEventType.ACCEPTED } });
    expect(accepted.summary).toBe(acceptedText(accepted));
  });

  it("a refused act writes nothing and notifies nobody", async () => {
    const clerk = await as(clerkOf(item));
    const number: string = ok((await register(clerk, item.code, item.materialIds)).registerCase).number;
    const notes = published.length;
    const result = await act(clerk, "closeCase", { caseNumber: number, via: "WINDOW" });
    expect(result.userErrors).toHaveLength(1);
    expect(published.length).toBe(notes);
    expect(await count("case_change", number)).toBe(1);
  });
});

describe("the historical-case generator writes the services' words and feeds the change feed", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await seedHistory(t, 300, clock.now());
  }, 180_000);
  afterAll(() => t.close());

  it("each generated ACCEPTED entry says what eventText.accepted says of its data", async () => {
    const accepted = await t.app.services.db.manager.getRepository(CaseEvent).find({ where: { type: CaseEventType.ACCEPTED } });
    expect(accepted.length).toBeGreaterThan(100);
    for (const e of accepted) expect(e.summary).toBe(acceptedText(e));
  });

  it("every generated entry has its change-feed row, in one unbroken run of positions, and the counter continues after them", async () => {
    const q = (sql: string) => t.app.services.db.manager.query(sql);
    const [{ events }] = await q(`SELECT COUNT(*) AS events FROM case_event`);
    const [{ changes, first, last }] = await q(`SELECT COUNT(*) AS changes, MIN(position) AS first, MAX(position) AS last FROM case_change`);
    expect(Number(changes)).toBe(Number(events));
    expect([Number(first), Number(last)]).toEqual([1, Number(events)]);
    const [missing] = await q(`SELECT COUNT(*) AS n FROM case_event e JOIN case_file c ON c.id = e."caseId" WHERE NOT EXISTS (SELECT 1 FROM case_change f WHERE f."caseNumber" = c.number AND f."eventSeq" = e.seq AND f."eventType" = e.type)`);
    expect(Number(missing.n)).toBe(0);
    const [{ last: counter }] = await q(`SELECT last FROM feed_counter WHERE name = 'caseChanges'`);
    expect(Number(counter)).toBe(Number(events));
    const admin = await t.as("supervisor");
    const page = (await admin.ok(`{ caseChanges(first: 3) { nodes { position eventType status } } }`)).caseChanges;
    expect(page.nodes.map((n: { position: number }) => n.position)).toEqual([1, 2, 3]);
    expect(page.nodes[0].eventType).toBe("REGISTERED");
  });
});
