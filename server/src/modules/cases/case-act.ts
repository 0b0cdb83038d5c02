import type { EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { ROLE_LABEL } from "../staff/role";
import { recordsKeyOf } from "../records/records-key";
import { eventHash, GENESIS } from "../records/records";
import { resealCase } from "../records/records.service";
import { recordCaseChange } from "../integrations/change-log";
import { authorizeAct } from "./case-access";
import { caseByNumber, updateCase } from "./case-core";
import { CaseEventType } from "./case-event-types";
import { notifyCaseChanged } from "./case-live";
import { CaseAct } from "./case-policy";
import { Case, CaseEvent } from "./case.entity";

/**
 * One way to act on a case (issue 10 §1). Every act — a clerk's, a token's, the scheduler's — runs
 * through `runCaseAct` (or `actOnCase` inside a transaction the act already holds):
 *
 *   load the case → ask the case policy (CaseAct) → the act's own work, writing sealed fields only
 *   through the version-checked updateCase → its typed timeline entries (`record`), each chained by
 *   hash and written to the change feed and webhook outbox in the same transaction → one live
 *   notification after the commit.
 *
 * An act that wrote entries but changed no column of the case still bumps its version (a
 * version-checked update with no changes), so two people acting at once cannot both succeed.
 * Only this module appends timeline entries (tests/api/case-act.test.ts checks the sources).
 */

/** Acts the runner runs whose rule is not asked of the case policy's CaseAct: the service checks them itself, or the scheduler does them. */
export enum ServiceAct {
  /** A registration (C1, T1): the case is created by the act; who may register is checked by registration.service. */
  REGISTER = "REGISTER",
  /** F3: the finance window takes a payment (fee rules in payments.service). */
  TAKE_PAYMENT = "TAKE_PAYMENT",
  /** F4: a second person voids a fee ticket. */
  VOID_TICKET = "VOID_TICKET",
  /** F4: a refund of a payment. */
  REFUND = "REFUND",
  /** C3.3 by the scheduler: a silent co-department counts as agreeing. */
  DEEM_JOINT_AGREE = "DEEM_JOINT_AGREE",
  /** Art. 32 by the scheduler. */
  DEEM_ACCEPTANCE = "DEEM_ACCEPTANCE",
  /** C6 by the scheduler. */
  DEEM_APPROVAL = "DEEM_APPROVAL",
  /** The scheduler ends a case whose supplement notice went unanswered. */
  ABANDON = "ABANDON",
  /** C5: due days counted again after the calendar changed. */
  RECOUNT_DEADLINES = "RECOUNT_DEADLINES",
}

export type ActName = CaseAct | ServiceAct;

const E = CaseEventType;
const ACCEPTING = [E.ACCEPTED, E.JOINT_NOTIFIED] as const;
const ENDING = (ending: CaseEventType) => [E.CHARGES_CANCELLED, ending] as const;

/**
 * The timeline entries each act may write. Exhaustive over every act (a new CaseAct does not compile
 * until it says what it writes); the runner refuses an entry its act does not declare.
 */
export const ACT_EVENTS: Record<ActName, readonly CaseEventType[]> = {
  [CaseAct.HAND_OVER]: [E.HANDED_OVER],
  [CaseAct.ACCEPT]: [...ACCEPTING, E.DEEMED_ACCEPTANCE],
  [CaseAct.ISSUE_SUPPLEMENT]: [E.SUPPLEMENT_REQUESTED],
  [CaseAct.COMPLETE_SUPPLEMENT]: [E.SUPPLEMENT_COMPLETED, ...ACCEPTING],
  [CaseAct.RETURN]: [E.RETURNED],
  [CaseAct.PAUSE]: [E.PAUSED],
  [CaseAct.RESUME]: [E.RESUMED],
  [CaseAct.EXTEND]: [E.EXTENDED],
  [CaseAct.JOINT_OPINION]: [E.JOINT_OPINION, E.JOINT_DEEMED_AGREE],
  [CaseAct.REVIEW]: [E.REVIEWED],
  [CaseAct.DECIDE]: [E.DECIDED],
  [CaseAct.FORWARD_UP]: [E.FORWARDED_UP],
  [CaseAct.RECORD_REPLY]: [E.HIGHER_REPLY],
  [CaseAct.HAND_BACK]: [E.RESULT_HANDED_BACK],
  [CaseAct.CLOSE]: [E.CLOSED],
  [CaseAct.CHARGE]: [E.CHARGED],
  [CaseAct.REDUCE_CHARGE]: [E.REDUCED],
  [CaseAct.WITHDRAW]: ENDING(E.WITHDRAWN),
  [CaseAct.REQUEST_VOID]: [E.VOID_REQUESTED],
  [CaseAct.APPROVE_VOID]: ENDING(E.VOIDED),
  [CaseAct.REJECT_VOID]: [E.VOID_REJECTED],
  [CaseAct.ATTACH_MATERIALS]: [E.MATERIALS_ATTACHED],
  [ServiceAct.REGISTER]: [E.REGISTERED, E.GUIDE_DRIFT],
  [ServiceAct.TAKE_PAYMENT]: [E.PAID],
  [ServiceAct.VOID_TICKET]: [E.VOIDED],
  [ServiceAct.REFUND]: [E.REFUNDED],
  [ServiceAct.DEEM_JOINT_AGREE]: [E.JOINT_DEEMED_AGREE],
  [ServiceAct.DEEM_ACCEPTANCE]: [E.DEEMED_ACCEPTANCE, ...ACCEPTING],
  [ServiceAct.DEEM_APPROVAL]: [E.DEEMED_APPROVED],
  [ServiceAct.ABANDON]: ENDING(E.ABANDONED),
  [ServiceAct.RECOUNT_DEADLINES]: [E.DEADLINE_RECOMPUTED],
};

const POLICY_ACTS = new Set<string>(Object.values(CaseAct));
const isPolicyAct = (act: ActName): act is CaseAct => POLICY_ACTS.has(act);

/** One timeline entry. `system`: written in the name of 系统 (a scheduled act), not the caller. */
export interface CaseEventInput {
  type: CaseEventType;
  summary: string;
  data?: Record<string, unknown>;
  route?: { from?: number | null; to?: number | null };
  system?: boolean;
}

export type RecordEvent = (event: CaseEventInput) => Promise<void>;

/** What an act's work gets: the transaction, the case, the policy's answer, and `record` for its entries. */
export interface ActScope {
  ctx: RequestContext;
  em: EntityManager;
  c: Case;
  /** DECIDE and REDUCE_CHARGE: the caller's covering letter the policy found (A2). */
  covering: Awaited<ReturnType<typeof authorizeAct>>["covering"];
  record: RecordEvent;
}

/** Which case: by number, already loaded (or locked) in this transaction, loaded some other way, or just created by the act. */
export type ActTarget = { caseNumber: string } | { case: Case } | { load: (em: EntityManager) => Promise<Case> } | { created: Case };

function actorOf(ctx: RequestContext): { id: number | null; label: string } {
  if (ctx.actor.kind === "staff") return { id: ctx.actor.staff.id, label: `${ctx.actor.staff.displayName}（${ROLE_LABEL[ctx.actor.staff.role]}）` };
  if (ctx.actor.kind === "token") return { id: null, label: `接口 #${ctx.actor.tokenId}` };
  return { id: null, label: "系统" };
}

/** Appends one timeline entry, chained to the case's previous entry by hash, and its change-feed row and outbox rows. */
async function appendCaseEvent(ctx: RequestContext, em: EntityManager, c: Case, event: CaseEventInput): Promise<void> {
  const { type, summary, data = {}, route = {}, system = false } = event;
  const repo = em.getRepository(CaseEvent);
  const last = await repo.findOne({ where: { caseId: c.id }, order: { seq: "DESC" }, select: { seq: true, hash: true } });
  const actor = system ? { id: null, label: "系统" } : actorOf(ctx);
  const at = ctx.clock.now();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  const json = JSON.stringify(data);
  const fromPointId = route.from ?? null;
  const toPointId = route.to ?? null;
  const hash = eventHash(recordsKeyOf(em), { prevHash, caseNumber: c.number, seq, type, at, actorId: actor.id, actorLabel: actor.label, fromPointId, toPointId, summary, data: json });
  await repo.insert({ caseId: c.id, seq, type, at, actorId: actor.id, actorLabel: actor.label, fromPointId, toPointId, summary, data: json, prevHash, hash });
  // The case row keeps the new head and count under its seal (a deleted tail no longer matches).
  Object.assign(c, await resealCase(em, c.id, hash, seq));
  // The change feed and the webhook outbox, same transaction (modules/integrations).
  await recordCaseChange(em, c, { seq, type, at });
}

async function load(em: EntityManager, target: ActTarget): Promise<Case> {
  if ("caseNumber" in target) return caseByNumber(em, target.caseNumber);
  if ("case" in target) return target.case;
  if ("created" in target) return target.created;
  return target.load(em);
}

/** Runs `act` on a case inside the transaction `em` (see the module's comment). */
export async function actOnCase<T>(ctx: RequestContext, em: EntityManager, target: ActTarget, act: ActName, work: (scope: ActScope) => Promise<T>): Promise<T> {
  const c = await load(em, target);
  const { covering } = isPolicyAct(act) ? await authorizeAct(ctx, em, c, act) : { covering: null };
  const version = c.version;
  const allowed = ACT_EVENTS[act];
  let written = 0;
  const record: RecordEvent = async (event) => {
    if (!allowed.includes(event.type)) throw new Error(`case act ${act} may not write a ${event.type} entry (case-act.ts ACT_EVENTS)`);
    await appendCaseEvent(ctx, em, c, event);
    written++;
  };
  const result = await work({ ctx, em, c, covering, record });
  if (written === 0) return result;
  // Nothing of the case row changed (a review, an opinion, a charge …): still a version-checked write.
  if (c.version === version && !("created" in target)) await updateCase(em, c, {});
  notifyCaseChanged(ctx, em, c);
  return result;
}

/** Runs `act` on a case in a transaction of its own. */
export function runCaseAct<T>(ctx: RequestContext, target: ActTarget, act: ActName, work: (scope: ActScope) => Promise<T>): Promise<T> {
  return ctx.db.transaction((em) => actOnCase(ctx, em, target, act, work));
}
