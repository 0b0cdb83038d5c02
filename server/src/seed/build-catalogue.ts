import type { RevenueType } from "../modules/fees/fee.enums";
import type { Department } from "../modules/catalogue/department.entity";
import { CaseKind, DelegationMode, ItemLevel } from "../modules/catalogue/enums";
import type {
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  ServiceItem,
  WindowItem,
} from "../modules/catalogue/service-item.entity";
import type { ServiceWindow } from "../modules/network/service-window.entity";
import type { TownshipWindows } from "./build-network";
import { CITY_ITEMS_1 } from "./data/city-items-1";
import { CITY_ITEMS_2 } from "./data/city-items-2";
import { CITY_ITEMS_3 } from "./data/city-items-3";
import { CITY_ITEMS_4 } from "./data/city-items-4";
import { DEPARTMENTS, approvalSectionOf, type DepartmentSpec } from "./data/departments";
import { FEES } from "./data/guide";
import { DELEGATED_ITEMS, TOWNSHIP_ITEMS, TOWNSHIP_PERMANENT_WINDOWS, type TownshipCategory } from "./data/township";
import { itemContent } from "./build-guide";
import { parseItemSpec, type DepartmentCatalogue, type ItemSpec } from "./item-spec";
import { Prng, chineseNumber, pad } from "./prng";
import type { Row } from "./types";

export const EFFECTIVE_FROM = "2025-01-01";

/** An item with what the guide builder and the window mapping need to know about it. */
export interface CatalogueEntry {
  item: Row<ServiceItem>;
  spec: ItemSpec;
  department: DepartmentSpec;
  /** City items: index into the city PERMANENT windows (null for township items). */
  cityWindow: number | null;
  category: TownshipCategory | null;
  /** Name of the window that accepts the item (for the guide's wording). */
  windowName: string;
  /** Township items: the township unit that reviews them. */
  station: string | null;
}

export function buildDepartments(): Row<Department>[] {
  return DEPARTMENTS.map((spec, i) => ({
    id: i + 1,
    code: spec.code,
    name: spec.name,
    shortName: spec.shortName,
    approvalSection: approvalSectionOf(spec),
    active: true,
  }));
}

/** The city catalogue in department order, one entry per stationed department. */
export function cityCatalogues(): DepartmentCatalogue[] {
  const byCode = new Map([...CITY_ITEMS_1, ...CITY_ITEMS_2, ...CITY_ITEMS_3, ...CITY_ITEMS_4].map((catalogue) => [catalogue.code, catalogue]));
  return DEPARTMENTS.map((department) => {
    const catalogue = byCode.get(department.code);
    if (!catalogue) throw new Error(`No city items for department ${department.code}`);
    return catalogue;
  });
}

export function cityWindowSpecs(catalogues: DepartmentCatalogue[]): { name: string; departmentId: number }[] {
  return catalogues.flatMap((catalogue, d) =>
    catalogue.windows.map((window) => ({ name: DEPARTMENTS[d].shortName + window.name, departmentId: d + 1 })),
  );
}

/** FNV-1a: a stable number from a text, so variants of one licence cite the same article. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

function townshipWindowName(category: TownshipCategory): string {
  const window = TOWNSHIP_PERMANENT_WINDOWS.find((spec) => spec.categories.includes(category))!;
  return window.categories.length > 1 ? "综合窗口" : window.name;
}

const PROMISE_FACTORS = [0.4, 0.5, 0.5, 0.5, 0.6, 0.75];

function itemRow(prng: Prng, id: number, code: string, level: ItemLevel, departmentId: number, category: string, spec: ItemSpec, laws: string[], defaultHigher: string): Row<ServiceItem> {
  const immediate = spec.kind === CaseKind.IMMEDIATE;
  const legal = immediate ? 1 : spec.legalDays ?? (spec.kind === CaseKind.JOINT ? 45 : 20);
  const promised = immediate ? 1 : spec.promisedDays ?? Math.max(1, Math.round(legal * prng.pick(PROMISE_FACTORS)));
  const law = laws[spec.law];
  if (!law) throw new Error(`Item "${spec.name}" cites law #${spec.law}, which is not listed`);
  const article = 3 + (hash(spec.name.replace(/（[^）]*）$/, "")) % 40);
  return {
    id, code, name: spec.name, level, departmentId, category,
    defaultKind: spec.kind,
    legalLimitDays: legal,
    promisedLimitDays: promised,
    content: "", // written by buildItems once the entry is complete
    legalBasis: `${law}第${chineseNumber(article)}条`,
    higherAuthority: spec.kind === CaseKind.REPORTED_UP ? spec.higherAuthority || defaultHigher : null,
    overdueCountsAsApproval: spec.kind === CaseKind.COMMITTED && prng.chance(0.1),
    reviewRequired: false, // set per item in the catalogue admin, where its procedure names the review step (A4)
    active: true,
    version: 1,
  };
}

/** 459 city items (codes <DEPT>-001…) then 41 township items (XZ-01…). */
export function buildItems(prng: Prng, catalogues: DepartmentCatalogue[]): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  const add = (entry: CatalogueEntry) => {
    entry.item.content = itemContent(entry);
    entries.push(entry);
  };
  const departmentIndex = new Map(DEPARTMENTS.map((department, i) => [department.code, i]));
  let cityWindow = 0;
  catalogues.forEach((catalogue, d) => {
    const department = DEPARTMENTS[d];
    let seq = 0;
    for (const window of catalogue.windows) {
      for (const spec of window.items.flatMap(parseItemSpec)) {
        const code = `${department.code}-${pad(++seq, 3)}`;
        const item = itemRow(prng, entries.length + 1, code, ItemLevel.CITY, d + 1, spec.category ?? department.category, spec, catalogue.laws, department.higherAuthority);
        add({ item, spec, department, cityWindow, category: null, windowName: department.shortName + window.name, station: null });
      }
      cityWindow++;
    }
  });
  let seq = 0;
  for (const group of TOWNSHIP_ITEMS) {
    for (const [code, text] of group.items) {
      const d = departmentIndex.get(code);
      if (d === undefined) throw new Error(`Unknown department ${code}`);
      for (const spec of parseItemSpec(text)) {
        const department = DEPARTMENTS[d];
        const item = itemRow(prng, entries.length + 1, `XZ-${pad(++seq, 2)}`, ItemLevel.TOWNSHIP, d + 1, group.category, spec, group.laws, department.higherAuthority);
        add({ item, spec, department, cityWindow: null, category: group.category, windowName: townshipWindowName(group.category), station: group.station });
      }
    }
  }
  return entries;
}

