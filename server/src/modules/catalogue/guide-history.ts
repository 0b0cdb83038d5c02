import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { GuideChange, GuideVersion, type GuideSnapshot } from "./guide-version.entity";
import { Material, ServiceItem } from "./service-item.entity";

/** The item's published guide as it stands in `em` (active materials in published order). */
async function snapshotOf(em: EntityManager, item: ServiceItem): Promise<GuideSnapshot> {
  const materials = await em.getRepository(Material).find({ where: { itemId: item.id, active: true }, order: { seq: "ASC", id: "ASC" } });
  return {
    name: item.name,
    content: item.content,
    legalBasis: item.legalBasis,
    promisedLimitDays: item.promisedLimitDays,
    legalLimitDays: item.legalLimitDays,
    active: item.active,
    materials: materials.map(({ id, seq, name, description, originals, copies, required }) => ({ id, seq, name, description, originals, copies, required })),
  };
}

/** Before the first recorded change of an item: keeps the guide as it stood (BASELINE), so the history starts with what citizens read. */
export async function ensureGuideBaseline(em: EntityManager, item: ServiceItem): Promise<void> {
  if (await em.getRepository(GuideVersion).existsBy({ itemId: item.id })) return;
  await em.getRepository(GuideVersion).insert({ itemId: item.id, version: item.version, at: new Date(0), by: "system", change: GuideChange.BASELINE, subject: null, guide: await snapshotOf(em, item) });
}

/**
 * After a change of an item or its materials: the guide becomes a new version (the item's version, raised
 * by one here when `bump`: a material change changes the guide), kept with who, when and what.
 */
export async function publishGuideVersion(ctx: RequestContext, em: EntityManager, itemId: number, change: GuideChange, subject: string | null, bump: boolean): Promise<ServiceItem> {
  if (bump) await em.createQueryBuilder().update(ServiceItem).set({ version: () => "version + 1" }).where("id = :id", { id: itemId }).execute();
  const item = await em.getRepository(ServiceItem).findOneByOrFail({ id: itemId });
  const by = ctx.actor.kind === "staff" ? ctx.actor.staff.username.slice(0, 40) : "system";
  await em.getRepository(GuideVersion).insert({ itemId, version: item.version, at: ctx.clock.now(), by, change, subject: subject?.slice(0, 200) ?? null, guide: await snapshotOf(em, item) });
  return item;
}
