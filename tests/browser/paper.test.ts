import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { readPdf } from "../support/pdf";
import { randomUUID } from "node:crypto";
import { apiSession, screenshot, seriousViolations, startRig, idNumber, type BrowserRig } from "./support";

/**
 * Issue 9 §3 in the SPA: a village agent registers a case, prints its receipt, and the QR code read
 * back from the PDF opens the public status page of that very case; then prints the day's hand-over list.
 */
async function graphql(url: string, query: string) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return ((await res.json()) as { data: any }).data;
}

describe("paper for the citizen, in the SPA", () => {
  let rig: BrowserRig;
  let page: Page;
  let item: { code: string; name: string; department: { code: string }; acceptingWindows: { code: string; point: { level: string } }[] };
  let village: string;
  let number = "";
  let queryCode = "";

  beforeAll(async () => {
    rig = await startRig();
    const { serviceItems } = await graphql(
      rig.url,
      `{ serviceItems(level: CITY, first: 100) { nodes { code name defaultKind department { code } delegations { id } coDepartments { code } acceptingWindows { code point { level } } } } }`,
    );
    item = serviceItems.nodes.find(
      (i: any) => i.defaultKind === "COMMITTED" && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"),
    );
    village = (await graphql(rig.url, `{ servicePoints(parentCode: "421081003", first: 1) { nodes { code } } }`)).servicePoints.nodes[0].code;
    page = await rig.newPage();
    await page.goto("/login");
    await page.getByLabel(/用户名/).fill(`v${village}`);
    await page.getByLabel(/密码/).fill("bianmin2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(new RegExp(`/points/${village}$`));
  });
  afterAll(() => rig?.close());

  it("registers at the village and prints the receipt, whose QR code opens the status page of the case", async () => {
    await page.getByRole("button", { name: "填写登记表" }).click();
    const picker = page.getByLabel("审批事项");
    await picker.click();
    await picker.fill(item.code);
    await page.locator(".ant-select-item-option").filter({ hasText: item.code }).first().click();
    const boxes = page.locator("form#intake fieldset").first().getByRole("checkbox");
    await expect.poll(() => boxes.count(), { timeout: 20_000 }).toBeGreaterThan(0); // the item's materials load after the pick
    for (const box of await boxes.all()) await box.check();
    await page.getByLabel("申请人姓名").fill("王五");
    await page.getByLabel("身份证号码").fill(idNumber("42108119920202123"));
    await page.getByLabel("联系电话").fill("13800138002");
    await page.getByRole("button", { name: "登记", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "已登记" });
    await done.waitFor();
    [, number, queryCode] = /办件编号 (\d{20})，查询码 ([A-Z0-9]{6})/.exec(await done.innerText())!;

    const print = done.getByRole("link", { name: `打印办件 ${number} 的登记回执（PDF，新窗口打开）` });
    expect(await print.getAttribute("target")).toBe("_blank");
    // The pointer leaves the 登记 button (antd's hover colour is lighter) before axe looks at contrast.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await screenshot(page, "paper-village-receipt");
    expect(await seriousViolations(page)).toEqual([]);

    const res = await page.context().request.get(`${rig.url}${await print.getAttribute("href")}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    const { text, qrCodes } = await readPdf(Buffer.from(await res.body()));
    const flat = text.replace(/\s+/g, "");
    for (const expected of ["办件登记回执", number, queryCode, "王五", item.name]) expect(flat).toContain(expected);
    expect(qrCodes).toHaveLength(1);
    const target = new URL(qrCodes[0]);
    expect(target.pathname).toBe("/status");
    expect(Object.fromEntries(target.searchParams)).toEqual({ number, code: queryCode });

    // A citizen's phone: no session, the link as scanned (on this server).
    const citizen = await rig.newPage();
    await citizen.goto(`${target.pathname}${target.search}`);
    const result = citizen.locator(".status-result");
    await expect.poll(() => result.innerText(), { timeout: 15_000 }).toContain(number);
    expect(await result.innerText()).toContain(item.name);
    expect(await result.innerText()).toContain("已登记");
    await screenshot(citizen, "paper-status-from-qr");
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.context().close();
  });

  it("hands the case over and prints the day's hand-over list from the village workspace", async () => {
    await page.getByRole("button", { name: `移交 ${number}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "确认移交" }).click();
    await expect.poll(() => dialog.count(), { timeout: 15_000 }).toBe(0);
    const section = page.locator("section", { hasText: "移交清单" }).last();
    const link = section.getByRole("link", { name: /打印 \d{4}-\d{2}-\d{2} 的移交清单/ });
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^/documents/handovers/${village}/\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const res = await page.context().request.get(`${rig.url}${href}`);
    expect(res.status()).toBe(200);
    const flat = (await readPdf(Buffer.from(await res.body()))).text.replace(/\s+/g, "");
    for (const expected of ["办件移交清单", number, "王五", "移交人（签字）", "接收人（签字）"]) expect(flat).toContain(expected);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("once decided, the status page says where and when to collect the result", async () => {
    const run = async (username: string, mutation: string, type: string, input: Record<string, unknown>) => {
      const data = await (await apiSession(rig.url, username))(`mutation($input: ${type}!) { ${mutation}(input: $input) { userErrors { message } } }`, { input: { caseNumber: number, ...input } });
      expect(data[mutation].userErrors).toEqual([]);
    };
    const window = item.acceptingWindows.find((w) => w.point.level === "CITY")!.code;
    await run("t03", "handOverCase", "HandOverInput", {});
    await run(window.toLowerCase(), "acceptCase", "AcceptCaseInput", { kind: "COMMITTED" });
    await run(`${item.department.code.toLowerCase()}.deputy`, "decideCase", "DecideCaseInput", { approve: true, idempotencyKey: randomUUID() });

    const citizen = await rig.newPage();
    await citizen.goto(`/status?number=${number}&code=${queryCode}`);
    const collect = citizen.locator("section", { hasText: "领取办理结果" });
    await expect.poll(() => collect.count(), { timeout: 15_000 }).toBe(1);
    const text = await collect.innerText();
    expect(text).toContain("（村代办员）");
    expect(text).toContain("法定工作日 08:30–12:00、14:30–17:30");
    expect(text).toContain("正在送回");
    await screenshot(citizen, "paper-status-collect");
    expect(await seriousViolations(citizen)).toEqual([]);
    await citizen.context().close();
  });
});
