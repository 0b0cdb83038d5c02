import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { byKey } from "../../common/loaders";
import { In } from "typeorm";
import { Case, CaseEvent, CaseMaterial } from "./case.entity";
import { CaseExtension, CasePause, Decision, JointNotice, SupplementNotice } from "./case-records.entity";

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
};
