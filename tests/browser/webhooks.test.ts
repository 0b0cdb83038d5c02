import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiSession, idNumber, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** The admin registers a webhook endpoint, reads its delivery log (a failed attempt, then delivered) and redelivers; zh-CN and en-US, axe clean. */
describe("webhooks admin screen", () => {
  let rig: BrowserRig;
  let receiverUrl = "";
  const received: string[] = [];
  let failing = false;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["x-bianmin-event-id"]));
      res.writeHead(received.length === 1 || failing ? 503 : 200).end();
    });
  });

  async function login(): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill("admin");
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(/\/admin/);
    return page;
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    // The rig's server inherits these: the loopback receiver is allowed, and retries come quickly.
    Object.assign(process.env, { WEBHOOK_ALLOW_PRIVATE: "on", WEBHOOK_INTERVAL_MS: "200", WEBHOOK_BACKOFF_MS: "300" });
    rig = await startRig();
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("registers an endpoint, shows the secret once, the delivery log with the failed attempt, and redelivers", async () => {
    const page = await login();
    await page.goto("/admin?tab=webhooks");
    await page.getByRole("button", { name: "登记回调地址" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("回调地址（URL）").fill("ftp://example.com/hook");
    await dialog.getByRole("button", { name: "登记回调地址" }).click();
    await expect.poll(() => dialog.innerText()).toContain("回调地址须为 http(s) 网址");
    await dialog.getByLabel("回调地址（URL）").fill(receiverUrl);
    await dialog.getByRole("button", { name: "登记回调地址" }).click();
    const secretBox = page.getByLabel("签名密钥").last();
    await expect.poll(async () => (await secretBox.inputValue()).startsWith("whsec_")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "我已保存" }).click();

    // An act of a clerk, through the API: its event goes to the outbox and out to the receiver.
    const items = (await (await fetch(`${rig.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind delegations { id } materials { id } acceptingWindows { code point { level } } } } }` }),
    })).json()) as { data: { serviceItems: { nodes: any[] } } };
    const item = items.data.serviceItems.nodes.find((i) => i.defaultKind === "COMMITTED" && !i.delegations.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"));
    const clerk = await apiSession(rig.url, item.acceptingWindows.find((w: any) => w.point.level === "CITY").code.toLowerCase());
    await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } } }`, {
      input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber("42108119850101123"), phone: "13800138001" }, materialIds: item.materials.map((m: any) => m.id), idempotencyKey: randomUUID() },
    });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    await page.getByRole("button", { name: `查看 ${receiverUrl} 的推送日志` }).click();
    const log = page.locator("section", { hasText: "推送日志" });
    await expect.poll(() => log.innerText(), { timeout: 10_000 }).toContain("已送达");
    await log.getByRole("button", { name: /展开行|Expand row/ }).first().click();
    await expect.poll(() => log.innerText()).toContain("第 1 次：HTTP 503");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "webhooks-admin-log");

    await log.getByRole("button", { name: /^重新推送 evt_/ }).first().click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(new Set(received).size).toBe(1); // the same event each time

    // Disabled: the delivery still waiting (its receiver fails) is paused, not failed; enabled again, it goes out.
    failing = true;
    const before = received.length;
    await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } } }`, {
      input: { itemCode: item.code, applicant: { name: "王五", idNumber: idNumber("42108119860101123"), phone: "13800138002" }, materialIds: item.materials.map((m: any) => m.id), idempotencyKey: randomUUID() },
    });
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(before);
    await page.getByRole("switch", { name: `停用 ${receiverUrl}` }).click();
    await expect.poll(() => page.locator(".webhook-held").innerText(), { timeout: 10_000 }).toBe("1 条推送暂停中");
    await expect.poll(() => log.innerText(), { timeout: 10_000 }).toContain("暂停中（地址已停用）");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "webhooks-admin-held");
    const whileHeld = received.length;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several dispatcher rounds
    expect(received.length).toBe(whileHeld);
    failing = false;
    await page.getByRole("switch", { name: `启用 ${receiverUrl}` }).click();
    await expect.poll(() => page.locator(".webhook-held").count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(whileHeld);
    await log.getByRole("button", { name: /^重新推送 evt_/ }).first().waitFor();

    const english = page;
    await english.getByRole("button", { name: /English|语言|language/i }).click();
    await english.getByRole("button", { name: "Register endpoint" }).waitFor();
    await english.getByRole("button", { name: `Delivery log of ${receiverUrl}` }).click();
    await expect.poll(() => english.locator("section", { hasText: "Delivery log" }).innerText(), { timeout: 10_000 }).toContain("Delivered");
    expect(await seriousViolations(english)).toEqual([]);
  }, 120_000);
});
