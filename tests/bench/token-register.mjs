// BENCH_ONLY=token-register: registerCase through an API token (cases:write, bound to the city centre, with
// pointCode and externalRef; its call audited) against the same registration through a clerk's session, on
// the same server and database in the same run: interleaved rounds, medians, ratio token/session.
import path from "node:path";
import { createRequire } from "node:module";
import { CONNECTIONS, ROUNDS, SECONDS, freePorts, load, login, post, removeDb, stackEnv, start, stop, summarize } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status registeredAt window { code } } userErrors { field reason } } }`;
const ISSUE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } userErrors { reason } } }`;

export async function tokenRegisterBench(tmp, main) {
  const file = path.join(tmp, "token-register.sqlite");
  const [port] = await freePorts(1);
  const server = await start(main, stackEnv(file, port), /serving/);
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    const db = new Database(file, { readonly: true });
    const win = db.prepare(`SELECT * FROM service_window WHERE code = 'C01'`).get();
    const item = db.prepare(`SELECT i.* FROM window_item wi JOIN service_item i ON i.id = wi."itemId" WHERE wi."windowId" = ? AND i.active = 1 ORDER BY i.code LIMIT 1`).get(win.id);
    const materialIds = db.prepare(`SELECT id FROM material WHERE "itemId" = ? AND active = 1 ORDER BY seq`).all(item.id).map((m) => String(m.id));
    const clerk = db.prepare(`SELECT username FROM staff WHERE "windowId" = ? AND role = 'WINDOW_CLERK' LIMIT 1`).get(win.id).username;
    db.close();
    const admin = { cookie: await login(url, "admin") };
    const issued = await post(url, { query: ISSUE, variables: { input: { name: "bench 省平台", scopes: ["cases:write"], pointCodes: ["421081"], rateLimitPerMinute: 100000, expiresInDays: 1 } } }, admin);
    const secret = issued.data.createApiToken.created.secret;
    const headers = { session: { cookie: await login(url, clerk) }, token: { authorization: `Bearer ${secret}` } };
    const input = { itemCode: item.code, applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" }, materialIds };
    let n = 0;
    const body = (name, key) => {
      const k = `${key}-${++n}`;
      return JSON.stringify({ query: REGISTER, variables: { input: name === "token" ? { ...input, idempotencyKey: k, pointCode: "421081", externalRef: `ext-${k}` } : { ...input, idempotencyKey: k } } });
    };
    const check = { token: await post(url, JSON.parse(body("token", "check")), headers.token), session: await post(url, JSON.parse(body("session", "check")), headers.session) };
    for (const [name, answer] of Object.entries(check)) if (answer.errors || answer.data.registerCase.userErrors.length) throw new Error(`token-register ${name}: ${JSON.stringify(answer)}`);
    console.log(`\n[token-register] ${item.code} at 421081: through a cases:write token and as ${clerk}; both register (${check.token.data.registerCase.case.number}, ${check.session.data.registerCase.case.number})`);
    const runs = { token: [], session: [] };
    for (const name of ["token", "session"]) await load(url, { nextBody: () => body(name, `warm-${name}`), headers: headers[name], seconds: Math.min(2, SECONDS) });
    for (let i = 1; i <= ROUNDS; i++) {
      for (const name of i % 2 ? ["token", "session"] : ["session", "token"]) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        runs[name].push(await load(url, { nextBody: () => body(name, `bench-${name}-${i}`), headers: headers[name] }));
      }
    }
    const token = summarize(runs.token), session = summarize(runs.session);
    const audited = new Database(file, { readonly: true });
    const calls = audited.prepare(`SELECT COUNT(*) AS n FROM audit_entry WHERE action = 'token.call'`).get().n;
    const refs = audited.prepare(`SELECT COUNT(*) AS n FROM token_case_ref`).get().n;
    audited.close();
    console.log(`${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians; ${refs} cases registered through the token, ${calls} token calls audited`);
    console.log(`  through the token: ${token.rps.toFixed(0)} req/s, p50 ${token.p50} ms, p99 ${token.p99} ms`);
    console.log(`  session (clerk):   ${session.rps.toFixed(0)} req/s, p50 ${session.p50} ms, p99 ${session.p99} ms`);
    console.log(`  ratio token/session (req/s): ${(token.rps / session.rps).toFixed(3)}`);
    return { token, session, ratio: token.rps / session.rps };
  } finally {
    await stop(server);
    removeDb(file);
  }
}
