import type { ServicePoint } from "../modules/network/service-point.entity";
import type { ServiceWindow, WindowSchedule } from "../modules/network/service-window.entity";
import {
  CITY_CENTRE,
  CITY_CODE,
  COMMUNITY_ROOTS,
  FAMILY_ROOTS,
  LANDFORMS,
  TOWNSHIPS,
  VILLAGE_ROOTS,
  seatCommunityOf,
} from "./data/network";
import {
  AFTERNOON,
  AGENCY_WINDOW_NAME,
  FINANCE_WINDOW_NAME,
  MORNING,
  TOWNSHIP_PERIODIC_WINDOWS,
  TOWNSHIP_PERMANENT_WINDOWS,
  type TownshipCategory,
} from "./data/township";
import { Prng, pad } from "./prng";
import { PointLevels, WindowKinds, type Row } from "./types";

/** Villages that miss one or two of the six ones (about 8 % of 275). */
export const INCOMPLETE_VILLAGES = 22;

const CHECKLIST = ["hasOffice", "hasNoticeBoard", "hasServiceCard", "hasLedger", "hasPhone", "hasComputer"] as const;

export interface TownshipWindows {
  townshipId: number;
  byCategory: Map<TownshipCategory, number>;
  agencyId: number;
  financeId: number;
}

function centre(id: number, code: string, name: string, level: ServicePoint["level"], parentId: number | null, address: string, phone: string): Row<ServicePoint> {
  return {
    id, code, name, level, parentId, address, phone,
    hasOffice: true, hasNoticeBoard: true, hasServiceCard: true, hasLedger: true, hasPhone: true, hasComputer: true,
    active: true,
  };
}

/** Station names, unique across the city: communities first, then villages. */
function stationStems(prng: Prng): string[][] {
  const communityRoots = prng.shuffle(COMMUNITY_ROOTS);
  const genericRoots = prng.shuffle(VILLAGE_ROOTS);
  const familyNames = prng.shuffle(FAMILY_ROOTS.flatMap((root) => LANDFORMS.map((form) => root + form)));
  return TOWNSHIPS.map((township) => {
    const stems: string[] = [];
    for (let i = 0; i < township.communities; i++) {
      stems.push(township.communities === 1 ? seatCommunityOf(township.name) : communityRoots.shift()! + "社区");
    }
    while (stems.length < township.stations) {
      const root = genericRoots.length && prng.chance(0.3) ? genericRoots.shift()! : familyNames.shift()!;
      stems.push(root + "村");
    }
    return stems;
  });
}

export function buildPoints(prng: Prng): Row<ServicePoint>[] {
  const points = [centre(1, CITY_CODE, CITY_CENTRE.name, PointLevels.CITY, null, CITY_CENTRE.address, CITY_CENTRE.phone)];
  TOWNSHIPS.forEach((township, t) => {
    points.push(centre(t + 2, CITY_CODE + pad(t + 1, 3), `${township.name}便民服务中心`, PointLevels.TOWNSHIP, 1, township.address, township.phone));
  });
  const villageCount = TOWNSHIPS.reduce((sum, township) => sum + township.stations, 0);
  const incomplete = new Set(prng.shuffle([...Array(villageCount).keys()]).slice(0, INCOMPLETE_VILLAGES));
  let index = 0;
  stationStems(prng).forEach((stems, t) => {
    const township = TOWNSHIPS[t];
    stems.forEach((stem, v) => {
      const missing = new Set(incomplete.has(index) ? prng.shuffle(CHECKLIST).slice(0, prng.int(1, 2)) : []);
      const hasPhone = !missing.has("hasPhone");
      const committee = stem.endsWith("社区") ? "居民委员会" : "村民委员会";
      points.push({
        id: points.length + 1,
        code: CITY_CODE + pad(t + 1, 3) + pad(v + 1, 3),
        name: `${stem}便民服务站`,
        level: PointLevels.VILLAGE,
        parentId: t + 2,
        address: `石首市${township.name}${stem}${committee}`,
        phone: hasPhone ? `0716-7${pad(prng.int(100000, 999999), 6)}` : null,
        hasOffice: !missing.has("hasOffice"),
        hasNoticeBoard: !missing.has("hasNoticeBoard"),
        hasServiceCard: !missing.has("hasServiceCard"),
        hasLedger: !missing.has("hasLedger"),
        hasPhone,
        hasComputer: !missing.has("hasComputer"),
        active: true,
      });
      index++;
    });
  });
  return points;
}

