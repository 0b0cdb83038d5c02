import { randomInt } from "node:crypto";
import { In, IsNull, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, scopeMissing, UserErrorCode } from "../../common/errors";
import { once } from "../../common/idempotency";
import { duplicate, invalid, missing } from "../../common/payload";
import { chinaDate } from "../calendar/working-calendar";
import { DelegationMode, ItemLevel } from "../catalogue/enums";
import { ItemDelegation, Material, ServiceItem, WindowItem } from "../catalogue/service-item.entity";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Role } from "../staff/role";
import { policyCaller, staffOf } from "./case-access";
import { actOnCase, runCaseAct, ServiceAct } from "./case-act";
import { CaseEventType } from "./case-event-types";
import { eventText } from "./case-event-texts";
import { TokenCaseRef } from "../staff/staff.entity";
import { updateCase } from "./case-core";
import { formatCaseNumber } from "./case-rules";
import { insertParties, partiesOf } from "./parties";
import { reversedNumber } from "./search-keys";
import { CaseAct, hasScope, tokenMayRegisterAt, type PolicyCaller } from "./case-policy";
import { isUniqueViolation } from "../supervision/supervision.rules";
import { Case, CaseMaterial } from "./case.entity";
import { CaseStatus } from "./case.enums";
import type { AttachMaterialsInput, HandOverInput, RegisterCaseInput } from "./case.inputs";

export const REGION_CODE = "421081";
const REGISTERING_ROLES = new Set<Role>([Role.VILLAGE_AGENT, Role.TOWNSHIP_CLERK, Role.WINDOW_CLERK]);
const QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Next number of the day, atomically: the counter row is created or incremented in one statement. */
async function nextSequence(em: EntityManager, engine: "sqlite" | "postgres", day: string): Promise<number> {
  const sql =
    engine === "postgres"
      ? `INSERT INTO case_counter (day, last) VALUES ($1, 1) ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last`
      : `INSERT INTO case_counter (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = case_counter.last + 1 RETURNING last`;
  const rows: { last: number }[] = await em.query(sql, [day]);
  return Number(rows[0].last);
}

/**
 * C2 routing: which point's window accepts the item for an application made at `point`.
 * Township items and items delegated HANDLE stay at the township; everything else goes to the city.
 */
export async function routeFor(em: EntityManager, item: ServiceItem, point: ServicePoint): Promise<{ handling: ServicePoint; window: ServiceWindow }> {
  const points = em.getRepository(ServicePoint);
  const township = point.level === PointLevel.VILLAGE ? await points.findOneByOrFail({ id: point.parentId! }) : point;
  let handling: ServicePoint;
  if (township.level === PointLevel.CITY) {
    if (item.level === ItemLevel.TOWNSHIP) {
      throw invalid(["input", "itemCode"], "TOWNSHIP_ITEM_AT_CITY", { item: item.name }, "C2");
    }
    handling = township;
  } else {
    const handled = await em.getRepository(ItemDelegation).existsBy({ itemId: item.id, townshipId: township.id, mode: DelegationMode.HANDLE, revokedAt: IsNull() });
    handling = item.level === ItemLevel.TOWNSHIP || handled ? township : await points.findOneByOrFail({ level: PointLevel.CITY });
  }
  const link = await em.getRepository(WindowItem).findOneBy({ pointId: handling.id, itemId: item.id });
  const window = link ? await em.getRepository(ServiceWindow).findOneBy({ id: link.windowId, active: true }) : null;
  if (!window) throw invalid(["input", "itemCode"], "NO_WINDOW_ACCEPTS", { point: handling.name, item: item.name }, "N4");
  return { handling, window };
}

/** The next point up the tree (village → township → city): a case never skips its township (C2). */
async function nextPointUp(em: EntityManager, fromId: number): Promise<ServicePoint> {
  const from = await em.getRepository(ServicePoint).findOneByOrFail({ id: fromId });
  if (from.parentId === null) throw new RuleViolation(UserErrorCode.RULE_VIOLATION, "", null, "C2", "AT_TOP_OF_NETWORK");
  return em.getRepository(ServicePoint).findOneByOrFail({ id: from.parentId });
}

