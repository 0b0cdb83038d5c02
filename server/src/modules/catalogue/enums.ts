import { registerEnumType } from "type-graphql";

export enum ItemLevel {
  CITY = "CITY",
  TOWNSHIP = "TOWNSHIP",
}
registerEnumType(ItemLevel, {
  name: "ItemLevel",
  description: "Where an item is decided: the city centre or a township centre.",
  valuesConfig: { CITY: { description: "Decided at the city centre." }, TOWNSHIP: { description: "Decided at a township centre." } },
});

/** The six kinds of case (六件, C3). An item carries the kind its cases usually take. */
export enum CaseKind {
  IMMEDIATE = "IMMEDIATE",
  COMMITTED = "COMMITTED",
  JOINT = "JOINT",
  REPORTED_UP = "REPORTED_UP",
  RETURNED = "RETURNED",
  SUPPLEMENT = "SUPPLEMENT",
}
registerEnumType(CaseKind, {
  name: "CaseKind",
  description: "How a case is handled (六件六制, C3).",
  valuesConfig: {
    IMMEDIATE: { description: "即办件: decided and closed the same working day" },
    COMMITTED: { description: "承办件: needs review or a site survey; promised completion date" },
    JOINT: { description: "联办件: several departments review in parallel" },
    REPORTED_UP: { description: "上报件: needs a higher authority" },
    RETURNED: { description: "退回件: banned, against policy or outside the plan" },
    SUPPLEMENT: { description: "补办件: materials incomplete; one notice lists them all" },
  },
});

export enum DelegationMode {
  PROXY = "PROXY",
  HANDLE = "HANDLE",
}
registerEnumType(DelegationMode, {
  name: "DelegationMode",
  description: "How a city item is handed down to townships (G4).",
  valuesConfig: {
    PROXY: { description: "代理: the township only relays the case to the city" },
    HANDLE: { description: "办理: the township decides the case itself" },
  },
});

/** The eight township categories (DOMAIN.md §2). */
export const TOWNSHIP_CATEGORIES = [
  "计划生育",
  "民政优抚",
  "劳动保障",
  "国土城建",
  "农业服务",
  "党员服务",
  "司法调解",
  "信访接待",
] as const;

/** Sectors the city catalogue is grouped by in the public guide. */
export const CITY_CATEGORIES = [
  "投资建设",
  "市场准入",
  "社会事务",
  "公共安全",
  "资源环境",
  "农业农村",
  "交通运输",
  "教育文化卫生",
  "财税金融",
  "其他",
] as const;
