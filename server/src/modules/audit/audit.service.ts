import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { actorLabel, type RequestContext } from "../../common/context";
import { AuditEntry } from "./audit-entry.entity";

const GENESIS = "0".repeat(64);

export function auditHash(prevHash: string, entry: Omit<AuditEntry, "id" | "hash" | "prevHash">): string {
  return createHash("sha256")
    .update([prevHash, entry.at.toISOString(), entry.actor, entry.action, entry.entityType, entry.entityId, entry.detail].join("\u001f"))
    .digest("hex");
}

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
  if (ctx.db.engine === "postgres") await em.query("SELECT pg_advisory_xact_lock(421081)");
  const last = await em.getRepository(AuditEntry).find({ order: { id: "DESC" }, take: 1, select: { hash: true } });
  const prevHash = last[0]?.hash ?? GENESIS;
  const entry = {
    at: ctx.clock.now(),
    actor: actorLabel(ctx.actor),
    action,
    entityType,
    entityId: String(entityId),
    detail: JSON.stringify(detail),
  };
  await em.getRepository(AuditEntry).insert({ ...entry, prevHash, hash: auditHash(prevHash, entry) });
}

/** Walks the chain; returns the id of the first row that does not verify, or null when all do. */
export async function verifyAuditChain(em: EntityManager): Promise<number | null> {
  const rows = await em.getRepository(AuditEntry).find({ order: { id: "ASC" } });
  let prev = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prev || auditHash(prev, row) !== row.hash) return row.id;
    prev = row.hash;
  }
  return null;
}