/** City windows: one per department window (numbers 1–49 in department order), then the FINANCE window. */
export function buildCityWindows(permanent: { name: string; departmentId: number }[]): Row<ServiceWindow>[] {
  const windows: Row<ServiceWindow>[] = permanent.map((window, i) => ({
    id: i + 1, code: `C${pad(i + 1, 2)}`, number: i + 1, name: window.name,
    kind: WindowKinds.PERMANENT, pointId: 1, departmentId: window.departmentId, active: true,
  }));
  const number = windows.length + 1;
  windows.push({
    id: number, code: `C${pad(number, 2)}`, number, name: FINANCE_WINDOW_NAME,
    kind: WindowKinds.FINANCE, pointId: 1, departmentId: null, active: true,
  });
  return windows;
}

/** 13 windows at each township: 6 PERMANENT, 5 PERIODIC, 1 AGENCY, 1 FINANCE. */
export function buildTownshipWindows(firstId: number, departmentIds: Map<string, number>): { windows: Row<ServiceWindow>[]; townships: TownshipWindows[] } {
  const windows: Row<ServiceWindow>[] = [];
  const townships: TownshipWindows[] = [];
  const departmentOf = (code: string | null) => (code ? departmentIds.get(code)! : null);
  TOWNSHIPS.forEach((_, t) => {
    const pointId = t + 2;
    const add = (name: string, kind: ServiceWindow["kind"], departmentId: number | null): number => {
      const number = windows.filter((window) => window.pointId === pointId).length + 1;
      const id = firstId + windows.length;
      windows.push({ id, code: `T${pad(t + 1, 2)}-${pad(number, 2)}`, number, name, kind, pointId, departmentId, active: true });
      return id;
    };
    const byCategory = new Map<TownshipCategory, number>();
    for (const spec of TOWNSHIP_PERMANENT_WINDOWS) {
      const id = add(spec.name, WindowKinds.PERMANENT, departmentOf(spec.department));
      for (const category of spec.categories) byCategory.set(category, id);
    }
    for (const spec of TOWNSHIP_PERIODIC_WINDOWS) add(spec.name, WindowKinds.PERIODIC, departmentOf(spec.department));
    const agencyId = add(AGENCY_WINDOW_NAME, WindowKinds.AGENCY, null);
    const financeId = add(FINANCE_WINDOW_NAME, WindowKinds.FINANCE, null);
    townships.push({ townshipId: pointId, byCategory, agencyId, financeId });
  });
  return { windows, townships };
}

/**
 * Published hours of the PERIODIC windows. Each department has one team per area that visits the
 * area's five townships on five different weekdays, and each township sees the five teams on
 * five different weekdays (a Latin square over Monday–Friday). Tax comes all day; others sometimes too.
 */
export function buildSchedules(prng: Prng, windows: Row<ServiceWindow>[]): Row<WindowSchedule>[] {
  const schedules: Row<WindowSchedule>[] = [];
  const positionInArea = TOWNSHIPS.map((township, t) => TOWNSHIPS.slice(0, t).filter((other) => other.area === township.area).length);
  TOWNSHIPS.forEach((township, t) => {
    const periodic = windows.filter((window) => window.pointId === t + 2 && window.kind === WindowKinds.PERIODIC);
    periodic.forEach((window, d) => {
      const spec = TOWNSHIP_PERIODIC_WINDOWS[d];
      const weekday = ((d + positionInArea[t]) % 5) + 1;
      const note = spec.team(township.area);
      const slots = d === 0 || prng.chance(0.3) ? [MORNING, AFTERNOON] : [MORNING];
      for (const slot of slots) {
        schedules.push({ id: schedules.length + 1, windowId: window.id, weekday, ...slot, note, active: true });
      }
    });
  });
  return schedules;
}
