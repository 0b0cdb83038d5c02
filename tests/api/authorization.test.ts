import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { coveredItemIdsOf, findCoveringLetter } from "../../server/src/modules/authorization/authorization.service";
import { ServiceItem } from "../../server/src/modules/catalogue/service-item.entity";
import { Staff } from "../../server/src/modules/staff/staff.entity";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";

const NOW = new Date("2026-03-02T09:00:00+08:00");
const DAY = 86_400_000;

const ISSUE = `mutation($input: IssueLetterInput!) { issueAuthorizationLetter(input: $input) {
  letter { id number allItems active holder { username } grantor { username } seal { code } department { code } items { code } }
  userErrors { field code rule message } } }`;
const REVOKE = `mutation($input: RevokeLetterInput!) { revokeAuthorizationLetter(input: $input) {
  letter { id number active revokedAt revokeReason revokedBy { username } } userErrors { field code rule message } } }`;
const COUNT = `query($code: String!) { authorizationLetters(departmentCode: $code, first: 1) { totalCount } }`;

/** A valid request of GAJ's director for GAJ's deputy; tests override what they change. */
const gajLetter = (changes: Record<string, unknown> = {}) => ({
  holderUsername: "gaj.deputy",
  allItems: true,
  itemCodes: [],
  validFrom: "2026-03-02T00:00:00+08:00",
  validTo: "2027-03-01T00:00:00+08:00",
  sealCode: "GAJ-SP-01",
  idempotencyKey: randomUUID(),
  ...changes,
});

