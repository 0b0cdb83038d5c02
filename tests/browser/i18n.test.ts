import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** The error text antd shows under the form field whose input has `id`. */
const fieldError = (page: Page, id: string) => page.locator(".ant-form-item").filter({ has: page.locator(`#${id}`) }).locator(".ant-form-item-explain-error");

describe("every word in Chinese (zh-CN)", () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  async function adminPage(): Promise<Page> {
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill("admin");
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/admin");
    await page.getByRole("button", { name: "新建窗口" }).waitFor();
    return page;
  }

  it("shows a server refusal in Chinese on the field it names, and a thrown field problem on its field", async () => {
    const page = await adminPage();
    await page.getByRole("button", { name: "新建窗口" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("所在网点").click();
    await page.keyboard.type("石首市行政服务中心");
    await page.keyboard.press("Enter");
    await dialog.getByLabel("窗口编码").fill("C02");
    await dialog.getByLabel("窗口号").fill("91");
    await dialog.getByLabel("窗口名称").fill("测试窗口");
    await dialog.getByRole("button", { name: "保存" }).click();

    // A refusal in the payload (userErrors: DUPLICATE, reason WINDOW_CODE_TAKEN, params code) under 窗口编码.
    await expect.poll(() => fieldError(page, "window_code").innerText()).toBe("窗口编码 C02 已存在。");
    expect(await dialog.innerText()).not.toMatch(/already exists|WINDOW_CODE_TAKEN/);

    // A thrown BAD_USER_INPUT (extensions.fields: input.name, rule `visible`) under 窗口名称, and a toast in Chinese.
    await dialog.getByLabel("窗口编码").fill("Z91");
    await dialog.getByLabel("窗口名称").fill("\u200B\u200B");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => fieldError(page, "window_name").innerText()).toBe("须含可见字符，不能只有空白或零宽字符。");
    await expect.poll(() => page.locator(".ant-message").innerText()).toContain("输入有误，请按标出字段下的提示修改。");
    expect(await page.locator(".ant-message").innerText()).not.toMatch(/Invalid input|visible character/);
    await expect.poll(() => dialog.locator(".ant-btn-loading").count()).toBe(0);
    await page.mouse.move(0, 0); // no hover colour on the button just clicked
    await page.waitForTimeout(300); // the button's colour transition after loading
    await screenshot(page, "i18n-field-errors");
    expect(await seriousViolations(page)).toEqual([]);

    // A permanent window without a department: the rule's refusal (N3) under 进驻部门; then saved, with a toast.
    await dialog.getByLabel("窗口名称").fill("测试窗口");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => fieldError(page, "window_departmentCode").innerText()).toBe("常设窗口和定期窗口由部门派驻，请填写部门代码。（N3）");
    await dialog.getByLabel("进驻部门").click();
    await page.keyboard.type("公安");
    await page.keyboard.press("Enter");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.locator(".ant-message").innerText()).toContain("已保存");
    await expect.poll(() => dialog.count()).toBe(0);
    await page.context().close();
  });

  it("opens date pickers in Chinese (年、月, 一 … 日, 今天), and in English once switched", async () => {
    const page = await adminPage();
    await page.getByRole("tab", { name: "对账" }).click();
    const day = page.locator("#reconciliation-day");
    await day.waitFor();
    expect(await day.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await day.click();
    const panel = page.locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)");
    await panel.waitFor();
    const text = await panel.innerText();
    expect(text).toMatch(/\d{4}年/);
    expect(text).toMatch(/\d{1,2}月/);
    expect(text).toContain("今天");
    for (const weekday of ["一", "二", "三", "四", "五", "六", "日"]) expect(text).toContain(weekday);
    await screenshot(page, "i18n-date-picker");
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: /English|语言|language/i }).click();
    await page.getByRole("tab", { name: /reconciliation/i }).waitFor();
    await page.locator("#reconciliation-day").click();
    await expect.poll(() => page.locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)").innerText()).toContain("Today");
    expect(await page.locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)").innerText()).not.toContain("今天");
    await page.context().close();
  });
});
