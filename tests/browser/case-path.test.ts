import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { idNumber, pdfText, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

interface ItemChoice {
  code: string;
  department: string;
  window: string;
}

/** A city COMMITTED item, not delegated and not joint, accepted at a city window: it travels village → township → city. */
async function pickItem(url: string): Promise<ItemChoice> {
  const query = `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind department { code } delegations { id }
    coDepartments { code } acceptingWindows { code point { level } } } } }`;
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const { data } = (await res.json()) as { data: { serviceItems: { nodes: any[] } } };
  const item = data.serviceItems.nodes.find(
    (i) => i.defaultKind === "COMMITTED" && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"),
  );
  if (!item) throw new Error("no city COMMITTED item in the seed");
  return { code: item.code, department: item.department.code, window: item.acceptingWindows.find((w: any) => w.point.level === "CITY").code };
}

async function firstVillageOf(url: string, township: string): Promise<string> {
  const query = `{ servicePoints(parentCode: "${township}", first: 1) { nodes { code } } }`;
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return ((await res.json()) as { data: { servicePoints: { nodes: { code: string }[] } } }).data.servicePoints.nodes[0].code;
}

/** Clicks an act's button, confirms its dialog, and waits for the dialog to close (the server agreed). */
async function act(page: Page, button: string | RegExp, ok: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: ok }).click();
  await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
}

