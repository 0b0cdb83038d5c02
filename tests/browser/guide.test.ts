import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** The public guide as citizens use it (issue 9 §6): common names, typos, a phone, and the admin's synonyms. */
describe("the public guide", () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  const phone = async () => {
    const context = await rig.browser.newContext({ baseURL: rig.url, locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    return context.newPage();
  };
  /** How far the page scrolls sideways (0: not at all). Runs in the page, where `document` exists. */
  const noSidewaysScroll = (page: Page) => page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as Promise<number>;
  const search = async (page: Page, words: string) => {
    await page.getByRole("searchbox").fill(words);
    await page.getByRole("button", { name: "搜索" }).click();
  };
  const resultNames = (page: Page) => page.locator(".guide-results li a").allInnerTexts();

  it("finds the enterprise registration items for 营业执照, and says which words it also searched", async () => {
    const page = await rig.newPage();
    await page.goto("/guide");
    await search(page, "营业执照");
    await page.getByRole("link", { name: "有限责任公司设立登记" }).waitFor();
    const names = await resultNames(page);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expect(name).toContain("设立登记");
    expect(names).toEqual(expect.arrayContaining(["个体工商户设立登记", "农民专业合作社设立登记"]));
    await expect.poll(() => page.locator("main").innerText()).toContain("同时搜索了：设立登记");
    expect(page.url()).toContain(`q=${encodeURIComponent("营业执照")}`);
    await screenshot(page, "guide-yingyezhizhao");
    expect(await seriousViolations(page)).toEqual([]);

    // Pinyin initials and a typo find the same items; the page says what it searched instead.
    await search(page, "yyzz");
    await page.getByRole("link", { name: "有限责任公司设立登记" }).waitFor();
    await search(page, "营业执招");
    await expect.poll(() => page.locator("main").innerText()).toContain("已为您搜索“营业执照”");
    expect(await resultNames(page)).toContain("有限责任公司设立登记");

    // Nothing found: words to try, each a link that finds something.
    await search(page, "量子纠缠");
    await expect.poll(() => page.locator("main").innerText()).toContain("没有找到与“量子纠缠”相关的事项");
    const suggestion = page.locator(".guide-empty a").first();
    const word = await suggestion.innerText();
    await suggestion.click();
    await expect.poll(() => page.getByRole("searchbox").inputValue()).toBe(word);
    await expect.poll(async () => (await resultNames(page)).length).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("shows an item on a 390 px phone: where, when, phone and the flowchart, no sideways scrolling, nothing staff-only", async () => {
    const page = await phone();
    await page.goto(`/guide?q=${encodeURIComponent("社保")}`);
    await page.getByRole("link", { name: /社会保险|养老保险|医疗保险/ }).first().waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "guide-phone-search");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/guide");
    await search(page, "有限责任公司设立登记");
    await page.getByRole("link", { name: "有限责任公司设立登记" }).click();
    await page.waitForURL(/\/guide\/[A-Z]+-\d+/);
    const main = page.locator("main");
    await expect.poll(() => main.innerText()).toContain("在哪里办");
    const text = await main.innerText();
    for (const words of ["石首市行政服务中心", "号窗口", "地址", "办公时间", "工作日", "咨询电话", "乡镇定期办公", "工商窗口", "市场监管所", "办事流程图", "服务内容", "申报材料", "承诺时限", "收费"]) {
      expect(text, words).toContain(words);
    }
    await expect.poll(() => page.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);
    const flow = page.getByRole("list", { name: /办事流程图：共 \d+ 步/ });
    expect(await flow.locator("li").count()).toBeGreaterThanOrEqual(3);
    // Staff-only things are not on the public page: links to staff workspaces, the "in use" column, revocations.
    expect(await page.locator('a[href^="/windows/"], a[href^="/points/"]').count()).toBe(0);
    expect(text).not.toContain("在用");
    expect(text).not.toContain("撤销");
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "guide-phone-item");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("lets the centre's admin add a common name that the public search then understands", async () => {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill("admin");
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/admin?tab=synonyms");
    await page.getByRole("cell", { name: "营业执照", exact: true }).first().waitFor();
    await page.getByLabel("群众说法").fill("开饭店");
    await page.getByLabel("搜索事项名称中的").fill("食品经营许可");
    await page.getByRole("button", { name: "添加" }).click();
    await page.getByRole("cell", { name: "开饭店", exact: true }).first().waitFor();
    await expect.poll(() => page.locator("main").innerText()).toContain("kfd");
    await screenshot(page, "admin-synonyms");
    expect(await seriousViolations(page)).toEqual([]);
    // A word with a wildcard is refused, in Chinese, at its field.
    await page.getByLabel("群众说法").fill("开%店");
    await page.getByLabel("搜索事项名称中的").fill("食品");
    await page.getByRole("button", { name: "添加" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("只能由汉字、字母和数字组成");

    await page.goto(`/guide?q=${encodeURIComponent("开饭店")}`);
    await page.getByRole("link", { name: /食品经营许可/ }).first().waitFor();
    await page.context().close();
  });
});
