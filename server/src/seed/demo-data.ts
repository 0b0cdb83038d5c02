import { Role } from "../modules/staff/role";
import { buildCoDepartments, buildDelegations, buildDepartments, buildFees, buildItems, buildWindowItems, cityCatalogues, cityWindowSpecs } from "./build-catalogue";
import { buildMaterials, buildSteps } from "./build-guide";
import { buildCityWindows, buildPoints, buildSchedules, buildTownshipWindows } from "./build-network";
import { buildStaff } from "./build-staff";
import { Prng } from "./prng";
import type { DemoData } from "./types";

export type { DemoData, Row, StaffRow } from "./types";

/** Every demo account shares this password. */
export const DEMO_PASSWORD = "bianmin2026";

/** One example account per role, printed by the README and the start-up banner. */
export const DEMO_ACCOUNTS: { username: string; role: Role; note: string }[] = [
  { username: "admin", role: Role.CENTER_ADMIN, note: "中心管理员: network, windows, catalogue, fee standards, ticket books, calendar" },
  { username: "supervisor", role: Role.SUPERVISOR, note: "纪检监察: complaints, faults, assessments, bulletins; reads everything" },
  { username: "c01", role: Role.WINDOW_CLERK, note: "window C01 (发展和改革局投资项目窗口): intake, notices, delivery, close-out" },
  { username: "c50", role: Role.FINANCE_CLERK, note: "window C50 (金融窗口): payments, fee tickets, voids" },
  { username: "gaj.director", role: Role.DIRECTOR, note: "公安局 director: issues and revokes authorization letters" },
  { username: "gaj.deputy", role: Role.DEPUTY_DIRECTOR, note: "公安局 deputy director: decides cases under an authorization letter" },
  { username: "gaj.chief", role: Role.SECTION_CHIEF, note: "公安局 approval section: review and joint opinions" },
  { username: "t01", role: Role.TOWNSHIP_CLERK, note: "绣林街道便民服务中心: township and delegated items, forwards city items" },
  { username: "v421081001001", role: Role.VILLAGE_AGENT, note: "the first village station of 绣林街道: registers and relays cases, keeps the ledger" },
];

/** Fixed seeds, one per part, so a change in one list does not reshuffle the others. */
const SEEDS = { network: 0x51544f55, schedule: 0x57454b44, catalogue: 0x4249414e, guide: 0x4d494e47, staff: 0x32303236 };

/**
 * The demo network and catalogue at the source's scale (DOMAIN.md §2): 291 points, 31 departments,
 * 245 windows, 459 + 41 items, 5 delegated items, and the staff to work them. Pure and deterministic.
 */
export function buildDemoData(): DemoData {
  const points = buildPoints(new Prng(SEEDS.network));
  const departments = buildDepartments();
  const catalogues = cityCatalogues();
  const cityWindows = buildCityWindows(cityWindowSpecs(catalogues));
  const departmentIds = new Map(departments.map((department) => [department.code, department.id]));
  const township = buildTownshipWindows(cityWindows.length + 1, departmentIds);
  const windows = [...cityWindows, ...township.windows];
  const entries = buildItems(new Prng(SEEDS.catalogue), catalogues);
  return {
    points,
    departments,
    windows,
    schedules: buildSchedules(new Prng(SEEDS.schedule), windows),
    items: entries.map((entry) => entry.item),
    materials: buildMaterials(new Prng(SEEDS.guide), entries),
    steps: buildSteps(entries),
    fees: buildFees(entries),
    coDepartments: buildCoDepartments(entries),
    delegations: buildDelegations(entries, township.townships),
    windowItems: buildWindowItems(entries, cityWindows, township.townships),
    staff: buildStaff(new Prng(SEEDS.staff), points, departments, cityWindows, township.townships),
  };
}
