import { AuditEntry } from "../modules/audit/audit-entry.entity";
import { Department } from "../modules/catalogue/department.entity";
import {
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  Material,
  ProcedureStep,
  ServiceItem,
  WindowItem,
} from "../modules/catalogue/service-item.entity";
import { ServicePoint } from "../modules/network/service-point.entity";
import { ServiceWindow, WindowSchedule } from "../modules/network/service-window.entity";
import { ApiToken, Staff, StaffSession } from "../modules/staff/staff.entity";

/** Every table of the system; migrations in ../../migrations create exactly these. */
export const entities = [
  ServicePoint,
  ServiceWindow,
  WindowSchedule,
  Department,
  ServiceItem,
  Material,
  ProcedureStep,
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  WindowItem,
  Staff,
  StaffSession,
  ApiToken,
  AuditEntry,
];
