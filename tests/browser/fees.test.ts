import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { amountInWords } from "../../server/src/modules/fees/fee-arithmetic";
import { idNumber, pdfText, screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** As the SPA shows fen: ¥550.00. */
const formatYuan = (fen: number) => new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" }).format(fen / 100);

async function graphql<T>(url: string, query: string, variables: object = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

interface FeeItem {
  code: string;
  name: string;
  department: string;
  departmentName: string;
  window: string;
  materialIds: string[];
  amountFen: number;
}

/** A city COMMITTED item with one fee standard above zero, not delegated, not joint, accepted at a city window. */
async function pickFeeItem(url: string): Promise<FeeItem> {
  const query = `query($after: String) { serviceItems(level: CITY, first: 40, after: $after) { nodes { code name defaultKind
    department { code name } delegations { id } coDepartments { code } acceptingWindows { code point { level } }
    materials { id required } feeStandards { id amountFen } } pageInfo { hasNextPage endCursor } } }`;
  let after: string | null = null;
  for (;;) {
    const data: { serviceItems: { nodes: any[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await graphql(url, query, { after });
    const item = data.serviceItems.nodes.find(
      (i) =>
        i.defaultKind === "COMMITTED" &&
        !i.delegations.length &&
        !i.coDepartments.length &&
        i.feeStandards.length === 1 &&
        i.feeStandards[0].amountFen > 100 &&
        i.acceptingWindows.some((w: any) => w.point.level === "CITY"),
    );
    if (item) {
      return {
        code: item.code,
        name: item.name,
        department: item.department.code,
        departmentName: item.department.name,
        window: item.acceptingWindows.find((w: any) => w.point.level === "CITY").code,
        materialIds: item.materials.map((m: any) => m.id),
        amountFen: item.feeStandards[0].amountFen,
      };
    }
    if (!data.serviceItems.pageInfo.hasNextPage) throw new Error("no city COMMITTED item with one fee in the seed");
    after = data.serviceItems.pageInfo.endCursor;
  }
}

/** Clicks an act's button, confirms its dialog, and waits for the dialog to close (the server agreed). */
async function act(page: Page, button: string | RegExp, ok: string): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: ok }).click();
  await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
}

describe("以票控费 in the SPA: charge, pay at the finance window, print the ticket, hand the result back", () => {
  let rig: BrowserRig;
  let item: FeeItem;
  let number = "";
  let ticket = "";
  /** What is due after the deputy's reduction of ¥1.00. */
  const due = () => item.amountFen - 100;
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
    item = await pickFeeItem(rig.url);
  });
  afterAll(() => rig?.close());

  it("the item's window clerk registers and accepts the case, then charges it at the standard", async () => {
    const clerk = item.window.toLowerCase();
    const page = await as(clerk, new RegExp(`/windows/${item.window}$`));
    // Registration is the case-path test's subject; here it goes through the API with the clerk's session.
    const res = await page.request.post(`${rig.url}/graphql`, {
      headers: { "content-type": "application/json" },
      data: {
        query: `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code message } } }`,
        variables: {
          input: {
            itemCode: item.code,
            materialIds: item.materialIds,
            idempotencyKey: `fees-e2e-${Date.now()}`,
            applicant: { name: "李四", idNumber: idNumber("42108119850202123"), phone: "13900139000" },
          },
        },
      },
    });
    const body = (await res.json()) as { data: { registerCase: { case: { number: string } | null; userErrors: unknown[] } } };
    expect(body.data.registerCase.userErrors).toEqual([]);
    number = body.data.registerCase.case!.number;

    await page.goto(`/cases/${number}`);
    await act(page, "受理", "确认受理");
    await expect.poll(() => page.locator("main").innerText()).toContain("办理中");

    await page.getByRole("button", { name: "计费" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const standard = dialog.getByRole("radio").first();
    await standard.check();
    await expect.poll(() => dialog.innerText()).toContain("应缴金额");
    await screenshot(page, "fees-charge-dialog");
    await dialog.getByRole("button", { name: "确认计费" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    const fees = page.locator("section", { hasText: "收费（以票控费）" });
    await expect.poll(() => fees.innerText()).toContain("待缴费");
    expect(await fees.innerText()).toContain("第 1 版");
    await screenshot(page, "fees-case-charged");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the department's deputy, holding a letter, reduces the charge by ¥1.00 and approves; the result waits for the payment (C7)", async () => {
    const dept = item.department;
    const page = await as(`${dept.toLowerCase()}.deputy`, new RegExp(`/departments/${dept}$`));
    await page.goto(`/cases/${number}`);
    await page.getByRole("button", { name: /^减免 / }).click();
    const reduce = page.getByRole("dialog");
    await reduce.waitFor();
    await reduce.getByLabel("减免金额（元）").fill("1.00");
    await reduce.getByLabel("减免依据").fill("《行政事业性收费管理办法》第十二条");
    await reduce.getByLabel("减免理由").fill("申请人为低保户，按规定减收");
    await screenshot(page, "fees-reduce-dialog");
    expect(await seriousViolations(page)).toEqual([]);
    await reduce.getByRole("button", { name: "确认减免" }).click();
    await expect.poll(() => reduce.count(), { timeout: 15_000 }).toBe(0);
    const fees = page.locator("section", { hasText: "收费（以票控费）" });
    await expect.poll(() => fees.innerText()).toContain("减免 ¥1.00");
    expect(await fees.innerText()).toContain(formatYuan(due()));

    await page.getByRole("button", { name: "准予许可", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "确认准予" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);

    const clerk = pages.get(item.window.toLowerCase())!;
    await clerk.goto(`/cases/${number}`);
    await expect.poll(() => clerk.locator("main").innerText()).toContain("准予许可");
    expect(await clerk.locator("main").innerText()).toContain("缴清后才能转交结果或销号");
    expect(await clerk.getByRole("button", { name: "送达销号" }).count()).toBe(0);
  });

  it("the finance clerk at C50 takes the payment in a confirm dialog and prints the ticket", async () => {
    const page = await as("c50", /\/windows\/C50$/);
    const awaiting = page.locator("section", { hasText: "待缴费的办件" });
    await expect.poll(() => awaiting.innerText()).toContain(number);
    await screenshot(page, "fees-finance-awaiting");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: `收款 ${number}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(item.departmentName);
    expect(await dialog.getByRole("radio", { name: "现金" }).isChecked()).toBe(true);
    // A card payment needs its POS reference: refused in the form before anything is sent.
    await dialog.getByRole("radio", { name: "刷卡" }).check();
    await dialog.getByRole("button", { name: "确认收款" }).click();
    await expect.poll(() => dialog.innerText()).toContain("刷卡或转账须填写交易参考号");
    await dialog.getByLabel("交易参考号").fill("POS-20261130-0001");
    await screenshot(page, "fees-finance-take-dialog");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认收款" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);

    const done = page.getByRole("status").filter({ hasText: "票据号码" });
    await done.waitFor();
    ticket = /票据号码 (\S+?)。/.exec(await done.innerText())![1];
    await expect.poll(() => awaiting.innerText()).not.toContain(number);
    const today = page.locator("section", { hasText: "当日收款" });
    await expect.poll(() => today.innerText()).toContain(ticket);
    await screenshot(page, "fees-finance-taken");
    expect(await seriousViolations(page)).toEqual([]);

    const link = done.getByRole("link", { name: `打印票据 ${ticket}` });
    const href = await link.getAttribute("href");
    expect(await link.getAttribute("target")).toBe("_blank");
    const res = await page.context().request.get(`${rig.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    const text = (await pdfText(await res.body())).replace(/\s+/g, "");
    expect(text).toContain(ticket);
    expect(text).toContain(amountInWords(due()));

    // F6: the day's money goes into the designated account; the reconciliation balances.
    await page.getByRole("button", { name: "登记存款" }).click();
    const deposit = page.getByRole("dialog");
    await deposit.waitFor();
    await deposit.getByLabel("存款金额（元）").fill((due() / 100).toFixed(2));
    await deposit.getByLabel("银行回单号").fill("BANK-20261130-01");
    await deposit.getByRole("button", { name: "确认登记" }).click();
    await expect.poll(() => deposit.count(), { timeout: 15_000 }).toBe(0);
    const row = page.locator("section", { hasText: "当日对账" }).locator("tr", { hasText: item.departmentName });
    const yuan = formatYuan(due());
    await expect.poll(async () => (await row.innerText()).split(yuan).length - 1).toBe(2);
    expect(await row.innerText()).toContain("¥0.00");
    const csv = await page.context().request.get(`${rig.url}${await page.getByRole("link", { name: /下载 CSV/ }).getAttribute("href")}`);
    expect(csv.status()).toBe(200);
    const table = await csv.text();
    expect(table).toContain("窗口");
    expect(table).toContain("C50");
    const xlsx = await page.context().request.get(`${rig.url}${await page.getByRole("link", { name: /下载 Excel/ }).getAttribute("href")}`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
    await screenshot(page, "fees-finance-reconciled");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("paid, the window clerk delivers the result and closes the case", async () => {
    const page = pages.get(item.window.toLowerCase())!;
    await page.reload();
    const fees = page.locator("section", { hasText: "收费（以票控费）" });
    await expect.poll(() => fees.innerText()).toContain("已缴费");
    expect(await fees.innerText()).toContain(ticket);
    await page.getByRole("button", { name: "送达销号" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "确认销号" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator("main").innerText()).toContain("已销号");
    await screenshot(page, "fees-case-closed");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the department's director applies for a new ticket book with both statements", async () => {
    const dept = item.department;
    const page = await as(`${dept.toLowerCase()}.director`, new RegExp(`/departments/${dept}$`));
    const books = page.locator("section", { hasText: "票据" }).filter({ hasText: "申领新票据" });
    await expect.poll(() => books.innerText()).toContain("在用");
    await page.getByRole("button", { name: "申领新票据" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "提交申领" }).click();
    await expect.poll(() => dialog.getByText("须确认此项承诺").count()).toBe(2);
    await dialog.getByRole("checkbox", { name: /无双轨运行/ }).check();
    await dialog.getByRole("checkbox", { name: /专户/ }).check();
    await screenshot(page, "fees-department-apply");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "提交申领" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => books.innerText()).toContain("待签发");
    await screenshot(page, "fees-department");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the admin's attempt to issue the new book without a passed audit is refused on screen", async () => {
    const page = await as("admin", /\/admin/);
    await page.goto("/admin?tab=books");
    await page.getByRole("button", { name: `签发票据 ${item.departmentName}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("票据字轨").fill("鄂财通(2026)99");
    await dialog.getByLabel("起始号").fill("1");
    await dialog.getByLabel("终止号").fill("500");
    await dialog.getByRole("button", { name: "确认签发" }).click();
    const refusal = dialog.getByRole("alert");
    await expect.poll(() => refusal.innerText()).toContain("上一本票据的存根尚未审验通过，不能签发新票据");
    await screenshot(page, "fees-admin-issue-refused");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // The old book is handed in and its stubs audited: every number paid and deposited → passed and stamped.
    const book = page.locator("section", { hasText: "全部票据" }).locator("tr", { hasText: item.departmentName });
    const series = /鄂财通\(2026\)\d+/.exec(await book.innerText())![0];
    await act(page, `缴销票据 ${series}`, "确认缴销");
    await expect.poll(() => book.innerText()).toContain("已缴销待审验");
    await act(page, `审验存根 ${series}`, "审验并盖章");
    await expect.poll(() => book.innerText()).toContain("审验通过");
    expect(await book.innerText()).toContain("加盖票据审验章");
    await screenshot(page, "fees-admin-audited");
    expect(await seriousViolations(page)).toEqual([]);

    // Now the new book is issued.
    await page.getByRole("button", { name: `签发票据 ${item.departmentName}` }).click();
    await dialog.waitFor();
    await dialog.getByLabel("票据字轨").fill("鄂财通(2026)99");
    await dialog.getByLabel("起始号").fill("1");
    await dialog.getByLabel("终止号").fill("500");
    await dialog.getByRole("button", { name: "确认签发" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator("section", { hasText: "全部票据" }).innerText()).toContain("鄂财通(2026)99");
  });

  it("the admin's other fee screens: standards, void approvals, reconciliation", async () => {
    const page = pages.get("admin")!;
    await page.goto("/admin?tab=fees");
    const picker = page.getByLabel("审批事项");
    await picker.click();
    await picker.fill(item.code);
    await page.locator(".ant-select-item-option").filter({ hasText: item.code }).first().click();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("main").innerText()).toContain("执行中");
    await screenshot(page, "fees-admin-standards");
    expect(await seriousViolations(page)).toEqual([]);
    // A fine is not a fee (F1): the server's refusal, in Chinese, in the dialog; nothing is added.
    await page.getByRole("button", { name: "新增版本" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("收费项目名称").fill("违章建设罚款");
    await dialog.getByLabel("收费金额（元）").fill("200");
    await dialog.getByRole("button", { name: "确认新增" }).click();
    await expect.poll(() => dialog.innerText()).toContain("罚没收入不是行政事业性收费或政府性基金");
    await screenshot(page, "fees-admin-standard-refused");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "取消" }).click();
    expect(await page.locator("main").innerText()).not.toContain("违章建设罚款");

    await page.goto("/admin?tab=voids");
    await expect.poll(() => page.locator("main").innerText()).toContain("没有待审批的作废申请");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/admin?tab=reconciliation");
    await expect.poll(() => page.locator("main").innerText()).toContain("C50");
    expect(await page.locator("main").innerText()).toContain("下载 CSV");
    await screenshot(page, "fees-admin-reconciliation");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("a void takes two people: the finance clerk asks with a reason, the admin approves; the number stays", async () => {
    const clerk = pages.get("c50")!;
    await clerk.reload();
    await clerk.getByRole("button", { name: `申请作废 ${ticket}` }).click();
    const dialog = clerk.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("理由").fill("缴款人信息填写错误，重新开票");
    await dialog.getByRole("button", { name: "提交作废申请" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    const row = clerk.locator("section", { hasText: "当日收款" }).locator("tr", { hasText: ticket });
    await expect.poll(() => row.innerText()).toContain("作废待审批");

    const admin = pages.get("admin")!;
    await admin.goto("/admin?tab=voids");
    await expect.poll(() => admin.locator("main").innerText()).toContain(ticket);
    await screenshot(admin, "fees-admin-voids");
    expect(await seriousViolations(admin)).toEqual([]);
    await act(admin, `批准作废 ${ticket}`, "确认作废");
    await expect.poll(() => admin.locator("main").innerText()).toContain("没有待审批的作废申请");

    await clerk.reload();
    await expect.poll(() => row.innerText()).toContain("已作废");
    expect(await row.innerText()).toContain(ticket);

    // The same screen in English.
    await clerk.getByRole("button", { name: /English/ }).click();
    await expect.poll(() => clerk.locator("main").innerText()).toContain("Takings of the day");
    expect(await clerk.locator("main").innerText()).toContain("Voided");
    await screenshot(clerk, "fees-finance-en");
    expect(await seriousViolations(clerk)).toEqual([]);
  });

  it("the centre's finance supervisor closes C50's day; a difference needs a written reason (F6)", async () => {
    const admin = pages.get("admin")!;
    await admin.goto("/admin?tab=reconciliation");
    await admin.getByRole("button", { name: `日结 C50 ${item.departmentName}` }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "确认日结" }).click();
    await expect.poll(() => dialog.innerText()).toContain("必填");
    await dialog.getByLabel("差额说明").fill("票据作废，存款待次日退回");
    await dialog.getByRole("button", { name: "确认日结" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    const rows = admin.locator("section, main").locator("tr", { hasText: "C50" });
    await expect.poll(async () => (await rows.allInnerTexts()).every((r) => r.includes("日结"))).toBe(true);
    await screenshot(admin, "fees-admin-day-closed");
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it("a township's finance clerk lands on his own finance window", async () => {
    const page = await as("t03f", /\/windows\/[^/]+$/);
    await expect.poll(() => page.locator("main").innerText()).toContain("待缴费的办件");
    expect(await page.locator("h1").innerText()).toContain("金融窗口");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
