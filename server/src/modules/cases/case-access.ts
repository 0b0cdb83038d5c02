import { In, type EntityManager } from "typeorm";
import { TokenCaseRef } from "../staff/staff.entity";
import type { Actor, RequestContext, StaffIdentity } from "../../common/context";
import { AppError, ErrorCode, RuleViolation, UserErrorCode } from "../../common/errors";
import { coveredItemIdsOf, findCoveringLetter } from "../authorization/authorization.service";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { ServiceItem } from "../catalogue/service-item.entity";
import { networkLoaders } from "../network/network.loaders";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { snapshotOf } from "./case-core";
import { Case } from "./case.entity";
import { CaseReview, JointNotice, SupplementNotice } from "./case-records.entity";
import { CaseStatus } from "./case.enums";
import { caseLoaders, voidRequestIn } from "./case.loaders";
import { feeFacts, feeFactsIn } from "../fees/fee-facts";
import { availableActs, awaitsReview, canAct, canPrintNotices, canRead, NEXT_STEP_ACTS, nextStepOf, type CaseAct, type CaseFacts, type NextStepFacts, type PolicyAnswer, type PolicyCaller } from "./case-policy";

/**
 * Loads what the case policy (case-policy.ts) needs and asks it. No rule lives here: this file only
 * gathers facts — inside a service's transaction, or through the request's DataLoaders.
 */

export function policyCaller(actor: Actor): PolicyCaller {
  if (actor.kind === "staff") {
    const { id, role, pointId, windowId, departmentId } = actor.staff;
    return { kind: "staff", staffId: id, role, pointId, windowId, departmentId, scopes: [] };
  }
  const base = { staffId: null, role: null, pointId: null, windowId: null, departmentId: null };
  return actor.kind === "token" ? { kind: "token", ...base, scopes: actor.scopes, tokenId: actor.tokenId, pointIds: actor.pointIds } : { kind: "anonymous", ...base, scopes: [] };
}

/** The facts of a case, read on a transaction's connection (one statement at a time). */
export async function caseFactsIn(em: EntityManager, c: Case): Promise<CaseFacts> {
  const item = await em.getRepository(ServiceItem).findOneOrFail({ where: { id: c.itemId }, select: { id: true, departmentId: true, reviewRequired: true } });
  const registered = await em.getRepository(ServicePoint).findOneByOrFail({ id: c.registeredPointId });
  const handling = c.handlingPointId === c.registeredPointId ? registered : await em.getRepository(ServicePoint).findOneByOrFail({ id: c.handlingPointId });
  const notices = await em.getRepository(JointNotice).find({ where: { caseId: c.id }, select: { departmentId: true, opinion: true } });
  const hasSupplementNotice = await em.getRepository(SupplementNotice).existsBy({ caseId: c.id });
  const reviewed = await em.getRepository(CaseReview).existsBy({ caseId: c.id });
  const fees = await feeFactsIn(em, c);
  const voidRequestedById = await voidRequestIn(em, c.id);
  const tokenRef = await em.getRepository(TokenCaseRef).findOne({ where: { caseId: c.id }, select: { id: true, tokenId: true } });
  return {
    registeredByTokenId: tokenRef?.tokenId ?? null,
    registeredById: c.registeredById,
    windowId: c.windowId,
    itemDepartmentId: item.departmentId,
    jointNotices: notices.map((n) => ({ departmentId: n.departmentId, answered: n.opinion !== null })),
    registeredPointId: c.registeredPointId,
    registeredPointParentId: registered.parentId,
    currentPointId: c.currentPointId,
    handlingPointId: c.handlingPointId,
    handlingAtCity: handling.level === PointLevel.CITY,
    hasSupplementNotice,
    review: { required: item.reviewRequired, given: reviewed },
    fees,
    voidRequestedById,
    snapshot: await snapshotOf(em, c),
  };
}

/** The same facts through the request's DataLoaders (lists of cases cost a few batched queries). */
export async function caseFactsLoaded(ctx: RequestContext, c: Case): Promise<CaseFacts> {
  const [item, registered, handling, notices, pauses, extension, supplement, fees, voidRequestedById, review] = await Promise.all([
    catalogueLoaders.item(ctx).load(c.itemId),
    networkLoaders.point(ctx).load(c.registeredPointId),
    networkLoaders.point(ctx).load(c.handlingPointId),
    caseLoaders.jointNotices(ctx).load(c.id),
    caseLoaders.pauses(ctx).load(c.id),
    caseLoaders.extension(ctx).load(c.id),
    caseLoaders.supplementNotice(ctx).load(c.id),
    feeFacts(ctx, c),
    caseLoaders.voidRequest(ctx).load(c.id),
    caseLoaders.review(ctx).load(c.id),
  ]);
  // Which token registered the case (R2b, T1): asked only for token callers.
  const registeredByTokenId =
    ctx.actor.kind === "token"
      ? await ctx.loaders
          .get<number, number | null>("case-policy#tokenRef", async (ids) => {
            const rows = await ctx.db.manager.getRepository(TokenCaseRef).find({ where: { caseId: In([...ids]) }, select: { caseId: true, tokenId: true } });
            return ids.map((id) => rows.find((r) => r.caseId === id)?.tokenId ?? null);
          })
          .load(c.id)
      : null;
  if (!item || !registered || !handling) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "INTERNAL");
  return {
    registeredByTokenId,
    registeredById: c.registeredById,
    windowId: c.windowId,
    itemDepartmentId: item.departmentId,
    jointNotices: notices.map((n) => ({ departmentId: n.departmentId, answered: n.opinion !== null })),
    registeredPointId: c.registeredPointId,
    registeredPointParentId: registered.parentId,
    currentPointId: c.currentPointId,
    handlingPointId: c.handlingPointId,
    handlingAtCity: handling.level === PointLevel.CITY,
    hasSupplementNotice: supplement !== null,
    review: { required: item.reviewRequired, given: review !== null },
    fees,
    voidRequestedById,
    snapshot: {
      status: c.status,
      kind: c.kind,
      atHandlingPoint: c.currentPointId === c.handlingPointId,
      atRegistrationPoint: c.currentPointId === c.registeredPointId,
      paused: pauses.some((p) => p.endedOn === null),
      forwarded: c.forwardedTo !== null,
      hasExtension: extension !== null,
    },
  };
}

