import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { groupByKey } from "../../common/loaders";
import { chinaDate } from "../calendar/working-calendar";
import { ServiceWindow } from "../network/service-window.entity";
import { Department } from "./department.entity";
import { FeeStandard, ItemCoDepartment, ItemDelegation, Material, ProcedureStep, ServiceItem, WindowItem } from "./service-item.entity";

export const catalogueLoaders = {
  department: (ctx: RequestContext) => loaderById(ctx, Department),
  item: (ctx: RequestContext) => loaderById(ctx, ServiceItem),
  materials: (ctx: RequestContext) =>
    loaderByColumn(ctx, Material, "itemId", { where: { active: true }, order: { seq: "ASC" }, name: "active" }),
  procedure: (ctx: RequestContext) => loaderByColumn(ctx, ProcedureStep, "itemId", { order: { seq: "ASC" } }),
  /** F1/G2: the versions in force today (a version announced for a later day is not in force yet). */
  currentFees: (ctx: RequestContext) =>
    ctx.loaders.get<number, FeeStandard[]>("FeeStandard#inForce", async (itemIds) => {
      const day = chinaDate(ctx.clock.now());
      const rows = await ctx.db.manager
        .getRepository(FeeStandard)
        .createQueryBuilder("f")
        .where("f.itemId IN (:...itemIds) AND f.effectiveFrom <= :day AND (f.supersededFrom IS NULL OR f.supersededFrom > :day)", { itemIds: [...itemIds], day })
        .orderBy("f.id", "ASC")
        .getMany();
      return groupByKey(itemIds, rows, (row) => row.itemId);
    }),
  delegationsOfItem: (ctx: RequestContext) => loaderByColumn(ctx, ItemDelegation, "itemId", { order: { townshipId: "ASC" } }),
  delegationsOfTownship: (ctx: RequestContext) => loaderByColumn(ctx, ItemDelegation, "townshipId", { order: { itemId: "ASC" } }),
  windowLinksOfItem: (ctx: RequestContext) => loaderByColumn(ctx, WindowItem, "itemId", { order: { pointId: "ASC" } }),
  windowLinksOfWindow: (ctx: RequestContext) => loaderByColumn(ctx, WindowItem, "windowId", { order: { itemId: "ASC" } }),

  /** Co-departments of items, in one joined query (never a second wave of department loads). */
  coDepartments: (ctx: RequestContext) =>
    ctx.loaders.get<number, Department[]>("ItemCoDepartment#departments", async (itemIds) => {
      const rows = await ctx.db.manager
        .getRepository(Department)
        .createQueryBuilder("d")
        .innerJoin(ItemCoDepartment, "l", "l.departmentId = d.id")
        .addSelect("l.itemId", "itemId")
        .where("l.itemId IN (:...itemIds)", { itemIds: [...itemIds] })
        .orderBy("d.code", "ASC")
        .getRawAndEntities();
      const itemOf = rows.raw.map((r: { itemId: number }) => Number(r.itemId));
      const pairs = rows.raw.map((r: { d_id: number }, i: number) => ({ itemId: itemOf[i], department: rows.entities.find((d) => d.id === Number(r.d_id))! }));
      return groupByKey(itemIds, pairs, (p) => p.itemId).map((group) => group.map((p) => p.department));
    }),

  /** Delegations of all items of a department (one query for many departments). */
  delegationsOfDepartment: (ctx: RequestContext) =>
    ctx.loaders.get<number, ItemDelegation[]>("ItemDelegation#department", async (departmentIds) => {
      const rows = await ctx.db.manager
        .getRepository(ItemDelegation)
        .createQueryBuilder("d")
        .innerJoin(ServiceItem, "i", "i.id = d.itemId")
        .addSelect("i.departmentId", "departmentId")
        .where("i.departmentId IN (:...departmentIds)", { departmentIds: [...departmentIds] })
        .orderBy("d.id", "ASC")
        .getRawAndEntities();
      const departmentOf = new Map(rows.raw.map((r: { d_id: number; departmentId: number }) => [Number(r.d_id), Number(r.departmentId)]));
      return groupByKey(departmentIds, rows.entities, (d) => departmentOf.get(d.id)!);
    }),

  windowsOfDepartment: (ctx: RequestContext) => loaderByColumn(ctx, ServiceWindow, "departmentId", { order: { code: "ASC" } }),
};
