import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
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
import { Staff } from "../modules/staff/staff.entity";
import type { DemoData } from "./types";

const CHUNK = 200;

/**
 * Bulk-inserts the demo data in FK-safe order, 200 rows per statement, keeping the explicit ids;
 * on PostgreSQL each id sequence then continues after the highest id.
 */
export async function insertDemoData(em: EntityManager, data: DemoData, passwordHash: string, engine: "sqlite" | "postgres"): Promise<void> {
  const tables: [EntityTarget<ObjectLiteral>, ObjectLiteral[]][] = [
    [ServicePoint, data.points],
    [Department, data.departments],
    [ServiceWindow, data.windows],
    [WindowSchedule, data.schedules],
    [ServiceItem, data.items],
    [Material, data.materials],
    [ProcedureStep, data.steps],
    [FeeStandard, data.fees],
    [ItemCoDepartment, data.coDepartments],
    [ItemDelegation, data.delegations],
    [WindowItem, data.windowItems],
    [Staff, data.staff.map((row) => ({ ...row, passwordHash }))],
  ];
  for (const [entity, rows] of tables) {
    if (rows.length === 0) continue;
    // Naming the columns (id included) makes TypeORM insert the explicit ids on PostgreSQL too.
    const columns = Object.keys(rows[0]);
    for (let start = 0; start < rows.length; start += CHUNK) {
      await em.createQueryBuilder().insert().into(entity, columns).values(rows.slice(start, start + CHUNK)).updateEntity(false).execute();
    }
  }
  if (engine === "postgres") {
    for (const [entity] of tables) {
      const table = em.getRepository(entity).metadata.tableName;
      await em.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX(id) FROM "${table}"))`);
    }
  }
}
