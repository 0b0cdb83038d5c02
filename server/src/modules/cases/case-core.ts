import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { ROLE_LABEL } from "../staff/role";
import { Case, CaseEvent } from "./case.entity";
import { CasePause, CaseExtension } from "./case-records.entity";
import type { CaseSnapshot } from "./case-rules";
import { recordsKeyOf } from "../records/records-key";
import { eventHash, GENESIS, sealColumns, verifyCaseIn, type CaseRecordRow, type RecordBreak } from "../records/records";
import { caseRecordRow, decisionOf, resealCase } from "../records/records.service";
import { recordCaseChange } from "../integrations/change-log";

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

function actorOf(ctx: RequestContext): { id: number | null; label: string } {
  if (ctx.actor.kind === "staff") return { id: ctx.actor.staff.id, label: `${ctx.actor.staff.displayName}（${ROLE_LABEL[ctx.actor.staff.role]}）` };
  if (ctx.actor.kind === "token") return { id: null, label: `接口 #${ctx.actor.tokenId}` };
  return { id: null, label: "系统" };
}

/** Appends one timeline entry, chained to the case's previous entry by hash. */
export async function appendCaseEvent(
  ctx: RequestContext,
  em: EntityManager,
  c: Case,
  type: string,
  summary: string,
  data: Record<string, unknown> = {},
  route: { from?: number | null; to?: number | null } = {},
  system = false,
): Promise<void> {
  const repo = em.getRepository(CaseEvent);
  const last = await repo.findOne({ where: { caseId: c.id }, order: { seq: "DESC" }, select: { seq: true, hash: true } });
  const actor = system ? { id: null, label: "系统" } : actorOf(ctx);
  const at = ctx.clock.now();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const json = JSON.stringify(data);
  const hash = eventHash(recordsKeyOf(em), { prevHash, caseNumber: c.number, seq, type, at, actorId: actor.id, actorLabel: actor.label, fromPointId: route.from ?? null, toPointId: route.to ?? null, summary, data: json });
  await repo.insert({
    caseId: c.id,
    seq,
    type,
    at,
    actorId: actor.id,
    actorLabel: actor.label,
    fromPointId: route.from ?? null,
    toPointId: route.to ?? null,
    summary,
    data: json,
    prevHash,
    hash,
  });
  // The case row keeps the new head and count under its seal (a deleted tail no longer matches).
  Object.assign(c, await resealCase(em, c.id, hash, seq));
  // The change feed and the webhook outbox, same transaction (modules/integrations).
  await recordCaseChange(em, c, { seq, type, at });
}

/** Verifies a case's records (timeline, head, seal, decision): the breaks found, none when intact. */
export async function verifyCaseRecords(em: EntityManager, c: Case): Promise<RecordBreak[]> {
  return verifyCaseIn(em, recordsKeyOf(em), caseRecordRow(c));
}

export type { CaseRecordRow };
