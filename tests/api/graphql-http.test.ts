import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodingFor } from "../../server/src/http/graphql-http";
import { startTestApp, type TestApp } from "../support/app";

/**
 * POST and GET /graphql go from node:http straight to Apollo (server/src/http/graphql-http.ts); `/graphql/` still
 * goes through Express (its mount matches the trailing slash), as every GraphQL request did before. Each request
 * here is sent to both and must get the same answer: status, the headers a client acts on, and body.
 */
describe("GraphQL over HTTP without Express gives Express's answers (issue 11 §1)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { trustProxy: ["loopback"], publicRateLimitPerMinute: 100_000 } });
  });
  afterAll(() => t.close());

  const HEADERS = ["content-type", "cache-control", "vary", "content-encoding", "etag", "www-authenticate"];
  async function both(init: RequestInit & { search?: string }) {
    const out = [];
    for (const path of ["/graphql", "/graphql/"]) {
      const response = await fetch(`${t.url}${path}${init.search ?? ""}`, { ...init });
      const headers = Object.fromEntries(HEADERS.map((h) => [h, response.headers.get(h)]));
      const cookies = response.headers.getSetCookie().map((c) => c.replace(/^(\w+)=[^;]*/, "$1=…").replace(/Expires=[^;]+/, (e) => (e.includes("1970") ? e : "Expires=…")));
      out.push({ status: response.status, headers, cookies, body: await response.text() });
    }
    expect(out[0], JSON.stringify(init)).toEqual(out[1]);
    return out[0];
  }
  const json = { "content-type": "application/json" };
  const statusOf = (path: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      http.get(`${t.url}${path}`, { headers }, (response) => resolve(response.resume().statusCode!)).on("error", reject);
    });

  it("answers a query alike, small uncompressed and large compressed with the encoding compression picked", async () => {
    const small = await both({ method: "POST", headers: { ...json, "accept-encoding": "gzip, br" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(small).toMatchObject({ status: 200, headers: { "content-encoding": null, "cache-control": "no-store", vary: "Accept-Encoding" }, });
    expect(JSON.parse(small.body).data).toEqual({ __typename: "Query" });
    expect(small.headers.etag).toMatch(/^W\/"/);
    const big = JSON.stringify({ query: `{ serviceItems(first: 50) { nodes { code name } } }` });
    for (const [accept, expected] of [["gzip, br", "br"], ["gzip", "gzip"], ["deflate", "deflate"], ["br;q=0.5, gzip", "gzip"], ["identity", null], ["*", "br"], ["gzip;q=0, *;q=0.1", "br"]] as const) {
      const answer = await both({ method: "POST", headers: { ...json, "accept-encoding": accept }, body: big });
      expect(answer.headers["content-encoding"], accept).toBe(expected);
      expect(encodingFor(accept)).toBe(expected);
    }
  });

  it("answers GET queries, with 304 for a matching If-None-Match, and refuses mutations over GET", async () => {
    const search = `?query=${encodeURIComponent("{ __typename }")}`;
    const first = await both({ method: "GET", search, headers: { "apollo-require-preflight": "1" } });
    expect(first.status).toBe(200);
    // fetch adds Cache-Control: no-cache to a conditional request (an end-to-end reload: never 304); node:http does not.
    const conditional = await Promise.all(["/graphql", "/graphql/"].map((path) => statusOf(`${path}${search}`, { "apollo-require-preflight": "1", "if-none-match": first.headers.etag! })));
    expect(conditional).toEqual([304, 304]);
    const reload = await both({ method: "GET", search, headers: { "apollo-require-preflight": "1", "if-none-match": first.headers.etag! } });
    expect(reload.status).toBe(200);
    const mutation = await both({ method: "GET", search: `?query=${encodeURIComponent("mutation { logout }")}`, headers: { "apollo-require-preflight": "1" } });
    expect(mutation.status).toBe(405);
    const csrf = await both({ method: "GET", search });
    expect(csrf.status).toBe(400); // Apollo's CSRF prevention: a simple GET without a preflight header
  });

  it("answers bad bodies alike: JSON that does not parse, a non-object, an empty body, a missing query", async () => {
    for (const body of ["{ not json", `"a string"`, "  7", "", "{}", "[]", "\ufeff{\"query\":\"{ __typename }\"}"]) {
      const answer = await both({ method: "POST", headers: json, body });
      expect(answer.status, body).toBeGreaterThanOrEqual(body.includes("__typename") ? 200 : 400);
    }
  });

  it("leaves other requests to Express: another content type, charset, a body over 200 kB (413)", async () => {
    for (const type of ["text/plain", "application/json; charset=latin1", "application/graphql-response+json"]) {
      const answer = await both({ method: "POST", headers: { "content-type": type }, body: JSON.stringify({ query: "{ __typename }" }) });
      expect(answer.status, type).toBeGreaterThanOrEqual(400);
    }
    const big = await both({ method: "POST", headers: json, body: JSON.stringify({ query: "{ __typename }", variables: { x: "x".repeat(210_000) } }) });
    expect(big.status).toBe(413);
  });

  it("sets and clears the session cookie alike, and resolves the session from it", async () => {
    const login = JSON.stringify({ query: `mutation($i: LoginInput!) { login(input: $i) { staff { username } } }`, variables: { i: { username: "c01", password: "bianmin2026" } } });
    const answers = await both({ method: "POST", headers: json, body: login });
    expect(answers.cookies).toEqual(["bianmin_session=…; Path=/; Expires=…; HttpOnly; SameSite=Lax"]);
    const response = await fetch(`${t.url}/graphql`, { method: "POST", headers: json, body: login });
    const cookie = response.headers.get("set-cookie")!.split(";")[0];
    const me = await both({ method: "POST", headers: { ...json, cookie: `other=1; ${cookie}` }, body: JSON.stringify({ query: "{ me { username } }" }) });
    expect(JSON.parse(me.body).data.me).toEqual({ username: "c01" });
    // Logging out on the fast path clears the cookie as Express's res.clearCookie did.
    const out = await fetch(`${t.url}/graphql`, { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ query: "mutation { logout }" }) });
    expect(out.headers.getSetCookie()).toEqual(["bianmin_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax"]);
  });

  it("refuses a bad bearer token alike: 401 with WWW-Authenticate, worded per Accept-Language", async () => {
    for (const language of ["zh-CN", "en"]) {
      const answer = await both({ method: "POST", headers: { ...json, authorization: "Bearer bmt_nope", "accept-language": language }, body: JSON.stringify({ query: "{ __typename }" }) });
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Bearer error="invalid_token"');
    }
  });
});
