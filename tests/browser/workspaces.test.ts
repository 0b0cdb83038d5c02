import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiSession, closedCase, idNumber, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/*
 * Issue 9 §1 in Chromium: a clerk's window opens on today's counts, then the queue (tabs with counts,
 * filters), with the window's particulars folded below; an act says it was done; the case page says who
 * holds the case and what happens next; a department head finds "decided by me".
 */
/** The machine is shared: lists refetch after an act or a filter within seconds, not one. */
const WAIT = { timeout: 15_000 };

describe("workspaces open on the work", () => {
  let rig: BrowserRig;
  let decided: Awaited<ReturnType<typeof closedCase>>;
  const numbers: string[] = [];

  async function login(username: string, landing: RegExp): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(landing);
    return page;
  }

  beforeAll(async () => {
    rig = await startRig();
    // A case decided by the department's deputy and closed at the window, and two new ones registered there.
    decided = await closedCase(rig.url);
    const clerk = await apiSession(rig.url, decided.window.toLowerCase());
    const { serviceWindow } = await clerk(`query($c: String!) { serviceWindow(code: $c) { items { code defaultKind materials { id } } } }`, { c: decided.window });
    const item = serviceWindow.items.find((i: { defaultKind: string }) => i.defaultKind === "COMMITTED") ?? serviceWindow.items[0];
    for (const suffix of ["21", "22"]) {
      const data = await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { message } } }`, {
        input: { itemCode: item.code, applicant: { name: "王五", idNumber: idNumber(`421081199001011${suffix}`), phone: "13800138002" }, materialIds: item.materials.map((m: { id: string }) => m.id), idempotencyKey: randomUUID() },
      });
      numbers.push(data.registerCase.case.number);
    }
  });
  afterAll(() => rig?.close());

  it("a window clerk's workspace shows today's counts first, then the queue, which filters by tab and says what an act did", async () => {
    const page = await login(decided.window.toLowerCase(), new RegExp(`/windows/${decided.window}$`));
    const counts = page.getByRole("region", { name: "今日工作量" });
    await expect.poll(() => counts.innerText(), WAIT).toMatch(/\d+\s*待办/);
    await expect.poll(() => counts.innerText(), WAIT).toMatch(/[1-9]\d*\s*今日办结/);
    const queueHeading = page.getByRole("heading", { name: "办件队列（按办结时限排序）" });
    await queueHeading.waitFor();
    // Counts come before the queue, the queue before the window's particulars (folded).
    const about = page.locator("summary", { hasText: "窗口信息" });
    const top = async (l: ReturnType<Page["locator"]>) => (await l.boundingBox())?.y ?? -1;
    const [yCounts, yQueue, yAbout] = [await top(counts), await top(queueHeading), await top(about)];
    expect(yCounts).toBeGreaterThan(-1);
    expect(yCounts).toBeLessThan(yQueue);
    expect(yQueue).toBeLessThan(yAbout);
    expect(await page.locator("details[open]").count()).toBe(0);

    const table = page.locator("table", { has: page.locator("caption", { hasText: `窗口 ${decided.window} 的办件队列` }) });
    for (const n of numbers) await expect.poll(() => table.innerText(), WAIT).toContain(n);
    // The tab "待受理" carries its count and lists only registered cases.
    const toAccept = page.getByRole("button", { name: /待受理/ });
    await expect.poll(() => toAccept.innerText(), WAIT).toMatch(/待受理\s*\d+/);
    await toAccept.click();
    await expect.poll(() => toAccept.getAttribute("aria-pressed"), WAIT).toBe("true");
    await expect.poll(() => table.locator("caption").innerText(), WAIT).toContain("待受理");
    const statuses = await table.locator("tbody tr").allInnerTexts();
    expect(statuses.length).toBeGreaterThanOrEqual(2);
    for (const row of statuses) expect(row).toContain("已登记");
    // The red tile filters to red cases (none yet): the queue says it is empty.
    await page.getByRole("button", { name: /红牌（已超期）/ }).click();
    await expect.poll(() => table.locator("caption").innerText(), WAIT).toContain("红牌");
    await expect.poll(() => table.innerText(), WAIT).toContain("队列中没有办件");
    await screenshot(page, "workspace-window");
    expect(await seriousViolations(page)).toEqual([]);

    // Accepting from the case page: a toast says it was done, and the page says who holds it now.
    await page.goto(`/cases/${numbers[0]}`);
    await expect.poll(() => page.locator(".next-step").innerText(), WAIT).toContain("下一步由您办理");
    await page.getByRole("button", { name: "受理", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "确认受理" }).click();
    await expect.poll(() => page.locator(".ant-message").innerText(), WAIT).toContain(`受理办件 ${numbers[0]}：已办理`);
    const next = page.locator(".next-step");
    await expect.poll(() => next.innerText(), WAIT).toContain("现在由谁办理");
    await expect.poll(() => next.innerText(), WAIT).toContain("授权委托书持有人");
    await expect.poll(() => next.innerText(), WAIT).toContain("下一步不由您办理");
    await screenshot(page, "workspace-case-next-step");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a department head finds the case he decided under the tab 我的决定", async () => {
    const dept = decided.department;
    const page = await login(`${dept.toLowerCase()}.deputy`, new RegExp(`/departments/${dept}$`));
    await page.getByRole("region", { name: "今日工作量" }).waitFor();
    await page.getByRole("tab", { name: /我的决定/ }).click();
    const mine = page.locator("table", { has: page.locator("caption", { hasText: "我的决定" }) });
    await expect.poll(() => mine.innerText(), WAIT).toContain(decided.number);
    expect(await mine.innerText()).toContain("准予许可");
    await screenshot(page, "workspace-department-decided");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a township clerk's point opens on its counts and its ledger lists the cases it relayed", async () => {
    const page = await login("t03", /\/points\/421081003$/);
    await expect.poll(() => page.getByRole("region", { name: "今日工作量" }).innerText(), WAIT).toMatch(/\d+\s*待办/);
    await page.getByRole("checkbox", { name: "只看经本乡镇转报的办件" }).check();
    const relayed = page.locator("table", { has: page.locator("caption", { hasText: "经本乡镇转报的办件" }) });
    await expect.poll(() => relayed.locator("thead").innerText(), WAIT).toContain("登记网点");
    expect(await page.locator("details[open]").count()).toBe(0);
    await screenshot(page, "workspace-township");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
