// The representative mix of multi.mjs and soak.mjs, through nginx in front of N API processes (deploy/cluster.mjs):
//   guide search   anonymous guideSearch("营业执照"), the public's most frequent request
//   case read      a registered case by number through an integration's token (cases:read)
//   registration   registerCase through an API token (cases:write, bound to the city centre, externalRef and an
//                  idempotency key per registration), as a provincial platform registers online applications
import os from "node:os";
import pg from "pg";

export const PASSWORD = "bianmin2026";
export const GUIDE = `query Guide($search: String!) { guideSearch(search: $search, first: 10) { query correctedTo items { totalCount nodes { code name promisedLimitDays department { name } } } } }`;
export const READ = `query Read($number: String!) { case(number: $number) { number status kind registeredAt receivedOn window { code } item { code name } } }`;
export const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status } userErrors { field reason } } }`;
const ISSUE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } userErrors { reason } } }`;
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { staff { id } userErrors { message } } }`;

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

export async function login(url, username) {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: LOGIN, variables: { i: { username, password: PASSWORD } } }) });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  return cookie;
}

/** One GraphQL POST; resolves with { status, body } or rejects on a connection error. */
export async function gql(url, query, variables, headers = {}, timeoutMs = 30_000) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // nginx's own 502/504 page
  }
  return { status: response.status, body };
}

/**
 * The fixtures of a run on a fresh database: an item of window C01 with its materials, a token with cases:read and
 * cases:write bound to the city centre (421081), a clerk's session at C01 for the live subscription.
 */
export async function workloadFixtures(url, databaseUrl) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const item = (await db.query(`SELECT i.id, i.code FROM window_item wi JOIN service_window w ON w.id = wi."windowId" JOIN service_item i ON i.id = wi."itemId"
      WHERE w.code = 'C01' AND i.active AND i.level = 'CITY' ORDER BY i.code LIMIT 1`)).rows[0];
    const materialIds = (await db.query(`SELECT id FROM material WHERE "itemId" = $1 AND active ORDER BY seq`, [item.id])).rows.map((m) => String(m.id));
    const admin = { cookie: await login(url, "admin") };
    const issued = await gql(url, ISSUE, { input: { name: "压测 省平台", scopes: ["cases:read", "cases:write"], pointCodes: ["421081"], rateLimitPerMinute: 100000, expiresInDays: 1 } }, admin);
    const secret = issued.body?.data?.createApiToken?.created?.secret;
    if (!secret) throw new Error(`createApiToken: ${JSON.stringify(issued.body)}`);
    const clerk = await login(url, "c01");
    return { item: item.code, materialIds, token: { authorization: `Bearer ${secret}` }, clerkCookie: clerk };
  } finally {
    await db.end();
  }
}

/** The input of registration `key` (the same input on every retry of that key, as the idempotency key demands). */
export function registration(fixtures, key) {
  return {
    input: {
      itemCode: fixtures.item,
      applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" },
      materialIds: fixtures.materialIds,
      pointCode: "421081",
      externalRef: `ext-${key}`,
      idempotencyKey: key,
    },
  };
}
