import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

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

/**
 * Starts the built server (npm run build first) on a fresh SQLite file, and Debian's Chromium. `prepare` runs
 * first with the database file's path (e.g. to seed it with the built seed CLI) before the server opens it.
 */
export async function startRig(prepare?: (dbPath: string) => void | Promise<void>): Promise<BrowserRig> {
  const serverMain = path.join(repoRoot, "server/dist/server/src/main.js");
  if (!fs.existsSync(serverMain) || !fs.existsSync(path.join(repoRoot, "client/dist/index.html"))) {
    throw new Error("Browser tests run against the built app: run `npm run build` first.");
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-e2e-"));
  await prepare?.(path.join(dir, "e2e.sqlite"));
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
  // antd animates dialogs, help texts and menus in and out; axe reads a half-faded element as low contrast.
  await page
    .waitForFunction(`!document.querySelector('[class*="-leave"], [class*="-appear-active"], [class*="-enter-active"]')`, undefined, { timeout: 5_000 }) // a string: tests type-check without the DOM library
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** A valid resident ID number (GB 11643 check digit) for the applicant. */
export function idNumber(base17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base17[i]), 0);
  return base17 + "10X98765432"[sum % 11];
}

/** A logged-in API session of the real server, for preparing cases through the API where the test is about another page. */
export async function apiSession(url: string, username: string) {
  const post = async (cookie: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }) });
    return { res, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };
  const login = await post(undefined, `mutation($input: LoginInput!) { login(input: $input) { staff { id } } }`, { input: { username, password: "bianmin2026" } });
  const cookie = login.res.headers.get("set-cookie")!.split(";")[0];
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await post(cookie, query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/** A city COMMITTED item accepted at a city window, registered, accepted, decided and closed there; with its query code. */
export async function closedCase(url: string): Promise<{ number: string; queryCode: string; window: string; department: string }> {
  const anonymous = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind department { code } delegations { id } coDepartments { code } materials { id required } acceptingWindows { code point { level } } } } }` }),
  });
  const items = ((await anonymous.json()) as { data: { serviceItems: { nodes: any[] } } }).data.serviceItems.nodes;
  const item = items.find((i) => i.defaultKind === "COMMITTED" && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"));
  const window = item.acceptingWindows.find((w: any) => w.point.level === "CITY").code as string;
  const clerk = await apiSession(url, window.toLowerCase());
  const registered = await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number queryCode } userErrors { message } } }`, {
    input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber("42108119850101123"), phone: "13800138001" }, materialIds: item.materials.map((m: any) => m.id), idempotencyKey: randomUUID() },
  });
  const { number, queryCode } = registered.registerCase.case;
  const act = async (as: typeof clerk, mutation: string, type: string, input: Record<string, unknown>) => {
    const data = await as(`mutation($input: ${type}!) { ${mutation}(input: $input) { case { status } userErrors { message } } }`, { input: { caseNumber: number, ...input } });
    expect(data[mutation].userErrors).toEqual([]);
  };
  await act(clerk, "acceptCase", "AcceptCaseInput", { kind: "COMMITTED" });
  await act(await apiSession(url, `${item.department.code.toLowerCase()}.deputy`), "decideCase", "DecideCaseInput", { approve: true, idempotencyKey: randomUUID() });
  await act(clerk, "closeCase", "CloseCaseInput", { via: "WINDOW" });
  return { number, queryCode, window, department: item.department.code };
}

export async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text;
}
