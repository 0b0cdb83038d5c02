import type { EntityManager } from "typeorm";
import { actorLabel, type RequestContext } from "../../common/context";
import type { Engine } from "../../db/data-source";
import { auditHash, auditHeadSeal, GENESIS } from "../records/records";
import { recordsKeyOf } from "../records/records-key";
import { AuditHead } from "../records/records.entity";
import { verifyAudit } from "../records/records.service";
import { AuditEntry } from "./audit-entry.entity";

/**
 * Appends one audit row inside the caller's transaction. On PostgreSQL a transaction-scoped
 * advisory lock makes concurrent writers take turns at the chain's head.
 */
export async function appendAudit(
  ctx: RequestContext,
  em: EntityManager,
  action: string,
  entityType: string,
  entityId: string | number,
  detail: unknown,
): Promise<void> {
  await appendAuditRow(em, ctx.db.engine, ctx.clock.now(), actorLabel(ctx.actor), action, entityType, entityId, detail);
}

/**
 * The row is chained to the head's hash with the records key (HMAC), and the head (audit_head: newest
 * id, hash and row count, sealed) moves on in the same transaction, so a deleted tail is caught.
 */
export async function appendAuditRow(em: EntityManager, engine: Engine, at: Date, actor: string, action: string, entityType: string, entityId: string | number, detail: unknown): Promise<void> {
  if (engine === "postgres") await em.query("SELECT pg_advisory_xact_lock(421081)");
  const key = recordsKeyOf(em);
  const head = await em.getRepository(AuditHead).findOneBy({ id: 1 });
  const prevHash = head?.lastHash ?? GENESIS;
  const entry = { at, actor, action, entityType, entityId: String(entityId), detail: JSON.stringify(detail) };
  const hash = auditHash(key, prevHash, entry);
  const result = await em.getRepository(AuditEntry).insert({ ...entry, prevHash, hash });
  const id = Number(result.identifiers[0].id);
  const next = { id: 1, lastId: id, count: (head?.count ?? 0) + 1, lastHash: hash, keyId: key.id };
  if (head) await em.getRepository(AuditHead).update({ id: 1 }, { ...next, seal: auditHeadSeal(key, next) });
  else await em.getRepository(AuditHead).insert({ ...next, seal: auditHeadSeal(key, next) });
}

/** Walks the chain and its head; returns the id of the first row that does not verify (0: the head), or null when all do. */
export async function verifyAuditChain(em: EntityManager): Promise<number | null> {
  const { breaks } = await verifyAudit(em, recordsKeyOf(em));
  return breaks.length ? (breaks[0].row ?? 0) : null;
}
