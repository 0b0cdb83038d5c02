import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";

/** Every malformed request gets a typed error naming the field and the rule, changes nothing, and the server lives on. */
describe("bad input", () => {
  let t: TestApp;
  let auditRows: () => Promise<number>;
  beforeAll(async () => {
    t = await startTestApp();
    auditRows = async () => Number((await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM audit_entry`))[0].n);
  });
  afterAll(() => t.close());

  const post = (body: string, contentType = "application/json") =>
    fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": contentType }, body });

  it("answers unparseable JSON with 400 and a code", async () => {
    const response = await post("{ not json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("answers a GraphQL syntax error with GRAPHQL_PARSE_FAILED", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: 1 { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("answers an unknown field with GRAPHQL_VALIDATION_FAILED and no suggestion of real names", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: 1) { nodes { passwordHas } } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it("answers a wrong type with a validation error naming the argument", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: "ten") { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toContain("Int");
  });

  it("refuses a page larger than 100 with BAD_USER_INPUT naming `first`", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: 101) { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: "first", rule: "max" })]);
  });

  it("refuses a document whose cost is over the limit before running it", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: 10000) { totalCount } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/cost limit/i);
  });

  it("refuses a document of more than 3,000 tokens", async () => {
    const fields = Array.from({ length: 3100 }, () => "code").join(" ");
    const result = await t.anonymous().gql(`{ serviceItems(first: 1) { nodes { ${fields} } } }`);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(result.errors?.[0].message).toMatch(/token/i);
  });

  it("refuses a forged cursor with BAD_USER_INPUT naming `after`", async () => {
    const result = await t.anonymous().gql(`{ serviceItems(first: 5, after: "garbage!") { totalCount } }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "after" } });
  });

  it("refuses an over-long string, names the field, and writes nothing", async () => {
    const admin = await t.as("admin");
    const before = await auditRows();
    const result = await admin.gql(
      `mutation($input: CreateServiceWindowInput!) { createServiceWindow(input: $input) { window { code } userErrors { message } } }`,
      { input: { pointCode: "421081", code: "Z1", number: 90, name: "长".repeat(5000), kind: "FINANCE" } },
    );
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: "input.name", rule: "maxLength" })]);
    expect(await auditRows()).toBe(before);
    expect((await admin.ok(`{ serviceWindow(code: "Z1") { code } }`)).serviceWindow).toBeNull();
  });

  it("refuses a malformed time of day, naming the field", async () => {
    const admin = await t.as("admin");
    const result = await admin.gql(
      `mutation($input: AddWindowScheduleInput!) { addWindowSchedule(input: $input) { schedule { id } userErrors { message } } }`,
      { input: { windowCode: "T01-07", weekday: 8, startTime: "25:00", endTime: "12:00" } },
    );
    const fields = result.errors?.[0].extensions?.fields?.map((f) => f.field).sort();
    expect(fields).toEqual(["input.startTime", "input.weekday"]);
  });

  it("refuses a too-deep query before running it", async () => {
    const deep = `{ servicePoint(code: "421081") { children(first: 1) { nodes { children(first: 1) { nodes { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`;
    const result = await t.anonymous().gql(deep);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/depth/i);
  });

  it("refuses too many aliases (brute force in one document)", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: login(input: { username: "admin", password: "p${i}" }) { staff { id } }`).join(" ");
    const result = await t.anonymous().gql(`mutation { ${aliases} }`);
    expect(result.errors?.[0].message).toMatch(/aliases/i);
  });

  it("refuses an unknown id as NOT_FOUND and a malformed one as BAD_USER_INPUT, changing nothing", async () => {
    const admin = await t.as("admin");
    const before = await auditRows();
    const result = await admin.ok(`mutation { removeWindowSchedule(id: "99999999") { schedule { id } userErrors { code field } } }`);
    expect(result.removeWindowSchedule).toEqual({ schedule: null, userErrors: [{ code: "NOT_FOUND", field: ["id"] }] });
    const text = await admin.gql(`mutation { deactivateMaterial(id: "abc") { material { id } userErrors { code field } } }`);
    expect(text.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ field: "id", rule: "id" })] });
    expect(await auditRows()).toBe(before);
  });

  it("refuses a cross-site GET and a text/plain POST (CSRF)", async () => {
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ me { id } }")}`);
    expect(get.status).toBe(400);
    const plain = await post(JSON.stringify({ query: "{ me { id } }" }), "text/plain");
    expect(plain.status).toBe(400);
  });

  it("is still serving after all of the above", async () => {
    expect((await t.anonymous().ok(`{ networkSummary { totalPoints } }`)).networkSummary.totalPoints).toBe(291);
    const health = await fetch(`${t.url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", engine: t.engine });
  });
});

describe("rate limit on public operations", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { publicRateLimitPerMinute: 5 } });
  });
  afterAll(() => t.close());

  it("stops an anonymous client after its allowance with RATE_LIMITED", async () => {
    const client = t.anonymous();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) codes.push((await client.gql(`{ networkSummary { totalPoints } }`)).errors?.[0].extensions?.code);
    expect(codes.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(codes.slice(5)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  });
});

/** The same malformed text, ids, cursors and dates get the same typed error on both engines (never INTERNAL_SERVER_ERROR). */
describe("strict input on both engines", () => {
  let t: TestApp;
  const clients: Record<string, ApiClient> = {};
  let internal = 0;
  let total = 0;
  beforeAll(async () => {
    t = await startTestApp();
    clients.anonymous = t.anonymous();
    clients.admin = await t.as("admin");
    clients.clerk = await t.as("c05");
  });
  afterAll(async () => {
    console.info(`[bad-input] ${t.engine}: ${internal} of ${total} malformed requests answered INTERNAL_SERVER_ERROR`);
    await t.close();
  });

  const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
  const applicant = (name: string) => ({ name, idNumber: "420000199001011234", phone: "13800000000" });

  interface Case { name: string; as: "anonymous" | "admin" | "clerk"; query: string; variables?: Record<string, unknown>; field: string; rule: string }
  const cases: Case[] = [
    { name: "NUL in a public lookup", as: "anonymous", query: `query($n: String!) { caseStatus(number: $n, queryCode: "123456") { status } }`, variables: { n: "\u0000" }, field: "number", rule: "controlCharacters" },
    { name: "NUL in the login name", as: "anonymous", query: `mutation($i: LoginInput!) { login(input: $i) { staff { id } } }`, variables: { i: { username: "\u0000", password: "x" } }, field: "input.username", rule: "controlCharacters" },
    { name: "NUL in a search", as: "anonymous", query: `query($s: String) { serviceItems(first: 1, search: $s) { totalCount } }`, variables: { s: "户\u0000口" }, field: "search", rule: "controlCharacters" },
    { name: "a lone surrogate in a code", as: "anonymous", query: `query($c: String!) { servicePoint(code: $c) { name } }`, variables: { c: "\ud800" }, field: "code", rule: "unpairedSurrogate" },
    { name: "a bidi override in a search", as: "admin", query: `query($s: String) { staffMembers(first: 1, search: $s) { totalCount } }`, variables: { s: "\u202eadmin" }, field: "search", rule: "bidiControls" },
    { name: "a newline in a one-line field", as: "admin", query: `query($c: String!) { serviceWindow(code: $c) { name } }`, variables: { c: "C01\nC02" }, field: "code", rule: "controlCharacters" },
    { name: "an id with a fraction", as: "admin", query: `mutation { removeWindowSchedule(id: "1.5") { userErrors { code } } }`, field: "id", rule: "id" },
    { name: "an id of 23 digits", as: "admin", query: `mutation { deactivateMaterial(id: "12345678901234567890123") { userErrors { code } } }`, field: "id", rule: "id" },
    { name: "an id in exponent notation", as: "admin", query: `mutation { revokeApiToken(id: "1e3") { userErrors { code } } }`, field: "id", rule: "id" },
    { name: "an id past the integer range", as: "admin", query: `mutation { revokeApiToken(id: "2147483648") { userErrors { code } } }`, field: "id", rule: "id" },
    { name: "a material id with a fraction", as: "clerk", query: `query($m: [ID!]!) { intakeCheck(itemCode: "X", materialIds: $m) { proposedKind } }`, variables: { m: ["1.5"] }, field: "materialIds", rule: "id" },
    { name: "an id in an input object", as: "admin", query: `mutation($i: RevokeDelegationInput!) { revokeItemDelegation(input: $i) { userErrors { code } } }`, variables: { i: { id: "99999999999999999999999", reason: "测试一下" } }, field: "input.id", rule: "id" },
    { name: "a numeric cursor of 1e308", as: "admin", query: `query($a: String) { staffMembers(first: 1, after: $a) { totalCount } }`, variables: { a: cursor([1e308]) }, field: "after", rule: "cursor" },
    { name: "a string cursor on an id order", as: "admin", query: `query($a: String) { staffMembers(first: 1, after: $a) { totalCount } }`, variables: { a: cursor(["abc"]) }, field: "after", rule: "cursor" },
    { name: "a cursor of another shape", as: "anonymous", query: `query($a: String) { serviceItems(first: 1, after: $a) { totalCount } }`, variables: { a: cursor({ a: 1 }) }, field: "after", rule: "cursor" },
    { name: "a number cursor on a code order", as: "anonymous", query: `query($a: String) { serviceItems(first: 1, after: $a) { totalCount } }`, variables: { a: cursor([5]) }, field: "after", rule: "cursor" },
    { name: "a cursor with NUL inside", as: "anonymous", query: `query($a: String) { servicePoints(first: 1, after: $a) { totalCount } }`, variables: { a: cursor(["42\u00001"]) }, field: "after", rule: "cursor" },
    { name: "a 1e308 cursor on the newest-first ledger", as: "admin", query: `query($a: String) { ledger(pointCode: "421081", first: 1, after: $a) { totalCount } }`, variables: { a: cursor([1e308]) }, field: "after", rule: "cursor" },
    { name: "an emoji for a day", as: "admin", query: `{ ledger(pointCode: "421081", from: "😀") { totalCount } }`, field: "from", rule: "day" },
    { name: "a day that does not exist", as: "admin", query: `{ ledger(pointCode: "421081", to: "2026-02-30") { totalCount } }`, field: "to", rule: "day" },
    { name: "an applicant name of zero-width characters only", as: "clerk", query: `mutation($i: RegisterCaseInput!) { registerCase(input: $i) { userErrors { code } } }`, variables: { i: { itemCode: "X", applicant: applicant("\u200b\u200c\u200d"), idempotencyKey: "k1" } }, field: "input.applicant.name", rule: "visible" },
    { name: "an applicant name with a bidi override", as: "clerk", query: `mutation($i: RegisterCaseInput!) { registerCase(input: $i) { userErrors { code } } }`, variables: { i: { itemCode: "X", applicant: applicant("张\u202e三"), idempotencyKey: "k2" } }, field: "input.applicant.name", rule: "bidiControls" },
    { name: "an applicant name with NUL", as: "clerk", query: `mutation($i: RegisterCaseInput!) { registerCase(input: $i) { userErrors { code } } }`, variables: { i: { itemCode: "X", applicant: applicant("张\u0000三"), idempotencyKey: "k3" } }, field: "input.applicant.name", rule: "controlCharacters" },
    { name: "a window name of blanks", as: "admin", query: `mutation($i: CreateServiceWindowInput!) { createServiceWindow(input: $i) { userErrors { code } } }`, variables: { i: { pointCode: "421081", code: "Z9", number: 91, name: " \u3000\u2060 ", kind: "FINANCE" } }, field: "input.name", rule: "visible" },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with BAD_USER_INPUT naming \`${c.field}\` (${c.rule})`, async () => {
      const result = await clients[c.as].gql(c.query, c.variables ?? {});
      total++;
      const error = result.errors?.[0];
      if (error?.extensions?.code === "INTERNAL_SERVER_ERROR") internal++;
      expect(error?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error?.extensions?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: c.field, rule: c.rule })]));
      expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.ts:\d+/i);
    });
  }

  it("takes multi-line text where it is allowed (a return reason with tabs and newlines passes the text rules)", async () => {
    const result = await clients.clerk.gql(
      `mutation($i: ReturnCaseInput!) { returnCase(input: $i) { userErrors { code field } } }`,
      { i: { caseNumber: "42108120260101999999", category: "NOT_IN_SCOPE", reason: "第一行\n\t第二行" } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.returnCase.userErrors[0].code).toBe("NOT_FOUND");
  });
});

describe("a database data error that slips past the checks", () => {
  it("is the client's BAD_USER_INPUT without the database's words, not an internal error", async () => {
    const { QueryFailedError } = await import("typeorm");
    const { formatError } = await import("../../server/src/http/app");
    const driverError = Object.assign(new Error('invalid input syntax for type integer: "420000199001011234"'), { code: "22P02" });
    const error = { originalError: new QueryFailedError("SELECT $1::int", ["420000199001011234"], driverError) };
    const formatted = formatError({ message: "x", path: ["q"], extensions: { code: "INTERNAL_SERVER_ERROR" } }, error);
    expect(formatted.extensions).toEqual({ code: "BAD_USER_INPUT", rule: "dataFormat", reason: "INVALID_DATA", params: {} });
    expect(JSON.stringify(formatted)).not.toContain("4200001990");
  });
});
