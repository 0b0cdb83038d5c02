import type { Department } from "../modules/catalogue/department.entity";
import type {
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  Material,
  ProcedureStep,
  ServiceItem,
  WindowItem,
} from "../modules/catalogue/service-item.entity";
import type { PointLevel, ServicePoint } from "../modules/network/service-point.entity";
import type { ServiceWindow, WindowKind, WindowSchedule } from "../modules/network/service-window.entity";
import type { Staff } from "../modules/staff/staff.entity";

/** A plain row with the columns of entity E (explicit id included). */
export type Row<E> = { [K in keyof E]: E[K] };

/** Staff rows carry no password hash: the inserter gives every demo account the same one. */
export type StaffRow = Omit<Row<Staff>, "passwordHash">;

/** Every row of the demo network and catalogue, in FK-safe order. */
export interface DemoData {
  points: Row<ServicePoint>[];
  departments: Row<Department>[];
  windows: Row<ServiceWindow>[];
  schedules: Row<WindowSchedule>[];
  items: Row<ServiceItem>[];
  materials: Row<Material>[];
  steps: Row<ProcedureStep>[];
  fees: Row<FeeStandard>[];
  coDepartments: Row<ItemCoDepartment>[];
  delegations: Row<ItemDelegation>[];
  windowItems: Row<WindowItem>[];
  staff: StaffRow[];
}

/** Checks a runtime copy against a string enum, so the pure builders need not load decorated entity files. */
function enumCopy<E extends Record<string, string>>(values: { [K in keyof E]: `${E[K]}` }): E {
  return values as unknown as E;
}

export const PointLevels = enumCopy<typeof PointLevel>({ CITY: "CITY", TOWNSHIP: "TOWNSHIP", VILLAGE: "VILLAGE" });
export const WindowKinds = enumCopy<typeof WindowKind>({
  PERMANENT: "PERMANENT",
  PERIODIC: "PERIODIC",
  AGENCY: "AGENCY",
  FINANCE: "FINANCE",
});
