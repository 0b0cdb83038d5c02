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
    expect(result.login.userErrors).toEqual([{ field: ["input", "password"], message: "用户名或密码错误。", code: "INVALID_CREDENTIALS" }]);
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
    // Idle 30 minutes, counted from the last refresh of lastSeenAt (at most a tenth of the limit, a minute, behind).
    clock.advance(32 * 60_000);
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

const LOCKED_LOGIN = `mutation($input: LoginInput!) { login(input: $input) { staff { username } lockedUntil userErrors { field message code } } }`;

describe("login lockout per account", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T01:00:00Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock, config: { loginLockAfter: 5, loginLockMinutes: 1, loginLockMaxMinutes: 60 } });
  });
  afterAll(() => t.close());

  const attempt = async (username: string, password = "wrong") => {
    const { login } = await t.anonymous().ok(LOCKED_LOGIN, { input: { username, password } });
    return login as { staff: { username: string } | null; lockedUntil: string | null; userErrors: { code: string; message: string }[] };
  };
  const lockedMinutes = (login: { lockedUntil: string | null }) => (login.lockedUntil ? (Date.parse(login.lockedUntil) - clock.now().getTime()) / 60_000 : 0);

  it("locks after 5 failures for 1 minute, doubling with each further failure up to an hour", async () => {
    const locks: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const login = await attempt("c03");
      locks.push(lockedMinutes(login));
      expect(login.userErrors[0].code).toBe(i < 5 ? "INVALID_CREDENTIALS" : "ACCOUNT_LOCKED");
      if (login.lockedUntil) {
        // While locked even the right password is refused, and the attempt does not count.
        const right = await attempt("c03", "bianmin2026");
        expect(right).toMatchObject({ staff: null, lockedUntil: login.lockedUntil, userErrors: [{ code: "ACCOUNT_LOCKED" }] });
        expect(right.userErrors[0].message).toMatch(/账号已锁定至 2026\/11\/26 \d\d:\d\d:\d\d（北京时间）/);
        clock.advance(lockedMinutes(login) * 60_000 + 1000);
      }
    }
    console.info(`[auth.test] failed attempts 1–12 → lock minutes ${locks.join(", ")}`);
    expect(locks).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it("a success resets the count", async () => {
    expect((await attempt("c03", "bianmin2026")).staff?.username).toBe("c03");
    for (let i = 0; i < 4; i++) expect((await attempt("c03")).userErrors[0].code).toBe("INVALID_CREDENTIALS");
    expect((await attempt("c03", "bianmin2026")).staff?.username).toBe("c03");
    for (let i = 0; i < 4; i++) expect((await attempt("c03")).userErrors[0].code).toBe("INVALID_CREDENTIALS");
    expect((await attempt("c03")).userErrors[0].code).toBe("ACCOUNT_LOCKED");
  });

  it("locks an unknown username the same way, so a lock does not tell which accounts exist", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt("no.such.user")).userErrors[0].code);
    expect(codes).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "ACCOUNT_LOCKED"]);
  });

  it("the centre admin lifts a lock (audited); nobody else may", async () => {
    for (let i = 0; i < 5; i++) await attempt("c04");
    expect((await attempt("c04", "bianmin2026")).userErrors[0].code).toBe("ACCOUNT_LOCKED");
    const UNLOCK = `mutation($u: String!) { unlockStaff(username: $u) { staff { username } userErrors { code field } } }`;
    const clerk = await t.as("c05");
    expect((await clerk.gql(UNLOCK, { u: "c04" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const admin = await t.as("admin");
    expect((await admin.ok(UNLOCK, { u: "nobody" })).unlockStaff).toEqual({ staff: null, userErrors: [{ code: "NOT_FOUND", field: ["username"] }] });
    expect((await admin.ok(UNLOCK, { u: "C04" })).unlockStaff).toEqual({ staff: { username: "c04" }, userErrors: [] });
    const [audit] = await t.app.services.db.manager.query(`SELECT action, detail FROM audit_entry WHERE action = 'auth.unlock'`);
    expect(audit.action).toBe("auth.unlock");
    expect(String(audit.detail)).toContain('"failures":5');
    expect((await attempt("c04", "bianmin2026")).staff?.username).toBe("c04");
  });
});

describe("per-address limits and X-Forwarded-For", () => {
  const post = (url: string, query: string, variables: Record<string, unknown>, forwardedFor: string) =>
    fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor }, body: JSON.stringify({ query, variables }) });
  const codesOf = async (url: string, n: number, query = `{ networkSummary { totalPoints } }`, variables: Record<string, unknown> = {}) => {
    const out: (string | number)[] = [];
    for (let i = 0; i < n; i++) {
      const response = await post(url, query, variables, `203.0.113.${i + 1}`);
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      out.push(body.errors?.[0].extensions?.code ?? response.status);
    }
    return out;
  };

  it("ignores X-Forwarded-For from a peer not listed in TRUST_PROXY (the default: none)", async () => {
    const t = await startTestApp({ config: { publicRateLimitPerMinute: 5 } });
    try {
      expect(t.app.services.config.trustProxy).toBe(false);
      expect(await codesOf(t.url, 7)).toEqual([200, 200, 200, 200, 200, "RATE_LIMITED", "RATE_LIMITED"]);
    } finally {
      await t.close();
    }
  });

  it("believes X-Forwarded-For from a listed proxy", async () => {
    const t = await startTestApp({ config: { publicRateLimitPerMinute: 5, trustProxy: ["loopback"] } });
    try {
      expect(await codesOf(t.url, 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    } finally {
      await t.close();
    }
  });

  it("limits login attempts per address with RATE_LIMITED and 429, whatever X-Forwarded-For says", async () => {
    const t = await startTestApp({ config: { loginRateLimitPerMinute: 3 } });
    try {
      const codes = await codesOf(t.url, 4, LOCKED_LOGIN, { input: { username: "c06", password: "wrong" } });
      expect(codes).toEqual([200, 200, 200, "RATE_LIMITED"]);
      const response = await post(t.url, LOCKED_LOGIN, { input: { username: "c06", password: "bianmin2026" } }, "198.51.100.1");
      expect(response.status).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe("API token rate limit", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T01:00:10Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock, config: { tokenRateLimitPerMinute: 3 } });
  });
  afterAll(() => t.close());

  it("stops a token after its allowance per minute with RATE_LIMITED and 429; other tokens go on", async () => {
    const admin = await t.as("admin");
    const create = async (name: string) =>
      (await admin.ok(`mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } } }`, { input: { name, scopes: ["catalogue:read"] } }))
        .createApiToken.created.secret as string;
    const [first, second] = [new ApiClient(t.url, await create("系统甲")), new ApiClient(t.url, await create("系统乙"))];
    const query = `{ serviceItems(first: 1) { totalCount } }`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await first.gql(query));
    expect(results.map((r) => r.errors?.[0].extensions?.code ?? "ok")).toEqual(["ok", "ok", "ok", "RATE_LIMITED"]);
    expect(results[3].status).toBe(429);
    expect((await second.gql(query)).errors).toBeUndefined();
    clock.advance(60_000);
    expect((await first.gql(query)).errors).toBeUndefined();
  });
});

describe("session refresh with a short idle limit", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-11-26T01:00:00Z"));
  beforeAll(async () => {
    t = await startTestApp({ clock, config: { sessionIdleMinutes: 1 } });
  });
  afterAll(() => t.close());

  it("never cuts off a user whose requests are less than the idle limit apart, and cuts off one who stops", async () => {
    const client = await t.as("c07");
    for (const gap of [50, 59, 30, 59, 59, 5, 59, 59, 59, 59, 60]) {
      clock.advance(gap * 1000);
      expect((await client.ok(ME)).me?.username).toBe("c07");
    }
    clock.advance(67_000);
    expect((await client.ok(ME)).me).toBeNull();
  });
});
