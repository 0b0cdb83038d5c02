import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client as PgClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { GENESIS, legacyAuditHash, legacyEventHash } from "../../server/src/modules/records/records";
import { startTestApp, testEngine, type ApiClient, type TestApp } from "../support/app";
import { act, itemFixture, newKey } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, headOf, clerkOf, openCase, ok } from "../support/case-steps";

/**
 * Records you can verify (issue 6 §4): each tampering of the stored records, done with direct SQL on
 * the test database as someone with access to the database but not to the records key would, is
 * reported by the verifyRecords query and by the case's integrity field, naming case and row.
 */
const KEY = randomBytes(32).toString("hex");
const BREAK = `caseNumber table row kind detail`;

describe("tampered records are detected (keyed chains, sealed heads)", () => {
  let t: TestApp;
  let supervisor: ApiClient, admin: ApiClient, clerk: ApiClient, deputy: ApiClient;
  let item: Awaited<ReturnType<typeof itemFixture>>;
  const clock = new ManualClock(new Date("2026-11-26T02:00:00Z"));
  const detected: Record<string, boolean> = {};

  /** SQL on the test database, `?` placeholders on both engines. */
  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    return t.app.services.db.manager.query(t.engine === "postgres" ? text.replace(/\?/g, () => `$${++n}`) : text, params);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, recordsKey: KEY } });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    [supervisor, admin, clerk, deputy] = await Promise.all(["supervisor", "admin", clerkOf(item), headOf(item.departmentCode, "deputy")].map((u) => t.as(u)));
  });
  afterAll(() => t.close());

  /** A case registered, accepted and approved: timeline REGISTERED, ACCEPTED, DECIDED, and a decision row. */
  async function decidedCase(): Promise<{ number: string; id: number }> {
    const opened = await openCase(clerk, item, "COMMITTED");
    ok(await act(deputy, "decideCase", { caseNumber: opened.number, approve: true, idempotencyKey: newKey() }));
    const [{ id }] = await sql(`SELECT id FROM case_file WHERE number = ?`, [opened.number]);
    expect(await integrityOf(opened.number)).toEqual({ ok: true, breaks: [] });
    return { number: opened.number, id: Number(id) };
  }

  async function integrityOf(number: string) {
    const { case: c } = await supervisor.ok(`query($n: String!) { case(number: $n) { integrity { ok breaks { ${BREAK} } } } }`, { n: number });
    return c.integrity as { ok: boolean; breaks: { caseNumber: string | null; table: string; row: number | null; kind: string; detail: string | null }[] };
  }

  async function verifyAll(client = supervisor) {
    const { verifyRecords } = await client.ok(`{ verifyRecords(first: 200) { ok keyId casesChecked eventsChecked auditRowsChecked breakCount breaks { ${BREAK} } } }`);
    return verifyRecords as { ok: boolean; breakCount: number; casesChecked: number; breaks: { caseNumber: string | null; table: string; row: number | null; kind: string }[] };
  }

  /** Both the case page's field and the records query name the case, the row and the kind of break. */
  async function expectCaseBreak(name: string, number: string, expected: { table: string; row: number | null; kind: string }) {
    const integrity = await integrityOf(number);
    expect(integrity.ok).toBe(false);
    expect(integrity.breaks).toContainEqual(expect.objectContaining({ caseNumber: number, ...expected }));
    const all = await verifyAll();
    expect(all.ok).toBe(false);
    expect(all.breaks).toContainEqual(expect.objectContaining({ caseNumber: number, ...expected }));
    detected[name] = true;
  }

  const events = (caseId: number) => sql(`SELECT id, seq, type, at, "actorId", "actorLabel", "fromPointId", "toPointId", summary, data, "prevHash", hash FROM case_event WHERE "caseId" = ? ORDER BY seq`, [caseId]);
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(`${String(v).replace(" ", "T")}Z`).toISOString());

  /** Rewrites entry 2's summary and recomputes the chain from there with `hash`, moving the case's head along, as an attacker would. */
  async function rewriteWith(c: { number: string; id: number }, hash: (fields: unknown[]) => string, summary = "篡改后的记录") {
    const rows = await events(c.id);
    let prev = rows[0].hash as string;
    for (const e of rows.slice(1)) {
      const text = e.seq === 2 ? summary : e.summary;
      const h = hash(["event", prev, c.number, e.seq, e.type, iso(e.at), e.actorId ?? "", e.actorLabel, e.fromPointId ?? "", e.toPointId ?? "", text, e.data]);
      await sql(`UPDATE case_event SET summary = ?, "prevHash" = ?, hash = ? WHERE id = ?`, [text, prev, h, e.id]);
      prev = h;
    }
    await sql(`UPDATE case_file SET "recordsHead" = ? WHERE id = ?`, [prev, c.id]);
  }
  const sha256 = (fields: unknown[]) => createHash("sha256").update(fields.slice(1).join("\u001f")).digest("hex");
  const hmac = (key: Buffer) => (fields: unknown[]) => createHmac("sha256", key).update(fields.join("\u001f")).digest("hex");

  it("an untouched database verifies, and only supervisors and the centre admin may run the check", async () => {
    await decidedCase();
    const all = await verifyAll(admin);
    expect(all).toMatchObject({ ok: true, breakCount: 0, breaks: [] });
    expect(all.casesChecked).toBeGreaterThan(0);
    const refused = await clerk.gql(`{ verifyRecords { ok } }`);
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const bad = await supervisor.gql(`{ verifyRecords(first: 0) { ok } }`);
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("events: an edited entry", async () => {
    const c = await decidedCase();
    await sql(`UPDATE case_event SET summary = ? WHERE "caseId" = ? AND seq = 2`, ["受理（改）", c.id]);
    await expectCaseBreak("event edited", c.number, { table: "case_event", row: 2, kind: "EVENT_CHANGED" });
  });

  it("events: a deleted middle entry", async () => {
    const c = await decidedCase();
    await sql(`DELETE FROM case_event WHERE "caseId" = ? AND seq = 2`, [c.id]);
    await expectCaseBreak("event deleted (middle)", c.number, { table: "case_event", row: 2, kind: "EVENT_MISSING" });
  });

  it("events: a deleted last entry (the tail)", async () => {
    const c = await decidedCase();
    await sql(`DELETE FROM case_event WHERE "caseId" = ? AND seq = 3`, [c.id]);
    await expectCaseBreak("event deleted (last)", c.number, { table: "case_event", row: 3, kind: "EVENTS_TRUNCATED" });
  });

  it("events: two entries swapped", async () => {
    const c = await decidedCase();
    await sql(`UPDATE case_event SET seq = 1000 WHERE "caseId" = ? AND seq = 2`, [c.id]);
    await sql(`UPDATE case_event SET seq = 2 WHERE "caseId" = ? AND seq = 3`, [c.id]);
    await sql(`UPDATE case_event SET seq = 3 WHERE "caseId" = ? AND seq = 1000`, [c.id]);
    await expectCaseBreak("events reordered", c.number, { table: "case_event", row: 2, kind: "EVENT_LINK_BROKEN" });
  });

  it("the case's outcome changed", async () => {
    const c = await decidedCase();
    await sql(`UPDATE case_file SET outcome = 'REFUSED' WHERE id = ?`, [c.id]);
    await expectCaseBreak("case outcome changed", c.number, { table: "case_file", row: null, kind: "OUTCOME_CHANGED" });
    // The status too (a decided case set back under review).
    await sql(`UPDATE case_file SET status = 'IN_REVIEW' WHERE id = ?`, [c.id]);
    expect((await integrityOf(c.number)).breaks).toContainEqual(expect.objectContaining({ kind: "STATUS_CHANGED" }));
  });

  it("the decision's outcome changed", async () => {
    const c = await decidedCase();
    const [{ id }] = await sql(`SELECT id FROM decision WHERE "caseId" = ?`, [c.id]);
    await sql(`UPDATE decision SET outcome = 'REFUSED' WHERE id = ?`, [id]);
    await expectCaseBreak("decision changed", c.number, { table: "decision", row: Number(id), kind: "DECISION_CHANGED" });
  });

  it("an entry rewritten and the chain recomputed with plain SHA-256, or with a wrong key", async () => {
    const c = await decidedCase();
    await rewriteWith(c, sha256);
    await expectCaseBreak("events recomputed (SHA-256)", c.number, { table: "case_event", row: 2, kind: "EVENT_CHANGED" });
    expect((await integrityOf(c.number)).breaks).toContainEqual(expect.objectContaining({ kind: "CASE_SEAL_INVALID" }));

    const d = await decidedCase();
    await rewriteWith(d, hmac(randomBytes(32)));
    await expectCaseBreak("events recomputed (wrong key)", d.number, { table: "case_event", row: 2, kind: "EVENT_CHANGED" });

    // Control: the same rewrite with the right key passes the chain check (so the test recomputes as
    // the server does), and only the head's seal, which needs the key too, still catches it.
    const e = await decidedCase();
    await rewriteWith(e, hmac(Buffer.from(KEY, "hex")));
    expect((await integrityOf(e.number)).breaks.map((b) => b.kind)).toEqual(["CASE_SEAL_INVALID"]);
  });

  describe("the audit log", () => {
    const auditRows = () => sql(`SELECT id, at, actor, action, "entityType", "entityId", detail, "prevHash", hash FROM audit_entry ORDER BY id`);
    async function expectAuditBreak(name: string, expected: { table: string; row: number | null; kind: string }) {
      const all = await verifyAll();
      expect(all.ok).toBe(false);
      expect(all.breaks).toContainEqual(expect.objectContaining({ caseNumber: null, ...expected }));
      detected[name] = true;
    }
    /** Puts rows back as they were (the test knows them; an attacker cannot re-create the seal). */
    async function restore(rows: Record<string, unknown>[]) {
      for (const r of rows) {
        await sql(`DELETE FROM audit_entry WHERE id = ?`, [r.id]);
        await sql(`INSERT INTO audit_entry (id, at, actor, action, "entityType", "entityId", detail, "prevHash", hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          r.id, r.at, r.actor, r.action, r.entityType, r.entityId, r.detail, r.prevHash, r.hash,
        ]);
      }
    }
    let head: Record<string, unknown>;
    beforeAll(async () => {
      [head] = await sql(`SELECT "lastHash" FROM audit_head WHERE id = 1`);
    });

    it("an edited row", async () => {
      const rows = await auditRows();
      expect(rows.length).toBeGreaterThan(3);
      const victim = rows[Math.floor(rows.length / 2)];
      await sql(`UPDATE audit_entry SET detail = ? WHERE id = ?`, ['{"edited":true}', victim.id]);
      await expectAuditBreak("audit row edited", { table: "audit_entry", row: Number(victim.id), kind: "AUDIT_ROW_CHANGED" });
      await restore([victim]);
      expect((await verifyAll()).breaks.filter((b) => b.caseNumber === null)).toEqual([]);
    });

    it("the last row deleted", async () => {
      const rows = await auditRows();
      const last = rows[rows.length - 1];
      await sql(`DELETE FROM audit_entry WHERE id = ?`, [last.id]);
      await expectAuditBreak("audit last row deleted", { table: "audit_entry", row: Number(last.id), kind: "AUDIT_TAIL_MISSING" });
      await restore([last]);
      expect((await verifyAll()).breaks.filter((b) => b.caseNumber === null)).toEqual([]);
    });

    it("a row rewritten and the chain recomputed with plain SHA-256 (and the head moved along)", async () => {
      const rows = await auditRows();
      const from = Math.floor(rows.length / 2);
      let prev = rows[from - 1].hash as string;
      for (const [i, r] of rows.slice(from).entries()) {
        const detail = i === 0 ? '{"rewritten":true}' : r.detail;
        const h = createHash("sha256").update([prev, iso(r.at), r.actor, r.action, r.entityType, r.entityId, detail].join("\u001f")).digest("hex");
        await sql(`UPDATE audit_entry SET detail = ?, "prevHash" = ?, hash = ? WHERE id = ?`, [detail, prev, h, r.id]);
        prev = h;
      }
      await sql(`UPDATE audit_head SET "lastHash" = ? WHERE id = 1`, [prev]);
      await expectAuditBreak("audit recomputed (SHA-256)", { table: "audit_entry", row: Number(rows[from].id), kind: "AUDIT_ROW_CHANGED" });
      const all = await verifyAll();
      expect(all.breaks).toContainEqual(expect.objectContaining({ table: "audit_head", kind: "AUDIT_HEAD_INVALID" }));
      await restore(rows.slice(from));
      await sql(`UPDATE audit_head SET "lastHash" = ? WHERE id = 1`, [head.lastHash]);
    });
  });

  it("detected every one of the ten tamperings", () => {
    const ten = ["event edited", "event deleted (middle)", "event deleted (last)", "events reordered", "case outcome changed", "decision changed", "events recomputed (SHA-256)", "audit row edited", "audit last row deleted", "audit recomputed (SHA-256)"];
    const found = ten.filter((name) => detected[name]);
    console.log(`[records] ${t.engine}: tampering detected ${found.length} of ${ten.length}${detected["events recomputed (wrong key)"] ? " (and a chain recomputed with a wrong key)" : ""}`);
    expect(found).toEqual(ten);
  });
});

describe("a database of the earlier, unkeyed version (plain SHA-256) is upgraded once, honestly", () => {
  const clock = new ManualClock(new Date("2026-11-26T02:00:00Z"));
  let dir: string;
  let schema: string | undefined;
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.close();
    if (schema) {
      const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
      await pg.connect();
      await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.end();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("re-keys intact chains, leaves a broken one unsealed and reported, and records the upgrade in the audit log", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-upgrade-"));
    if (testEngine === "postgres") {
      schema = `u_${randomBytes(6).toString("hex")}`;
      const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
      await pg.connect();
      await pg.query(`CREATE SCHEMA ${schema}`);
      await pg.end();
    }
    const config = { ...CASE_TEST_CONFIG, recordsKey: KEY, sqlitePath: path.join(dir, "old.sqlite"), pgSchema: schema };
    t = await startTestApp({ clock, config });
    const item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    const [clerk, deputy] = await Promise.all([t.as(clerkOf(item)), t.as(headOf(item.departmentCode, "deputy"))]);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const opened = await openCase(clerk, item, "COMMITTED");
      ok(await act(deputy, "decideCase", { caseNumber: opened.number, approve: true, idempotencyKey: newKey() }));
      numbers.push(opened.number);
    }

    // Turn it into what the earlier version left: plain SHA-256 chains, no seals, no audit head.
    const engine = t.engine;
    const em = t.app.services.db.manager;
    const sql = (text: string, params: unknown[] = []) => {
      let n = 0;
      return em.query(engine === "postgres" ? text.replace(/\?/g, () => `$${++n}`) : text, params);
    };
    for (const c of await sql(`SELECT id, number FROM case_file ORDER BY id`)) {
      let prev = GENESIS;
      for (const e of await sql(`SELECT id, seq, type, at, "actorId", "actorLabel", "fromPointId", "toPointId", summary, data FROM case_event WHERE "caseId" = ? ORDER BY seq`, [c.id])) {
        const hash = legacyEventHash({ ...e, caseNumber: c.number, prevHash: prev });
        await sql(`UPDATE case_event SET "prevHash" = ?, hash = ? WHERE id = ?`, [prev, hash, e.id]);
        prev = hash;
      }
    }
    await sql(`UPDATE case_file SET "recordsHead" = NULL, "recordsCount" = 0, "recordsState" = NULL, "recordsSeal" = NULL`);
    let prev = GENESIS;
    const audit = await sql(`SELECT id, at, actor, action, "entityType", "entityId", detail FROM audit_entry ORDER BY id`);
    for (const a of audit) {
      const hash = legacyAuditHash(prev, a);
      await sql(`UPDATE audit_entry SET "prevHash" = ?, hash = ? WHERE id = ?`, [prev, hash, a.id]);
      prev = hash;
    }
    await sql(`DELETE FROM audit_head`);
    // … and tampered with before the upgrade: one case's entry, one audit row.
    const [broken] = await sql(`SELECT id FROM case_file WHERE number = ?`, [numbers[1]]);
    await sql(`UPDATE case_event SET summary = ? WHERE "caseId" = ? AND seq = 2`, ["旧版本中被改过", broken.id]);
    const tamperedAudit = audit[1];
    await sql(`UPDATE audit_entry SET detail = ? WHERE id = ?`, ['{"old":"edit"}', tamperedAudit.id]);
    await t.close();

    t = await startTestApp({ clock, config }); // the first start of the new version on that database
    const supervisor = await t.as("supervisor");
    const integrity = async (n: string) => (await supervisor.ok(`query($n: String!) { case(number: $n) { integrity { ok breaks { ${BREAK} } } } }`, { n })).case.integrity;
    expect(await integrity(numbers[0])).toEqual({ ok: true, breaks: [] });
    expect(await integrity(numbers[2])).toEqual({ ok: true, breaks: [] });
    const old = await integrity(numbers[1]);
    expect(old.ok).toBe(false);
    expect(old.breaks).toEqual([
      { caseNumber: numbers[1], table: "case_file", row: null, kind: "UNSEALED", detail: null },
      { caseNumber: numbers[1], table: "case_event", row: 2, kind: "LEGACY_CHAIN_BROKEN", detail: null },
    ]);
    const { verifyRecords } = await supervisor.ok(`{ verifyRecords(first: 200) { ok breakCount breaks { ${BREAK} } } }`);
    expect(verifyRecords.breaks).toEqual([
      ...old.breaks,
      { caseNumber: null, table: "audit_entry", row: Number(tamperedAudit.id), kind: "LEGACY_AUDIT_BROKEN", detail: null },
    ]);
    const [upgrade] = await t.app.services.db.manager.query(`SELECT detail FROM audit_entry WHERE action = 'RECORDS_UPGRADED'`);
    expect(JSON.parse(upgrade.detail)).toMatchObject({ casesRekeyed: 2, casesNotRekeyed: 1, brokenCases: [numbers[1]], auditLegacyBreakAt: Number(tamperedAudit.id) });

    // The upgraded records go on as keyed ones: a new act on an upgraded case keeps it verifying.
    const opened = await openCase(await t.as(clerkOf(item)), item, "COMMITTED");
    expect(await integrity(opened.number)).toEqual({ ok: true, breaks: [] });
  });
});
