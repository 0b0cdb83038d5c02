import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { isAllowed } from "../../server/src/common/access";
import type { RequestContext } from "../../server/src/common/context";
import { caseFactsIn } from "../../server/src/modules/cases/case-access";
import { availableActs, canAct, canRead, CaseAct, type PolicyCaller } from "../../server/src/modules/cases/case-policy";
import { Case } from "../../server/src/modules/cases/case.entity";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf } from "../support/case-steps";
import { idNumber, itemFixture, register, type ItemFixture } from "../support/cases";
import { closedCase, EVALUATE, REGISTER as REGISTER_COMPLAINT } from "../support/supervision";

/**
 * API tokens (issue 10 §2): scopes, bound points, expiry, revocation, per-token rate limits, the
 * audit trail, and token callers in the case policy (the same policy as staff: R2, R2b, Q1b, T1).
 */

const ISSUE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
  created { secret token { id dbId name owner scopes rateLimitPerMinute expiresAt points { code } } }
  userErrors { field code reason params { name value } } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { token { id revokedAt } userErrors { reason } } }`;
const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  case { number status queryCode registeredPoint { code } events { type actorLabel } }
  userErrors { field code rule reason params { name value } } } }`;
const READ = `query($n: String!) { case(number: $n) { number queryCode availableActs } }`;
const LIST = `query($p: String) { integrationCases(pointCode: $p, first: 100) { nodes { number } } }`;
const WITHDRAW = `mutation($input: EndCaseInput!) { withdrawCase(input: $input) { case { number status outcome } userErrors { code reason rule } } }`;
const RESUME = `mutation($input: CaseRefInput!) { resumeCase(input: $input) { case { number } userErrors { reason } } }`;
const EXPORT = `query($from: String!, $to: String!) { caseExport(from: $from, to: $to, first: 50) { nodes { caseNumber completionCode } } }`;

interface Raw {
  status: number;
  wwwAuthenticate: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string; reason?: string; params?: Record<string, string> } }[] };
}