describe("one case from a village to the city and back, in the SPA", () => {
  let rig: BrowserRig;
  let item: ItemChoice;
  let village: string;
  let number = "";
  let queryCode = "";
  const pages = new Map<string, Page>();

  /** One logged-in tab per user, reused across the steps. */
  async function as(username: string, landing: RegExp): Promise<Page> {
    const open = pages.get(username);
    if (open) return open;
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(landing);
    pages.set(username, page);
    return page;
  }

  beforeAll(async () => {
    rig = await startRig();
    item = await pickItem(rig.url);
    village = await firstVillageOf(rig.url, "421081003");
  });
  afterAll(() => rig?.close());

  it("the village agent registers the item with every material and hands it over to the township", async () => {
    const page = await as(`v${village}`, new RegExp(`/points/${village}$`));
    await page.getByRole("button", { name: "填写登记表" }).click();
    const picker = page.getByLabel("审批事项");
    await picker.click();
    await picker.fill(item.code);
    await page.locator(".ant-select-item-option").filter({ hasText: item.code }).first().click();
    const boxes = page.locator("form#intake fieldset").first().getByRole("checkbox");
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    for (const box of await boxes.all()) await box.check();
    await expect.poll(() => page.locator(".intake-check").innerText()).toContain("必交材料齐全");
    await expect.poll(() => page.locator(".intake-check").innerText()).toContain("承办件");
    await page.getByLabel("申请人姓名").fill("张三");
    await page.getByLabel("身份证号码").fill(idNumber("42108119900101123"));
    await page.getByLabel("联系电话").fill("13800138000");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "已登记" });
    await done.waitFor();
    const match = /办件编号 (\d{20})，查询码 ([A-Z0-9]{6})/.exec(await done.innerText());
    expect(match).not.toBeNull();
    [, number, queryCode] = match!;

    await expect.poll(() => page.locator("main").innerText()).toContain(number);
    await screenshot(page, "cases-village-registered");
    expect(await seriousViolations(page)).toEqual([]);
    await act(page, `移交 ${number}`, "确认移交");
    const toHandOver = page.locator("section", { hasText: "待移交乡镇的办件" });
    await expect.poll(() => toHandOver.innerText()).not.toContain(number);
  });

  it("the township clerk t03 hands it over to the city", async () => {
    const page = await as("t03", /\/points\/421081003$/);
    const incoming = page.locator("section", { hasText: "村级转来、待移交市中心的办件" });
    await expect.poll(() => incoming.innerText()).toContain(number);
    await act(page, `移交 ${number}`, "确认移交");
    await expect.poll(() => incoming.innerText()).not.toContain(number);
  });

  it("the item's window clerk accepts it as COMMITTED and the queue shows its deadline", async () => {
    const clerk = item.window.toLowerCase();
    const page = await as(clerk, new RegExp(`/windows/${item.window}$`));
    const row = page.locator("tr", { hasText: number });
    await row.waitFor();
    await row.getByRole("link", { name: number }).click();
    await page.waitForURL(`**/cases/${number}`);
    // The case page, not the queue still on screen: the queue's "待受理" filter also has 受理 in its name.
    await expect.poll(() => page.locator("main").innerText()).toContain(`办件 ${number}`);
    await act(page, "受理", "确认受理");
    await expect.poll(() => page.locator("main").innerText()).toContain("办理中");
    await expect.poll(() => page.locator("main").innerText()).toContain("承办件");
    await screenshot(page, "cases-case-accepted");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/windows/${item.window}`);
    await expect.poll(() => row.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await row.innerText()).toMatch(/剩 \d+ 个工作日/);
    // A deadline in a year without the State Council's notice on record (2027 as of late 2026) is marked 暂定.
    const due = /\d{4}-\d{2}-\d{2}/.exec(await row.innerText())![0];
    if (due >= "2027-01-01") expect(await row.innerText()).toContain("暂定");
    else expect(await row.innerText()).not.toContain("暂定");
    await screenshot(page, "cases-window-queue");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the department's deputy approves it under his letter from the department page", async () => {
    const dept = item.department;
    const page = await as(`${dept.toLowerCase()}.deputy`, new RegExp(`/departments/${dept}$`));
    const waiting = page.locator("section", { hasText: "待我决定的办件" });
    await expect.poll(() => waiting.innerText()).toContain(number);
    expect(await waiting.innerText()).toContain(`${dept}-SQ-`);
    // A row only opens the case (issue 9 §2): the decision is taken on the case page.
    expect(await waiting.getByRole("button", { name: `准予许可 ${number}` }).count()).toBe(0);
    await waiting.getByRole("link", { name: `打开办件 ${number}` }).click();
    await page.waitForURL(new RegExp(`/cases/${number}$`));
    await page.getByRole("button", { name: "准予许可", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect.poll(() => dialog.innerText()).toContain("不能撤回");
    await screenshot(page, "cases-department-confirm");
    await dialog.getByRole("button", { name: "确认准予" }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    await page.goto(`/departments/${dept}`);
    await expect.poll(() => waiting.innerText()).not.toContain(number);
    await screenshot(page, "cases-department");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the result travels back: window → township → village, where the agent closes it", async () => {
    const clerk = pages.get(item.window.toLowerCase())!;
    await clerk.goto(`/cases/${number}`);
    await expect.poll(() => clerk.locator("main").innerText()).toContain("准予许可");
    await act(clerk, "转交结果", "确认转交");
    await expect.poll(() => clerk.locator("main").innerText()).toContain("新厂镇便民服务中心");

    const township = pages.get("t03")!;
    await township.reload();
    await act(township, `转交结果 ${number}`, "确认转交");

    const agent = pages.get(`v${village}`)!;
    await agent.reload();
    await agent.getByRole("button", { name: `送达销号 ${number}` }).click();
    const dialog = agent.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("radio", { name: "代办员送达" }).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "确认销号" }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    await agent.getByRole("link", { name: number }).first().click();
    await agent.waitForURL(`**/cases/${number}`);
    await expect.poll(() => agent.locator("main").innerText()).toContain("已销号");
    const timeline = await agent.locator(".ant-timeline").innerText();
    for (const words of ["登记", "移交", "受理为承办件", "准予许可", "转交", "销号"]) expect(timeline).toContain(words);
    expect(await agent.getByTestId("case-integrity").count()).toBe(0);
    await screenshot(agent, "cases-case-closed");
  });

  it("a case whose stored outcome was changed behind the system's back opens with a warning", async () => {
    // As someone with access to the database file but not to the records key would.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require("better-sqlite3");
    const db = new Database(rig.dbPath);
    db.prepare("UPDATE case_file SET outcome = 'REFUSED' WHERE number = ?").run(number);
    db.close();
    const page = pages.get("supervisor") ?? (await as("supervisor", /\/supervision$/));
    await page.goto(`/cases/${number}`);
    const warning = page.getByTestId("case-integrity");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("办件记录校验未通过");
    expect(await warning.innerText()).toContain("办件信息：办结结果被修改");
    await screenshot(page, "cases-case-tampered");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the public status page, opened as from the QR code, shows the case closed", async () => {
    const page = await rig.newPage();
    await page.goto(`/status?number=${number}&code=${queryCode}`);
    await expect.poll(() => page.locator("main").innerText()).toContain("已销号");
    expect(await page.getByLabel("办件编号").inputValue()).toBe(number);
    await screenshot(page, "cases-status");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("查询码").fill("AAAAAA");
    await page.getByRole("button", { name: "查询" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("没有找到");
    await page.context().close();
  });

  it("prints the acceptance and decision notices with the case number", async () => {
    const page = pages.get(item.window.toLowerCase())!;
    await page.goto(`/cases/${number}`);
    for (const title of ["受理通知书", "行政许可决定书"]) {
      const link = page.getByRole("link", { name: new RegExp(title) });
      const href = await link.getAttribute("href");
      expect(href).toMatch(/^\/documents\/cases\/\d{20}\/\w+\.pdf$/);
      expect(await link.getAttribute("target")).toBe("_blank");
      const res = await page.context().request.get(`${rig.url}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toContain("application/pdf");
      expect(await pdfText(await res.body())).toContain(number);
    }
  });
});
