import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { creditCodeCheckChar } from "../../server/src/common/credit-code";
import { CaseSearchInput, NameMatch, searchQuery } from "../../server/src/modules/cases/case-search";
import type { PolicyCaller } from "../../server/src/modules/cases/case-policy";
import { fillSearchKeys } from "../../server/src/modules/cases/search-backfill";
import { partiesForPrinting, partiesLine } from "../../server/src/modules/cases/parties";
import { Role } from "../../server/src/modules/staff/role";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { readPdf } from "../support/pdf";
import { idNumber, itemFixture, type ItemFixture } from "../support/cases";

const SEARCH = `query($f: CaseSearchInput!, $first: Int, $after: String) {
  searchCases(filter: $f, first: $first, after: $after) { totalCount totalCountCapped nodes { number } pageInfo { hasNextPage endCursor } } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  case { number applicant { name idNumber phone } parties { seq role kind name identifier legalRepresentative phone actsForName } }
  userErrors { field message code rule reason } } }`;

/** A valid credit code from 17 characters (GB 32100). */
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);

describe("staff case search (issue 9 §1) and several parties per case (§2)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T02:00:00Z"));
  let itemA: ItemFixture, itemB: ItemFixture;
  let clerkA: ApiClient, clerkB: ApiClient, supervisor: ApiClient;
  const people = {
    a: { name: "张%_三", idNumber: idNumber("42108119800101123"), phone: "13871230001" },
    b: { name: "李四", idNumber: idNumber("42108119900202456"), phone: "13871230002" },
  };
  let numberA = "", numberB = "";

  const search = async (client: ApiClient, f: Record<string, unknown>) => {
    const result = await client.ok(SEARCH, { f, first: 50 });
    return result.searchCases as { totalCount: number; totalCountCapped: boolean; nodes: { number: string }[] };
  };
  const numbers = async (client: ApiClient, f: Record<string, unknown>) => (await search(client, f)).nodes.map((n) => n.number);
  const register = async (client: ApiClient, item: ItemFixture, who: Record<string, unknown>) =>
    (await client.ok(REGISTER, { input: { itemCode: item.code, materialIds: item.materialIds, idempotencyKey: randomUUID(), ...who } })).registerCase;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    itemA = await itemFixture(t, `i.level = 'CITY'`);
    itemB = await itemFixture(t, `i.level = 'CITY' AND w.code <> '${itemA.windowCode}'`);
    clerkA = await t.as(itemA.windowCode.toLowerCase());
    clerkB = await t.as(itemB.windowCode.toLowerCase());
    supervisor = await t.as("supervisor");
    const a = await register(clerkA, itemA, { applicant: people.a });
    const b = await register(clerkB, itemB, { applicant: people.b });
    expect(a.userErrors).toEqual([]);
    expect(b.userErrors).toEqual([]);
    numberA = a.case.number;
    numberB = b.case.number;
  });
  afterAll(() => t.close());

  describe("scope (case-policy.ts caseScope)", () => {
    it("a clerk finds their window's case by ID number, and not another window's", async () => {
      expect(await numbers(clerkA, { idNumber: people.a.idNumber })).toEqual([numberA]);
      expect(await numbers(clerkA, { idNumber: people.b.idNumber })).toEqual([]);
      expect(await numbers(clerkB, { phone: people.a.phone })).toEqual([]);
      expect(await numbers(clerkA, { number: numberB })).toEqual([]);
    });

    it("the supervisor finds cases of every window", async () => {
      expect(await numbers(supervisor, { idNumber: people.a.idNumber })).toEqual([numberA]);
      expect(await numbers(supervisor, { idNumber: people.b.idNumber })).toEqual([numberB]);
      expect((await numbers(supervisor, { registeredFrom: "2026-11-26", registeredTo: "2026-11-26" })).sort()).toEqual([numberA, numberB].sort());
    });

    it("a department head finds its items' cases only; anonymous callers are refused", async () => {
      const head = await t.as(`${itemA.departmentCode.toLowerCase()}.deputy`);
      expect(await numbers(head, { number: numberA })).toEqual([numberA]);
      if (itemB.departmentCode !== itemA.departmentCode) expect(await numbers(head, { number: numberB })).toEqual([]);
      const anonymous = await t.anonymous().gql(SEARCH, { f: { number: numberA } });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("criteria", () => {
    it("finds by the full number and by its last digits", async () => {
      expect(await numbers(supervisor, { number: numberA })).toEqual([numberA]);
      expect(await numbers(clerkA, { number: numberA.slice(-6) })).toEqual([numberA]);
      expect(await numbers(clerkA, { number: numberA.slice(-2) })).toEqual([numberA]);
      // Both cases were registered today: the day's prefix is not a suffix of either.
      expect(await numbers(supervisor, { number: "20261126" })).toEqual([]);
      expect((await numbers(supervisor, { number: numberA.slice(-20, -6) + numberA.slice(-6) })).length).toBe(1);
    });

    it("finds by phone (a landline's dash ignored) and by name prefix or contains", async () => {
      expect(await numbers(supervisor, { phone: people.b.phone })).toEqual([numberB]);
      expect(await numbers(supervisor, { name: "李" })).toEqual([numberB]);
      expect(await numbers(supervisor, { name: "四" })).toEqual([]);
      expect(await numbers(supervisor, { name: "四", nameMatch: "CONTAINS" })).toEqual([numberB]);
      expect(await numbers(supervisor, { name: "ＬＩ四".replace("ＬＩ", "李") })).toEqual([numberB]);
    });

    it("takes %, _, regex and SQL signs literally", async () => {
      expect(await numbers(supervisor, { name: "张%" })).toEqual([numberA]);
      expect(await numbers(supervisor, { name: "%_三", nameMatch: "CONTAINS" })).toEqual([numberA]);
      expect(await numbers(supervisor, { name: "%" })).toEqual([]);
      expect(await numbers(supervisor, { name: "_" })).toEqual([]);
      expect(await numbers(supervisor, { name: "%", nameMatch: "CONTAINS" })).toEqual([numberA]);
      expect(await numbers(supervisor, { name: ".*", nameMatch: "CONTAINS" })).toEqual([]);
      expect(await numbers(supervisor, { name: "李' OR '1'='1" })).toEqual([]);
      expect(await numbers(supervisor, { name: "[李]" })).toEqual([]);
      expect(await numbers(supervisor, { name: "\\" , nameMatch: "CONTAINS" })).toEqual([]);
    });

    it("combines criteria with AND and counts", async () => {
      expect(await numbers(supervisor, { name: "李", status: "REGISTERED", itemCode: itemB.code })).toEqual([numberB]);
      expect(await numbers(supervisor, { name: "李", itemCode: itemA.code })).toEqual([]);
      expect(await numbers(supervisor, { name: "李", kind: "IMMEDIATE" })).toEqual([]);
      const both = await search(supervisor, { status: "REGISTERED" });
      expect(both).toMatchObject({ totalCount: 2, totalCountCapped: false });
      const page = await supervisor.ok(SEARCH, { f: { status: "REGISTERED" }, first: 1 });
      expect(page.searchCases.nodes).toHaveLength(1);
      expect(page.searchCases.totalCount).toBe(2);
      const next = await supervisor.ok(SEARCH, { f: { status: "REGISTERED" }, first: 1, after: page.searchCases.pageInfo.endCursor });
      expect([page.searchCases.nodes[0].number, next.searchCases.nodes[0].number].sort()).toEqual([numberA, numberB].sort());
    });
  });

  describe("bad input: a typed error naming the field and rule", () => {
    const refusals: { name: string; f: Record<string, unknown>; field: string; rule: string }[] = [
      { name: "a 500-character name", f: { name: "张".repeat(500) }, field: "filter.name", rule: "maxLength" },
      { name: "an ID number with a wrong check digit", f: { idNumber: `${people.a.idNumber.slice(0, 17)}${people.a.idNumber[17] === "0" ? "1" : "0"}` }, field: "filter.idNumber", rule: "idNumberCheckDigit" },
      { name: "a credit code with a wrong check character", f: { creditCode: "91350100M000100Y44" }, field: "filter.creditCode", rule: "creditCodeCheckDigit" },
      { name: "a number with a letter", f: { number: "12a4" }, field: "filter.number", rule: "caseNumberDigits" },
      { name: "a number with a wildcard", f: { number: "%" }, field: "filter.number", rule: "caseNumberDigits" },
      { name: "a phone of 5 digits", f: { phone: "12345" }, field: "filter.phone", rule: "phone" },
      { name: "no criterion", f: {}, field: "filter", rule: "searchCriterion" },
      { name: "only a kind", f: { kind: "IMMEDIATE" }, field: "filter", rule: "searchCriterion" },
      { name: "a name of blanks", f: { name: "\u3000 " }, field: "filter.name", rule: "visible" },
      { name: "a day that does not exist", f: { number: "1", registeredTo: "2026-02-30" }, field: "filter.registeredTo", rule: "day" },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}`, async () => {
        const result = await supervisor.gql(SEARCH, { f: r.f });
        expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(result.errors?.[0]?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: r.field, rule: r.rule })]));
        // No personal data echoed back.
        expect(JSON.stringify(result)).not.toContain(people.a.idNumber.slice(0, 17));
      });
    }
  });

  describe("query plans: every criterion uses an index, never a whole-table scan", () => {
    const overseer: PolicyCaller = { kind: "staff", staffId: 2, role: Role.SUPERVISOR, pointId: 1, windowId: null, departmentId: null, scopes: [] };
    const criteria: Record<string, Partial<CaseSearchInput>> = {
      "number suffix": { number: "000123" },
      "full number": { number: "42108120261126000001" },
      "ID number": { idNumber: idNumber("42108119800101123") },
      phone: { phone: "13871230001" },
      "name prefix": { name: "张" },
      "name contains": { name: "三", nameMatch: NameMatch.CONTAINS },
      "credit code": { creditCode: "91350100M000100Y43" },
    };

    async function plan(caller: PolicyCaller, filter: Partial<CaseSearchInput>): Promise<string[]> {
      const db = t.app.services.db;
      const qb = await searchQuery(db.manager, db.engine, caller, Object.assign(new CaseSearchInput(), { nameMatch: NameMatch.PREFIX }, filter));
      const [sql, params] = qb.orderBy("c.id", "DESC").limit(21).getQueryAndParameters();
      if (db.engine === "sqlite") return ((await db.manager.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[]).map((r) => r.detail);
      // The test database's tables are tiny, so PostgreSQL rightly prefers sequential scans; with them
      // priced out, the plan shows the index path the planner takes on real volumes.
      const runner = db.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query("SET LOCAL enable_seqscan = off");
        const rows = (await runner.query(`EXPLAIN ${sql}`, params)) as { "QUERY PLAN": string }[];
        return rows.map((r) => r["QUERY PLAN"]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }

    const whole = (lines: string[]) =>
      lines.filter((l) => (t.engine === "sqlite" ? /^SCAN (TABLE )?(c|p|k|case_file|case_party|case_name_key)\b/.test(l.trim()) : /Seq Scan on (case_file|case_party|case_name_key)\b/.test(l)));

    for (const [name, filter] of Object.entries(criteria)) {
      it(`${name}: the supervisor's search and a clerk's`, async () => {
        const clerk: PolicyCaller = { kind: "staff", staffId: 5, role: Role.WINDOW_CLERK, pointId: 1, windowId: 5, departmentId: null, scopes: [] };
        for (const caller of [overseer, clerk]) {
          const lines = await plan(caller, filter);
          if (process.env.SHOW_PLANS) console.log(`${name}:\n${lines.join("\n")}`);
          expect(whole(lines), lines.join("\n")).toEqual([]);
          expect(lines.join("\n")).toMatch(t.engine === "sqlite" ? /USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY)/ : /Index (Only )?Scan|Bitmap Index Scan/);
        }
      });
    }
  });

  describe("parties: several applicants, enterprises, agents", () => {
    it("registers a marriage with two applicants; both are found and shown masked", async () => {
      const groom = { role: "APPLICANT", kind: "PERSON", name: "王建国", idNumber: idNumber("42108119920303111"), phone: "13871239001" };
      const bride = { role: "APPLICANT", kind: "PERSON", name: "赵美丽", idNumber: idNumber("42108119940404222"), phone: "13871239002" };
      const done = await register(clerkA, itemA, { parties: [groom, bride] });
      expect(done.userErrors).toEqual([]);
      const c = done.case;
      expect(c.applicant.name).toBe("王建国");
      expect(c.parties).toEqual([
        { seq: 1, role: "APPLICANT", kind: "PERSON", name: "王建国", identifier: `4210**********${groom.idNumber.slice(-4)}`, legalRepresentative: null, phone: "138****9001", actsForName: null },
        { seq: 2, role: "APPLICANT", kind: "PERSON", name: "赵美丽", identifier: `4210**********${bride.idNumber.slice(-4)}`, legalRepresentative: null, phone: "138****9002", actsForName: null },
      ]);
      expect(await numbers(clerkA, { idNumber: bride.idNumber })).toEqual([c.number]);
      expect(await numbers(clerkA, { phone: bride.phone })).toEqual([c.number]);
      expect(await numbers(clerkA, { name: "赵美" })).toEqual([c.number]);
      const [row] = await t.app.services.db.manager.query(`SELECT id, "applicantName", "applicantIdNumber", "applicantPhone" FROM case_file WHERE number = '${c.number}'`);
      expect(partiesLine(await partiesForPrinting(t.app.services.db.manager, row))).toBe("王建国、赵美丽");
      // The printed acceptance notice names both.
      const accepted = await clerkA.ok(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { userErrors { message } } }`, { input: { caseNumber: c.number, kind: "COMMITTED" } });
      expect(accepted.acceptCase.userErrors).toEqual([]);
      const pdf = await fetch(`${t.url}/documents/cases/${c.number}/acceptance.pdf`, { headers: { cookie: clerkA.cookie! } });
      expect(pdf.status).toBe(200);
      const { text } = await readPdf(Buffer.from(await pdf.arrayBuffer()));
      expect(text.replace(/\s+/g, "")).toContain("王建国、赵美丽");
    });

    it("registers an enterprise with its credit code and legal representative, and an agent acting for it", async () => {
      const code = creditCode("91421081MA4F00001");
      const done = await register(clerkA, itemA, {
        parties: [
          { role: "AGENT", kind: "PERSON", name: "钱代理", idNumber: idNumber("42108119850505333"), phone: "13871239003", actsFor: 2 },
          { role: "APPLICANT", kind: "ENTERPRISE", name: "石首市便民餐饮有限公司", creditCode: code.toLowerCase(), legalRepresentative: "孙法人", phone: "0716-7654321" },
        ],
      });
      expect(done.userErrors).toEqual([]);
      expect(done.case.applicant.name).toBe("石首市便民餐饮有限公司");
      expect(done.case.parties).toEqual([
        { seq: 1, role: "APPLICANT", kind: "ENTERPRISE", name: "石首市便民餐饮有限公司", identifier: code, legalRepresentative: "孙法人", phone: "071****4321", actsForName: null },
        { seq: 2, role: "AGENT", kind: "PERSON", name: "钱代理", identifier: expect.stringMatching(/^4210\*{10}\d{3}[\dX]$/), legalRepresentative: null, phone: "138****9003", actsForName: "石首市便民餐饮有限公司" },
      ]);
      expect(await numbers(clerkA, { creditCode: code })).toEqual([done.case.number]);
      expect(await numbers(clerkA, { name: "钱代" })).toEqual([done.case.number]);
      expect(await numbers(clerkA, { name: "便民餐饮", nameMatch: "CONTAINS" })).toEqual([done.case.number]);
      expect(await numbers(clerkA, { phone: "07167654321" })).toEqual([done.case.number]);
      const [row] = await t.app.services.db.manager.query(`SELECT id, "applicantName", "applicantIdNumber", "applicantPhone" FROM case_file WHERE number = '${done.case.number}'`);
      expect(partiesLine(await partiesForPrinting(t.app.services.db.manager, row))).toBe("石首市便民餐饮有限公司（法定代表人：孙法人）（代理人：钱代理，代理石首市便民餐饮有限公司）");
    });

    const refusals: { name: string; parties?: unknown[]; applicant?: unknown; field: string[]; reason: string }[] = [
      { name: "a credit code with a wrong check character", parties: [{ kind: "ENTERPRISE", name: "某公司", creditCode: "91350100M000100Y44", legalRepresentative: "甲", phone: "13800000001" }], field: ["input", "parties", "0", "creditCode"], reason: "CREDIT_CODE_CHECK_DIGIT" },
      { name: "an enterprise without a legal representative", parties: [{ kind: "ENTERPRISE", name: "某公司", creditCode: "91350100M000100Y43", phone: "13800000001" }], field: ["input", "parties", "0", "legalRepresentative"], reason: "LEGAL_REPRESENTATIVE_MISSING" },
      { name: "a person without an ID number", parties: [{ name: "甲", phone: "13800000001" }], field: ["input", "parties", "0", "idNumber"], reason: "ID_NUMBER_MISSING" },
      { name: "a person with a wrong check digit", parties: [{ name: "甲", idNumber: "420000199001011234", phone: "13800000001" }], field: ["input", "parties", "0", "idNumber"], reason: "ID_NUMBER_CHECK_DIGIT" },
      { name: "only an agent", parties: [{ role: "AGENT", name: "甲", idNumber: idNumber(), phone: "13800000001", actsFor: 1 }], field: ["input", "parties"], reason: "NO_APPLICANT" },
      { name: "an agent for nobody", parties: [{ name: "甲", idNumber: idNumber(), phone: "13800000001" }, { role: "AGENT", name: "乙", idNumber: idNumber("42108119850505333"), phone: "13800000002" }], field: ["input", "parties", "1", "actsFor"], reason: "AGENT_ACTS_FOR" },
      { name: "an agent acting for an agent", parties: [{ name: "甲", idNumber: idNumber(), phone: "13800000001" }, { role: "AGENT", name: "乙", idNumber: idNumber("42108119850505333"), phone: "13800000002", actsFor: 2 }], field: ["input", "parties", "1", "actsFor"], reason: "AGENT_ACTS_FOR" },
      { name: "an enterprise as agent", parties: [{ name: "甲", idNumber: idNumber(), phone: "13800000001" }, { role: "AGENT", kind: "ENTERPRISE", name: "某代理公司", creditCode: "91350100M000100Y43", legalRepresentative: "丙", phone: "13800000002", actsFor: 1 }], field: ["input", "parties", "1", "kind"], reason: "AGENT_NOT_PERSON" },
      { name: "the same person twice", parties: [{ name: "甲", idNumber: idNumber(), phone: "13800000001" }, { name: "甲", idNumber: idNumber(), phone: "13800000001" }], field: ["input", "parties", "1", "idNumber"], reason: "DUPLICATE_PARTY" },
      { name: "both applicant and parties", applicant: { name: "甲", idNumber: idNumber(), phone: "13800000001" }, parties: [{ name: "乙", idNumber: idNumber("42108119850505333"), phone: "13800000002" }], field: ["input", "parties"], reason: "APPLICANT_OR_PARTIES" },
      { name: "neither", field: ["input", "parties"], reason: "NO_APPLICANT" },
      { name: "the single applicant with a wrong check digit", applicant: { name: "甲", idNumber: "420000199001011234", phone: "13800000001" }, field: ["input", "applicant", "idNumber"], reason: "ID_NUMBER_CHECK_DIGIT" },
    ];
    for (const r of refusals) {
      it(`refuses ${r.name}, writing nothing`, async () => {
        const [{ n: before }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file`);
        const done = await register(clerkA, itemA, { ...(r.applicant ? { applicant: r.applicant } : {}), ...(r.parties ? { parties: r.parties } : {}) });
        expect(done.case).toBeNull();
        expect(done.userErrors[0]).toMatchObject({ code: "INVALID", field: r.field, reason: r.reason });
        expect(done.userErrors[0].message).toMatch(/[\u4e00-\u9fff]/);
        const [{ n: after }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file`);
        expect(Number(after)).toBe(Number(before));
      });
    }
  });

  describe("cases registered before search existed", () => {
    it("are filled in at start (keyed hashes, name keys, reversed number), once", async () => {
      const db = t.app.services.db;
      const [c] = await db.manager.query(`SELECT id FROM case_file WHERE number = '${numberB}'`);
      await db.transaction(async (em) => {
        await em.query(`DELETE FROM case_name_key WHERE "caseId" = ${c.id}`);
        await em.query(`DELETE FROM case_party WHERE "caseId" = ${c.id}`);
        await em.query(`UPDATE case_file SET "numberReversed" = NULL WHERE id = ${c.id}`);
      });
      expect(await numbers(supervisor, { idNumber: people.b.idNumber })).toEqual([]);
      expect(await fillSearchKeys(db)).toEqual({ numbers: 1, cases: 1 });
      expect(await fillSearchKeys(db)).toEqual({ numbers: 0, cases: 0 });
      expect(await numbers(supervisor, { idNumber: people.b.idNumber })).toEqual([numberB]);
      expect(await numbers(supervisor, { phone: people.b.phone })).toEqual([numberB]);
      expect(await numbers(supervisor, { name: "李四" })).toEqual([numberB]);
      expect(await numbers(supervisor, { number: numberB.slice(-4) })).toEqual([numberB]);
      // Hashes only: the party table's hash columns hold no ID number or phone in clear.
      const [p] = await db.manager.query(`SELECT "idHash", "phoneHash" FROM case_party WHERE "caseId" = ${c.id}`);
      expect(p.idHash).toMatch(/^[0-9a-f]{64}$/);
      expect(p.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
