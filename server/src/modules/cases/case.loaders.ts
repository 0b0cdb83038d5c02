import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { byKey } from "../../common/loaders";
import { In, type EntityManager } from "typeorm";
import { Case, CaseEvent, CaseMaterial } from "./case.entity";
import { CaseExtension, CasePause, CaseReview, Decision, JointNotice, SupplementNotice } from "./case-records.entity";
import { CaseEventType } from "./case-event-types";

/** Timeline types that open and settle a void request (E2); the request is the newest of them, when it is a request. */
export const VOID_EVENTS = { requested: CaseEventType.VOID_REQUESTED, rejected: CaseEventType.VOID_REJECTED } as const;

/** Who asked for a void still waiting (E2), per case: the newest VOID_REQUESTED entry not followed by VOID_REJECTED. */
function pendingVoids(rows: { caseId: number; type: string; actorId: number | null; seq: number }[]): Map<number, number | null> {
  const newest = new Map<number, { type: string; actorId: number | null; seq: number }>();
  for (const r of rows) if ((newest.get(r.caseId)?.seq ?? -1) < r.seq) newest.set(r.caseId, r);
  return new Map([...newest].map(([id, r]) => [id, r.type === VOID_EVENTS.requested ? r.actorId : null]));
}

export async function voidRequestIn(em: EntityManager, caseId: number): Promise<number | null> {
  const rows = await em.getRepository(CaseEvent).find({ where: { caseId, type: In(Object.values(VOID_EVENTS)) }, select: { caseId: true, type: true, actorId: true, seq: true } });
  return pendingVoids(rows).get(caseId) ?? null;
}

/** One row (or null) per case id, for the one-per-case tables. */
function oneByCase<T extends { caseId: number }>(ctx: RequestContext, entity: new () => T) {
  return ctx.loaders.get<number, T | null>(`${entity.name}#caseId`, async (ids) => {
    const rows = (await ctx.db.manager.getRepository(entity).findBy({ caseId: In([...ids]) } as never)) as T[];
    return byKey(ids, rows, (r) => r.caseId);
  });
}

export const caseLoaders = {
  case: (ctx: RequestContext) => loaderById(ctx, Case),
  events: (ctx: RequestContext) => loaderByColumn(ctx, CaseEvent, "caseId", { order: { seq: "ASC" } }),
  materials: (ctx: RequestContext) => loaderByColumn(ctx, CaseMaterial, "caseId", { order: { id: "ASC" } }),
  pauses: (ctx: RequestContext) => loaderByColumn(ctx, CasePause, "caseId", { order: { id: "ASC" } }),
  jointNotices: (ctx: RequestContext) => loaderByColumn(ctx, JointNotice, "caseId", { order: { id: "ASC" } }),
  supplementNotice: (ctx: RequestContext) => oneByCase(ctx, SupplementNotice),
  extension: (ctx: RequestContext) => oneByCase(ctx, CaseExtension),
  decision: (ctx: RequestContext) => oneByCase(ctx, Decision),
  review: (ctx: RequestContext) => oneByCase(ctx, CaseReview),
  voidRequest: (ctx: RequestContext) =>
    ctx.loaders.get<number, number | null>("case#voidRequest", async (ids) => {
      const rows = await ctx.db.manager.getRepository(CaseEvent).find({ where: { caseId: In([...ids]), type: In(Object.values(VOID_EVENTS)) }, select: { caseId: true, type: true, actorId: true, seq: true } });
      const pending = pendingVoids(rows);
      return ids.map((id) => pending.get(id) ?? null);
    }),
};
