import type { EntityManager } from "typeorm";
import { FaultRecord } from "./case-records.entity";

export type FaultValues = Omit<FaultRecord, "id" | "recordNo" | "departmentRef" | "caseRef" | "windowId" | "complaintId" | "rectificationId" | "reversalOfId"> &
  Partial<Pick<FaultRecord, "windowId" | "complaintId" | "rectificationId" | "reversalOfId">>;

/**
 * Writes a fault once: the unique key (kind, case, department) ignores a second one, also when two
 * processes race (PostgreSQL: ON CONFLICT DO NOTHING; SQLite runs one transaction at a time, so the
 * check before the insert is exact). Returns whether this call wrote it.
 */
export async function insertFaultOnce(em: EntityManager, values: FaultValues): Promise<boolean> {
  const row = { windowId: null, complaintId: null, rectificationId: null, reversalOfId: null, ...values };
  if (em.connection.options.type === "postgres") {
    const result = await em.createQueryBuilder().insert().into(FaultRecord).values(row).orIgnore().returning("id").execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }
  if (values.caseId !== null && values.departmentId !== null) {
    if (await em.getRepository(FaultRecord).existsBy({ kind: values.kind, caseId: values.caseId, departmentId: values.departmentId })) return false;
  }
  await em.getRepository(FaultRecord).insert(row);
  return true;
}
