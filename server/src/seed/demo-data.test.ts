import { describe, expect, it } from "vitest";
import { CITY_CATEGORIES, TOWNSHIP_CATEGORIES } from "../modules/catalogue/enums";
import { ROLE_UNIT, Role } from "../modules/staff/role";
import { DEMO_ACCOUNTS, buildDemoData } from "./demo-data";

const data = buildDemoData();
const { points, departments, windows, schedules, items, materials, steps, fees, coDepartments, delegations, windowItems, staff } = data;

const byId = <T extends { id: number }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
const countBy = <T, K>(rows: T[], key: (row: T) => K) =>
  rows.reduce((counts, row) => counts.set(key(row), (counts.get(key(row)) ?? 0) + 1), new Map<K, number>());
const groupBy = <T>(rows: T[], key: (row: T) => number) =>
  rows.reduce((groups, row) => groups.set(key(row), [...(groups.get(key(row)) ?? []), row]), new Map<number, T[]>());
const share = (part: number, whole: number) => part / whole;

const pointById = byId(points);
const windowById = byId(windows);
const itemById = byId(items);
const departmentById = byId(departments);
const city = points.find((point) => point.level === "CITY")!;
const townships = points.filter((point) => point.level === "TOWNSHIP");
const villages = points.filter((point) => point.level === "VILLAGE");
const cityWindows = windows.filter((window) => window.pointId === city.id);
const townshipWindows = windows.filter((window) => window.pointId !== city.id);
const cityItems = items.filter((item) => item.level === "CITY");
const townshipItems = items.filter((item) => item.level === "TOWNSHIP");

