import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

function idNumber(base17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base17[i]), 0);
  return base17 + "10X98765432"[sum % 11];
}

/** A logged-in API session of the real server (the case is prepared through the API; the test is about supervision). */
async function apiSession(url: string, username: string) {
  const post = async (cookie: string | undefined, query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }) });
    return { res, body: (await res.json()) as { data?: any; errors?: unknown[] } };
  };
  const login = await post(undefined, `mutation($input: LoginInput!) { login(input: $input) { staff { id } } }`, { input: { username, password: "bianmin2026" } });
  const cookie = login.res.headers.get("set-cookie")!.split(";")[0];
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await post(cookie, query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/** A city COMMITTED item accepted at a city window, registered, accepted, decided and closed there; with its query code. */
async function closedCase(url: string): Promise<{ number: string; queryCode: string; window: string; department: string }> {
  const anonymous = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ serviceItems(level: CITY, first: 100) { nodes { code defaultKind department { code } delegations { id } coDepartments { code } materials { id required } acceptingWindows { code point { level } } } } }` }),
  });
  const items = ((await anonymous.json()) as { data: { serviceItems: { nodes: any[] } } }).data.serviceItems.nodes;
  const item = items.find((i) => i.defaultKind === "COMMITTED" && !i.delegations.length && !i.coDepartments.length && i.acceptingWindows.some((w: any) => w.point.level === "CITY"));
  const window = item.acceptingWindows.find((w: any) => w.point.level === "CITY").code as string;
  const clerk = await apiSession(url, window.toLowerCase());
  const registered = await clerk(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number queryCode } userErrors { message } } }`, {
    input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber("42108119850101123"), phone: "13800138001" }, materialIds: item.materials.map((m: any) => m.id), idempotencyKey: randomUUID() },
  });
  const { number, queryCode } = registered.registerCase.case;
  const act = async (as: typeof clerk, mutation: string, type: string, input: Record<string, unknown>) => {
    const data = await as(`mutation($input: ${type}!) { ${mutation}(input: $input) { case { status } userErrors { message } } }`, { input: { caseNumber: number, ...input } });
    expect(data[mutation].userErrors).toEqual([]);
  };
  await act(clerk, "acceptCase", "AcceptCaseInput", { kind: "COMMITTED" });
  await act(await apiSession(url, `${item.department.code.toLowerCase()}.deputy`), "decideCase", "DecideCaseInput", { approve: true, idempotencyKey: randomUUID() });
  await act(clerk, "closeCase", "CloseCaseInput", { via: "WINDOW" });
  return { number, queryCode, window, department: item.department.code };
}

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
