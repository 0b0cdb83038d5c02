import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiSession, idNumber, pdfText, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/**
 * Issue 9 §2 in the browser (zh-CN): an IMMEDIATE case accepted at the window and decided by the deputy on
 * duty while the clerk's page waits (it updates live) and prints the result; a COMMITTED case whose
 * procedure names the review step: the section chief's review, then the deputy's decision.
 */

interface Item {
  code: string;
  defaultKind: string;
  department: { code: string };
  materials: { id: string }[];
  window: string;
}

/** City items accepted at a city window, not delegated, not joint: one of the kind asked for. */
async function cityItem(url: string, kind: "IMMEDIATE" | "COMMITTED"): Promise<Item> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind department { code } delegations { id } coDepartments { code } materials { id } acceptingWindows { code point { level } } } } }` }),
  });
  const items = ((await response.json()) as { data: { serviceItems: { nodes: any[] } } }).data.serviceItems.nodes;
  const item = items.find((i) => i.defaultKind === kind && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"));
  return { ...item, window: item.acceptingWindows.find((w: any) => w.point.level === "CITY").code };
}

async function register(url: string, item: Item, name: string): Promise<string> {
  const clerk = await apiSession(url, item.window.toLowerCase());
  const registered = await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { message } } }`, {
    input: { itemCode: item.code, applicant: { name, idNumber: idNumber("42108119880808123"), phone: "13800138003" }, materialIds: item.materials.map((m) => m.id), idempotencyKey: randomUUID() },
  });
  expect(registered.registerCase.userErrors).toEqual([]);
  return registered.registerCase.case.number as string;
}

const STEPS_TIMEOUT = 180_000;