describe("buildDemoData", () => {
  it("is deterministic", () => {
    expect(buildDemoData()).toEqual(data);
  });

  it("gives every table explicit ids 1..n", () => {
    for (const rows of Object.values(data) as { id: number }[][]) {
      expect(rows.map((row) => row.id)).toEqual(rows.map((_, i) => i + 1));
    }
  });

  it("has the source's 291 service points (N1)", () => {
    expect(points).toHaveLength(291);
    expect(countBy(points, (point) => point.level)).toEqual(new Map([["CITY", 1], ["TOWNSHIP", 15], ["VILLAGE", 275]]));
    expect(city).toMatchObject({ code: "421081", name: "石首市行政服务中心", parentId: null });
    expect(townships.map((point) => point.code)).toEqual(Array.from({ length: 15 }, (_, i) => `421081${String(i + 1).padStart(3, "0")}`));
    expect(townships.map((point) => point.name)).toContain("天鹅洲经济开发区便民服务中心");
    for (const point of [city, ...townships]) {
      expect(point.address).toBeTruthy();
      expect(point.phone).toBeTruthy();
    }
    for (const township of townships) expect(township.parentId).toBe(city.id);
    const perTownship = countBy(villages, (village) => village.parentId!);
    expect(perTownship.size).toBe(15);
    for (const [townshipId, count] of perTownship) {
      expect(pointById.get(townshipId)!.level).toBe("TOWNSHIP");
      expect(count).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(perTownship.values()).size).toBeGreaterThan(5);
    for (const village of villages) {
      const parent = pointById.get(village.parentId!)!;
      expect(village.code).toMatch(new RegExp(`^${parent.code}\\d{3}$`));
      expect(village.name).toMatch(/(村|社区)便民服务站$/);
    }
    expect(new Set(points.map((point) => point.code)).size).toBe(291);
    expect(new Set(points.map((point) => point.name)).size).toBe(291);
  });

  it("keeps the six ones at most village stations (N2)", () => {
    const flags = ["hasOffice", "hasNoticeBoard", "hasServiceCard", "hasLedger", "hasPhone", "hasComputer"] as const;
    const missing = villages.map((village) => flags.filter((flag) => !village[flag]).length);
    const incomplete = missing.filter((count) => count > 0);
    expect(incomplete).toHaveLength(22);
    expect(incomplete.every((count) => count <= 2)).toBe(true);
    for (const village of villages) expect(village.phone === null).toBe(!village.hasPhone);
  });

  it("has the 31 stationed departments", () => {
    expect(departments).toHaveLength(31);
    expect(new Set(departments.map((department) => department.code)).size).toBe(31);
    expect(new Set(departments.map((department) => department.name)).size).toBe(31);
    for (const department of departments) {
      expect(department.code).toMatch(/^[A-Z]{2,6}$/);
      expect(department.approvalSection).toBe(`${department.shortName}行政审批服务股`);
    }
    expect(departments.find((department) => department.code === "GAJ")!.name).toBe("石首市公安局");
  });

  it("has 50 city windows: 49 PERMANENT over all departments and one FINANCE (N3)", () => {
    expect(windows).toHaveLength(245);
    expect(cityWindows).toHaveLength(50);
    expect(cityWindows.map((window) => window.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(cityWindows.map((window) => window.code)).toEqual(Array.from({ length: 50 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`));
    const finance = cityWindows.filter((window) => window.kind === "FINANCE");
    expect(finance).toHaveLength(1);
    expect(finance[0]).toMatchObject({ name: "金融窗口", departmentId: null });
    const permanent = cityWindows.filter((window) => window.kind === "PERMANENT");
    expect(permanent).toHaveLength(49);
    const perDepartment = countBy(permanent, (window) => window.departmentId!);
    expect(perDepartment.size).toBe(31);
    for (const code of ["GAJ", "SJJ", "BDC", "SWJ", "RSJ"]) {
      const id = departments.find((department) => department.code === code)!.id;
      expect(perDepartment.get(id)).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(windows.map((window) => window.code)).size).toBe(245);
  });

  it("has 13 windows at each township: 6 PERMANENT, 5 PERIODIC, 1 AGENCY, 1 FINANCE", () => {
    expect(townshipWindows).toHaveLength(195);
    const periodicDepartments = ["SWJ", "SJJ", "LYJ", "JTJ", "ZJJ"].map((code) => departments.find((department) => department.code === code)!.id);
    townships.forEach((township, t) => {
      const own = townshipWindows.filter((window) => window.pointId === township.id);
      expect(own.map((window) => window.code)).toEqual(Array.from({ length: 13 }, (_, i) => `T${String(t + 1).padStart(2, "0")}-${String(i + 1).padStart(2, "0")}`));
      expect(countBy(own, (window) => window.kind)).toEqual(new Map([["PERMANENT", 6], ["PERIODIC", 5], ["AGENCY", 1], ["FINANCE", 1]]));
      expect(own.filter((window) => window.kind === "PERIODIC").map((window) => window.departmentId)).toEqual(periodicDepartments);
      expect(own.find((window) => window.kind === "AGENCY")!.departmentId).toBeNull();
    });
  });

  it("publishes 1–2 weekly slots for every PERIODIC window, on different weekdays per township", () => {
    const periodic = windows.filter((window) => window.kind === "PERIODIC");
    expect(periodic).toHaveLength(75);
    const slots = groupBy(schedules, (schedule) => schedule.windowId);
    expect([...slots.keys()].sort((a, b) => a - b)).toEqual(periodic.map((window) => window.id));
    for (const rows of slots.values()) {
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.length).toBeLessThanOrEqual(2);
      for (const row of rows) {
        expect(row.weekday).toBeGreaterThanOrEqual(1);
        expect(row.weekday).toBeLessThanOrEqual(7);
        expect(row.startTime < row.endTime).toBe(true);
        expect(row.note).toBeTruthy();
      }
    }
    for (const township of townships) {
      const weekdays = periodic.filter((window) => window.pointId === township.id).map((window) => slots.get(window.id)![0].weekday);
      expect(new Set(weekdays).size).toBe(5);
    }
    // A touring team (one note) is at one township per weekday.
    expect(countBy(schedules, (row) => `${row.note}|${row.weekday}|${row.startTime}`).size).toBe(schedules.length);
  });

  it("has 459 city and 41 township items (G1)", () => {
    expect(items).toHaveLength(500);
    expect(cityItems).toHaveLength(459);
    expect(townshipItems).toHaveLength(41);
    expect(new Set(items.map((item) => item.code)).size).toBe(500);
    expect(new Set(items.map((item) => item.name)).size).toBe(500);
    expect(townshipItems.map((item) => item.code)).toEqual(Array.from({ length: 41 }, (_, i) => `XZ-${String(i + 1).padStart(2, "0")}`));
    const perDepartment = groupBy(cityItems, (item) => item.departmentId);
    expect(perDepartment.size).toBe(31);
    for (const [departmentId, rows] of perDepartment) {
      const code = departmentById.get(departmentId)!.code;
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.map((item) => item.code)).toEqual(rows.map((_, i) => `${code}-${String(i + 1).padStart(3, "0")}`));
    }
    for (const item of cityItems) expect(CITY_CATEGORIES).toContain(item.category);
    expect(Object.fromEntries(countBy(townshipItems, (item) => item.category))).toEqual({
      计划生育: 6, 民政优抚: 8, 劳动保障: 7, 国土城建: 6, 农业服务: 5, 党员服务: 3, 司法调解: 3, 信访接待: 3,
    });
    expect(new Set(townshipItems.map((item) => item.category))).toEqual(new Set(TOWNSHIP_CATEGORIES));
    for (const item of items) {
      expect(departmentById.has(item.departmentId)).toBe(true);
      expect(item.content.length).toBeGreaterThan(10);
      expect(item.legalBasis).toMatch(/^《.+》第[一二三四五六七八九十百零]+条$/);
      expect(item.promisedLimitDays).toBeGreaterThanOrEqual(1);
      expect(item.promisedLimitDays).toBeLessThanOrEqual(item.legalLimitDays);
    }
  });

  it("mixes the default kinds like the source's six kinds (C3)", () => {
    const kinds = countBy(items, (item): string => item.defaultKind);
    expect(kinds.get("RETURNED")).toBeUndefined();
    expect(kinds.get("SUPPLEMENT")).toBeUndefined();
    expect(share(kinds.get("IMMEDIATE")!, 500)).toBeGreaterThanOrEqual(0.17);
    expect(share(kinds.get("IMMEDIATE")!, 500)).toBeLessThanOrEqual(0.23);
    expect(share(kinds.get("JOINT")!, 500)).toBeGreaterThanOrEqual(0.06);
    expect(share(kinds.get("JOINT")!, 500)).toBeLessThanOrEqual(0.1);
    expect(share(kinds.get("REPORTED_UP")!, 500)).toBeGreaterThanOrEqual(0.04);
    expect(share(kinds.get("REPORTED_UP")!, 500)).toBeLessThanOrEqual(0.07);
    expect(kinds.get("COMMITTED")!).toBeGreaterThan(250);
    const coDepartmentsOf = groupBy(coDepartments, (row) => row.itemId);
    for (const item of items) {
      const co = coDepartmentsOf.get(item.id) ?? [];
      if (item.defaultKind === "IMMEDIATE") expect([item.legalLimitDays, item.promisedLimitDays]).toEqual([1, 1]);
      if (item.defaultKind === "JOINT") {
        expect(co.length).toBeGreaterThanOrEqual(1);
        expect(co.length).toBeLessThanOrEqual(3);
        for (const row of co) {
          expect(departmentById.has(row.departmentId)).toBe(true);
          expect(row.departmentId).not.toBe(item.departmentId);
        }
      } else {
        expect(co).toHaveLength(0);
      }
      expect(item.higherAuthority === null).toBe(item.defaultKind !== "REPORTED_UP");
      if (item.overdueCountsAsApproval) expect(item.defaultKind).toBe("COMMITTED");
    }
    const committed = items.filter((item) => item.defaultKind === "COMMITTED");
    const overdue = committed.filter((item) => item.overdueCountsAsApproval).length;
    expect(share(overdue, committed.length)).toBeGreaterThanOrEqual(0.05);
    expect(share(overdue, committed.length)).toBeLessThanOrEqual(0.15);
  });

  it("publishes 2–6 materials and 3–5 steps for every item (G2)", () => {
    const materialsOf = groupBy(materials, (row) => row.itemId);
    const stepsOf = groupBy(steps, (row) => row.itemId);
    expect(materialsOf.size).toBe(500);
    expect(stepsOf.size).toBe(500);
    for (const item of items) {
      const own = materialsOf.get(item.id)!;
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.length).toBeLessThanOrEqual(6);
      expect(own.map((row) => row.seq)).toEqual(own.map((_, i) => i + 1));
      expect(new Set(own.map((row) => row.name)).size).toBe(own.length);
      const procedure = stepsOf.get(item.id)!;
      expect(procedure.length).toBeGreaterThanOrEqual(3);
      expect(procedure.length).toBeLessThanOrEqual(5);
      expect(procedure.map((row) => row.seq)).toEqual(procedure.map((_, i) => i + 1));
      expect(procedure[0].name).toBe("受理");
    }
    const optional = materials.filter((row) => !row.required);
    expect(share(optional.length, materials.length)).toBeGreaterThanOrEqual(0.08);
    expect(share(optional.length, materials.length)).toBeLessThanOrEqual(0.18);
    for (const row of optional) expect(row.description).toBeTruthy();
  });

  it("locks fee standards on 15–25 % of the items (F1)", () => {
    const feesOf = groupBy(fees, (row) => row.itemId);
    expect(share(feesOf.size, 500)).toBeGreaterThanOrEqual(0.15);
    expect(share(feesOf.size, 500)).toBeLessThanOrEqual(0.25);
    for (const [itemId, rows] of feesOf) {
      expect(itemById.has(itemId)).toBe(true);
      expect(rows.length).toBeLessThanOrEqual(2);
      for (const row of rows) {
        expect(row).toMatchObject({ version: 1, effectiveFrom: "2025-01-01", supersededFrom: null });
        expect(row.amountFen).toBeGreaterThan(0);
        expect(row.legalBasis).toBeTruthy();
      }
    }
  });

  it("delegates five city items to all 15 townships, 3 HANDLE and 2 PROXY (G4)", () => {
    expect(delegations).toHaveLength(75);
    const perItem = groupBy(delegations, (row) => row.itemId);
    expect(perItem.size).toBe(5);
    const modes: string[] = [];
    for (const [itemId, rows] of perItem) {
      expect(itemById.get(itemId)!.level).toBe("CITY");
      expect(new Set(rows.map((row) => row.townshipId))).toEqual(new Set(townships.map((point) => point.id)));
      expect(new Set(rows.map((row) => row.mode)).size).toBe(1);
      modes.push(rows[0].mode);
      for (const row of rows) expect(row).toMatchObject({ effectiveFrom: "2025-01-01", revokedAt: null });
    }
    expect(modes.filter((mode) => mode === "HANDLE")).toHaveLength(3);
    expect(modes.filter((mode) => mode === "PROXY")).toHaveLength(2);
  });

  it("accepts every item at exactly one window per point (N4)", () => {
    expect(windowItems).toHaveLength(459 + 41 * 15 + 5 * 15);
    expect(new Set(windowItems.map((row) => `${row.pointId}|${row.itemId}`)).size).toBe(windowItems.length);
    const modeOf = new Map(delegations.map((row) => [row.itemId, row.mode]));
    for (const row of windowItems) {
      const window = windowById.get(row.windowId)!;
      const item = itemById.get(row.itemId)!;
      expect(window.pointId).toBe(row.pointId);
      if (row.pointId === city.id) {
        expect(window.kind).toBe("PERMANENT");
        expect(window.departmentId).toBe(item.departmentId);
      } else if (item.level === "TOWNSHIP") {
        expect(window.kind).toBe("PERMANENT");
      } else {
        expect(window.kind).toBe(modeOf.get(item.id) === "HANDLE" ? "PERMANENT" : "AGENCY");
      }
    }
    expect(windowItems.filter((row) => row.pointId === city.id).map((row) => row.itemId).sort((a, b) => a - b)).toEqual(cityItems.map((item) => item.id));
  });

  it("staffs every unit with one account per role binding (§7)", () => {
    expect(staff).toHaveLength(2 + 50 + 31 * 3 + 15 + 275 + 15);
    expect(new Set(staff.map((member) => member.username)).size).toBe(staff.length);
    expect(new Set(staff.map((member) => member.phone)).size).toBe(staff.length);
    expect(new Set(staff.map((member) => member.role))).toEqual(new Set(Object.values(Role)));
    for (const member of staff) {
      expect(member.username).toMatch(/^[a-z0-9.]+$/);
      expect(member.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(member.displayName).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(member.active).toBe(true);
      const point = pointById.get(member.pointId)!;
      expect(point).toBeDefined();
      if (member.windowId !== null) expect(windowById.get(member.windowId)!.pointId).toBe(member.pointId);
      if (member.departmentId !== null) expect(departmentById.has(member.departmentId)).toBe(true);
      switch (ROLE_UNIT[member.role]) {
        case "VILLAGE": expect(point.level).toBe("VILLAGE"); break;
        case "TOWNSHIP": expect(point.level).toBe("TOWNSHIP"); break;
        case "WINDOW": expect(member.windowId).not.toBeNull(); break;
        case "DEPARTMENT": expect(member.departmentId).not.toBeNull(); break;
        case "CITY": expect(point.level).toBe("CITY"); break;
      }
    }
    const agents = countBy(staff.filter((member) => member.role === Role.VILLAGE_AGENT), (member) => member.pointId);
    expect(agents.size).toBe(275);
    expect([...agents.values()].every((count) => count === 1)).toBe(true);
    const staffed = new Set(staff.map((member) => member.windowId));
    for (const window of cityWindows) expect(staffed.has(window.id)).toBe(true);
    for (const department of departments) {
      const prefix = department.code.toLowerCase();
      for (const [suffix, role] of [["director", Role.DIRECTOR], ["deputy", Role.DEPUTY_DIRECTOR], ["chief", Role.SECTION_CHIEF]] as const) {
        expect(staff.find((member) => member.username === `${prefix}.${suffix}`)).toMatchObject({ role, departmentId: department.id, pointId: city.id });
      }
    }
    townships.forEach((township, t) => {
      const clerk = staff.find((member) => member.username === `t${String(t + 1).padStart(2, "0")}`)!;
      expect(clerk).toMatchObject({ role: Role.TOWNSHIP_CLERK, pointId: township.id });
      expect(windowById.get(clerk.windowId!)!.kind).toBe("AGENCY");
      const finance = staff.find((member) => member.username === `t${String(t + 1).padStart(2, "0")}f`)!;
      expect(finance).toMatchObject({ role: Role.FINANCE_CLERK, pointId: township.id });
      expect(windowById.get(finance.windowId!)!).toMatchObject({ kind: "FINANCE", pointId: township.id });
    });
  });

  it("lists demo accounts that exist, one per role", () => {
    expect(new Set(DEMO_ACCOUNTS.map((account) => account.role))).toEqual(new Set(Object.values(Role)));
    for (const account of DEMO_ACCOUNTS) {
      expect(staff.find((member) => member.username === account.username)?.role).toBe(account.role);
    }
  });

  it("refers only to rows that exist", () => {
    for (const point of points) if (point.parentId !== null) expect(pointById.has(point.parentId)).toBe(true);
    for (const window of windows) {
      expect(pointById.has(window.pointId)).toBe(true);
      if (window.departmentId !== null) expect(departmentById.has(window.departmentId)).toBe(true);
    }
    for (const row of schedules) expect(windowById.get(row.windowId)!.kind).toBe("PERIODIC");
    for (const row of [...materials, ...steps, ...fees, ...coDepartments, ...delegations, ...windowItems]) expect(itemById.has(row.itemId)).toBe(true);
    for (const row of delegations) expect(pointById.get(row.townshipId)!.level).toBe("TOWNSHIP");
    for (const row of windowItems) expect(pointById.has(row.pointId)).toBe(true);
  });
});
