import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedCase, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** The quarter the server's clock is in, and the one before (Shishou time). */
function quarters(): { current: string; last: string } {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3) + 1;
  return { current: `${y}Q${q}`, last: q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}` };
}

const STEPS_TIMEOUT = 180_000;

describe("assessment in the SPA: ranking with red flags, a bulletin published and public at /bulletins", () => {
  let rig: BrowserRig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(() => rig?.close());

  it("the supervisor sees the quarter's ranking with the red flag, generates and publishes a bulletin; citizens read it without login", async () => {
    const c = await closedCase(rig.url);
    const { current, last } = quarters();
    const page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill("supervisor");
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(/\/supervision$/);
    await page.getByRole("heading", { name: "考核评比" }).waitFor();
    const ranking = page.locator("section", { hasText: "名次" }).first();
    await page.getByLabel("考核期间").fill(current);
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await expect.poll(() => ranking.innerText(), { timeout: 20_000 }).toContain("流动红旗");
    expect(await ranking.innerText()).toContain("试算");
    const kinds = page.locator("section", { hasText: "办件类型统计" });
    await expect.poll(() => kinds.innerText(), { timeout: 15_000 }).toContain("承办件");
    await page.mouse.move(0, 0); // off the 查询 button (antd's hover colour is not what axe should judge)
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "assessment-ranking");

    await page.getByLabel("通报期间").fill(last);
    await page.getByRole("button", { name: /生成通报/ }).click();
    const title = `便民服务定期通报（${last.slice(0, 4)}年第${last.slice(5)}季度）`;
    const publish = page.getByRole("button", { name: `发布通报：${title}` });
    await publish.waitFor({ timeout: 30_000 });
    await publish.click();
    await expect.poll(() => publish.count(), { timeout: 15_000 }).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const citizen = await rig.newPage();
    await citizen.goto("/bulletins");
    const link = citizen.getByRole("link", { name: `下载 PDF：${title}` });
    await link.waitFor({ timeout: 15_000 });
    expect(await seriousViolations(citizen)).toEqual([]);
    await screenshot(citizen, "bulletins-public");
    const pdf = await fetch(`${rig.url}${await link.getAttribute("href")}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toContain("application/pdf");
    expect(c.window).toBeTruthy();
  }, STEPS_TIMEOUT);
});
