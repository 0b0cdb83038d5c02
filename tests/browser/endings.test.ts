import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { idNumber, apiSession, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** A city COMMITTED case registered and accepted at its city window, through the API. */
async function acceptedCase(url: string): Promise<{ number: string; window: string }> {
  const anonymous = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind delegations { id } coDepartments { code } materials { id } acceptingWindows { code point { level } } } } }` }),
  });
  const items = ((await anonymous.json()) as { data: { serviceItems: { nodes: any[] } } }).data.serviceItems.nodes;
  const item = items.find((i) => i.defaultKind === "COMMITTED" && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"));
  const window = item.acceptingWindows.find((w: any) => w.point.level === "CITY").code as string;
  const clerk = await apiSession(url, window.toLowerCase());
  const registered = await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { message } } }`, {
    input: { itemCode: item.code, applicant: { name: "王五", idNumber: idNumber("42108119900101123"), phone: "13800138002" }, materialIds: item.materials.map((m: any) => m.id), idempotencyKey: randomUUID() },
  });
  const number = registered.registerCase.case.number as string;
  const accepted = await clerk(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { userErrors { message } } }`, { input: { caseNumber: number, kind: "COMMITTED" } });
  expect(accepted.acceptCase.userErrors).toEqual([]);
  return { number, window };
}

const STEPS_TIMEOUT = 180_000;

describe("case endings in the SPA: the applicant's withdrawal at the window, and the supervisor's export panel", () => {
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
    "the clerk records a withdrawal with its reason; the case page shows completion result 5 退件; the export panel links the period's CSV and XLSX",
    async () => {
      const { number, window } = await acceptedCase(rig.url);
      const page = await login(window.toLowerCase());
      await page.goto(`/cases/${number}`);
      await page.getByRole("button", { name: "申请人撤回" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      await dialog.getByLabel("撤回原因").fill("申请人当场书面申请撤回");
      await dialog.getByRole("button", { name: "确认撤回" }).click();
      await expect.poll(async () => ((await dialog.count()) ? await dialog.innerText() : ""), { timeout: 30_000 }).toBe("");
      await expect.poll(async () => page.getByTestId("completion-code").innerText(), { timeout: 15_000 }).toBe("5 退件");
      await page.getByText("申请人当场书面申请撤回").first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "endings-withdrawn");

      const supervisor = await login("supervisor");
      await supervisor.goto("/supervision");
      await supervisor.getByText("办件导出（省级平台）").waitFor();
      const csv = supervisor.getByRole("link", { name: /下载 CSV/ });
      expect(await csv.getAttribute("href")).toMatch(/^\/documents\/export\/cases\.csv\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
      await expect.poll(async () => supervisor.getByTestId("export-count").innerText(), { timeout: 15_000 }).toMatch(/共 [1-9]\d* 件/);
      const response = await supervisor.request.get((await csv.getAttribute("href"))!);
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain(`${number},`);
      expect(await seriousViolations(supervisor)).toEqual([]);
    },
    STEPS_TIMEOUT,
  );
});