export const registrationService = {
  register(ctx: RequestContext, input: RegisterCaseInput) {
    if (ctx.actor.kind === "token") return this.registerByToken(ctx, input);
    const staff = staffOf(ctx);
    if (!REGISTERING_ROLES.has(staff.role)) {
      throw new RuleViolation(UserErrorCode.FORBIDDEN, "", null, "C1", "REGISTER_ROLE_ONLY");
    }
    return ctx.db.transaction((em) =>
      once(ctx, em, input.idempotencyKey, "registerCase", input, () => this.registerOnce(ctx, em, input), {
        toJson: (c: Case) => c.id,
        fromJson: (id: number) => em.getRepository(Case).findOneByOrFail({ id }),
      }),
    );
  },

  /**
   * T1: an online channel registers through its API token (cases:write) at a point the token is bound
   * to, under the platform's own reference. The case is registered in the name of the token's owner
   * (the admin who issued it: registeredById) and linked to the token (token_case_ref). The same
   * idempotency key returns the same case; a new key with a reference already used is refused
   * (DUPLICATE, EXTERNAL_REF_USED with the case number) — nothing written.
   */
  registerByToken(ctx: RequestContext, input: RegisterCaseInput) {
    const actor = ctx.actor;
    if (actor.kind !== "token") throw new RuleViolation(UserErrorCode.FORBIDDEN, "", null, "C1", "REGISTER_ROLE_ONLY");
    const caller = policyCaller(actor);
    if (!hasScope(caller, "cases:write")) throw scopeMissing("cases:write");
    if (!input.pointCode) throw invalid(["input", "pointCode"], "TOKEN_POINT_REQUIRED", {}, "T1");
    if (!input.externalRef) throw invalid(["input", "externalRef"], "TOKEN_EXTERNAL_REF_REQUIRED", {}, "T1");
    const externalRef = input.externalRef;
    return this.registerByTokenOnce(ctx, input, caller, externalRef).catch(async (error: unknown) => {
      // Two registrations with one reference at once (PostgreSQL): the loser hears the winner's case, as a DUPLICATE.
      if (!isUniqueViolation(error)) throw error;
      const used = await ctx.db.manager.getRepository(TokenCaseRef).findOneBy({ tokenId: actor.tokenId, externalRef });
      if (!used) throw error;
      const earlier = await ctx.db.manager.getRepository(Case).findOneOrFail({ where: { id: used.caseId }, select: { id: true, number: true } });
      throw duplicate(["input", "externalRef"], "EXTERNAL_REF_USED", { externalRef, caseNumber: earlier.number }, "T1");
    });
  },

  registerByTokenOnce(ctx: RequestContext, input: RegisterCaseInput, caller: PolicyCaller, externalRef: string) {
    const actor = ctx.actor as Extract<RequestContext["actor"], { kind: "token" }>;
    return ctx.db.transaction((em) =>
      once(ctx, em, input.idempotencyKey, "registerCase", input, async () => {
        const point = await em.getRepository(ServicePoint).findOneBy({ code: input.pointCode! });
        if (!point) throw missing(["input", "pointCode"], "POINT_NOT_FOUND", { code: input.pointCode! });
        const answer = tokenMayRegisterAt(caller, point);
        if (!answer.allowed) throw new RuleViolation(answer.error, answer.message, ["input", "pointCode"], answer.rule, answer.reason ?? answer.code, answer.params);
        const used = await em.getRepository(TokenCaseRef).findOneBy({ tokenId: actor.tokenId, externalRef });
        if (used) {
          const earlier = await em.getRepository(Case).findOneOrFail({ where: { id: used.caseId }, select: { id: true, number: true } });
          throw duplicate(["input", "externalRef"], "EXTERNAL_REF_USED", { externalRef, caseNumber: earlier.number }, "T1");
        }
        const c = await this.registerOnce(ctx, em, input, { registrarId: actor.ownerStaffId, pointId: point.id });
        await em.getRepository(TokenCaseRef).insert({ tokenId: actor.tokenId, externalRef, caseId: c.id, createdAt: ctx.clock.now() });
        return c;
      }, {
        toJson: (c: Case) => c.id,
        fromJson: (id: number) => em.getRepository(Case).findOneByOrFail({ id }),
      }),
    );
  },

  async registerOnce(ctx: RequestContext, em: EntityManager, input: RegisterCaseInput, by?: { registrarId: number; pointId: number }): Promise<Case> {
    const staff = by ? { id: by.registrarId, pointId: by.pointId } : staffOf(ctx);
    const parties = partiesOf(input);
    const primary = parties[0];
    const item = await em.getRepository(ServiceItem).findOneBy({ code: input.itemCode, active: true });
    if (!item) throw missing(["input", "itemCode"], "ITEM_NOT_FOUND", { code: input.itemCode });
    const point = await em.getRepository(ServicePoint).findOneByOrFail({ id: staff.pointId });
    const { handling, window } = await routeFor(em, item, point);
    const materials = await em.getRepository(Material).findBy({ itemId: item.id, active: true });
    const unknown = input.materialIds.filter((id) => !materials.some((m) => String(m.id) === id));
    if (unknown.length) {
      throw invalid(["input", "materialIds"], "MATERIAL_NOT_IN_GUIDE", { ids: unknown.join("、"), code: item.code }, "G3");
    }
    const now = ctx.clock.now();
    const today = chinaDate(now);
    const day = today.replaceAll("-", "");
    const number = formatCaseNumber(REGION_CODE, day, await nextSequence(em, ctx.db.engine, day));
    const queryCode = Array.from({ length: 6 }, () => QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)]).join("");
    const c = await em.getRepository(Case).save({
      number,
      itemId: item.id,
      kind: null,
      status: CaseStatus.REGISTERED,
      numberReversed: reversedNumber(number),
      applicantName: primary.name,
      applicantIdNumber: primary.idNumber ?? primary.creditCode!,
      applicantPhone: primary.phone!,
      registeredAt: now,
      registeredById: staff.id,
      registeredPointId: point.id,
      currentPointId: point.id,
      handlingPointId: handling.id,
      windowId: window.id,
      receivedOn: point.id === handling.id ? today : null,
      queryCode,
      version: 1,
    });
    await insertParties(em, c.id, parties);
    const handedIn = materials.filter((m) => input.materialIds.includes(String(m.id)));
    const rows = [
      ...handedIn.map((m) => ({ materialId: m.id, name: m.name })),
      ...input.otherDocuments.map((name) => ({ materialId: null, name })),
    ];
    if (rows.length) {
      await em.getRepository(CaseMaterial).insert(rows.map((r) => ({ ...r, caseId: c.id, paper: !by, receivedAt: now, receivedById: staff.id })));
    }
    return actOnCase(ctx, em, { created: c }, ServiceAct.REGISTER, async ({ record }) => {
      await record({
        type: CaseEventType.REGISTERED,
        summary: eventText.registered({ point: point.name, number, handlingPoint: handling.name, window: window.name }),
        data: {
          item: item.code,
          materials: handedIn.map((m) => m.name),
          otherDocuments: input.otherDocuments,
          handlingPoint: handling.code,
          window: window.code,
          // Several parties: how many of each (their names and numbers stay out of the timeline).
          ...(parties.length > 1 ? { parties: { applicants: parties.filter((p) => p.role === "APPLICANT").length, agents: parties.filter((p) => p.role === "AGENT").length } } : {}),
        },
      });
      if (input.otherDocuments.length) {
        // G3: anything asked that is not in the guide is flagged for the supervisor.
        await record({ type: CaseEventType.GUIDE_DRIFT, summary: eventText.guideDrift({ documents: input.otherDocuments }), data: { documents: input.otherDocuments } });
      }
      return c;
    });
  },

  /** C2: the file and its paper materials move one point up, with a receipt. */
  handOver(ctx: RequestContext, input: HandOverInput) {
    staffOf(ctx);
    return runCaseAct(ctx, input, CaseAct.HAND_OVER, async ({ em, c, record }) => {
      const from = await em.getRepository(ServicePoint).findOneByOrFail({ id: c.currentPointId });
      const to = await nextPointUp(em, c.currentPointId);
      const paper = await em.getRepository(CaseMaterial).findBy({ caseId: c.id, paper: true });
      const arrived = to.id === c.handlingPointId;
      await updateCase(em, c, { currentPointId: to.id, receivedOn: arrived ? chinaDate(ctx.clock.now()) : c.receivedOn });
      await record({
        type: CaseEventType.HANDED_OVER,
        summary: eventText.handedOver({ from: from.name, to: to.name, paperCount: paper.length, note: input.note }),
        data: { receipt: paper.map((m) => m.name), note: input.note ?? null },
        route: { from: from.id, to: to.id },
      });
      return c;
    });
  },

  async materialsMissing(em: EntityManager, c: Case): Promise<Material[]> {
    const required = await em.getRepository(Material).findBy({ itemId: c.itemId, active: true, required: true });
    const received = await em.getRepository(CaseMaterial).findBy({ caseId: c.id });
    const have = new Set(received.map((r) => r.materialId));
    return required.filter((m) => !have.has(m.id)).sort((a, b) => a.seq - b.seq);
  },

  /**
   * T1: an online channel attaches electronic materials of the item's guide to an application it
   * registered, before its decision (the window still completes a supplement: completeSupplement).
   */
  attachByToken(ctx: RequestContext, input: AttachMaterialsInput) {
    return runCaseAct(ctx, input, CaseAct.ATTACH_MATERIALS, async ({ em, c, record }) => {
      const materials = (await this.receiveMaterials(ctx, em, c, input.materialIds)).map((m) => m.name);
      await record({ type: CaseEventType.MATERIALS_ATTACHED, summary: eventText.materialsAttached({ materials }), data: { materials } });
      return c;
    });
  },

  /** Records more materials handed in on a case (during supplement or at the window; electronic through a token). */
  async receiveMaterials(ctx: RequestContext, em: EntityManager, c: Case, materialIds: string[]): Promise<Material[]> {
    const staff = ctx.actor.kind === "token" ? { id: ctx.actor.ownerStaffId } : staffOf(ctx);
    const materials = await em.getRepository(Material).findBy({ itemId: c.itemId, id: In(materialIds.map(Number).filter(Number.isInteger)) });
    if (materials.length !== new Set(materialIds).size) throw invalid(["input", "materialIds"], "MATERIAL_NOT_IN_GUIDE", {}, "G3");
    const already = new Set((await em.getRepository(CaseMaterial).findBy({ caseId: c.id })).map((m) => m.materialId));
    const fresh = materials.filter((m) => !already.has(m.id));
    if (fresh.length) {
      const now = ctx.clock.now();
      await em.getRepository(CaseMaterial).insert(fresh.map((m) => ({ caseId: c.id, materialId: m.id, name: m.name, paper: ctx.actor.kind !== "token", receivedAt: now, receivedById: staff.id })));
    }
    return fresh;
  },
};
