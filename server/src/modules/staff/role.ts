import { registerEnumType } from "type-graphql";

/** Roles of DOMAIN.md §7. */
export enum Role {
  VILLAGE_AGENT = "VILLAGE_AGENT",
  TOWNSHIP_CLERK = "TOWNSHIP_CLERK",
  WINDOW_CLERK = "WINDOW_CLERK",
  FINANCE_CLERK = "FINANCE_CLERK",
  SECTION_CHIEF = "SECTION_CHIEF",
  DEPUTY_DIRECTOR = "DEPUTY_DIRECTOR",
  DIRECTOR = "DIRECTOR",
  CENTER_ADMIN = "CENTER_ADMIN",
  SUPERVISOR = "SUPERVISOR",
}
registerEnumType(Role, {
  name: "Role",
  description: "What a staff member does (DOMAIN.md §7).",
  valuesConfig: {
    VILLAGE_AGENT: { description: "代办员: registers and relays cases at a village station" },
    TOWNSHIP_CLERK: { description: "乡镇窗口人员: works a township centre window" },
    WINDOW_CLERK: { description: "窗口人员: works one city window" },
    FINANCE_CLERK: { description: "金融窗口人员: takes payments at a FINANCE window" },
    SECTION_CHIEF: { description: "审批股长: heads a department's approval section" },
    DEPUTY_DIRECTOR: { description: "分管副局长: decides under an authorization letter" },
    DIRECTOR: { description: "局长: issues and revokes authorization letters" },
    CENTER_ADMIN: { description: "中心管理员: network, windows, catalogue, fees, calendar" },
    SUPERVISOR: { description: "纪检监察: complaints, faults, assessments; reads everything" },
  },
});

/** Where a role works: a role is bound to exactly this kind of unit. */
export const ROLE_UNIT: Record<Role, "VILLAGE" | "TOWNSHIP" | "WINDOW" | "DEPARTMENT" | "CITY"> = {
  VILLAGE_AGENT: "VILLAGE",
  TOWNSHIP_CLERK: "TOWNSHIP",
  WINDOW_CLERK: "WINDOW",
  FINANCE_CLERK: "WINDOW",
  SECTION_CHIEF: "DEPARTMENT",
  DEPUTY_DIRECTOR: "DEPARTMENT",
  DIRECTOR: "DEPARTMENT",
  CENTER_ADMIN: "CITY",
  SUPERVISOR: "CITY",
};

/** Chinese job titles, for timelines and printed documents. */
export const ROLE_LABEL: Record<Role, string> = {
  VILLAGE_AGENT: "代办员",
  TOWNSHIP_CLERK: "乡镇窗口人员",
  WINDOW_CLERK: "窗口人员",
  FINANCE_CLERK: "金融窗口人员",
  SECTION_CHIEF: "审批股长",
  DEPUTY_DIRECTOR: "分管副局长",
  DIRECTOR: "局长",
  CENTER_ADMIN: "中心管理员",
  SUPERVISOR: "纪检监察",
};
