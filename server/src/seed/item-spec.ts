import { CaseKind } from "../modules/catalogue/enums";
import type { Profile } from "./data/departments";

/**
 * Item lists are written as compact strings: `名称{变体,…} | flags`.
 * Flags: I 即办件 · J=GAJ,ZJJ 联办件 with co-departments · R or R=机关 上报件 · L20 legal days ·
 * P10 promised days · S site survey · $key fee standard · @n law index · +材料 item material ·
 * -材料 drop a default material · ~类别 category · %p/%e/%x/%b applicant profile (person, enterprise, project, property).
 */
export interface ItemSpec {
  name: string;
  kind: CaseKind;
  legalDays?: number;
  promisedDays?: number;
  coDepartments: string[];
  /** Higher authority of a REPORTED_UP item; empty means the department's default. */
  higherAuthority: string;
  survey: boolean;
  fees: string[];
  law: number;
  materials: string[];
  /** Default materials the item does not ask for (e.g. no ID card when applying for the first one). */
  without: string[];
  category?: string;
  profile?: Profile;
}

const PROFILES: Record<string, Profile> = { p: "person", e: "enterprise", x: "project", b: "property" };

/** Variants that end a licence: handled on the spot, no survey, no fee. */
const CLOSING_VARIANTS = new Set(["注销"]);

export function parseItemSpec(text: string): ItemSpec[] {
  const [head, flagText = ""] = text.split("|").map((part) => part.trim());
  const base: ItemSpec = {
    name: head,
    kind: CaseKind.COMMITTED,
    coDepartments: [],
    higherAuthority: "",
    survey: false,
    fees: [],
    law: 0,
    materials: [],
    without: [],
  };
  for (const token of flagText.split(/\s+/).filter(Boolean)) {
    const rest = token.slice(1);
    switch (token[0]) {
      case "I": base.kind = CaseKind.IMMEDIATE; break;
      case "J": base.kind = CaseKind.JOINT; base.coDepartments = rest.slice(1).split(","); break;
      case "R": base.kind = CaseKind.REPORTED_UP; base.higherAuthority = rest.replace(/^=/, ""); break;
      case "L": base.legalDays = Number(rest); break;
      case "P": base.promisedDays = Number(rest); break;
      case "S": base.survey = true; break;
      case "$": base.fees.push(rest); break;
      case "@": base.law = Number(rest); break;
      case "+": base.materials.push(rest); break;
      case "-": base.without.push(rest); break;
      case "~": base.category = rest; break;
      case "%": base.profile = PROFILES[rest]; break;
      default: throw new Error(`Unknown item flag "${token}" in "${text}"`);
    }
  }
  const match = /^(.*)\{(.*)\}$/.exec(head);
  if (!match) return [base];
  return match[2].split(",").map((variant) =>
    CLOSING_VARIANTS.has(variant)
      ? { ...base, name: `${match[1]}（${variant}）`, kind: CaseKind.IMMEDIATE, survey: false, fees: [], coDepartments: [], higherAuthority: "", legalDays: undefined, promisedDays: undefined }
      : { ...base, name: `${match[1]}（${variant}）` },
  );
}

export interface WindowCatalogue {
  /** Window name without the department, e.g. 户籍治安窗口. */
  name: string;
  items: string[];
}

export interface DepartmentCatalogue {
  code: string;
  /** Laws the items rest on; items pick one with @n (default the first). */
  laws: string[];
  windows: WindowCatalogue[];
}
