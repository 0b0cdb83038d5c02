import { Brackets, In, IsNull, type EntityManager, type SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import { paginate, type PageArgs } from "../../common/pagination";
import { duplicate, invalid, missing } from "../../common/payload";
import { appendAudit } from "../audit/audit.service";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import type {
  AddMaterialInput,
  UpdateMaterialInput,
  AssignItemInput,
  CreateServiceItemInput,
  DelegateItemInput,
  DepartmentSearchArgs,
  ItemSearchArgs,
  RevokeDelegationInput,
  UpdateServiceItemInput,
} from "./catalogue.inputs";
import { Department } from "./department.entity";
import { applySearch, guideSearchService, indexItems } from "../guide/guide-search.service";
import { CaseKind, ItemLevel } from "./enums";
import { ItemCoDepartment, ItemDelegation, Material, ServiceItem, WindowItem } from "./service-item.entity";
import { ensureGuideBaseline, publishGuideVersion } from "./guide-history";
import { GuideChange } from "./guide-version.entity";

/** `%term%` for LIKE, with the wildcard characters of the term itself escaped. */
export function likePattern(term: string): string {
  return `%${term.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function searchClause(qb: SelectQueryBuilder<object>, columns: string[], term: string | undefined): void {
  if (!term?.trim()) return;
  qb.andWhere(
    new Brackets((or) => {
      for (const column of columns) or.orWhere(`LOWER(${column}) LIKE :term ESCAPE '\\'`, { term: likePattern(term) });
    }),
  );
}

/** Checks G1's limits rule: the promised limit never exceeds the legal one. */
function checkLimits(legal: number, promised: number): void {
  if (promised > legal) {
    throw invalid(["input", "promisedLimitDays"], "PROMISED_OVER_LEGAL", { promised, legal }, "G1");
  }
}

export async function departmentByCode(em: EntityManager, code: string, field: string[]): Promise<Department> {
  const department = await em.getRepository(Department).findOneBy({ code });
  if (!department) throw missing(field, "DEPARTMENT_NOT_FOUND", { code });
  return department;
}

async function itemByCode(em: EntityManager, code: string, field: string[]): Promise<ServiceItem> {
  const item = await em.getRepository(ServiceItem).findOneBy({ code });
  if (!item) throw missing(field, "ITEM_NOT_FOUND", { code });
  return item;
}

export const catalogueService = {
  listDepartments(ctx: RequestContext, args: DepartmentSearchArgs) {
    const qb = ctx.db.manager.getRepository(Department).createQueryBuilder("d");
    searchClause(qb, ["d.name", "d.code"], args.search);
    return paginate(qb, args);
  },

  findDepartment(ctx: RequestContext, code: string) {
    return ctx.db.manager.getRepository(Department).findOneBy({ code });
  },

  /** The catalogue's items under the filters of `args`, search aside. */
  async itemsQuery(ctx: RequestContext, args: ItemSearchArgs) {
    const qb = ctx.db.manager.getRepository(ServiceItem).createQueryBuilder("i");
    if (!args.includeInactive) qb.andWhere("i.active = :active", { active: true });
    if (args.level) qb.andWhere("i.level = :level", { level: args.level });
    if (args.category) qb.andWhere("i.category = :category", { category: args.category });
    if (args.departmentCode) {
      const department = await this.findDepartment(ctx, args.departmentCode);
      qb.andWhere("i.departmentId = :departmentId", { departmentId: department?.id ?? -1 });
    }
    return qb;
  },

  /** Items by filters and search (name, code, category, pinyin initials, the admin's synonyms), by code. */
  async listItems(ctx: RequestContext, args: ItemSearchArgs) {
    const qb = await this.itemsQuery(ctx, args);
    if (args.search?.trim()) applySearch(qb, ctx.db.engine, await guideSearchService.plan(ctx, args.search));
    return paginate(qb, args);
  },

  /**
   * The public guide's search (G2): like listItems, and when the first page finds nothing, a typo is corrected to the
   * nearest known word or words are suggested. At most six statements, whatever the query or the catalogue.
   */
  async guideSearch(ctx: RequestContext, args: ItemSearchArgs) {
    const base = await this.itemsQuery(ctx, args);
    const none = { query: "", synonyms: [] as string[], correctedTo: null as string | null, suggestions: [] as string[] };
    if (!args.search?.trim()) return { ...none, items: await paginate(base, args) };
    const plan = await guideSearchService.plan(ctx, args.search);
    const found = base.clone();
    applySearch(found, ctx.db.engine, plan);
    const items = await paginate(found, args);
    const answer = { ...none, query: plan.query, synonyms: plan.targets, items };
    if (args.after != null || items.nodes.length) return answer;
    const correction = await guideSearchService.correct(ctx, plan);
    if (correction.plan) {
      const corrected = base.clone();
      applySearch(corrected, ctx.db.engine, correction.plan);
      const page = await paginate(corrected, args);
      if (page.nodes.length) return { ...answer, synonyms: correction.plan.targets, correctedTo: correction.correctedTo, items: page };
    }
    return { ...answer, suggestions: correction.suggestions };
  },

  findItem(ctx: RequestContext, code: string) {
    return ctx.db.manager.getRepository(ServiceItem).findOneBy({ code });
  },

  createItem(ctx: RequestContext, input: CreateServiceItemInput) {
    return ctx.db.transaction(async (em) => {
      checkLimits(input.legalLimitDays, input.promisedLimitDays);
      if (await em.getRepository(ServiceItem).existsBy({ code: input.code })) {
        throw duplicate(["input", "code"], "ITEM_CODE_TAKEN", { code: input.code });
      }
      const department = await departmentByCode(em, input.departmentCode, ["input", "departmentCode"]);
      if (input.defaultKind === CaseKind.REPORTED_UP && !input.higherAuthority?.trim()) {
        throw invalid(["input", "higherAuthority"], "HIGHER_AUTHORITY_REQUIRED", {}, "G1");
      }
      const coDepartments = await em.getRepository(Department).findBy({ code: In(input.coDepartmentCodes) });
      if (coDepartments.length !== new Set(input.coDepartmentCodes).size) {
        throw missing(["input", "coDepartmentCodes"], "CO_DEPARTMENT_NOT_FOUND");
      }
      if (coDepartments.some((d) => d.id === department.id)) {
        throw invalid(["input", "coDepartmentCodes"], "OWN_CO_DEPARTMENT", {}, "G1");
      }
      const { coDepartmentCodes: _codes, departmentCode: _dept, ...fields } = input;
      const item = await em.getRepository(ServiceItem).save({
        ...fields,
        higherAuthority: input.higherAuthority ?? null,
        departmentId: department.id,
        active: true,
        version: 1,
      });
      await indexItems(em, [item]);
      if (coDepartments.length) {
        await em.getRepository(ItemCoDepartment).insert(coDepartments.map((d) => ({ itemId: item.id, departmentId: d.id })));
      }
      await appendAudit(ctx, em, "item.create", "ServiceItem", item.id, input);
      return item;
    });
  },

  updateItem(ctx: RequestContext, input: UpdateServiceItemInput) {
    return ctx.db.transaction(async (em) => {
      const item = await itemByCode(em, input.code, ["input", "code"]);
      await ensureGuideBaseline(em, item);
      const { code: _code, version, ...changes } = input;
      const next = { ...item, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      checkLimits(next.legalLimitDays, next.promisedLimitDays);
      if (next.defaultKind === CaseKind.REPORTED_UP && !next.higherAuthority?.trim()) {
        throw invalid(["input", "higherAuthority"], "HIGHER_AUTHORITY_REQUIRED", {}, "G1");
      }
      const result = await em
        .createQueryBuilder()
        .update(ServiceItem)
        .set({
          name: next.name,
          category: next.category,
          defaultKind: next.defaultKind,
          legalLimitDays: next.legalLimitDays,
          promisedLimitDays: next.promisedLimitDays,
          content: next.content,
          legalBasis: next.legalBasis,
          higherAuthority: next.higherAuthority,
          overdueCountsAsApproval: next.overdueCountsAsApproval,
          reviewRequired: next.reviewRequired,
          version: () => "version + 1",
        })
        .where("id = :id AND version = :version", { id: item.id, version })
        .execute();
      if (result.affected !== 1) {
        throw new RuleViolation(UserErrorCode.STALE_VERSION, "", ["input", "version"], null, "ITEM_CHANGED", { code: item.code, version: item.version });
      }
      await appendAudit(ctx, em, "item.update", "ServiceItem", item.id, { from: item, changes: input });
      const updated = await publishGuideVersion(ctx, em, item.id, GuideChange.ITEM_UPDATED, null, false);
      await indexItems(em, [updated]);
      return updated;
    });
  },

  deactivateItem(ctx: RequestContext, code: string) {
    return ctx.db.transaction(async (em) => {
      const item = await itemByCode(em, code, ["code"]);
      if (!item.active) throw invalid(["code"], "ITEM_ALREADY_INACTIVE", { code });
      await ensureGuideBaseline(em, item);
      await em.getRepository(ServiceItem).update({ id: item.id }, { active: false, version: item.version + 1 });
      await appendAudit(ctx, em, "item.deactivate", "ServiceItem", item.id, { code });
      return publishGuideVersion(ctx, em, item.id, GuideChange.ITEM_DEACTIVATED, null, false);
    });
  },

  addMaterial(ctx: RequestContext, input: AddMaterialInput) {
    return ctx.db.transaction(async (em) => {
      const item = await itemByCode(em, input.itemCode, ["input", "itemCode"]);
      const materials = await em.getRepository(Material).findBy({ itemId: item.id });
      if (materials.some((m) => m.active && m.name === input.name.trim())) {
        throw duplicate(["input", "name"], "MATERIAL_NAME_TAKEN", { code: item.code });
      }
      await ensureGuideBaseline(em, item);
      const seq = materials.reduce((max, m) => Math.max(max, m.seq), 0) + 1;
      const material = await em.getRepository(Material).save({
        itemId: item.id,
        seq,
        name: input.name.trim(),
        description: input.description ?? null,
        originals: input.originals,
        copies: input.copies,
        required: input.required,
        active: true,
      });
      await appendAudit(ctx, em, "material.add", "Material", material.id, input);
      await publishGuideVersion(ctx, em, item.id, GuideChange.MATERIAL_ADDED, material.name, true);
      return material;
    });
  },

  deactivateMaterial(ctx: RequestContext, id: string) {
    return ctx.db.transaction(async (em) => {
      const material = await em.getRepository(Material).findOneBy({ id: Number(id) || -1 });
      if (!material) throw missing(["id"], "MATERIAL_NOT_FOUND", { id });
      if (!material.active) throw invalid(["id"], "MATERIAL_ALREADY_INACTIVE", { id });
      await ensureGuideBaseline(em, await em.getRepository(ServiceItem).findOneByOrFail({ id: material.itemId }));
      await em.getRepository(Material).update({ id: material.id }, { active: false });
      await appendAudit(ctx, em, "material.deactivate", "Material", material.id, {});
      await publishGuideVersion(ctx, em, material.itemId, GuideChange.MATERIAL_DEACTIVATED, material.name, true);
      return { ...material, active: false };
    });
  },

  /**
   * Edits a material of the published list in place (same id: cases that received it keep pointing at it,
   * and keep the name they recorded); the item's guide gets a new version, the old one stays in its history.
   */
  updateMaterial(ctx: RequestContext, input: UpdateMaterialInput) {
    return ctx.db.transaction(async (em) => {
      const material = await em.getRepository(Material).findOneBy({ id: Number(input.id) || -1 });
      if (!material) throw new RuleViolation(UserErrorCode.NOT_FOUND, "", ["input", "id"], "G1", "MATERIAL_NOT_FOUND", { id: input.id });
      if (!material.active) throw new RuleViolation(UserErrorCode.INVALID, "", ["input", "id"], "G1", "MATERIAL_INACTIVE");
      const next = {
        name: input.name?.trim() ?? material.name,
        description: input.description === undefined ? material.description : input.description?.trim() || null,
        originals: input.originals ?? material.originals,
        copies: input.copies ?? material.copies,
        required: input.required ?? material.required,
      };
      const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === material[k]);
      if (same) throw new RuleViolation(UserErrorCode.INVALID, "", ["input", "name"], "G1", "MATERIAL_UNCHANGED");
      if (next.name !== material.name && (await em.getRepository(Material).existsBy({ itemId: material.itemId, active: true, name: next.name }))) {
        throw new RuleViolation(UserErrorCode.DUPLICATE, "", ["input", "name"], "G1", "MATERIAL_NAME_TAKEN", { code: (await em.getRepository(ServiceItem).findOneByOrFail({ id: material.itemId })).code });
      }
      await ensureGuideBaseline(em, await em.getRepository(ServiceItem).findOneByOrFail({ id: material.itemId }));
      await em.getRepository(Material).update({ id: material.id }, next);
      await appendAudit(ctx, em, "material.update", "Material", material.id, { from: material, to: next });
      await publishGuideVersion(ctx, em, material.itemId, GuideChange.MATERIAL_UPDATED, next.name, true);
      return { ...material, ...next };
    });
  },

  assignItemToWindow(ctx: RequestContext, input: AssignItemInput) {
    return ctx.db.transaction(async (em) => {
      const item = await itemByCode(em, input.itemCode, ["input", "itemCode"]);
      const window = await em.getRepository(ServiceWindow).findOneBy({ code: input.windowCode });
      if (!window) throw missing(["input", "windowCode"], "WINDOW_NOT_FOUND", { code: input.windowCode });
      if (!window.active) throw invalid(["input", "windowCode"], "WINDOW_CLOSED", { code: window.code });
      if (window.kind === "FINANCE") {
        throw invalid(["input", "windowCode"], "FINANCE_WINDOW_NO_ITEMS", {}, "N3");
      }
      const existing = await em.getRepository(WindowItem).findOneBy({ pointId: window.pointId, itemId: item.id });
      if (existing) {
        const other = await em.getRepository(ServiceWindow).findOneByOrFail({ id: existing.windowId });
        throw duplicate(["input", "windowCode"], "ITEM_ALREADY_AT_WINDOW", { code: item.code, window: other.code }, "N4");
      }
      await em.getRepository(WindowItem).insert({ pointId: window.pointId, windowId: window.id, itemId: item.id });
      await appendAudit(ctx, em, "item.assign", "ServiceWindow", window.id, input);
      return window;
    });
  },

  delegateItem(ctx: RequestContext, input: DelegateItemInput) {
    return ctx.db.transaction(async (em) => {
      const item = await itemByCode(em, input.itemCode, ["input", "itemCode"]);
      if (item.level !== ItemLevel.CITY) {
        throw invalid(["input", "itemCode"], "DELEGATE_CITY_ITEMS_ONLY", {}, "G4");
      }
      const township = await em.getRepository(ServicePoint).findOneBy({ code: input.townshipCode });
      if (!township || township.level !== PointLevel.TOWNSHIP) {
        throw missing(["input", "townshipCode"], "TOWNSHIP_NOT_FOUND", { code: input.townshipCode });
      }
      const current = await em.getRepository(ItemDelegation).findOneBy({ itemId: item.id, townshipId: township.id, revokedAt: IsNull() });
      if (current) {
        throw duplicate(["input", "itemCode"], "ALREADY_DELEGATED", { code: item.code, township: township.name }, "G4");
      }
      const delegation = await em.getRepository(ItemDelegation).save({
        itemId: item.id,
        townshipId: township.id,
        mode: input.mode,
        effectiveFrom: ctx.clock.now().toISOString().slice(0, 10),
        revokedAt: null,
        revokeReason: null,
      });
      await appendAudit(ctx, em, "delegation.create", "ItemDelegation", delegation.id, input);
      return delegation;
    });
  },

  revokeDelegation(ctx: RequestContext, input: RevokeDelegationInput) {
    return ctx.db.transaction(async (em) => {
      const delegation = await em.getRepository(ItemDelegation).findOneBy({ id: Number(input.id) || -1 });
      if (!delegation) throw missing(["input", "id"], "DELEGATION_NOT_FOUND", { id: input.id });
      if (delegation.revokedAt) throw invalid(["input", "id"], "DELEGATION_ALREADY_REVOKED", { id: input.id });
      const revokedAt = ctx.clock.now();
      await em.getRepository(ItemDelegation).update({ id: delegation.id }, { revokedAt, revokeReason: input.reason });
      await appendAudit(ctx, em, "delegation.revoke", "ItemDelegation", delegation.id, input);
      return { ...delegation, revokedAt, revokeReason: input.reason };
    });
  },

  /** Departments' active items count, for the department workspace. */
  itemsOfDepartment(ctx: RequestContext, departmentId: number, args: PageArgs) {
    const qb = ctx.db.manager
      .getRepository(ServiceItem)
      .createQueryBuilder("i")
      .where("i.departmentId = :departmentId AND i.active = :active", { departmentId, active: true });
    return paginate(qb, args);
  },
};
