// npm run bench:profile — where a request's time goes: the stack under `node --cpu-prof`, loaded with one request
// (`{ __typename }`, the guide search, C18's window queue or a registration at C18) for N seconds, then the
// profile's self time by layer (package or source directory) and its top functions, per request. Not part of
// npm run bench's figures; for tests/bench/README.md. queue and register run on a copy of the cached
// BENCH_CASES-case database of npm run bench (data/bench/), as the clerk c18.
//   node tests/bench/profile.mjs typename|guide|queue|register [seconds]
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { CASES, cachedCasesDb, copyDb, freePorts, load, login, root, stackEnv, start, stop } from "./lib.mjs";

const which = process.argv[2] ?? "typename";
const seconds = Number(process.argv[3] ?? 10);
const BODIES = {
  typename: { query: `{ __typename }` },
  guide: { query: `query Guide($search: String!, $first: Int!) { serviceItems(search: $search, first: $first) { totalCount nodes { code name promisedLimitDays department { name } } } }`, variables: { search: "登记", first: 20 } },
  queue: { query: `query Queue($windowCode: String!, $first: Int!) { windowQueue(windowCode: $windowCode, first: $first) { totalCount nodes { number status deadline deadlineState item { name } } } }`, variables: { windowCode: "C18", first: 20 } },
};
const REGISTER = `mutation Register($input: RegisterCaseInput!) { registerCase(input: $input) { case { number status kind registeredAt receivedOn window { code name } handlingPoint { code name } } userErrors { field message } } }`;
const bigCases = which === "queue" || which === "register";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-profile-"));
const [port] = await freePorts(1);
const dbFile = path.join(tmp, "p.sqlite");
if (bigCases) copyDb(cachedCasesDb(CASES), dbFile);
let materialIds = [];
if (which === "register") {
  const db = new (createRequire(import.meta.url)("better-sqlite3"))(dbFile, { readonly: true });
  materialIds = db.prepare(`SELECT m.id FROM material m JOIN service_item i ON i.id = m."itemId" WHERE i.code = 'SLJ-001' AND m.active = 1 ORDER BY m.seq`).all().map((m) => String(m.id));
  db.close();
}
const server = await start(path.join(root, "server/dist/server/src/main.js"), { ...stackEnv(dbFile, port), SCHEDULER_INTERVAL_MS: "0" }, /serving/, ["--cpu-prof", `--cpu-prof-dir=${tmp}`]);
const url = `http://127.0.0.1:${port}/graphql`;
const headers = bigCases ? { cookie: await login(url, "c18") } : {};
let n = 0;
const registerBody = () => {
  const input = { itemCode: "SLJ-001", applicant: { name: "张三", idNumber: "421081198001011232", phone: "13871234567" }, materialIds, idempotencyKey: `profile-${++n}` };
  return JSON.stringify({ query: REGISTER, variables: { input } });
};
const request = which === "register" ? { nextBody: registerBody, headers } : { body: JSON.stringify(BODIES[which]), headers };
await load(url, { ...request, seconds: 2 }); // warm
const t0 = Date.now();
const result = await load(url, { ...request, seconds });
const wall = Date.now() - t0;
await stop(server);
const file = fs.readdirSync(tmp).find((f) => f.endsWith(".cpuprofile"));
const profile = JSON.parse(fs.readFileSync(path.join(tmp, file), "utf8"));
fs.rmSync(tmp, { recursive: true, force: true });

// Self time per node, restricted to the measured window (samples after the warm-up).
const start0 = profile.startTime;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let t = start0;
const from = profile.endTime - wall * 1000;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i];
  if (t >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
});
const layerOf = (url) => {
  if (!url) return "(native / V8 / idle)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const s = /server\/dist\/server\/src\/(.+?)\/[^/]+\.js$/.exec(url) ?? /server\/dist\/(migrations)\//.exec(url);
  if (s) return `bianmin ${s[1]}`;
  if (url.startsWith("node:")) return "node core";
  return url;
};
const layers = new Map(), fns = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  const layer = n.callFrame.functionName === "(idle)" ? "(idle)" : n.callFrame.functionName === "(garbage collector)" ? "(garbage collector)" : layerOf(n.callFrame.url);
  layers.set(layer, (layers.get(layer) ?? 0) + us);
  const fn = `${n.callFrame.functionName || "(anonymous)"} ${layer}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
}
const requests = result.ok;
const busy = [...layers].filter(([l]) => l !== "(idle)").reduce((a, [, us]) => a + us, 0);
console.log(`${which}: ${requests} requests in ${seconds} s (${result.rps.toFixed(0)} req/s); CPU busy ${(busy / 1000).toFixed(0)} ms = ${(busy / requests).toFixed(0)} µs per request`);
console.log(`self time per request by layer:`);
for (const [l, us] of [...layers].filter(([l]) => l !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`  ${(us / requests).toFixed(1).padStart(7)} µs  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${l}`);
console.log(`top functions (self):`);
for (const [f, us] of [...fns].filter(([f]) => !f.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${(us / requests).toFixed(1).padStart(7)} µs  ${f}`);
// PROFILE_CALLERS=<regex>: who calls the functions whose name matches, by self time of the match under each caller chain.
if (process.env.PROFILE_CALLERS) {
  const match = new RegExp(process.env.PROFILE_CALLERS);
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!match.test(n.callFrame.functionName)) continue;
    const chain = [];
    for (let p = parent.get(id); p !== undefined && chain.length < 6; p = parent.get(p)) {
      const f = byId.get(p).callFrame;
      chain.push(`${f.functionName || "(anonymous)"} ${layerOf(f.url)}:${f.lineNumber + 1}`);
    }
    const key = `${n.callFrame.functionName} ← ${chain.join(" ← ")}`;
    chains.set(key, (chains.get(key) ?? 0) + us);
  }
  console.log(`callers of /${process.env.PROFILE_CALLERS}/:`);
  for (const [k, us] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(us / requests).toFixed(1).padStart(7)} µs  ${k}`);
}