describe("the hall's workflow in the SPA (issue 9 §2)", () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  }, 120_000);
  afterAll(() => rig?.close());

  async function login(username: string): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }

  it(
    "即办件 in one sitting: accepted at the window, it appears on the deputy's desk live; he decides it on the case page while the clerk's page waits and updates; the clerk prints the result",
    async () => {
      const item = await cityItem(rig.url, "IMMEDIATE");
      const dept = item.department.code;
      const deputy = await login(`${dept.toLowerCase()}.deputy`);
      await deputy.goto(`/departments/${dept}`);
      const desk = deputy.locator("section", { hasText: "即办件坐班审批" });
      await desk.getByText("暂无等候决定的即办件").waitFor();
      // The tone is opt-in and remembered in this browser.
      await desk.getByRole("checkbox", { name: "提示音" }).check();
      expect(await deputy.evaluate("localStorage.getItem('bianmin.desk.sound')")).toBe("on");
      expect(await seriousViolations(deputy)).toEqual([]);

      const number = await register(rig.url, item, "赵六");
      const clerk = await login(item.window.toLowerCase());
      await clerk.goto(`/cases/${number}`);
      await clerk.getByRole("button", { name: "受理", exact: true }).click();
      const accept = clerk.getByRole("dialog");
      await accept.getByRole("radio", { name: "即办件" }).check();
      await accept.getByRole("button", { name: "确认受理" }).click();
      await expect.poll(() => accept.count(), { timeout: 15_000 }).toBe(0);

      // Live: the deputy's desk shows the case without a reload, and its row only opens the case.
      await expect.poll(() => desk.innerText(), { timeout: 15_000 }).toContain(number);
      expect(await desk.getByRole("button", { name: /准予|不予/ }).count()).toBe(0);
      await expect.poll(() => desk.getByRole("status").innerText()).toContain(number);
      await screenshot(deputy, "hall-immediate-desk");
      expect(await seriousViolations(deputy)).toEqual([]);
      await desk.getByRole("link", { name: `打开办件 ${number}` }).click();
      await deputy.waitForURL(new RegExp(`/cases/${number}$`));
      await deputy.getByRole("button", { name: "准予许可", exact: true }).click();
      const decide = deputy.getByRole("dialog");
      await expect.poll(() => decide.innerText()).toContain(`${dept}-SQ-`);
      await decide.getByRole("button", { name: "确认准予" }).click();
      await expect.poll(() => decide.count(), { timeout: 15_000 }).toBe(0);

      // The clerk's page, never reloaded, shows the decision and the notice to print.
      const printButton = clerk.getByRole("link", { name: /行政许可决定书/ });
      await printButton.waitFor({ timeout: 15_000 });
      expect(await clerk.locator("main").innerText()).toContain("准予许可");
      expect(await seriousViolations(clerk)).toEqual([]);
      await screenshot(clerk, "hall-window-decided");
      const pdf = await clerk.request.get((await printButton.getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      const text = await pdfText(Buffer.from(await pdf.body()));
      expect(text).toContain("准予行政许可");
      expect(text).toMatch(new RegExp(`授权委托书：${dept}-SQ-\\d{4}-\\d{3}`));
      expect(text).toContain(number);

      await deputy.goto(`/departments/${dept}`);
      await expect.poll(() => desk.innerText()).not.toContain(number);
    },
    STEPS_TIMEOUT,
  );

  it(
    "the section chief's review (审查) then the deputy's decision, where the item's procedure names the step",
    async () => {
      const item = await cityItem(rig.url, "COMMITTED");
      const dept = item.department.code;
      const admin = await apiSession(rig.url, "admin");
      const { serviceItem } = await admin(`query($c: String!) { serviceItem(code: $c) { version } }`, { c: item.code });
      const flagged = await admin(`mutation($input: UpdateServiceItemInput!) { updateServiceItem(input: $input) { item { reviewRequired } userErrors { message } } }`, {
        input: { code: item.code, version: serviceItem.version, reviewRequired: true },
      });
      expect(flagged.updateServiceItem.item.reviewRequired).toBe(true);
      const number = await register(rig.url, item, "钱七");
      const clerk = await apiSession(rig.url, item.window.toLowerCase());
      expect((await clerk(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { userErrors { message } } }`, { input: { caseNumber: number, kind: "COMMITTED" } })).acceptCase.userErrors).toEqual([]);

      // Before the review the deputy's case page offers no decision and says why.
      const deputy = await login(`${dept.toLowerCase()}.deputy`);
      await deputy.goto(`/cases/${number}`);
      await deputy.getByText("该事项的办事程序规定先经审批股审查").waitFor();
      expect(await deputy.getByRole("button", { name: "准予许可", exact: true }).count()).toBe(0);

      const chief = await login(`${dept.toLowerCase()}.chief`);
      await chief.goto(`/departments/${dept}`);
      const reviews = chief.locator("section", { hasText: "审查待办" });
      await expect.poll(() => reviews.innerText(), { timeout: 15_000 }).toContain(number);
      expect(await reviews.innerText()).toContain("程序规定须审查");
      expect(await seriousViolations(chief)).toEqual([]);
      await reviews.getByRole("link", { name: `审查 ${number}` }).click();
      await chief.waitForURL(new RegExp(`/cases/${number}$`));
      await chief.getByRole("button", { name: "审查", exact: true }).click();
      const dialog = chief.getByRole("dialog");
      await dialog.getByRole("radio", { name: "拟准予许可" }).check();
      await dialog.getByLabel("审查意见").fill("经审查，材料齐全，符合法定条件，拟准予许可。");
      expect(await seriousViolations(chief)).toEqual([]);
      await screenshot(chief, "hall-review-dialog");
      await dialog.getByRole("button", { name: "提交审查意见" }).click();
      await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => chief.locator("main").innerText()).toContain("审批股审查意见：拟准予许可");

      // The deputy's open page hears the review and now offers the decision.
      const approve = deputy.getByRole("button", { name: "准予许可", exact: true });
      await approve.waitFor({ timeout: 15_000 });
      await approve.click();
      const decide = deputy.getByRole("dialog");
      await decide.getByRole("button", { name: "确认准予" }).click();
      await expect.poll(() => decide.count(), { timeout: 15_000 }).toBe(0);
      const decision = deputy.locator("section", { hasText: "审批决定" }).last();
      await expect.poll(() => decision.innerText(), { timeout: 15_000 }).toContain("拟准予许可：经审查，材料齐全，符合法定条件，拟准予许可。");
      expect(await deputy.locator("main").innerText()).toContain("经审批股审查");
      expect(await seriousViolations(deputy)).toEqual([]);
      await screenshot(deputy, "hall-reviewed-decided");
    },
    STEPS_TIMEOUT,
  );
});
