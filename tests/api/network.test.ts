import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";

describe("the seeded network at the source's scale", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("networkSummary reproduces the source's figures", async () => {
    const { networkSummary: s } = await t.anonymous().ok(`{
      networkSummary {
        totalPoints pointsByLevel { level count } departments cityWindows
        windowsByKind { kind count } itemsByLevel { level count } itemsByCategory { level category count } delegatedItems
      }
    }`);
    expect(s.totalPoints).toBe(291);
    expect(s.pointsByLevel).toEqual([
      { level: "CITY", count: 1 },
      { level: "TOWNSHIP", count: 15 },
      { level: "VILLAGE", count: 275 },
    ]);
    expect(s.departments).toBe(31);
    expect(s.cityWindows).toBe(50);
    expect(s.itemsByLevel).toEqual([
      { level: "CITY", count: 459 },
      { level: "TOWNSHIP", count: 41 },
    ]);
    const township = s.itemsByCategory.filter((c: { level: string }) => c.level === "TOWNSHIP");
    expect(township.map((c: { category: string }) => c.category).sort()).toEqual(
      ["信访接待", "党员服务", "农业服务", "劳动保障", "司法调解", "国土城建", "民政优抚", "计划生育"].sort(),
    );
    expect(township.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(41);
    expect(s.delegatedItems).toBe(5);
    const kinds = Object.fromEntries(s.windowsByKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(kinds.FINANCE).toBeGreaterThanOrEqual(1);
    expect(kinds.PERIODIC).toBeGreaterThan(0);
    expect(kinds.AGENCY).toBeGreaterThan(0);
  });

  it("has exactly one FINANCE window at the city centre, and every department has a window there", async () => {
    const { serviceWindows } = await t.anonymous().ok(`{ serviceWindows(pointCode: "421081", first: 100) { totalCount nodes { kind department { code } } } }`);
    expect(serviceWindows.totalCount).toBe(50);
    expect(serviceWindows.nodes.filter((w: { kind: string }) => w.kind === "FINANCE")).toHaveLength(1);
    const departments = new Set(serviceWindows.nodes.filter((w: { department: unknown }) => w.department).map((w: { department: { code: string } }) => w.department.code));
    expect(departments.size).toBe(31);
  });

  it("pages through all 275 village stations with keyset cursors, without gaps or repeats", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const { servicePoints }: any = await t.anonymous().ok(
        `query($after: String) { servicePoints(level: VILLAGE, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code checklist { met } } } }`,
        { after },
      );
      expect(servicePoints.totalCount).toBe(275);
      seen.push(...servicePoints.nodes.map((n: { code: string }) => n.code));
      if (!servicePoints.pageInfo.hasNextPage) break;
      after = servicePoints.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(275);
    expect(new Set(seen).size).toBe(275);
    expect([...seen].sort()).toEqual(seen);
  });

  it("walks the tree: city → 15 townships → their villages, each village with its checklist and agent", async () => {
    const staff = await t.as("supervisor");
    const { servicePoint: city } = await staff.ok(`{ servicePoint(code: "421081") { level childCount children(first: 100) { nodes { code level childCount } } } }`);
    expect(city.level).toBe("CITY");
    expect(city.childCount).toBe(15);
    expect(city.children.nodes.every((n: { level: string }) => n.level === "TOWNSHIP")).toBe(true);
    expect(city.children.nodes.reduce((sum: number, n: { childCount: number }) => sum + n.childCount, 0)).toBe(275);
    const township = city.children.nodes[0].code;
    const { servicePoint } = await staff.ok(
      `query($code: String!) { servicePoint(code: $code) { children(first: 3) { nodes { level parent { code } checklist { office noticeBoard serviceCard ledger phone computer met } agent { role } } } } }`,
      { code: township },
    );
    for (const village of servicePoint.children.nodes) {
      expect(village).toMatchObject({ level: "VILLAGE", parent: { code: township }, agent: { role: "VILLAGE_AGENT" } });
      const { met, ...six } = village.checklist;
      expect(met).toBe(Object.values(six).filter(Boolean).length);
    }
  });

  it("shows a PERIODIC township window with its published weekly hours and department", async () => {
    const { serviceWindows } = await t.anonymous().ok(
      `{ serviceWindows(kind: PERIODIC, first: 100) { totalCount nodes { code point { level } department { code } schedules { weekday startTime endTime } } } }`,
    );
    expect(serviceWindows.totalCount).toBeGreaterThan(0);
    for (const window of serviceWindows.nodes) {
      expect(window.point.level).toBe("TOWNSHIP");
      expect(window.department).not.toBeNull();
      expect(window.schedules.length).toBeGreaterThan(0);
      for (const slot of window.schedules) expect(slot.startTime < slot.endTime).toBe(true);
    }
  });
});

