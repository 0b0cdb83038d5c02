import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** 管理 · 接口令牌: issue a token with scopes, bound points, expiry and a rate limit; the secret once; revoke. */
describe("admin: API tokens", () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  async function tokensPage(locale = "zh-CN"): Promise<Page> {
    const page = await rig.newPage(locale);
    await page.goto("/login");
    await page.getByLabel(/用户名|Username/).fill("admin");
    await page.getByLabel(/密码|Password/).fill("bianmin2026");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/admin?tab=tokens");
    return page;
  }

  it("issues a cases:write token bound to the city centre, shows the secret once, lists it and revokes it (keyboard, axe clean)", async () => {
    const page = await tokensPage();
    await page.getByRole("button", { name: "新建令牌" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("用途").fill("省政务服务平台");
    await dialog.getByLabel("负责方").fill("省平台运维组");
    await dialog.getByLabel("权限范围").click();
    await page.keyboard.type("cases:write");
    await page.locator(".ant-select-item-option", { hasText: "cases:write" }).click();
    await page.keyboard.press("Escape");
    await dialog.getByLabel("绑定网点").click();
    await page.keyboard.type("石首市行政服务中心");
    await page.locator(".ant-select-item-option", { hasText: "石首市行政服务中心" }).first().click();
    await page.keyboard.press("Escape");
    await dialog.getByLabel("每分钟请求上限").fill("600");
    await page.mouse.move(0, 0);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "新建令牌" }).click();

    const secretBox = page.getByLabel("令牌密钥");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^bmt_/);
    expect(await page.getByRole("dialog", { name: "令牌已创建" }).innerText()).toContain("密钥只显示这一次");
    await screenshot(page, "tokens-secret-once");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "我已保存" }).click();

    const row = page.getByRole("row").filter({ hasText: "省政务服务平台" });
    await row.waitFor();
    expect(await row.innerText()).toContain("cases:write");
    expect(await row.innerText()).toContain("石首市行政服务中心");
    expect(await row.innerText()).toContain("600");
    expect(await page.locator("body").innerText()).not.toContain(secret);

    const works = await fetch(`${rig.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(works.status).toBe(200);
    await row.getByRole("button", { name: /吊销/ }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /确\s*定|OK/ }).click();
    await expect.poll(() => row.innerText()).toContain("已于");
    const refused = await fetch(`${rig.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(refused.status).toBe(401);
    await page.context().close();
  });

  it("is worded in English once switched", async () => {
    const page = await tokensPage("en-US");
    await page.evaluate(`localStorage.setItem("bianmin.language", "en-US")`);
    await page.reload();
    await page.getByRole("button", { name: "New token" }).click();
    const text = await page.getByRole("dialog").innerText();
    expect(text).toContain("Bound points");
    expect(text).toContain("Requests per minute");
    expect(text).not.toContain("绑定网点");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