describe("API tokens: scopes, points, expiry, revocation, limits and audit", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  let admin: ApiClient;
  let item: ItemFixture;
  let township: string;

  async function raw(secret: string | null, query: string, variables: Record<string, unknown> = {}, language?: string): Promise<Raw> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret !== null) headers.authorization = `Bearer ${secret}`;
    if (language) headers["accept-language"] = language;
    const response = await fetch(`${t.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, wwwAuthenticate: response.headers.get("www-authenticate"), body: (await response.json()) as Raw["body"] };
  }

  async function issue(input: Record<string, unknown>) {
    return (await admin.ok(ISSUE, { input: { name: "测试对接", expiresInDays: 30, ...input } })).createApiToken;
  }
  async function token(scopes: string[], pointCodes: string[] = [], extra: Record<string, unknown> = {}) {
    const created = await issue({ scopes, pointCodes, owner: "省平台运维组", ...extra });
    expect(created.userErrors).toEqual([]);
    return { id: Number(created.created.token.dbId), secret: created.created.secret as string, client: new ApiClient(t.url, created.created.secret) };
  }
  const count = async (table: string) => Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const application = (extra: Record<string, unknown> = {}) => ({
    itemCode: item.code,
    applicant: { name: "李四", idNumber: idNumber(), phone: "13871234567" },
    materialIds: item.materialIds,
    idempotencyKey: randomUUID(),
    pointCode: "421081",
    externalRef: `ZWFW-${randomUUID().slice(0, 8)}`,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    admin = await t.as("admin");
    item = await itemFixture(t, CITY_ONLY);
    township = "421081001";
  });
  afterAll(async () => t?.close());

  describe("issue", () => {
    it("an unknown scope, a write token bound to no point, an unknown point or a bad limit are refused, nothing written", async () => {
      const before = await count("api_token");
      const unknown = await issue({ scopes: ["cases:read", "case:read"] });
      expect(unknown.created).toBeNull();
      expect(unknown.userErrors[0]).toMatchObject({ field: ["input", "scopes"], reason: "TOKEN_UNKNOWN_SCOPE" });
      expect(unknown.userErrors[0].params).toContainEqual({ name: "scopes", value: "case:read" });
      expect((await issue({ scopes: ["cases:write"] })).userErrors[0]).toMatchObject({ field: ["input", "pointCodes"], reason: "TOKEN_POINTS_REQUIRED" });
      expect((await issue({ scopes: ["cases:read"], pointCodes: ["999999"] })).userErrors[0]).toMatchObject({ field: ["input", "pointCodes"], reason: "TOKEN_UNKNOWN_POINT" });
      const badLimit = await admin.gql(ISSUE, { input: { name: "x 对接", scopes: ["cases:read"], expiresInDays: 30, rateLimitPerMinute: 0 } });
      expect(JSON.stringify(badLimit)).toContain("rateLimitPerMinute");
      expect(await count("api_token")).toBe(before);
    });

    it("every scope of the list can be issued; the secret is shown once and only its hash is stored", async () => {
      const all = ["cases:read", "cases:write", "cases:export", "complaints:write", "evaluations:write", "events:read", "network:read", "catalogue:read", "staff:read"];
      const created = await issue({ scopes: all, pointCodes: ["421081", township], rateLimitPerMinute: 600, owner: "省政务服务平台" });
      expect(created.userErrors).toEqual([]);
      expect(created.created.token).toMatchObject({ scopes: all, owner: "省政务服务平台", rateLimitPerMinute: 600, points: [{ code: "421081" }, { code: township }] });
      expect(created.created.secret).toMatch(/^bmt_/);
      const stored = JSON.stringify(await t.app.services.db.manager.query(`SELECT * FROM api_token WHERE id = ${created.created.token.dbId}`));
      expect(stored).not.toContain(created.created.secret);
      const listed = await admin.ok(`{ apiTokens(first: 100) { nodes { id prefix scopes points { code } } } }`);
      expect(JSON.stringify(listed)).not.toContain(created.created.secret);
      expect(listed.apiTokens.nodes.find((n: { id: string }) => n.id === created.created.token.id).points).toEqual([{ code: "421081" }, { code: township }]);
    });

    it("events:read is issuable and checkable (the change feed's operations name it)", async () => {
      const { id } = await token(["events:read"]);
      const ctx = (scopes: string[]) => ({ actor: { kind: "token", tokenId: id, scopes, pointIds: [], ownerStaffId: 1, rateLimitPerMinute: null } }) as unknown as RequestContext;
      expect(isAllowed(ctx(["events:read"]), ["scope:events:read"])).toBe(true);
      expect(isAllowed(ctx(["cases:read"]), ["scope:events:read"])).toBe(false);
      expect(isAllowed(ctx(["cases:read"]), ["PUBLIC"])).toBe(true);
      expect(isAllowed(ctx(["cases:read"]), ["PUBLIC", "scope:evaluations:write"])).toBe(false);
    });
  });

  describe("401: wrong, expired or revoked credentials are refused, never anonymous", () => {
    const PUBLIC_QUERY = `{ servicePoints(first: 1) { totalCount } }`;
    const expect401 = (r: Raw, reason: string) => {
      expect(r.status).toBe(401);
      expect(r.wwwAuthenticate).toBe('Bearer error="invalid_token"');
      expect(r.body.errors?.[0].extensions).toMatchObject({ code: "UNAUTHENTICATED", reason });
      expect(r.body.data ?? null).toBeNull();
    };

    it("an unknown token or a bearer of another shape: 401 TOKEN_INVALID, also on public queries", async () => {
      expect((await raw(null, PUBLIC_QUERY)).status).toBe(200);
      expect401(await raw("bmt_nottherealsecretatall000000000", PUBLIC_QUERY), "TOKEN_INVALID");
      expect401(await raw("something-else", PUBLIC_QUERY), "TOKEN_INVALID");
      const english = await raw("bmt_wrong", PUBLIC_QUERY, {}, "en-US");
      expect401(english, "TOKEN_INVALID");
      expect(english.body.errors?.[0].message).toContain("not valid");
      const pdf = await fetch(`${t.url}/documents/export/cases.csv?from=2026-01-01&to=2026-12-31`, { headers: { authorization: "Bearer bmt_wrong" } });
      expect(pdf.status).toBe(401);
      expect(pdf.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    });

    it("revocation takes effect at once", async () => {
      const { id, secret } = await token(["catalogue:read"]);
      expect((await raw(secret, PUBLIC_QUERY)).status).toBe(200);
      expect((await admin.ok(REVOKE, { id: String(id) })).revokeApiToken.userErrors).toEqual([]);
      expect401(await raw(secret, PUBLIC_QUERY), "TOKEN_REVOKED");
    });

    it("an expired token: 401 TOKEN_EXPIRED", async () => {
      const { secret } = await token(["catalogue:read"], [], { expiresInDays: 1 });
      expect((await raw(secret, PUBLIC_QUERY)).status).toBe(200);
      clock.advance(86_400_000 + 1000);
      try {
        expect401(await raw(secret, PUBLIC_QUERY), "TOKEN_EXPIRED");
      } finally {
        clock.set(new Date("2026-06-01T10:00:00+08:00"));
      }
    });
  });

  describe("403: a missing scope is named", () => {
    it("each scoped operation refuses a token without its scope: HTTP 403, TOKEN_SCOPE_MISSING, params.scope", async () => {
      const { secret } = await token(["catalogue:read"]);
      const cases = [
        { query: READ, variables: { n: "42108120260601000001" }, scope: "cases:read" },
        { query: LIST, variables: {}, scope: "cases:read" },
        { query: REGISTER, variables: { input: application() }, scope: "cases:write" },
        { query: WITHDRAW, variables: { input: { caseNumber: "42108120260601000001", reason: "申请人撤回" } }, scope: "cases:write" },
        { query: EXPORT, variables: { from: "2026-01-01", to: "2026-12-31" }, scope: "cases:export" },
        { query: REGISTER_COMPLAINT, variables: { input: { channel: "HOTLINE", windowCode: item.windowCode, content: "热线工单" } }, scope: "complaints:write" },
        { query: EVALUATE, variables: { input: { caseNumber: "42108120260601000001", queryCode: "AAAAAA", rating: 5 } }, scope: "evaluations:write" },
      ];
      for (const c of cases) {
        const r = await raw(secret, c.query, c.variables);
        expect(r.status, c.scope).toBe(403);
        expect(r.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "TOKEN_SCOPE_MISSING" });
        expect(r.body.errors?.[0].extensions?.params?.scope).toContain(c.scope);
        expect(r.body.errors?.[0].message).toContain(c.scope);
      }
      // A staff-only act: 403 as well (no scope opens it).
      const resume = await raw(secret, RESUME, { input: { caseNumber: "42108120260601000001" } });
      expect(resume.status).toBe(403);
      expect(resume.body.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "STAFF_ONLY" });
    });
  });

  describe("cases:write: registration at a bound point, with an external reference", () => {
    it("registers at a bound point: the case is the token's, the timeline names it, materials are electronic, the query code shown to it", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const input = application();
      const r = await raw(writer.secret, REGISTER, { input });
      expect(r.status).toBe(200);
      const registered = r.body.data.registerCase;
      expect(registered.userErrors).toEqual([]);
      expect(registered.case.registeredPoint.code).toBe("421081");
      expect(registered.case.events[0]).toMatchObject({ type: "REGISTERED", actorLabel: `接口 #${writer.id}` });
      expect(registered.case.queryCode).toMatch(/^[A-Z2-9]{6}$/);
      const [ref] = await t.app.services.db.manager.query(`SELECT r."tokenId", r."externalRef", m.paper FROM token_case_ref r JOIN case_file c ON c.id = r."caseId" LEFT JOIN case_material m ON m."caseId" = c.id WHERE c.number = '${registered.case.number}'`);
      expect(ref).toMatchObject({ tokenId: writer.id, externalRef: input.externalRef });
      expect(Boolean(ref.paper)).toBe(false);
      // It reads its own case (R2b), and nothing else.
      expect((await writer.client.ok(READ, { n: registered.case.number })).case.number).toBe(registered.case.number);
      expect((await writer.client.ok(LIST)).integrationCases.nodes.map((n: { number: string }) => n.number)).toEqual([registered.case.number]);
    });

    it("the same idempotency key returns the same case; the same reference under a new key is a DUPLICATE naming the case; another token may use it", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const input = application();
      const first = (await writer.client.ok(REGISTER, { input })).registerCase;
      const again = (await writer.client.ok(REGISTER, { input })).registerCase;
      expect(again.case.number).toBe(first.case.number);
      const cases = await count("case_file");
      const dup = (await writer.client.ok(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } })).registerCase;
      expect(dup.case).toBeNull();
      expect(dup.userErrors[0]).toMatchObject({ code: "DUPLICATE", reason: "EXTERNAL_REF_USED", field: ["input", "externalRef"] });
      expect(dup.userErrors[0].params).toContainEqual({ name: "caseNumber", value: first.case.number });
      expect(await count("case_file")).toBe(cases);
      const other = await token(["cases:write"], ["421081"]);
      const theirs = (await other.client.ok(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } })).registerCase;
      expect(theirs.userErrors).toEqual([]);
      expect(theirs.case.number).not.toBe(first.case.number);
    });

    it("one reference sent five times at once under five keys registers once; the others are DUPLICATE naming that case", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const externalRef = `RACE-${randomUUID().slice(0, 8)}`;
      const answers = await Promise.all(Array.from({ length: 5 }, () => writer.client.ok(REGISTER, { input: application({ externalRef }) })));
      const registered = answers.filter((a) => a.registerCase.case).map((a) => a.registerCase.case.number);
      expect(registered).toHaveLength(1);
      for (const a of answers.filter((x) => !x.registerCase.case)) {
        expect(a.registerCase.userErrors[0]).toMatchObject({ code: "DUPLICATE", reason: "EXTERNAL_REF_USED" });
        expect(a.registerCase.userErrors[0].params).toContainEqual({ name: "caseNumber", value: registered[0] });
      }
      const [{ n }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM token_case_ref WHERE "tokenId" = ${writer.id}`);
      expect(Number(n)).toBe(1);
    });

    it("a point the token is not bound to, a missing point or reference: typed refusals, nothing written", async () => {
      const writer = await token(["cases:write"], [township]);
      const cases = await count("case_file");
      const refs = await count("token_case_ref");
      const elsewhere = (await writer.client.ok(REGISTER, { input: application() })).registerCase;
      expect(elsewhere.case).toBeNull();
      expect(elsewhere.userErrors[0]).toMatchObject({ code: "FORBIDDEN", reason: "TOKEN_POINT_NOT_BOUND", rule: "T1", field: ["input", "pointCode"] });
      expect(elsewhere.userErrors[0].params).toContainEqual({ name: "point", value: "421081" });
      expect((await writer.client.ok(REGISTER, { input: application({ pointCode: null }) })).registerCase.userErrors[0].reason).toBe("TOKEN_POINT_REQUIRED");
      expect((await writer.client.ok(REGISTER, { input: application({ externalRef: null }) })).registerCase.userErrors[0].reason).toBe("TOKEN_EXTERNAL_REF_REQUIRED");
      expect((await writer.client.ok(REGISTER, { input: application({ pointCode: "999999" }) })).registerCase.userErrors[0].reason).toBe("POINT_NOT_FOUND");
      expect(await count("case_file")).toBe(cases);
      expect(await count("token_case_ref")).toBe(refs);
    });

    it("withdraws its own case (E1 through T1), not another's; a staff act is refused", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const other = await token(["cases:write"], ["421081"]);
      const mine = (await writer.client.ok(REGISTER, { input: application() })).registerCase.case.number;
      const notMine = (await other.client.ok(WITHDRAW, { input: { caseNumber: mine, reason: "申请人撤回" } })).withdrawCase;
      expect(notMine.userErrors[0]).toMatchObject({ reason: "CASE_NOT_VISIBLE" });
      expect((await writer.client.ok(READ, { n: mine })).case.availableActs).toEqual(["WITHDRAW", "ATTACH_MATERIALS"]);
      const done = (await writer.client.ok(WITHDRAW, { input: { caseNumber: mine, reason: "申请人在网上撤回" } })).withdrawCase;
      expect(done.userErrors).toEqual([]);
      expect(done.case).toMatchObject({ status: "CLOSED", outcome: "WITHDRAWN" });
      const resumed = await raw(writer.secret, RESUME, { input: { caseNumber: mine } });
      expect(resumed.status).toBe(403);
      expect(resumed.body.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    });
  });

  describe("cases:write: attaching electronic materials (T1)", () => {
    const ATTACH = `mutation($input: AttachMaterialsInput!) { attachCaseMaterials(input: $input) { case { number events { type actorLabel } } userErrors { code reason rule field } } }`;
    it("attaches materials of the guide to its own case, electronic, on the timeline; refuses another's case, staff, a material off the guide", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const other = await token(["cases:write"], ["421081"]);
      const [first, ...rest] = item.materialIds;
      const mine = (await writer.client.ok(REGISTER, { input: application({ materialIds: [first] }) })).registerCase.case.number;
      const attached = (await writer.client.ok(ATTACH, { input: { caseNumber: mine, materialIds: rest.length ? rest : [first] } })).attachCaseMaterials;
      expect(attached.userErrors).toEqual([]);
      expect(attached.case.events.at(-1)).toMatchObject({ type: "MATERIALS_ATTACHED", actorLabel: `接口 #${writer.id}` });
      const rows: { paper: unknown }[] = await t.app.services.db.manager.query(`SELECT m.paper FROM case_material m JOIN case_file c ON c.id = m."caseId" WHERE c.number = '${mine}'`);
      expect(rows).toHaveLength(item.materialIds.length);
      expect(rows.every((r) => !r.paper)).toBe(true);
      expect((await other.client.ok(ATTACH, { input: { caseNumber: mine, materialIds: [first] } })).attachCaseMaterials.userErrors[0]).toMatchObject({ reason: "CASE_NOT_VISIBLE" });
      expect((await writer.client.ok(ATTACH, { input: { caseNumber: mine, materialIds: ["999999"] } })).attachCaseMaterials.userErrors[0]).toMatchObject({ reason: "MATERIAL_NOT_IN_GUIDE", rule: "G3" });
      const clerk = await t.as(clerkOf(item));
      const staffTry = await clerk.gql(ATTACH, { input: { caseNumber: mine, materialIds: [first] } });
      expect(staffTry.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      const reader = await token(["cases:read"], ["421081"]);
      const readerTry = await raw(reader.secret, ATTACH, { input: { caseNumber: mine, materialIds: [first] } });
      expect(readerTry.status).toBe(403);
      expect(readerTry.body.errors?.[0].extensions?.params?.scope).toBe("cases:write");
      await writer.client.ok(WITHDRAW, { input: { caseNumber: mine, reason: "申请人撤回" } });
      expect((await writer.client.ok(ATTACH, { input: { caseNumber: mine, materialIds: [first] } })).attachCaseMaterials.userErrors[0]).toMatchObject({ code: "RULE_VIOLATION" });
    });
  });

  describe("cases:read, evaluations:write, complaints:write, cases:export", () => {
    it("cases:read reads the cases of its bound points (R2), every case when bound to none; lists follow the same scope", async () => {
      const clerk = await t.as(clerkOf(item));
      const staffCase = (await register(clerk, item.code, item.materialIds)).registerCase.case.number;
      const bound = await token(["cases:read"], ["421081"]);
      const boundElsewhere = await token(["cases:read"], [township]);
      const all = await token(["cases:read"]);
      expect((await bound.client.ok(READ, { n: staffCase })).case).toMatchObject({ number: staffCase, queryCode: null, availableActs: [] });
      expect((await all.client.ok(READ, { n: staffCase })).case.number).toBe(staffCase);
      const hidden = await boundElsewhere.client.gql(READ, { n: staffCase });
      expect(hidden.errors?.[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "CASE_NOT_VISIBLE" });
      const listed = (await bound.client.ok(LIST)).integrationCases.nodes.map((n: { number: string }) => n.number);
      expect(listed).toContain(staffCase);
      expect((await boundElsewhere.client.ok(LIST)).integrationCases.nodes.map((n: { number: string }) => n.number)).not.toContain(staffCase);
      expect((await bound.client.ok(LIST, { p: township })).integrationCases.nodes.map((n: { number: string }) => n.number)).not.toContain(staffCase);
    });

    it("evaluations:write rates a closed case for its applicant (channel INTEGRATION); complaints:write files HOTLINE; cases:export exports", async () => {
      // A withdrawn case is not rateable (S2, CASE_NOT_RATEABLE): rate one decided and closed at the window.
      const registered = await closedCase((u) => t.as(u), item);
      const rater = await token(["evaluations:write"]);
      const rated = (await rater.client.ok(EVALUATE, { input: { caseNumber: registered.number, queryCode: registered.queryCode, rating: 5 } })).evaluateCase;
      expect(rated.userErrors).toEqual([]);
      expect(rated.evaluation.channel).toBe("INTEGRATION");
      const hotline = await token(["complaints:write"]);
      const filed = (await hotline.client.ok(REGISTER_COMPLAINT, { input: { channel: "BOX", windowCode: item.windowCode, content: "12345 热线工单 001" } })).registerComplaint;
      expect(filed.userErrors).toEqual([]);
      const exporter = await token(["cases:export"]);
      const rows = (await exporter.client.ok(EXPORT, { from: "2026-05-01", to: "2026-06-30" })).caseExport.nodes;
      expect(rows).toContainEqual({ caseNumber: registered.number, completionCode: 0 }); // 0 出证办结
    });
  });

  describe("cases:export: the bound points only (R2e)", () => {
    it("a token with cases:export exports only the ended cases registered at, now at or handled at its bound points; all when bound to none; GraphQL and CSV alike", async () => {
      const ended = await closedCase((u) => t.as(u), item); // registered and handled at the city centre (421081)
      const day = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const exportAll = `query($from: String!, $to: String!) { caseExport(from: $from, to: $to, first: 100) { totalCount nodes { caseNumber handlingPointCode } } }`;
      const exported = async (p: { client: ApiClient }) => (await p.client.ok(exportAll, { from: day, to: day })).caseExport as { totalCount: number; nodes: { caseNumber: string; handlingPointCode: string }[] };
      const csv = async (p: { secret: string }) => {
        const response = await fetch(`${t.url}/documents/export/cases.csv?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${p.secret}` } });
        expect(response.status).toBe(200);
        return response.text();
      };
      const here = await token(["cases:export"], ["421081"]);
      const elsewhere = await token(["cases:export"], [township]);
      const unbound = await token(["cases:export"]);
      // A token that also reads elsewhere exports by its bound points all the same.
      const readerElsewhere = await token(["cases:export", "cases:read", "cases:write"], [township]);
      const overseer = (await (await t.as("admin")).ok(exportAll, { from: day, to: day })).caseExport;
      expect(overseer.nodes.map((n: { caseNumber: string }) => n.caseNumber)).toContain(ended.number);

      const mine = await exported(here);
      expect(mine.nodes.map((n) => n.caseNumber)).toContain(ended.number);
      expect(mine.nodes.every((n) => n.handlingPointCode === "421081")).toBe(true);
      expect((await exported(unbound)).totalCount).toBe(overseer.totalCount);
      for (const other of [elsewhere, readerElsewhere]) {
        const rows = await exported(other);
        expect(rows.nodes.map((n) => n.caseNumber)).not.toContain(ended.number);
        expect(rows.totalCount).toBe(0); // nothing ended at the township today
        expect(await csv(other)).not.toContain(ended.number);
      }
      expect(await csv(here)).toContain(ended.number);
      expect(await csv(unbound)).toContain(ended.number);
    });
  });

  describe("limits and audit", () => {
    it("the per-token rate limit answers 429 past its own limit; other tokens go on", async () => {
      const slow = await token(["catalogue:read"], [], { rateLimitPerMinute: 3 });
      const other = await token(["catalogue:read"], [], { rateLimitPerMinute: 3 });
      const q = `{ servicePoints(first: 1) { totalCount } }`;
      for (let i = 0; i < 3; i++) expect((await raw(slow.secret, q)).status).toBe(200);
      const limited = await raw(slow.secret, q);
      expect(limited.status).toBe(429);
      expect(limited.body.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMITED", reason: "TOKEN_RATE_LIMITED" });
      expect((await raw(other.secret, q)).status).toBe(200);
      clock.advance(61_000);
      expect((await raw(slow.secret, q)).status).toBe(200);
    });

    it("every call of a token is in the audit trail with its id, refusals included", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      await writer.client.ok(REGISTER, { input: application() });
      await raw(writer.secret, EXPORT, { from: "2026-01-01", to: "2026-12-31" });
      const rows: { action: string; detail: string }[] = await t.app.services.db.manager.query(`SELECT action, detail FROM audit_entry WHERE actor = 'token:${writer.id}' ORDER BY id`);
      const calls = rows.filter((r) => r.action === "token.call").map((r) => JSON.parse(r.detail));
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({ operation: "mutation", fields: ["registerCase"], errors: [] });
      expect(calls[1]).toMatchObject({ operation: "query", fields: ["caseExport"], errors: ["TOKEN_SCOPE_MISSING"] });
    });
  });

  describe("token callers in the case policy (caller × act), against the API", () => {
    it("only WITHDRAW and ATTACH_MATERIALS of its own case, with cases:write; reads by R2/R2b; the API's availableActs equal the policy", async () => {
      const writer = await token(["cases:write"], ["421081"]);
      const own = (await writer.client.ok(REGISTER, { input: application() })).registerCase.case.number;
      const clerk = await t.as(clerkOf(item));
      const staffCase = (await register(clerk, item.code, item.materialIds)).registerCase.case.number;
      const profiles = {
        "cases:write (registrar)": writer,
        "cases:write (other token)": await token(["cases:write"], ["421081"]),
        "cases:read bound here": await token(["cases:read"], ["421081"]),
        "cases:read bound elsewhere": await token(["cases:read"], [township]),
        "cases:read all": await token(["cases:read"]),
        "cases:read+write (registrar's twin)": await token(["cases:read", "cases:write"], ["421081"]),
      };
      const pointIds = async (id: number) => JSON.parse((await t.app.services.db.manager.query(`SELECT "pointIds" FROM api_token WHERE id = ${id}`))[0].pointIds) as number[];
      const table: string[] = [];
      let allowedActs = 0;
      for (const number of [own, staffCase]) {
        const c = await t.app.services.db.manager.getRepository(Case).findOneByOrFail({ number });
        const facts = await caseFactsIn(t.app.services.db.manager, c);
        for (const [label, p] of Object.entries(profiles)) {
          const scopes = JSON.parse((await t.app.services.db.manager.query(`SELECT scopes FROM api_token WHERE id = ${p.id}`))[0].scopes) as string[];
          const caller: PolicyCaller = { kind: "token", staffId: null, role: null, pointId: null, windowId: null, departmentId: null, scopes, tokenId: p.id, pointIds: await pointIds(p.id) };
          const readable = canRead(caller, facts).allowed;
          const r = await p.client.gql(READ, { n: number });
          expect(Boolean(r.data?.case), `${label} reads ${number === own ? "own" : "staff"} case`).toBe(readable);
          const acts = availableActs(caller, facts);
          if (readable) expect(r.data?.case.availableActs).toEqual(acts);
          for (const act of Object.values(CaseAct)) {
            const answer = canAct(caller, facts, act);
            if (answer.allowed) allowedActs++;
            const expected = (act === CaseAct.WITHDRAW || act === CaseAct.ATTACH_MATERIALS) && number === own && label === "cases:write (registrar)";
            expect(answer.allowed, `${label} × ${act}`).toBe(expected);
          }
          table.push(`${label.padEnd(36)} ${number === own ? "own  " : "staff"} read=${readable ? "yes" : "no "} acts=${acts.join(",") || "-"}`);
        }
      }
      expect(allowedActs).toBe(2);
      console.log(`token caller × case table (${Object.keys(profiles).length} tokens × 2 cases × ${Object.values(CaseAct).length} acts):\n${table.join("\n")}`);
    });
  });
});
