import type { EntityManager } from "typeorm";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { Case, CaseEvent } from "./case.entity";
import { CasePause, CaseExtension } from "./case-records.entity";
import type { CaseSnapshot } from "./case-rules";
import { recordsKeyOf } from "../records/records-key";
import { sealColumns, verifyCaseIn, type CaseRecordRow, type RecordBreak } from "../records/records";
import { caseRecordRow, decisionOf } from "../records/records.service";

export { GENESIS, eventHash } from "../records/records";

export async function caseByNumber(em: EntityManager, number: string): Promise<Case> {
  const c = await em.getRepository(Case).findOneBy({ number });
  if (!c) throw missing(["input", "caseNumber"], "NO_SUCH_CASE", { number });
  return c;
}

export async function snapshotOf(em: EntityManager, c: Case): Promise<CaseSnapshot> {
  // One after the other: a transaction's connection runs one statement at a time.
  const openPause = await em.getRepository(CasePause).createQueryBuilder("p").where("p.caseId = :id AND p.endedOn IS NULL", { id: c.id }).getExists();
  const extension = await em.getRepository(CaseExtension).existsBy({ caseId: c.id });
  return {
    status: c.status,
    kind: c.kind,
    atHandlingPoint: c.currentPointId === c.handlingPointId,
    atRegistrationPoint: c.currentPointId === c.registeredPointId,
    paused: openPause,
    forwarded: c.forwardedTo !== null,
    hasExtension: extension,
  };
}

/**
 * Writes changes to a case only if nobody changed it since it was read (version check), so two
 * clerks acting at once cannot both succeed.
 */
export async function updateCase(em: EntityManager, c: Case, changes: Partial<Case>): Promise<Case> {
  // The seal follows every change of the case row (modules/records): same statement, same transaction.
  const key = recordsKeyOf(em);
  const last = await em.getRepository(CaseEvent).findOne({ where: { caseId: c.id }, order: { seq: "DESC" }, select: { seq: true, hash: true } });
  const seal = last ? sealColumns(key, { ...c, ...changes }, await decisionOf(em, c.id), last.hash, last.seq) : {};
  const result = await em
    .createQueryBuilder()
    .update(Case)
    .set({ ...changes, ...seal, version: () => "version + 1" })
    .where("id = :id AND version = :version", { id: c.id, version: c.version })
    .execute();
  if (result.affected !== 1) {
    throw new RuleViolation(UserErrorCode.STALE_VERSION, "", ["input", "caseNumber"], null, "CASE_CHANGED", { number: c.number });
  }
  Object.assign(c, changes, seal, { version: c.version + 1 });
  return c;
}

/** Verifies a case's records (timeline, head, seal, decision): the breaks found, none when intact. */
export async function verifyCaseRecords(em: EntityManager, c: Case): Promise<RecordBreak[]> {
  return verifyCaseIn(em, recordsKeyOf(em), caseRecordRow(c));
}

export type { CaseRecordRow };