/** Whether the caller's letters in force cover the item (per request: one query for all cases shown). */
async function lettersCover(ctx: RequestContext, c: Case, itemDepartmentId: number): Promise<boolean> {
  if (ctx.actor.kind !== "staff" || (c.status !== CaseStatus.IN_REVIEW && c.status !== CaseStatus.DECIDED)) return false;
  const covered = await ctx.loaders
    .get<number, { all: number[]; items: number[] }>("case-policy#coveredItems", (ids) => Promise.all(ids.map((id) => coveredItemIdsOf(ctx.db.manager, id, ctx.clock.now()))))
    .load(ctx.actor.staff.id);
  return covered.all.includes(itemDepartmentId) || covered.items.includes(c.itemId);
}

export function toViolation(answer: Exclude<PolicyAnswer, { allowed: true }>): RuleViolation {
  return new RuleViolation(answer.error, answer.message, ["input", "caseNumber"], answer.rule, answer.reason ?? answer.code, answer.params);
}

/**
 * Inside a service's transaction: throws the policy's refusal of `act`, or returns the facts it
 * used. DECIDE looks up the caller's covering letter and returns it too.
 */
export async function authorizeAct(ctx: RequestContext, em: EntityManager, c: Case, act: CaseAct) {
  const facts = await caseFactsIn(em, c);
  const caller = policyCaller(ctx.actor);
  const covering = (act === "DECIDE" || act === "REDUCE_CHARGE") && ctx.actor.kind === "staff" ? await findCoveringLetter(em, ctx.actor.staff.id, c.itemId, ctx.clock.now()) : null;
  const answer = canAct({ ...caller, letterCovers: covering !== null }, facts, act);
  if (!answer.allowed) throw toViolation(answer);
  return { facts, covering };
}

/** A single-case read (case(number), documents, JointNotice.case …): whether the caller may see it. */
export async function mayRead(ctx: RequestContext, c: Case): Promise<boolean> {
  return canRead(policyCaller(ctx.actor), await caseFactsLoaded(ctx, c)).allowed;
}

export async function mayPrintNotices(ctx: RequestContext, c: Case): Promise<boolean> {
  return canPrintNotices(policyCaller(ctx.actor), await caseFactsLoaded(ctx, c));
}

export async function actsFor(ctx: RequestContext, c: Case): Promise<CaseAct[]> {
  const facts = await caseFactsLoaded(ctx, c);
  return availableActs({ ...policyCaller(ctx.actor), letterCovers: await lettersCover(ctx, c, facts.itemDepartmentId) }, facts);
}

/** A4: whether the case waits for the section chief's review opinion before it may be decided. */
export async function waitsForReview(ctx: RequestContext, c: Case): Promise<boolean> {
  return c.status === CaseStatus.IN_REVIEW && awaitsReview(await caseFactsLoaded(ctx, c));
}

/** Who holds the case now and what happens next (case-policy.ts nextStepOf), and whether the caller may act now. */
export async function nextStepFor(ctx: RequestContext, c: Case): Promise<NextStepFacts & { yours: boolean }> {
  const [facts, acts] = await Promise.all([caseFactsLoaded(ctx, c), actsFor(ctx, c)]);
  const step = nextStepOf(facts);
  return { ...step, yours: NEXT_STEP_ACTS[step.code].some((a) => acts.includes(a)) };
}

/** The covering letter a decision by the caller would be made under (A2), when the policy lets them decide now. */
export async function decisionLetterFor(ctx: RequestContext, c: Case) {
  if (ctx.actor.kind !== "staff" || c.status !== CaseStatus.IN_REVIEW) return null;
  const covering = await findCoveringLetter(ctx.db.manager, ctx.actor.staff.id, c.itemId, ctx.clock.now());
  return covering?.letter ?? null;
}

export function staffOf(ctx: RequestContext): StaffIdentity {
  if (ctx.actor.kind !== "staff") throw new RuleViolation(UserErrorCode.FORBIDDEN, "", null, "C2", "NOT_STAFF");
  return ctx.actor.staff;
}
