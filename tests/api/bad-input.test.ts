import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";

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

  it("refuses a foreign or unknown id as NOT_FOUND, changing nothing", async () => {
    const admin = await t.as("admin");
    const before = await auditRows();
    const result = await admin.ok(`mutation { removeWindowSchedule(id: "99999999") { schedule { id } userErrors { code field } } }`);
    expect(result.removeWindowSchedule).toEqual({ schedule: null, userErrors: [{ code: "NOT_FOUND", field: ["id"] }] });
    const text = await admin.ok(`mutation { deactivateMaterial(id: "abc") { material { id } userErrors { code field } } }`);
    expect(text.deactivateMaterial.userErrors).toEqual([{ code: "NOT_FOUND", field: ["id"] }]);
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