export function buildCoDepartments(entries: CatalogueEntry[]): Row<ItemCoDepartment>[] {
  const departmentIds = new Map(DEPARTMENTS.map((department, i) => [department.code, i + 1]));
  const rows: Row<ItemCoDepartment>[] = [];
  for (const { item, spec } of entries) {
    for (const code of spec.coDepartments) {
      const departmentId = departmentIds.get(code);
      if (!departmentId || departmentId === item.departmentId) throw new Error(`Bad co-department ${code} of ${item.code}`);
      rows.push({ id: rows.length + 1, itemId: item.id, departmentId });
    }
  }
  return rows;
}

/** Every demo standard is an administrative fee (行政事业性收费). */
const ADMINISTRATIVE_FEE = "ADMINISTRATIVE_FEE" as RevenueType;

export function buildFees(entries: CatalogueEntry[]): Row<FeeStandard>[] {
  const rows: Row<FeeStandard>[] = [];
  for (const { item, spec } of entries) {
    for (const key of spec.fees) {
      const fee = FEES[key];
      if (!fee) throw new Error(`Unknown fee ${key} of ${item.code}`);
      rows.push({ id: rows.length + 1, itemId: item.id, ...fee, revenueType: ADMINISTRATIVE_FEE, version: 1, effectiveFrom: EFFECTIVE_FROM, supersededFrom: null });
    }
  }
  return rows;
}

function delegatedEntries(entries: CatalogueEntry[]) {
  return DELEGATED_ITEMS.map((delegated) => {
    const entry = entries.find(({ item }) => item.level === ItemLevel.CITY && item.name === delegated.name);
    if (!entry) throw new Error(`Delegated item "${delegated.name}" is not in the city catalogue`);
    return { ...delegated, entry };
  });
}

/** The five delegated items, each to every township. */
export function buildDelegations(entries: CatalogueEntry[], townships: TownshipWindows[]): Row<ItemDelegation>[] {
  const rows: Row<ItemDelegation>[] = [];
  for (const delegated of delegatedEntries(entries)) {
    for (const { townshipId } of townships) {
      rows.push({
        id: rows.length + 1,
        itemId: delegated.entry.item.id,
        townshipId,
        mode: delegated.mode === "HANDLE" ? DelegationMode.HANDLE : DelegationMode.PROXY,
        effectiveFrom: EFFECTIVE_FROM,
        revokedAt: null,
        revokeReason: null,
      });
    }
  }
  return rows;
}

/** N4: one accepting window per item per point. */
export function buildWindowItems(entries: CatalogueEntry[], cityWindows: Row<ServiceWindow>[], townships: TownshipWindows[]): Row<WindowItem>[] {
  const rows: Row<WindowItem>[] = [];
  const add = (pointId: number, windowId: number, itemId: number) => rows.push({ id: rows.length + 1, pointId, windowId, itemId });
  for (const { item, cityWindow } of entries) {
    if (cityWindow !== null) add(1, cityWindows[cityWindow].id, item.id);
  }
  const delegated = delegatedEntries(entries);
  for (const township of townships) {
    for (const { item, category } of entries) {
      if (category) add(township.townshipId, township.byCategory.get(category)!, item.id);
    }
    for (const { entry, mode, category } of delegated) {
      add(township.townshipId, mode === "HANDLE" ? township.byCategory.get(category!)! : township.agencyId, entry.item.id);
    }
  }
  return rows;
}
