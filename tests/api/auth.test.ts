import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { ApiClient, startTestApp, type TestApp } from "../support/app";

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { staff { username role window { code } } userErrors { field message code } } }`;
const ME = `{ me { username role point { code } window { code } department { code } } }`;

describe("staff login and sessions", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T01:00:00Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it("logs in with the right password and sets an HTTP-only session cookie", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: LOGIN, variables: { input: { username: "c01", password: "bianmin2026" } } }),
    });
    const body = (await response.json()) as any;
    expect(body.data.login).toEqual({ staff: { username: "c01", role: "WINDOW_CLERK", window: { code: "C01" } }, userErrors: [] });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^bianmin_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password with a typed user error and no cookie", async () => {
    const client = t.anonymous();
    const result = await client.ok(LOGIN, { input: { username: "c01", password: "wrong" } });
    expect(result.login.staff).toBeNull();
    expect(result.login.userErrors).toEqual([{ field: ["input", "password"], message: "Wrong username or password.", code: "INVALID_CREDENTIALS" }]);
    expect(client.cookie).toBeUndefined();
    expect((await client.ok(ME)).me).toBeNull();
  });

  it("refuses an unknown username the same way", async () => {
    const result = await t.anonymous().ok(LOGIN, { input: { username: "nobody", password: "bianmin2026" } });
    expect(result.login.userErrors[0].code).toBe("INVALID_CREDENTIALS");
  });

  it("knows who is logged in, and forgets after logout, server-side", async () => {
    const client = await t.as("gaj.deputy");
    expect((await client.ok(ME)).me).toEqual({
      username: "gaj.deputy",
      role: "DEPUTY_DIRECTOR",
      point: { code: "421081" },
      window: null,
      department: { code: "GAJ" },
    });
    const oldCookie = client.cookie;
    expect((await client.ok(`mutation { logout }`)).logout).toBe(true);
    const replay = new ApiClient(t.url);
    replay.cookie = oldCookie;
    expect((await replay.ok(ME)).me).toBeNull();
  });

  it("expires a session after the idle limit and after its lifetime", async () => {
    const client = await t.as("c02");
    clock.advance(29 * 60_000);
    expect((await client.ok(ME)).me?.username).toBe("c02");
    clock.advance(31 * 60_000);
    expect((await client.ok(ME)).me).toBeNull();
  });

  it("treats a forged cookie as anonymous", async () => {
    const client = new ApiClient(t.url);
    client.cookie = "bianmin_session=forged";
    expect((await client.ok(ME)).me).toBeNull();
  });
});

describe("API tokens", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T01:00:00Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const CREATE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret token { id prefix scopes expiresAt } } userErrors { field code message } } }`;

  it("shows the secret once, stores only its hash, and honours scopes and expiry", async () => {
    const admin = await t.as("admin");
    const { createApiToken } = await admin.ok(CREATE, { input: { name: "省政务服务平台", scopes: ["catalogue:read"], expiresInDays: 30 } });
    const { secret, token } = createApiToken.created;
    expect(secret).toMatch(/^bmt_/);
    expect(token.prefix).toBe(secret.slice(0, 10));
    const list = await admin.ok(`{ apiTokens(first: 10) { nodes { id name prefix } } }`);
    expect(JSON.stringify(list)).not.toContain(secret);
    const rows = await t.app.services.db.manager.query(`SELECT "tokenHash" FROM api_token`);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].tokenHash).not.toContain(secret);

    const integration = new ApiClient(t.url, secret);
    const staffQuery = `{ staffMembers(first: 1) { totalCount } }`;
    expect((await integration.gql(staffQuery)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await integration.ok(`{ serviceItems(first: 1) { totalCount } }`)).serviceItems.totalCount).toBe(500);

    clock.advance(31 * 86_400_000);
    expect((await integration.gql(staffQuery)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses unknown scopes and stops a revoked token at once", async () => {
    const admin = await t.as("admin");
    const bad = await admin.ok(CREATE, { input: { name: "测试系统", scopes: ["everything"], expiresInDays: 30 } });
    expect(bad.createApiToken).toMatchObject({ created: null, userErrors: [{ field: ["input", "scopes"], code: "INVALID" }] });
    const { createApiToken } = await admin.ok(CREATE, { input: { name: "监察系统", scopes: ["staff:read"], expiresInDays: 30 } });
    const integration = new ApiClient(t.url, createApiToken.created.secret);
    expect((await integration.ok(`{ staffMembers(first: 1) { totalCount } }`)).staffMembers.totalCount).toBeGreaterThan(300);
    await admin.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { token { revokedAt } userErrors { message } } }`, {
      id: createApiToken.created.token.id,
    });
    expect((await integration.gql(`{ staffMembers(first: 1) { totalCount } }`)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
