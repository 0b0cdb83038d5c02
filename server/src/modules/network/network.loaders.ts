import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { ServicePoint } from "./service-point.entity";
import { ServiceWindow, WindowSchedule } from "./service-window.entity";

export const networkLoaders = {
  point: (ctx: RequestContext) => loaderById(ctx, ServicePoint),
  window: (ctx: RequestContext) => loaderById(ctx, ServiceWindow),
  windowsOfPoint: (ctx: RequestContext) => loaderByColumn(ctx, ServiceWindow, "pointId", { order: { number: "ASC" } }),
  schedules: (ctx: RequestContext) =>
    loaderByColumn(ctx, WindowSchedule, "windowId", { where: { active: true }, order: { weekday: "ASC", startTime: "ASC" }, name: "active" }),
  childCount: (ctx: RequestContext) =>
    ctx.loaders.get<number, number>("ServicePoint#childCount", async (ids) => {
      const rows: { parentId: number; n: string }[] = await ctx.db.manager
        .getRepository(ServicePoint)
        .createQueryBuilder("p")
        .select("p.parentId", "parentId")
        .addSelect("COUNT(*)", "n")
        .where("p.parentId IN (:...ids)", { ids: [...ids] })
        .groupBy("p.parentId")
        .getRawMany();
      const counts = new Map(rows.map((r) => [Number(r.parentId), Number(r.n)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
};
