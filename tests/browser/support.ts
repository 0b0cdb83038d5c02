import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

export const repoRoot = path.resolve(__dirname, "../..");
export const artifacts = path.join(repoRoot, "artifacts", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface BrowserRig {
  url: string;
  /** The server's SQLite file (tests that tamper with stored records write to it directly). */
  dbPath: string;
  browser: Browser;
  newPage(locale?: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the built server (npm run build first) on a fresh SQLite file, and Debian's Chromium. */
export async function startRig(): Promise<BrowserRig> {
  const serverMain = path.join(repoRoot, "server/dist/server/src/main.js");
  if (!fs.existsSync(serverMain) || !fs.existsSync(path.join(repoRoot, "client/dist/index.html"))) {
    throw new Error("Browser tests run against the built app: run `npm run build` first.");
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-e2e-"));
  const port = 5100 + Math.floor(Math.random() * 800);
  const server: ChildProcess = spawn(process.execPath, [serverMain], {
    env: { ...process.env, PORT: String(port), SQLITE_PATH: path.join(dir, "e2e.sqlite"), DATABASE_URL: "", PUBLIC_RATE_LIMIT: "100000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start in 120 s")), 120_000);
    server.stdout!.on("data", (chunk) => {
      if (String(chunk).includes("serving")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  fs.mkdirSync(artifacts, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    dbPath: path.join(dir, "e2e.sqlite"),
    browser,
    async newPage(locale = "zh-CN") {
      const context = await browser.newContext({ baseURL: url, locale, viewport: { width: 1280, height: 860 } });
      return context.newPage();
    },
    async close() {
      await browser.close();
      server.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** axe-core WCAG 2.x A/AA check: the serious and critical violations, as readable strings. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
