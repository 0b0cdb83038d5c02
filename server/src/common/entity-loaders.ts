import type DataLoader from "dataloader";
import { In, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere, type ObjectLiteral } from "typeorm";
import type { RequestContext } from "./context";
import { byKey, groupByKey } from "./loaders";

function nameOf(entity: EntityTarget<ObjectLiteral>): string {
  return typeof entity === "function" ? entity.name : String(entity);
}

/** One row per id, batched per request. */
export function loaderById<T extends ObjectLiteral & { id: number }>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
): DataLoader<number, T | null> {
  return ctx.loaders.get<number, T | null>(`${nameOf(entity)}#id`, async (ids) => {
    const rows = await ctx.db.manager.getRepository(entity).findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
    return byKey(ids, rows, (row) => row.id);
  });
}

/** All rows whose `column` equals the key (a to-many relation), batched per request. */
export function loaderByColumn<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  column: keyof T & string,
  options: { where?: FindOptionsWhere<T>; order?: FindOptionsOrder<T>; name?: string } = {},
): DataLoader<number, T[]> {
  const key = `${nameOf(entity)}#${column}${options.name ? `#${options.name}` : ""}`;
  return ctx.loaders.get<number, T[]>(key, async (ids) => {
    const rows = await ctx.db.manager.getRepository(entity).find({
      where: { ...options.where, [column]: In([...ids]) } as FindOptionsWhere<T>,
      order: options.order,
    });
    return groupByKey(ids, rows, (row) => row[column] as number);
  });
}
