import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { closedCase, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** Clicks a button, fills the dialog, confirms, and waits for the dialog to close (the server agreed). */
async function dialogAct(page: Page, button: string, fill: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect.poll(async () => ((await dialog.count()) ? await dialog.innerText() : ""), { timeout: 15_000 }).toBe("");
}

/** Each test walks three users through several pages: on a loaded machine that takes longer than one page's default. */
const STEPS_TIMEOUT = 180_000;

describe("supervision in the SPA: a poor rating is rectified and checked; a web complaint is assigned, answered and upheld", () => {
  let rig: BrowserRig;
  const pages = new Map<string, Page>();

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
  });
  afterAll(() => rig?.close());

  it("a citizen rates a closed case 1 on the status page → the window sees the rectification and answers → the supervisor checks it", async () => {
    const c = await closedCase(rig.url);
    const citizen = await rig.newPage();
    await citizen.goto(`/status?number=${c.number}&code=${c.queryCode}`);
    await citizen.getByRole("heading", { name: "服务评价（好差评）" }).waitFor();
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.getByText("非常不满意", { exact: true }).click();
    await citizen.getByLabel("意见或建议（选填）").fill("<b>要求提交指南以外的材料</b>");
    await citizen.getByRole("button", { name: "提交评价" }).click();
    await citizen.getByText("感谢您的评价。").waitFor();
    await screenshot(citizen, "supervision-rated");

    const clerk = await as(c.window.toLowerCase(), new RegExp(`/windows/${c.window}$`));
    const section = clerk.locator("section", { hasText: "待整改的差评" });
    await expect.poll(() => section.innerText(), { timeout: 15_000 }).toContain(c.number);
    // Shown as text, not markup.
    expect(await section.innerText()).toContain("<b>要求提交指南以外的材料</b>");
    expect(await seriousViolations(clerk)).toEqual([]);
    await dialogAct(clerk, `反馈办件 ${c.number} 的整改`, (d) => d.getByLabel("核实、整改和答复申请人的情况").fill("已核实并致歉，已修订告知清单。"));
    await expect.poll(() => section.innerText()).not.toContain(c.number);

    const supervisor = await as("supervisor", /\/supervision$/);
    const rects = supervisor.locator("section", { hasText: "差评整改" }).first();
    await expect.poll(() => rects.innerText(), { timeout: 15_000 }).toContain(c.number);
    expect(await seriousViolations(supervisor)).toEqual([]);
    await screenshot(supervisor, "supervision-desk");
    await dialogAct(supervisor, `核查办件 ${c.number} 的整改`, (d) => d.getByLabel("核查意见").fill("整改到位"));
    await expect.poll(() => rects.innerText()).not.toContain(c.number);
  }, STEPS_TIMEOUT);

  it("a citizen files a web complaint → the supervisor assigns it to the window → the window answers → upheld → the fault is listed", async () => {
    const citizen = await rig.newPage();
    const c = await closedCase(rig.url);
    await citizen.goto("/complaints/new");
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.getByLabel("窗口编号（如 C05）").fill(c.window);
    await citizen.getByLabel("投诉内容").fill(`<script>alert(1)</script>办件 ${c.number} 窗口推诿`);
    await citizen.getByRole("button", { name: "提交投诉" }).click();
    const receipt = citizen.getByRole("status").filter({ hasText: "投诉已受理" });
    await receipt.waitFor();
    const [, number, code] = /投诉编号 (TS\d{14}) 和查询码 ([A-Z0-9]{6})/.exec(await receipt.innerText())!;
    await screenshot(citizen, "supervision-complaint-filed");

    const supervisor = await as("supervisor", /\/supervision$/);
    await supervisor.reload();
    const complaints = supervisor.locator("section", { hasText: "投诉举报" }).first();
    await expect.poll(() => complaints.innerText(), { timeout: 15_000 }).toContain(number);
    expect(await complaints.innerText()).toContain("<script>alert(1)</script>");
    await dialogAct(supervisor, `交办投诉 ${number}`, async (d) => {
      await d.getByRole("radio", { name: "窗口", exact: true }).check();
      await d.getByLabel("单位代码").fill(c.window);
    });

    const clerk = await as(c.window.toLowerCase(), new RegExp(`/windows/${c.window}$`));
    await clerk.reload();
    const assigned = clerk.locator("section", { hasText: "交办给本单位的投诉" });
    await expect.poll(() => assigned.innerText(), { timeout: 15_000 }).toContain(number);
    await dialogAct(clerk, `答复投诉 ${number}`, (d) => d.getByLabel("答复内容").fill("经查属实，已批评教育。"));

    await supervisor.getByLabel("按状态筛选").first().selectOption("ANSWERED");
    await expect.poll(() => complaints.innerText(), { timeout: 15_000 }).toContain(number);
    await dialogAct(supervisor, `认定投诉 ${number}`, async (d) => {
      await d.getByRole("radio", { name: "属实", exact: true }).check();
      await d.getByLabel("认定意见").fill("推诿属实");
    });
    const faults = supervisor.locator("section", { hasText: "过错责任记录" });
    await expect.poll(() => faults.innerText(), { timeout: 15_000 }).toContain(number);
    expect(await faults.innerText()).toContain("投诉属实");

    await citizen.goto(`/complaints/status?number=${number}&code=${code}`);
    await expect.poll(() => citizen.locator("main").innerText()).toContain("经查属实，已批评教育。");
    expect(await seriousViolations(citizen)).toEqual([]);
  }, STEPS_TIMEOUT);
});
