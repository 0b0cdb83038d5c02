import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { screenshot, seriousViolations, startRig, type BrowserRig } from "./support";

/** Picks an option of an antd Select by typing part of its label. */
async function choose(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: text }).first().click();
  // The list closes (antd hides it after its animation) before the next step or an axe check.
  await expect.poll(() => page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").count()).toBe(0);
}

describe("admin screens: the working calendar, staff accounts and material edits", () => {
  let rig: BrowserRig;
  let admin: Page;
  let temporaryPassword = "";

  beforeAll(async () => {
    rig = await startRig();
    admin = await rig.newPage();
    await admin.goto("/login");
    await admin.getByLabel(/用户名/).fill("admin");
    await admin.getByLabel(/密码/).fill("bianmin2026");
    await admin.getByRole("button", { name: /登\s*录/ }).click();
    await admin.waitForURL(/\/admin$/);
  });
  afterAll(() => rig?.close());

  it("shows which years are official or provisional and loads 2027 from the State Council's notice, a wrong make-up day refused on its field", async () => {
    await admin.goto("/admin?tab=calendar");
    const row2027 = admin.locator('tr[data-row-key="2027"]');
    await expect.poll(() => row2027.innerText()).toContain("暂定");
    expect(await admin.locator('tr[data-row-key="2026"]').innerText()).toContain("正式");
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByRole("button", { name: "按国务院通知录入" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("通知文号").fill("国办发明电〔2026〕12号");
    await dialog.locator("#notice_holidays_0_name").fill("元旦");
    await dialog.locator("#notice_holidays_0_firstDay").fill("2027-01-01");
    await dialog.locator("#notice_holidays_0_lastDay").fill("2027-01-03");
    await dialog.getByRole("button", { name: "添加调休上班日" }).click();
    await dialog.locator("#notice_makeupDays_0_date").fill("2027-01-04");
    await dialog.locator("#notice_makeupDays_0_name").fill("元旦");
    expect(await seriousViolations(admin)).toEqual([]);
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => dialog.innerText()).toContain("只有星期六、星期日才能调休上班。");
    await screenshot(admin, "admin-calendar-notice-refused");

    await dialog.locator("#notice_makeupDays_0_date").fill("2027-01-09");
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => row2027.innerText()).toContain("正式");
    expect(await row2027.innerText()).toContain("国办发明电〔2026〕12号");
    await admin.getByRole("button", { name: "查看 2027 年" }).click();
    await expect.poll(() => admin.getByRole("region", { name: "2027 年的节假日与调休上班日" }).innerText()).toContain("2027-01-09");
  });

  it("changes one day of the official year with a reason", async () => {
    await admin.getByRole("button", { name: "调整日期" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("日期").fill("2027-03-01");
    await dialog.getByLabel("名称").fill("临时休假");
    await dialog.getByLabel("调整理由").fill("市政府通知停电检修");
    expect(await seriousViolations(admin)).toEqual([]);
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    const row = admin.locator('tr[data-row-key="2027-03-01"]');
    await expect.poll(() => row.innerText()).toContain("市政府通知停电检修");
    await screenshot(admin, "admin-calendar-2027");
  });

  it("creates a staff account bound to window C02; the one-time password is shown once", async () => {
    await admin.goto("/admin?tab=staff");
    await admin.getByRole("button", { name: "新建账号" }).waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole("button", { name: "新建账号" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByLabel("登录名").fill("wang.fang");
    await dialog.getByLabel("姓名").fill("王芳");
    await choose(admin, dialog.getByLabel("角色"), "窗口人员"); // the first role listed; 乡镇/金融窗口人员 come later
    await choose(admin, dialog.getByLabel("所在网点"), "石首市");
    await choose(admin, dialog.getByLabel("窗口", { exact: true }), "C02");
    expect(await seriousViolations(admin)).toEqual([]);
    await dialog.getByRole("button", { name: "保存" }).click();

    const shown = admin.getByRole("dialog", { name: "一次性密码" });
    await shown.waitFor();
    temporaryPassword = await shown.getByTestId("temporary-password").innerText();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    // The account form fades out behind the one-time password; axe reads it half-transparent until it is gone.
    await expect.poll(() => admin.locator("#staff_username").count(), { timeout: 10_000 }).toBe(0);
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, "admin-staff-temporary-password");
    await shown.getByRole("button", { name: "我已转交" }).click();
    await expect.poll(() => shown.count()).toBe(0);

    await admin.getByLabel("按登录名或姓名查找").fill("wang.fang");
    await admin.getByLabel("按登录名或姓名查找").press("Enter");
    const row = admin.getByRole("row", { name: /wang\.fang/ });
    await expect.poll(() => row.innerText()).toContain("待改密码");
    expect(await row.innerText()).toContain("C02");
  });

  it("the new person logs in with it and must set a new password first; a weak one is refused on its field", async () => {
    const person = await rig.newPage();
    await person.goto("/login");
    await person.getByLabel(/用户名/).fill("wang.fang");
    await person.getByLabel(/密码/).fill(temporaryPassword);
    await person.getByRole("button", { name: /登\s*录/ }).click();
    await person.getByRole("heading", { name: "设置新密码" }).waitFor();
    expect(await seriousViolations(person)).toEqual([]);

    await person.getByLabel("当前密码（一次性密码）").fill(temporaryPassword);
    await person.getByLabel("新密码", { exact: true }).fill("password123");
    await person.getByLabel("再次输入新密码").fill("password123");
    await person.getByRole("button", { name: "保存新密码" }).click();
    await expect.poll(() => person.locator("#changePassword_newPassword_help").innerText()).toContain("密码太容易被猜到");
    await screenshot(person, "admin-staff-change-password");

    // Until then the session may do nothing else, and a reload keeps the form.
    await person.reload();
    await person.getByRole("heading", { name: "设置新密码" }).waitFor();
    await person.getByLabel("当前密码（一次性密码）").fill(temporaryPassword);
    await person.getByLabel("新密码", { exact: true }).fill("Qiuyue-Hupan-73");
    await person.getByLabel("再次输入新密码").fill("Qiuyue-Hupan-73");
    await person.getByRole("button", { name: "保存新密码" }).click();
    await person.waitForURL(/\/windows\/C02$/, { timeout: 30_000 });
    await expect.poll(() => person.getByRole("banner").innerText()).toContain("王芳");
  });

  it("edits a material of an item; the guide's version history shows the change", async () => {
    await admin.goto("/admin?tab=items");
    const details = admin.getByRole("button", { name: /^材料、窗口与下放 / }).first();
    await details.click();
    const drawer = admin.getByRole("dialog");
    const edit = drawer.getByRole("button", { name: /^编辑 / }).first();
    await edit.click();
    const dialog = admin.getByRole("dialog", { name: "编辑申报材料" });
    await dialog.waitFor();
    await dialog.getByLabel("材料名称").fill("居民身份证（原件及复印件）");
    expect(await seriousViolations(admin)).toEqual([]);
    await dialog.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => dialog.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => drawer.innerText()).toContain("修改材料：居民身份证（原件及复印件）");
    expect(await drawer.innerText()).toContain("初始版本");
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, "admin-guide-history");
  });

  it("words the new screens in English too", async () => {
    await admin.goto("/admin?tab=staff");
    await admin.getByRole("button", { name: /English|语言|language/i }).click();
    await expect.poll(() => admin.getByRole("tab", { selected: true }).innerText()).toBe("Staff");
    await admin.getByRole("button", { name: "New account" }).waitFor();
    await admin.getByRole("tab", { name: "Working calendar" }).click();
    await admin.getByRole("button", { name: "Enter the State Council's notice" }).waitFor();
    expect(await admin.locator('tr[data-row-key="2027"]').innerText()).toContain("Official");
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
