// npm run bench: the guide search through the whole stack (Express + Apollo + type-graphql + TypeORM)
// against a bare node:http handler running the same SQL, measured in one run, interleaved rounds.
// Server processes are pinned to core 0 and the load generator to core 1 where taskset exists.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const QUERY = `query Guide($search: String!, $first: Int!) { serviceItems(search: $search, first: $first) { totalCount nodes { code name promisedLimitDays department { name } } } }`;
const VARIABLES = { search: "登记", first: 20 };

const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return true;
  } catch {
    return false;
  }
})();
if (hasTaskset) execFileSync("taskset", ["-pc", "1", String(process.pid)], { stdio: "ignore" });

function start(script, env, readyPattern) {
  const command = hasTaskset ? "taskset" : process.execPath;
  const args = hasTaskset ? ["-c", "0", process.execPath, script] : [script];
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start`)), 120_000);
    const done = () => {
      clearTimeout(timer);
      resolve(child);
    };
    child.on("message", (m) => m === "ready" && done());
    child.stdout.on("data", (chunk) => readyPattern && readyPattern.test(String(chunk)) && done());
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function post(url) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY, variables: VARIABLES }) });
  return response.json();
}

async function load(url) {
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: QUERY, variables: VARIABLES }),
  });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-bench-"));
  const sqlitePath = path.join(dir, "bench.sqlite");
  const stackPort = 4500 + Math.floor(Math.random() * 400);
  const barePort = stackPort + 1;
  const stack = await start(path.join(root, "server/dist/server/src/main.js"), {
    SQLITE_PATH: sqlitePath,
    PORT: String(stackPort),
    PUBLIC_RATE_LIMIT: "100000000",
    DATABASE_URL: "",
  }, /serving/);
  const bare = await start(path.join(root, "tests/bench/bare-guide-server.mjs"), { SQLITE_PATH: sqlitePath, PORT: String(barePort) });
  const urls = { stack: `http://127.0.0.1:${stackPort}/graphql`, bare: `http://127.0.0.1:${barePort}/` };
  try {
    const [a, b] = [await post(urls.stack), await post(urls.bare)];
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two answers differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    console.log(`guide search "${VARIABLES.search}", first ${VARIABLES.first}: ${a.data.serviceItems.totalCount} matches, same JSON from both (${JSON.stringify(a).length} bytes)`);
    await load(urls.stack); // warm-up of both
    await load(urls.bare);
    const runs = { stack: [], bare: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of round % 2 ? ["bare", "stack"] : ["stack", "bare"]) runs[name].push(await load(urls[name]));
    }
    const summary = Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [name, { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) }]),
    );
    console.log(`\n${ROUNDS} interleaved rounds of ${SECONDS} s, ${CONNECTIONS} connections, medians${hasTaskset ? ", server on core 0, load on core 1" : ""}:`);
    console.log("                         req/s     p50 ms   p99 ms");
    for (const [name, label] of [["bare", "bare node:http + SQL"], ["stack", "Bianmin GraphQL stack"]]) {
      const s = summary[name];
      console.log(`${label.padEnd(22)} ${s.rps.toFixed(0).padStart(8)} ${String(s.p50).padStart(9)} ${String(s.p99).padStart(8)}`);
    }
    console.log(`\nratio stack/bare throughput: ${(summary.stack.rps / summary.bare.rps).toFixed(3)}`);
  } finally {
    stack.kill("SIGTERM");
    bare.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
