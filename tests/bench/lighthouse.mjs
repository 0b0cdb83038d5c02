// The public guide's delivery goals (issue 9 §6), measured, never a timed test. Run by `npm run bench` (after the
// build) with BENCH_ONLY=lighthouse, or on its own: `npm run build && node tests/bench/lighthouse.mjs`.
//   Lighthouse (npm `lighthouse`, Debian Chromium /usr/bin/chromium or CHROME_PATH) on the real server with the demo
//   catalogue: /guide performance ≥ 90 desktop and ≥ 70 mobile, accessibility 100, CLS < 0.1 (median of BENCH_LH_RUNS, 3).
//   Initial JS of / and /guide, gzipped: the entry chunk and everything it imports statically (Vite's manifest), against a
//   blank Vite + React app built in the same run with the same Vite: ratio ≤ 3.5.
//   The blank app also goes through Lighthouse in the same run (served gzipped by a bare node:http server): its scores
//   and Lighthouse's CPU benchmark index say how busy the machine was; scores on a loaded machine mean little.
// Exits with 1 when a goal is missed.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { freePorts, root, stackEnv, start, stop } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const MAIN = path.join(root, "server/dist/server/src/main.js");
const CLIENT = path.join(root, "client");
/** The routes whose first load is measured; both are in the entry chunk (router.tsx), the rest load on demand. */
const ROUTES = ["/", "/guide"];
export const GOALS = { desktop: 90, mobile: 70, accessibility: 100, cls: 0.1, jsRatio: 3.5 };

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** JS files a page loads before it renders: the entry of index.html and its static imports, transitively. */
function initialJs(dist) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, ".vite/manifest.json"), "utf8"));
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit("index.html");
  const list = [...files].filter((f) => f.endsWith(".js"));
  return { files: list, gzip: list.reduce((sum, f) => sum + gzipSize(path.join(dist, f)), 0) };
}

