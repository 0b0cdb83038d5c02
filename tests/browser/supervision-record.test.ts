import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { repoRoot, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/**
 * §2 in the SPA: the supervisor's dashboard shows the city's record (26,682 cases, 99.1 %) computed from the
 * records the seed CLI writes (npm run seed -- --history, built), with the per-unit warnings and the charts,
 * which ECharts draws from a chunk that only the assessment section loads.
 */
const SEED_CLI = path.join(repoRoot, "server/dist/server/src/seed/cases-cli.js");

describe("the city's record on the supervisor's dashboard", () => {
  let rig: BrowserRig;
  let seedSeconds = 0;

  beforeAll(async () => {
    rig = await startRig((dbPath) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, [SEED_CLI, "--history", "--db", dbPath], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } });
      if (run.status !== 0) throw new Error(`seed --history failed:\n${run.stdout}\n${run.stderr}`);
      seedSeconds = (performance.now() - started) / 1000;
      console.info(`[supervision-record] npm run seed -- --history: ${seedSeconds.toFixed(1)} s; ${run.stdout.split("\n").find((l) => l.startsWith("completion")) ?? ""}`);
    });
  }, 600_000);
  afterAll(() => rig?.close());

  async function login(username: string, landing: RegExp): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(landing);
    return page;
  }

  it("shows 26,682 registered and 99.1 % completion, yellow and red counts per unit, and the charts", async () => {
    const supervisor = await login("supervisor", /\/supervision$/);
    const requests: string[] = [];
    supervisor.on("request", (r) => requests.push(r.url()));
    const figures = supervisor.getByTestId("supervision-dashboard");
    await expect.poll(() => figures.innerText(), { timeout: 60_000 }).toContain("26,682");
    const text = await figures.innerText();
    expect(text).toMatch(/办结率\s*99\.1 %/);
    expect(text).toContain("26,442"); // closed

    // Yellow and red per unit: the history leaves open cases in review on the windows' queues.
    const warnings = supervisor.locator("section", { hasText: "各单位预警（黄牌）与超期（红牌）件数" });
    await expect.poll(() => warnings.locator("tbody tr").count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // Charts: by kind, rates by unit and by period, drawn as SVG once ECharts has loaded.
    await supervisor.getByLabel("考核期间").fill(String(new Date().getFullYear()));
    await supervisor.getByRole("button", { name: /查\s*询/ }).click();
    const charts = supervisor.locator(".echart[role=img]");
    await expect.poll(() => charts.count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => supervisor.locator(".echart svg").count(), { timeout: 60_000 }).toBe(3);
    expect(await charts.nth(0).getAttribute("aria-label")).toContain("各单位办结率与按时办结率图");
    expect(requests.some((u) => /echarts-setup-[\w-]+\.js$/.test(u))).toBe(true);
    await supervisor.mouse.move(0, 0); // off the 查询 button (antd's hover colour is not what axe should judge)
    expect(await seriousViolations(supervisor)).toEqual([]);
    await screenshot(supervisor, "supervision-record");
    console.info(`[supervision-record] seeding took ${seedSeconds.toFixed(1)} s`);
  }, 300_000);

  it("a staff page does not load the charting library", async () => {
    const clerk = await login("c05", /\/windows\/C05$/);
    const requests: string[] = [];
    clerk.on("request", (r) => requests.push(r.url()));
    await clerk.reload();
    await clerk.getByRole("heading").first().waitFor();
    await clerk.waitForLoadState("networkidle");
    expect(requests.filter((u) => u.includes("/assets/")).length).toBeGreaterThan(0);
    expect(requests.filter((u) => /echarts/.test(u))).toEqual([]);
  }, 120_000);
});
