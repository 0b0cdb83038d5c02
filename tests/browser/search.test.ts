import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { apiSession, idNumber, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** Two city items accepted at two different city windows. */
async function twoWindows(url: string): Promise<{ code: string; window: string; materials: string[] }[]> {
  const query = `{ serviceItems(level: CITY, first: 100) { nodes { code materials { id } acceptingWindows { code point { level } } } } }`;
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  const items = ((await res.json()) as { data: { serviceItems: { nodes: any[] } } }).data.serviceItems.nodes;
  const out: { code: string; window: string; materials: string[] }[] = [];
  for (const i of items) {
    const w = i.acceptingWindows.find((x: any) => x.point.level === "CITY")?.code;
    if (w && !out.some((o) => o.window === w)) out.push({ code: i.code, window: w, materials: i.materials.map((m: any) => m.id) });
    if (out.length === 2) break;
  }
  return out;
}

describe("办件检索: staff find a case (issue 9 §1)", () => {
  let rig: BrowserRig;
  const mine = { name: "周%小_明", idNumber: idNumber("42108119880808123"), phone: "13900139001" };
  const theirs = { name: "吴其他", idNumber: idNumber("42108119770707321"), phone: "13900139002" };
  let myNumber = "", theirNumber = "", clerk = "";

  async function login(username: string, landing: RegExp): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(username);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(landing);
    return page;
  }

  async function search(page: Page, fields: Record<string, string>): Promise<string> {
    await page.getByRole("button", { name: "清 空" }).or(page.getByRole("button", { name: "清空" })).click();
    for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
    // The previous results stay on the page until this search's answer (from the server or Apollo's cache) replaces them.
    const results = page.locator("section", { hasText: "查询结果" });
    const before = (await results.count()) ? await results.innerText() : "";
    await page.getByLabel(Object.keys(fields)[0], { exact: true }).press("Enter"); // the keyboard submits
    await expect
      .poll(async () => ((await results.count()) ? results.innerText() : ""), { timeout: 5_000 })
      .not.toBe(before)
      .catch(() => undefined); // the same results twice in a row are possible
    const status = page.getByRole("status").filter({ hasText: /共找到|超过/ });
    await status.waitFor();
    return page.locator("section", { hasText: "查询结果" }).innerText();
  }

  beforeAll(async () => {
    rig = await startRig();
    const [a, b] = await twoWindows(rig.url);
    clerk = a.window.toLowerCase();
    const register = async (item: typeof a, who: typeof mine) => {
      const as = await apiSession(rig.url, item.window.toLowerCase());
      const data = await as(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { message } } }`, {
        input: { itemCode: item.code, applicant: who, materialIds: item.materials, idempotencyKey: randomUUID() },
      });
      expect(data.registerCase.userErrors).toEqual([]);
      return data.registerCase.case.number as string;
    };
    myNumber = await register(a, mine);
    theirNumber = await register(b, theirs);
  });
  afterAll(() => rig?.close());

  it("a window clerk finds their case by ID number and by the number's last digits, not another window's, and opens it", async () => {
    const page = await login(clerk, new RegExp(`/windows/${clerk.toUpperCase()}$`));
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "办件检索" }).click();
    await page.waitForURL(/\/search$/);
    await expect.poll(() => page.title()).toContain("办件检索");

    const byId = await search(page, { 身份证号码: mine.idNumber });
    expect(byId).toContain(myNumber);
    expect(byId).toContain("共找到 1 件");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "search-by-id-number");

    const bySuffix = await search(page, { "办件编号（完整编号或末几位）": myNumber.slice(-6) });
    expect(bySuffix).toContain(myNumber);

    // Another window's case stays out of a clerk's search, whatever is typed.
    const other = await search(page, { 身份证号码: theirs.idNumber });
    expect(other).not.toContain(theirNumber);
    expect(other).toContain("没有找到符合条件的办件");

    // Wildcards are plain characters.
    const literal = await search(page, { "申请人或代理人姓名、企业名称": "周%" });
    expect(literal).toContain(myNumber);
    expect(await search(page, { "申请人或代理人姓名、企业名称": "%" })).toContain("没有找到符合条件的办件");

    // A mistyped ID number is caught before anything is sent.
    await page.getByRole("button", { name: "清 空" }).or(page.getByRole("button", { name: "清空" })).click();
    await page.getByLabel("身份证号码", { exact: true }).fill(`${mine.idNumber.slice(0, 17)}${mine.idNumber[17] === "1" ? "2" : "1"}`);
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await expect.poll(() => page.locator("form[role=search]").innerText()).toContain("校验位不符");

    await search(page, { "办件编号（完整编号或末几位）": myNumber.slice(-6) });
    await page.getByRole("link", { name: myNumber }).click();
    await page.waitForURL(new RegExp(`/cases/${myNumber}$`));
    await expect.poll(() => page.locator("main").innerText()).toContain("周%小_明");
  });

  it("the supervisor searches across every unit from the supervision page", async () => {
    const page = await login("supervisor", /\/supervision/);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "办件检索" }).click();
    await page.waitForURL(/\/search$/);
    const byPhone = await search(page, { 联系电话: theirs.phone });
    expect(byPhone).toContain(theirNumber);
    const byDay = await search(page, { 身份证号码: mine.idNumber });
    expect(byDay).toContain(myNumber);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the intake form registers an enterprise with an agent, and the case page shows both, masked", async () => {
    const page = await login(clerk, new RegExp(`/windows/${clerk.toUpperCase()}$`));
    await page.getByRole("button", { name: "填写登记表" }).click();
    const [a] = await twoWindows(rig.url);
    const picker = page.locator("#intake_itemCode"); // the queue's own 审批事项 filter sits on the same page
    await picker.click();
    await picker.fill(a.code);
    await page.locator(".ant-select-item-option").filter({ hasText: a.code }).first().click();
    await page.locator("label", { hasText: "企业或其他组织" }).click();
    await page.getByLabel("企业名称").fill("石首市便民测试有限公司");
    await page.getByLabel("统一社会信用代码").fill("91350100M000100Y44");
    await page.getByLabel("法定代表人").fill("郑法人");
    await page.getByLabel("联系电话", { exact: true }).fill("13900139003");
    await page.getByRole("checkbox", { name: "由代理人代为办理" }).check();
    await page.getByLabel("代理人姓名").fill("冯代理");
    await page.getByLabel("代理人身份证号码").fill(idNumber("42108119900909456"));
    await page.getByLabel("代理人联系电话").fill("13900139004");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect.poll(() => page.locator("form#intake").innerText()).toContain("校验位不符");
    await page.getByLabel("统一社会信用代码").fill("91350100M000100Y43");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "已登记" });
    await done.waitFor();
    const number = /办件编号 (\d{20})/.exec(await done.innerText())![1];
    await page.goto(`/cases/${number}`);
    const main = page.locator("main");
    await expect.poll(() => main.innerText()).toContain("石首市便民测试有限公司 · 91350100M000100Y43 · 139****9003");
    const text = await main.innerText();
    expect(text).toContain("法定代表人：郑法人");
    expect(text).toContain("冯代理 · 4210**********");
    expect(text).toContain("代理 石首市便民测试有限公司");
    expect(text).not.toContain("13900139004");
  });
});