/** A blank Vite + React app (one component), built now with the client's Vite and React: the baseline. */
async function blankApp(tmp) {
  const dir = fs.mkdtempSync(path.join(CLIENT, ".bench-blank-"));
  try {
    fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html><html lang="en"><head><title>Blank</title></head><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>`);
    fs.writeFileSync(
      path.join(dir, "main.jsx"),
      `import { StrictMode } from "react";\nimport { createRoot } from "react-dom/client";\nfunction App() { return <h1>Hello</h1>; }\ncreateRoot(document.getElementById("root")).render(<StrictMode><App /></StrictMode>);\n`,
    );
    const { build } = await import("vite");
    const { default: react } = await import("@vitejs/plugin-react");
    const outDir = path.join(tmp, "blank-dist");
    await build({ root: dir, configFile: false, logLevel: "silent", plugins: [react()], build: { outDir, emptyOutDir: true, manifest: true } });
    return { ...initialJs(outDir), dist: outDir };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function audit(url, formFactor) {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const config = formFactor === "desktop" ? (await import("lighthouse/core/config/desktop-config.js")).default : undefined;
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=zh-CN"] });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] }, config);
    const lhr = result.lhr;
    const scripts = (lhr.audits["network-requests"]?.details?.items ?? []).filter((r) => r.resourceType === "Script");
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      cls: lhr.audits["cumulative-layout-shift"].numericValue,
      lcp: lhr.audits["largest-contentful-paint"].numericValue,
      tbt: lhr.audits["total-blocking-time"].numericValue,
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? 0,
      scriptKb: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
      failing: Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0))
        .map((a) => a.id),
    };
  } finally {
    await chrome.kill();
  }
}

/** The blank app's files, gzipped like the real server does, from a bare node:http server. */
function serveStatic(dist, port) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(dist, name);
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, "index.html");
    const body = fs.readFileSync(file);
    const gzip = /gzip/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream", ...(gzip ? { "content-encoding": "gzip" } : {}) });
    res.end(gzip ? zlib.gzipSync(body) : body);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

export async function lighthouseBench(tmp) {
  const dist = path.join(CLIENT, "dist");
  if (!fs.existsSync(path.join(dist, ".vite/manifest.json"))) throw new Error("client/dist has no manifest: run `npm run build` first.");
  const app = initialJs(dist);
  const blank = await blankApp(tmp);
  const ratio = app.gzip / blank.gzip;
  console.log(`\n[lighthouse] initial JS of ${ROUTES.join(" and ")} (gzip -9): ${(app.gzip / 1024).toFixed(1)} KB in ${app.files.length} files; blank Vite + React: ${(blank.gzip / 1024).toFixed(1)} KB; ratio ${ratio.toFixed(2)} (goal ≤ ${GOALS.jsRatio})`);

  const [port, blankPort] = await freePorts(2);
  const server = await start(MAIN, stackEnv(path.join(tmp, "lighthouse.sqlite"), port), /serving/);
  const baseline = await serveStatic(blank.dist, blankPort);
  const results = {};
  const line = (r) => `performance ${r.performance} (runs ${r.runs.map((x) => x.performance).join(", ")}), accessibility ${r.accessibility}, CLS ${r.cls.toFixed(3)}, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, scripts ${r.scriptKb.toFixed(1)} KB transferred, CPU index ${Math.round(r.benchmarkIndex)}`;
  try {
    const url = `http://127.0.0.1:${port}/guide`;
    await fetch(url); // warm the server (first GraphQL answers, the page's files)
    for (const formFactor of ["desktop", "mobile"]) {
      for (const [name, target] of [["guide", url], ["blank", `http://127.0.0.1:${blankPort}/`]]) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await audit(target, formFactor));
        const pick = (key) => median(runs.map((r) => r[key]));
        const r = { performance: pick("performance"), accessibility: pick("accessibility"), cls: pick("cls"), lcp: pick("lcp"), tbt: pick("tbt"), scriptKb: pick("scriptKb"), benchmarkIndex: pick("benchmarkIndex"), runs, failing: [...new Set(runs.flatMap((x) => x.failing))] };
        if (name === "guide") results[formFactor] = r;
        else results[`${formFactor}Blank`] = r;
        console.log(`[lighthouse] ${name === "guide" ? "/guide" : "blank "} ${formFactor.padEnd(7)} ${line(r)}${name === "guide" && r.failing.length ? `; failing a11y audits: ${r.failing.join(", ")}` : ""}`);
      }
    }
  } finally {
    baseline.close();
    await stop(server);
  }
  const load = os.loadavg()[0];
  if (load > os.cpus().length) console.log(`[lighthouse] load average ${load.toFixed(1)} on ${os.cpus().length} cores: the machine is busy, performance scores (TBT above all) are lower than on an idle one — compare with the blank app's`);
  const misses = [];
  if (results.desktop.performance < GOALS.desktop) misses.push(`desktop performance ${results.desktop.performance} < ${GOALS.desktop}`);
  if (results.mobile.performance < GOALS.mobile) misses.push(`mobile performance ${results.mobile.performance} < ${GOALS.mobile}`);
  for (const f of ["desktop", "mobile"]) {
    if (results[f].accessibility < GOALS.accessibility) misses.push(`${f} accessibility ${results[f].accessibility} < ${GOALS.accessibility}`);
    if (results[f].cls >= GOALS.cls) misses.push(`${f} CLS ${results[f].cls.toFixed(3)} ≥ ${GOALS.cls}`);
  }
  if (ratio > GOALS.jsRatio) misses.push(`initial JS ratio ${ratio.toFixed(2)} > ${GOALS.jsRatio}`);
  console.log(misses.length ? `[lighthouse] goals missed: ${misses.join("; ")}` : "[lighthouse] all goals met");
  return { misses, results, js: { app: app.gzip, blank: blank.gzip, ratio } };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-lighthouse-"));
  lighthouseBench(tmp)
    .then(({ misses }) => {
      if (misses.length) process.exitCode = 1;
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
}