describe("window administration", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const CREATE = `mutation($input: CreateServiceWindowInput!) { createServiceWindow(input: $input) { window { code kind point { code } department { code } } userErrors { field message code rule } } }`;
  const SCHEDULE = `mutation($input: AddWindowScheduleInput!) { addWindowSchedule(input: $input) { schedule { id weekday startTime endTime } userErrors { field code rule message } } }`;

  it("opens a PERIODIC window at a township and publishes its hours", async () => {
    const admin = await t.as("admin");
    const created = await admin.ok(CREATE, {
      input: { pointCode: "421081003", code: "T03-20", number: 20, name: "不动产登记定期窗口", kind: "PERIODIC", departmentCode: "GAJ" },
    });
    expect(created.createServiceWindow).toEqual({
      window: { code: "T03-20", kind: "PERIODIC", point: { code: "421081003" }, department: { code: "GAJ" } },
      userErrors: [],
    });
    const slot = await admin.ok(SCHEDULE, { input: { windowCode: "T03-20", weekday: 3, startTime: "08:30", endTime: "12:00", note: "每周三上午" } });
    expect(slot.addWindowSchedule.schedule).toMatchObject({ weekday: 3, startTime: "08:30", endTime: "12:00" });
    const overlap = await admin.ok(SCHEDULE, { input: { windowCode: "T03-20", weekday: 3, startTime: "11:00", endTime: "12:30" } });
    expect(overlap.addWindowSchedule).toMatchObject({ schedule: null, userErrors: [{ code: "DUPLICATE", field: ["input", "startTime"] }] });
    const removed = await admin.ok(`mutation($id: ID!) { removeWindowSchedule(id: $id) { schedule { active } userErrors { message } } }`, {
      id: slot.addWindowSchedule.schedule.id,
    });
    expect(removed.removeWindowSchedule.schedule.active).toBe(false);
    const { serviceWindow } = await admin.ok(`{ serviceWindow(code: "T03-20") { schedules { id } } }`);
    expect(serviceWindow.schedules).toEqual([]);
    const republished = await admin.ok(SCHEDULE, { input: { windowCode: "T03-20", weekday: 3, startTime: "08:30", endTime: "11:30" } });
    expect(republished.addWindowSchedule).toMatchObject({ schedule: { weekday: 3, startTime: "08:30", endTime: "11:30" }, userErrors: [] });
  });

  it("refuses windows that break N3, and duplicates, changing nothing", async () => {
    const admin = await t.as("admin");
    const before = await admin.ok(`{ serviceWindows(first: 1) { totalCount } }`);
    const village = await admin.ok(`{ servicePoints(level: VILLAGE, first: 1) { nodes { code } } }`);
    const cases = [
      [{ pointCode: village.servicePoints.nodes[0].code, code: "X1", number: 1, name: "村窗口", kind: "AGENCY" }, ["input", "pointCode"], "N3"],
      [{ pointCode: "421081", code: "X2", number: 98, name: "无部门常设窗口", kind: "PERMANENT" }, ["input", "departmentCode"], "N3"],
      [{ pointCode: "421081", code: "X3", number: 97, name: "金融窗口二", kind: "FINANCE", departmentCode: "GAJ" }, ["input", "departmentCode"], "N3"],
      [{ pointCode: "421081", code: "C01", number: 96, name: "重复代码", kind: "FINANCE" }, ["input", "code"], null],
      [{ pointCode: "421081", code: "X4", number: 1, name: "重复号码", kind: "FINANCE" }, ["input", "number"], null],
      [{ pointCode: "999999", code: "X5", number: 95, name: "不存在的网点", kind: "FINANCE" }, ["input", "pointCode"], null],
    ] as const;
    for (const [input, field, rule] of cases) {
      const result = await admin.ok(CREATE, { input });
      expect(result.createServiceWindow.window).toBeNull();
      expect(result.createServiceWindow.userErrors[0]).toMatchObject({ field, rule });
    }
    const after = await admin.ok(`{ serviceWindows(first: 1) { totalCount } }`);
    expect(after.serviceWindows.totalCount).toBe(before.serviceWindows.totalCount);
  });

  it("refuses weekly hours for a non-PERIODIC window (N3)", async () => {
    const admin = await t.as("admin");
    const result = await admin.ok(SCHEDULE, { input: { windowCode: "C01", weekday: 1, startTime: "08:30", endTime: "12:00" } });
    expect(result.addWindowSchedule.userErrors[0]).toMatchObject({ rule: "N3", field: ["input", "windowCode"] });
  });

  it("closes a window but keeps it on record", async () => {
    const admin = await t.as("admin");
    const result = await admin.ok(`mutation { deactivateServiceWindow(code: "C49") { window { code active } userErrors { message } } }`);
    expect(result.deactivateServiceWindow.window).toEqual({ code: "C49", active: false });
    const again = await admin.ok(`mutation { deactivateServiceWindow(code: "C49") { window { code } userErrors { code } } }`);
    expect(again.deactivateServiceWindow).toEqual({ window: null, userErrors: [{ code: "INVALID" }] });
    expect((await admin.ok(`{ serviceWindow(code: "C49") { active } }`)).serviceWindow.active).toBe(false);
  });

  it("records the six ones of a village station, and refuses it for a township (N2)", async () => {
    const admin = await t.as("admin");
    const MUT = `mutation($input: VillageChecklistInput!) { updateVillageChecklist(input: $input) { point { checklist { met computer } } userErrors { rule field } } }`;
    const village = (await admin.ok(`{ servicePoints(level: VILLAGE, first: 1) { nodes { code } } }`)).servicePoints.nodes[0].code;
    const six = { office: true, noticeBoard: true, serviceCard: true, ledger: true, phone: true, computer: false };
    const ok = await admin.ok(MUT, { input: { pointCode: village, ...six } });
    expect(ok.updateVillageChecklist.point.checklist).toEqual({ met: 5, computer: false });
    const refused = await admin.ok(MUT, { input: { pointCode: "421081001", ...six } });
    expect(refused.updateVillageChecklist).toEqual({ point: null, userErrors: [{ rule: "N2", field: ["input", "pointCode"] }] });
  });

  it("keeps a verifiable audit trail of every change", async () => {
    const { verifyAuditChain } = await import("../../server/src/modules/audit/audit.service");
    const em = t.app.services.db.manager;
    const rows = await em.query(`SELECT action FROM audit_entry ORDER BY id`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(["window.create", "schedule.add", "schedule.remove", "window.deactivate", "point.checklist"]));
    expect(await verifyAuditChain(em)).toBeNull();
    const [victim] = await em.query(`SELECT id FROM audit_entry WHERE action = 'window.create'`);
    await em.query(`UPDATE audit_entry SET detail = '{}' WHERE id = ${victim.id}`);
    expect(await verifyAuditChain(em)).toBe(victim.id);
  });
});