describe("authorization letters (A1)", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  let director: ApiClient;
  const count = async (code = "GAJ") => (await supervisor.ok(COUNT, { code })).authorizationLetters.totalCount as number;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW) });
    supervisor = await t.as("supervisor");
    director = await t.as("gaj.director");
  });
  afterAll(() => t.close());

  describe("succeeds", () => {
    it("seeds a seal per department, an allItems letter per deputy and letters for the township clerks", async () => {
      const { approvalSeals, department } = await director.ok(`{ approvalSeals(departmentCode: "GAJ") { code name active } department(code: "GAJ") { name } }`);
      expect(approvalSeals).toEqual([{ code: "GAJ-SP-01", name: `${department.name}行政审批专用章`, active: true }]);
      const { authorizationLetters } = await supervisor.ok(
        `{ authorizationLetters(departmentCode: "GAJ", first: 5) { nodes { number allItems active holder { username } grantor { username } seal { code } } } }`,
      );
      expect(authorizationLetters.nodes[0]).toEqual({
        number: "GAJ-SQ-2025-001",
        allItems: true,
        active: true,
        holder: { username: "gaj.deputy" },
        grantor: { username: "gaj.director" },
        seal: { code: "GAJ-SP-01" },
      });
      const clerk = await t.as("t01");
      const { myAuthorizationLetters } = await clerk.ok(`{ myAuthorizationLetters { allItems active department { code } items { level code } } }`);
      expect(myAuthorizationLetters.length).toBeGreaterThanOrEqual(8);
      for (const letter of myAuthorizationLetters) expect(letter).toMatchObject({ allItems: false, active: true });
      const items = myAuthorizationLetters.flatMap((l: { items: { level: string }[] }) => l.items);
      expect(items.filter((i: { level: string }) => i.level === "TOWNSHIP")).toHaveLength(41);
      expect(items.filter((i: { level: string }) => i.level === "CITY")).toHaveLength(3); // the HANDLE delegations (G4)
    });

    it("issues an allItems letter; a retry with the same key returns the same letter and writes one row", async () => {
      const before = await count();
      const input = gajLetter();
      const first = await director.ok(ISSUE, { input });
      expect(first.issueAuthorizationLetter.userErrors).toEqual([]);
      expect(first.issueAuthorizationLetter.letter).toMatchObject({
        number: "GAJ-SQ-2026-001",
        allItems: true,
        active: true,
        holder: { username: "gaj.deputy" },
        grantor: { username: "gaj.director" },
        seal: { code: "GAJ-SP-01" },
        department: { code: "GAJ" },
        items: [],
      });
      const retry = await director.ok(ISSUE, { input });
      expect(retry.issueAuthorizationLetter).toEqual(first.issueAuthorizationLetter);
      expect(await count()).toBe(before + 1);
      const deputy = await t.as("gaj.deputy");
      const mine = (await deputy.ok(`{ myAuthorizationLetters { number active } }`)).myAuthorizationLetters;
      expect(mine).toContainEqual({ number: "GAJ-SQ-2026-001", active: true });
    });

    it("issues a letter for listed items of the department", async () => {
      const result = await director.ok(ISSUE, { input: gajLetter({ allItems: false, itemCodes: ["GAJ-002", "GAJ-001", "GAJ-002"] }) });
      expect(result.issueAuthorizationLetter.letter).toMatchObject({ allItems: false, items: [{ code: "GAJ-001" }, { code: "GAJ-002" }] });
      expect(result.issueAuthorizationLetter.letter.number).toMatch(/^GAJ-SQ-2026-\d{3}$/);
    });

    it("reaches a township clerk with township items and items delegated HANDLE to the township (授权至乡镇)", async () => {
      const { serviceItems } = await supervisor.ok(`{ serviceItems(level: TOWNSHIP, departmentCode: "MZJ", first: 2) { nodes { code } } }`);
      const mzj = await t.as("mzj.director");
      const township = await mzj.ok(ISSUE, {
        input: gajLetter({ holderUsername: "t01", sealCode: "MZJ-SP-01", allItems: false, itemCodes: [serviceItems.nodes[0].code] }),
      });
      expect(township.issueAuthorizationLetter).toMatchObject({ letter: { holder: { username: "t01" } }, userErrors: [] });
      const { department } = await supervisor.ok(`{ department(code: "RSJ") { delegations { mode item { code } } } }`);
      const handled = department.delegations.find((d: { mode: string }) => d.mode === "HANDLE").item.code;
      const rsj = await t.as("rsj.director");
      const delegated = await rsj.ok(ISSUE, { input: gajLetter({ holderUsername: "t01", sealCode: "RSJ-SP-01", allItems: false, itemCodes: [handled] }) });
      expect(delegated.issueAuthorizationLetter).toMatchObject({ letter: { items: [{ code: handled }] }, userErrors: [] });
    });

    it("revokes with a reason; the letter stays on record, inactive", async () => {
      const issued = await director.ok(ISSUE, { input: gajLetter() });
      const id = issued.issueAuthorizationLetter.letter.id;
      const revoked = await director.ok(REVOKE, { input: { id, reason: "分管副局长岗位调整" } });
      expect(revoked.revokeAuthorizationLetter).toEqual({
        letter: { id, number: issued.issueAuthorizationLetter.letter.number, active: false, revokedAt: NOW.toISOString(), revokeReason: "分管副局长岗位调整", revokedBy: { username: "gaj.director" } },
        userErrors: [],
      });
      const list = async (activeOnly: boolean) =>
        (await director.ok(`query($a: Boolean) { authorizationLetters(departmentCode: "GAJ", first: 100, activeOnly: $a) { nodes { id } } }`, { a: activeOnly }))
          .authorizationLetters.nodes.map((n: { id: string }) => n.id);
      expect(await list(false)).toContain(id);
      expect(await list(true)).not.toContain(id);
    });
  });

  describe("is refused, writing nothing", () => {
    const refused = async (client: ApiClient, input: Record<string, unknown>, expected: Record<string, unknown>) => {
      const before = await count();
      const result = await client.ok(ISSUE, { input });
      expect(result.issueAuthorizationLetter.letter).toBeNull();
      expect(result.issueAuthorizationLetter.userErrors).toHaveLength(1);
      expect(result.issueAuthorizationLetter.userErrors[0]).toMatchObject(expected);
      expect(await count()).toBe(before);
    };

    it("a deputy director may not issue (FORBIDDEN)", async () => {
      const before = await count();
      const result = await (await t.as("gaj.deputy")).gql(ISSUE, { input: gajLetter() });
      expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect(await count()).toBe(before);
    });

    it("a director of another department may not issue for GAJ's deputy", async () => {
      await refused(await t.as("mzj.director"), gajLetter({ sealCode: "MZJ-SP-01" }), { code: "FORBIDDEN", rule: "A1", field: ["input", "holderUsername"] });
    });

    it("items of another department", async () => {
      await refused(director, gajLetter({ allItems: false, itemCodes: ["GAJ-001", "MZJ-001"] }), { code: "FORBIDDEN", rule: "A1", field: ["input", "itemCodes"] });
    });

    it("validTo before validFrom, more than three years, or back-dated beyond a day", async () => {
      await refused(director, gajLetter({ validTo: "2026-03-01T00:00:00+08:00" }), { code: "INVALID", rule: "A1", field: ["input", "validTo"] });
      await refused(director, gajLetter({ validTo: "2029-03-03T00:00:00+08:00" }), { code: "INVALID", rule: "A1", field: ["input", "validTo"] });
      await refused(director, gajLetter({ validFrom: "2026-02-28T00:00:00+08:00" }), { code: "INVALID", rule: "A1", field: ["input", "validFrom"] });
    });

    it("an unknown seal, or another department's seal", async () => {
      await refused(director, gajLetter({ sealCode: "GAJ-SP-99" }), { code: "NOT_FOUND", field: ["input", "sealCode"] });
      await refused(director, gajLetter({ sealCode: "MZJ-SP-01" }), { code: "FORBIDDEN", rule: "A1", field: ["input", "sealCode"] });
    });

    it("a holder who is neither a deputy director nor a township clerk, allItems or a city item for a clerk", async () => {
      await refused(director, gajLetter({ holderUsername: "gaj.chief" }), { code: "RULE_VIOLATION", rule: "A1", field: ["input", "holderUsername"] });
      await refused(director, gajLetter({ holderUsername: "t01" }), { code: "RULE_VIOLATION", rule: "A1", field: ["input", "allItems"] });
      await refused(director, gajLetter({ holderUsername: "t01", allItems: false, itemCodes: ["GAJ-001"] }), { code: "RULE_VIOLATION", rule: "A1", field: ["input", "itemCodes"] });
    });

    it("the same idempotency key with a different request", async () => {
      const input = gajLetter();
      expect((await director.ok(ISSUE, { input })).issueAuthorizationLetter.userErrors).toEqual([]);
      await refused(director, { ...input, validTo: "2027-02-01T00:00:00+08:00" }, { code: "IDEMPOTENCY_KEY_REUSED", field: ["input", "idempotencyKey"] });
    });

    it("a revocation without a reason, by another department, or twice", async () => {
      const { id } = (await director.ok(ISSUE, { input: gajLetter() })).issueAuthorizationLetter.letter;
      const revoke = async (client: ApiClient, reason: string) => (await client.ok(REVOKE, { input: { id, reason } })).revokeAuthorizationLetter;
      expect(await revoke(director, " ")).toMatchObject({ letter: null, userErrors: [{ code: "INVALID", rule: "A1", field: ["input", "reason"] }] });
      expect(await revoke(await t.as("mzj.director"), "越权撤销")).toMatchObject({ letter: null, userErrors: [{ code: "FORBIDDEN", rule: "A1" }] });
      const active = await supervisor.ok(`{ authorizationLetters(departmentCode: "GAJ", first: 100, activeOnly: true) { nodes { id } } }`);
      expect(active.authorizationLetters.nodes).toContainEqual({ id });
      expect((await revoke(director, "授权期内调离")).letter.active).toBe(false);
      expect(await revoke(director, "再次撤销")).toMatchObject({ letter: null, userErrors: [{ code: "RULE_VIOLATION", rule: "A1", field: ["input", "id"] }] });
      const { authorizationLetters } = await supervisor.ok(`{ authorizationLetters(departmentCode: "GAJ", first: 100) { nodes { id revokeReason } } }`);
      expect(authorizationLetters.nodes).toContainEqual({ id, revokeReason: "授权期内调离" });
    });
  });

  describe("reading", () => {
    const LIST = `{ authorizationLetters(departmentCode: "GAJ", first: 1) { totalCount } }`;

    it("shows a department's letters to its heads, the supervisor and the centre admin only", async () => {
      for (const username of ["gaj.director", "gaj.deputy", "gaj.chief", "supervisor", "admin"]) {
        expect((await (await t.as(username)).ok(LIST)).authorizationLetters.totalCount).toBeGreaterThan(0);
      }
      expect((await (await t.as("mzj.director")).gql(LIST)).errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", rule: "A1" });
      expect((await (await t.as("c01")).gql(LIST)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
      expect((await t.anonymous().gql(`{ myAuthorizationLetters { id } }`)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    });

    it("runs the same number of SQL statements for 15 letters as for 3 (no query per row)", async () => {
      const query = `query($first: Int!) { authorizationLetters(departmentCode: "MZJ", first: $first) { nodes {
        number active department { code } grantor { username } holder { username point { name } } seal { code } items { code } } } }`;
      const statements = async (first: number) => {
        const before = t.app.services.db.statements.count;
        expect((await supervisor.ok(query, { first })).authorizationLetters.nodes).toHaveLength(first);
        return t.app.services.db.statements.count - before;
      };
      await statements(2);
      expect(await statements(15)).toBe(await statements(3));
    });
  });
});

describe("findCoveringLetter (A2), through the database", () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;
  let holderId: number;
  const item: Record<string, number> = {};
  const covering = (code: string, at = clock.now()) => findCoveringLetter(t.app.services.db.manager, holderId, item[code], at);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const em = t.app.services.db.manager;
    holderId = (await em.getRepository(Staff).findOneByOrFail({ username: "mzj.deputy" })).id;
    for (const code of ["MZJ-001", "MZJ-002", "GAJ-001"]) item[code] = (await em.getRepository(ServiceItem).findOneByOrFail({ code })).id;
  });
  afterAll(() => t.close());

  it("finds the active allItems letter with its seal, for the department's items only", async () => {
    expect(await covering("MZJ-002")).toMatchObject({ letter: { number: "MZJ-SQ-2025-001", allItems: true }, seal: { code: "MZJ-SP-01" } });
    expect(await covering("GAJ-001")).toBeNull();
    expect(await coveredItemIdsOf(t.app.services.db.manager, holderId, clock.now())).toEqual({ all: [expect.any(Number)], items: [] });
  });

  it("stops covering at the revocation, not before it", async () => {
    const { id } = (await covering("MZJ-001"))!.letter;
    clock.advance(60_000);
    const revoked = await (await t.as("mzj.director")).ok(REVOKE, { input: { id: String(id), reason: "岗位调整" } });
    expect(revoked.revokeAuthorizationLetter.userErrors).toEqual([]);
    expect(await covering("MZJ-001")).toBeNull();
    expect(await covering("MZJ-001", NOW)).toMatchObject({ letter: { id } });
  });

  it("covers a listed item only from validFrom to validTo", async () => {
    const input = gajLetter({
      holderUsername: "mzj.deputy",
      sealCode: "MZJ-SP-01",
      allItems: false,
      itemCodes: ["MZJ-001"],
      validFrom: new Date(NOW.getTime() + 2 * DAY).toISOString(),
      validTo: new Date(NOW.getTime() + 30 * DAY).toISOString(),
    });
    const issued = await (await t.as("mzj.director")).ok(ISSUE, { input });
    const letter = issued.issueAuthorizationLetter.letter;
    expect(letter.active).toBe(false);
    expect(await covering("MZJ-001")).toBeNull(); // not yet valid

    clock.set(new Date(NOW.getTime() + 2 * DAY));
    expect(await covering("MZJ-001")).toMatchObject({ letter: { number: letter.number }, seal: { code: "MZJ-SP-01" } });
    expect(await covering("MZJ-002")).toBeNull(); // not listed
    expect(await coveredItemIdsOf(t.app.services.db.manager, holderId, clock.now())).toEqual({ all: [], items: [item["MZJ-001"]] });
    const mine = await (await t.as("mzj.deputy")).ok(`{ myAuthorizationLetters { number active } }`);
    expect(mine.myAuthorizationLetters[0]).toEqual({ number: letter.number, active: true });

    clock.set(new Date(NOW.getTime() + 30 * DAY)); // validTo itself is outside
    expect(await covering("MZJ-001")).toBeNull();
    const later = await (await t.as("mzj.deputy")).ok(`{ myAuthorizationLetters { number active } }`);
    expect(later.myAuthorizationLetters.every((l: { active: boolean }) => !l.active)).toBe(true);
  });
});
