import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/src/seed/demo-data";
import { ApiClient, startTestApp, type TestApp } from "../support/app";

const ERRORS = `userErrors { field code reason }`;
const STAFF = `username displayName role active passwordChangeRequired lockedUntil point { code } window { code } department { code }`;
const CREATE = `mutation($input: CreateStaffInput!) { createStaff(input: $input) { result { temporaryPassword staff { ${STAFF} } } ${ERRORS} } }`;
const UPDATE = `mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { staff { ${STAFF} } ${ERRORS} } }`;
const RESET = `mutation($username: String!) { resetStaffPassword(username: $username) { result { temporaryPassword staff { username passwordChangeRequired } } ${ERRORS} } }`;
const DEACTIVATE = `mutation($username: String!, $reason: String!) { deactivateStaff(username: $username, reason: $reason) { staff { username active } ${ERRORS} } }`;
const REACTIVATE = `mutation($username: String!) { reactivateStaff(username: $username) { staff { username active } ${ERRORS} } }`;
const UNLOCK = `mutation($username: String!) { unlockStaff(username: $username) { staff { username } userErrors { code } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { staff { username } passwordChangeRequired lockedUntil userErrors { code field } } }`;
const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { staff { username } ${ERRORS} } }`;
const MEMBER = `query($username: String!) { staffMember(username: $username) { ${STAFF} } }`;
const NEW_PASSWORD = "Qiuyue-Hupan-73";

describe("admin: staff accounts", () => {
  let t: TestApp;
  let admin: ApiClient;
  const client = () => new ApiClient(t.url);
  const login = async (c: ApiClient, username: string, password: string) => (await c.ok(LOGIN, { input: { username, password } })).login;

  beforeAll(async () => {
    t = await startTestApp({ config: { loginRateLimitPerMinute: 1000, loginLockAfter: 3 } });
    admin = await t.as("admin");
  });
  afterAll(() => t.close());

  it("is the admin's only: a clerk is FORBIDDEN, an anonymous caller UNAUTHENTICATED", async () => {
    const clerk = await t.as("c01");
    const input = { username: "zhang.wei", displayName: "张伟", role: "WINDOW_CLERK", windowCode: "C02" };
    expect((await clerk.gql(CREATE, { input })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(RESET, { username: "c02" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(DEACTIVATE, { username: "c02", reason: "调离" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(UPDATE, { input: { username: "c02", role: "WINDOW_CLERK", windowCode: "C03" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(MEMBER, { username: "c02" })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.anonymous().gql(CREATE, { input })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await admin.ok(MEMBER, { username: "zhang.wei" })).staffMember).toBeNull();
  });

  it("refuses a taken login, a malformed one, and a unit that does not fit the role, naming the field", async () => {
    const refused: [Record<string, unknown>, string[], string, string][] = [
      [{ username: "c01", role: "WINDOW_CLERK", windowCode: "C02" }, ["input", "username"], "DUPLICATE", "STAFF_USERNAME_TAKEN"],
      [{ role: "WINDOW_CLERK" }, ["input", "windowCode"], "INVALID", "STAFF_UNIT_REQUIRED"],
      [{ role: "WINDOW_CLERK", windowCode: "C50" }, ["input", "windowCode"], "INVALID", "STAFF_UNIT_WRONG_KIND"],
      [{ role: "FINANCE_CLERK", windowCode: "C02" }, ["input", "windowCode"], "INVALID", "STAFF_UNIT_WRONG_KIND"],
      [{ role: "WINDOW_CLERK", windowCode: "C999" }, ["input", "windowCode"], "NOT_FOUND", "STAFF_UNIT_NOT_FOUND"],
      [{ role: "DIRECTOR" }, ["input", "departmentCode"], "INVALID", "STAFF_UNIT_REQUIRED"],
      [{ role: "VILLAGE_AGENT", pointCode: "421081001" }, ["input", "pointCode"], "INVALID", "STAFF_UNIT_WRONG_KIND"],
    ];
    for (const [input, field, code, reason] of refused) {
      const result = (await admin.ok(CREATE, { input: { username: "li.na", displayName: "李娜", ...input } })).createStaff;
      expect(result, reason).toEqual({ result: null, userErrors: [{ field, code, reason }] });
    }
    for (const username of ["Li Na", "ln", "李娜", "-lina"]) {
      const bad = await admin.gql(CREATE, { input: { username, displayName: "李娜", role: "SUPERVISOR" } });
      expect(bad.errors?.[0].extensions?.code, username).toBe("BAD_USER_INPUT");
      expect(bad.errors?.[0].extensions?.fields?.[0].field).toBe("input.username");
    }
    expect((await admin.ok(MEMBER, { username: "li.na" })).staffMember).toBeNull();
  });

  it("creates an account bound to its unit with a one-time password that is stored nowhere in clear", async () => {
    const created = (await admin.ok(CREATE, { input: { username: "Zhang.Wei ".trim().toLowerCase(), displayName: "张伟", role: "WINDOW_CLERK", windowCode: "C02" } })).createStaff;
    expect(created.userErrors).toEqual([]);
    expect(created.result.temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(created.result.staff).toEqual({
      username: "zhang.wei", displayName: "张伟", role: "WINDOW_CLERK", active: true, passwordChangeRequired: true, lockedUntil: null,
      point: { code: "421081" }, window: { code: "C02" }, department: null,
    });
    const chief = (await admin.ok(CREATE, { input: { username: "gaj.chief2", displayName: "王芳", role: "SECTION_CHIEF", departmentCode: "GAJ" } })).createStaff;
    expect(chief.result.staff).toMatchObject({ point: { code: "421081" }, window: null, department: { code: "GAJ" } });
    const em = t.app.services.db.manager;
    const dump = JSON.stringify(await em.query(`SELECT * FROM audit_entry WHERE "entityType" = 'Staff'`)) + JSON.stringify(await em.query(`SELECT * FROM staff WHERE username = 'zhang.wei'`));
    expect(dump).not.toContain(created.result.temporaryPassword);
    expect(dump).toContain("staff.create");
  });

  it("makes the new person change the password at the first login, refusing everything else until then", async () => {
    const { temporaryPassword } = (await admin.ok(RESET, { username: "zhang.wei" })).resetStaffPassword.result;
    const person = client();
    const first = await login(person, "zhang.wei", temporaryPassword);
    expect(first).toMatchObject({ staff: { username: "zhang.wei" }, passwordChangeRequired: true, userErrors: [] });
    expect((await person.ok(`{ me { username } passwordChangeRequired }`))).toEqual({ me: null, passwordChangeRequired: true });
    const queue = await person.gql(`{ windowQueue(windowCode: "C02") { totalCount } }`);
    expect(queue.errors?.[0].extensions?.code).toBe("PASSWORD_CHANGE_REQUIRED");
    const pdf = await fetch(`${t.url}/documents/cases/42108120261130000001/acceptance.pdf`, { headers: { cookie: person.cookie ?? "" } });
    expect(pdf.status).toBe(401);

    const refused: [Record<string, string>, string[], string][] = [
      [{ currentPassword: "wrong-password", newPassword: NEW_PASSWORD }, ["input", "currentPassword"], "PASSWORD_CURRENT_WRONG"],
      [{ currentPassword: temporaryPassword, newPassword: temporaryPassword }, ["input", "newPassword"], "PASSWORD_UNCHANGED"],
      [{ currentPassword: temporaryPassword, newPassword: "Ab1-x" }, ["input", "newPassword"], "PASSWORD_TOO_SHORT"],
      [{ currentPassword: temporaryPassword, newPassword: "password123" }, ["input", "newPassword"], "PASSWORD_TOO_WEAK"],
      [{ currentPassword: temporaryPassword, newPassword: "zhang.wei2026" }, ["input", "newPassword"], "PASSWORD_TOO_WEAK"],
      [{ currentPassword: temporaryPassword, newPassword: "qwertyuiop123" }, ["input", "newPassword"], "PASSWORD_TOO_WEAK"],
    ];
    for (const [input, field, reason] of refused) {
      const result = (await person.ok(CHANGE, { input })).changePassword;
      expect(result.staff, reason).toBeNull();
      expect(result.userErrors[0]).toMatchObject({ field, reason });
    }
    expect((await person.ok(`{ passwordChangeRequired }`)).passwordChangeRequired).toBe(true);

    const changed = (await person.ok(CHANGE, { input: { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD } })).changePassword;
    expect(changed).toEqual({ staff: { username: "zhang.wei" }, userErrors: [] });
    expect(await person.ok(`{ me { username } passwordChangeRequired }`)).toEqual({ me: { username: "zhang.wei" }, passwordChangeRequired: false });
    expect((await person.ok(`{ windowQueue(windowCode: "C02") { totalCount } }`)).windowQueue.totalCount).toBeGreaterThanOrEqual(0);
    expect((await login(client(), "zhang.wei", temporaryPassword)).userErrors).toEqual([{ code: "INVALID_CREDENTIALS", field: ["input", "password"] }]);
    expect(await login(client(), "zhang.wei", NEW_PASSWORD)).toMatchObject({ passwordChangeRequired: false, userErrors: [] });
    expect((await admin.ok(MEMBER, { username: "zhang.wei" })).staffMember.passwordChangeRequired).toBe(false);
  });

  it("a pending session may log out; the anonymous caller gets UNAUTHENTICATED from changePassword", async () => {
    const { temporaryPassword } = (await admin.ok(RESET, { username: "gaj.chief2" })).resetStaffPassword.result;
    const person = client();
    await login(person, "gaj.chief2", temporaryPassword);
    expect((await person.ok(`mutation { logout }`)).logout).toBe(true);
    expect((await person.ok(`{ passwordChangeRequired }`)).passwordChangeRequired).toBe(false);
    expect((await t.anonymous().gql(CHANGE, { input: { currentPassword: "x", newPassword: NEW_PASSWORD } })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("resets a password: the person's sessions end, the old password stops working, a lock goes, and the admin may not reset their own", async () => {
    const c03 = await t.as("c03");
    for (let i = 0; i < 3; i++) await login(client(), "c03", "not-the-password");
    const locked = (await admin.ok(MEMBER, { username: "c03" })).staffMember.lockedUntil;
    expect(locked).not.toBeNull();

    const reset = (await admin.ok(RESET, { username: "c03" })).resetStaffPassword;
    expect(reset.result.staff).toEqual({ username: "c03", passwordChangeRequired: true });
    expect((await c03.ok(`{ me { username } }`)).me).toBeNull();
    expect((await admin.ok(MEMBER, { username: "c03" })).staffMember.lockedUntil).toBeNull();
    expect((await login(client(), "c03", DEMO_PASSWORD)).userErrors[0].code).toBe("INVALID_CREDENTIALS");
    expect((await login(client(), "c03", reset.result.temporaryPassword)).passwordChangeRequired).toBe(true);

    expect((await admin.ok(RESET, { username: "admin" })).resetStaffPassword.userErrors).toEqual([{ field: ["username"], code: "RULE_VIOLATION", reason: "STAFF_SELF_RESET" }]);
    expect((await admin.ok(RESET, { username: "nobody" })).resetStaffPassword.userErrors).toEqual([{ field: ["username"], code: "NOT_FOUND", reason: "STAFF_NOT_FOUND" }]);
  });

  it("unlocks a locked account (unlockStaff) so the person can log in again", async () => {
    for (let i = 0; i < 3; i++) await login(client(), "c04", "not-the-password");
    expect((await login(client(), "c04", DEMO_PASSWORD)).userErrors[0].code).toBe("ACCOUNT_LOCKED");
    expect((await admin.ok(UNLOCK, { username: "c04" })).unlockStaff).toEqual({ staff: { username: "c04" }, userErrors: [] });
    expect((await admin.ok(MEMBER, { username: "c04" })).staffMember.lockedUntil).toBeNull();
    expect(await login(client(), "c04", DEMO_PASSWORD)).toMatchObject({ staff: { username: "c04" }, passwordChangeRequired: false });
  });

  it("moves a person to another unit and role, and refuses a change of the admin's own role", async () => {
    const moved = (await admin.ok(UPDATE, { input: { username: "zhang.wei", role: "FINANCE_CLERK", windowCode: "C50" } })).updateStaff;
    expect(moved.staff).toMatchObject({ role: "FINANCE_CLERK", window: { code: "C50" }, displayName: "张伟" });
    const self = (await admin.ok(UPDATE, { input: { username: "admin", role: "SUPERVISOR" } })).updateStaff;
    expect(self.userErrors).toEqual([{ field: ["input", "role"], code: "RULE_VIOLATION", reason: "STAFF_SELF" }]);
  });

  it("deactivates an account at once (sessions end, login refused), with a reason; reactivates it", async () => {
    const person = client();
    await login(person, "zhang.wei", NEW_PASSWORD);
    expect((await person.ok(`{ me { username } }`)).me).toEqual({ username: "zhang.wei" });
    const missingReason = await admin.gql(DEACTIVATE, { username: "zhang.wei", reason: "" });
    expect(missingReason.errors?.[0].extensions?.fields?.[0].field).toBe("reason");
    expect((await admin.ok(DEACTIVATE, { username: "zhang.wei", reason: "调离本中心" })).deactivateStaff).toEqual({ staff: { username: "zhang.wei", active: false }, userErrors: [] });
    expect((await person.ok(`{ me { username } }`)).me).toBeNull();
    expect((await login(client(), "zhang.wei", NEW_PASSWORD)).userErrors[0].code).toBe("INVALID_CREDENTIALS");
    expect((await admin.ok(DEACTIVATE, { username: "zhang.wei", reason: "再次" })).deactivateStaff.userErrors).toEqual([{ field: ["username"], code: "INVALID", reason: "STAFF_ALREADY_INACTIVE" }]);
    expect((await admin.ok(DEACTIVATE, { username: "admin", reason: "测试" })).deactivateStaff.userErrors).toEqual([{ field: ["username"], code: "RULE_VIOLATION", reason: "STAFF_SELF" }]);
    expect((await admin.ok(REACTIVATE, { username: "zhang.wei" })).reactivateStaff.staff).toEqual({ username: "zhang.wei", active: true });
    expect((await login(client(), "zhang.wei", NEW_PASSWORD)).userErrors).toEqual([]);
  });
});
