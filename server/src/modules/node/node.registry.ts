import type { EntityManager, ObjectLiteral } from "typeorm";
import { isAllowed, type AccessRule } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { keyFieldOf, setNodeTypeResolver } from "../../common/node-id";
import { Bulletin } from "../assessment/assessment.entity";
import { ApprovalSeal, AuthorizationLetter } from "../authorization/authorization.entity";
import { mayRead } from "../cases/case-access";
import { Case, CaseEvent, CaseMaterial } from "../cases/case.entity";
import { CaseExtension, CasePause, CaseReview, Decision, FaultRecord, JointNotice, SupplementNotice } from "../cases/case-records.entity";
import { Department } from "../catalogue/department.entity";
import { SearchSynonym } from "../guide/guide-search.entity";
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../integrations/integrations.entity";
import { FeeStandard, ItemDelegation, Material, ProcedureStep, ServiceItem } from "../catalogue/service-item.entity";
import { CaseCharge, Deposit, FeeTicket, Payment, Refund, StubAudit, TicketBook, TicketBookApplication } from "../fees/fee.entities";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow, WindowSchedule } from "../network/service-window.entity";
import { ApiToken, Staff } from "../staff/staff.entity";
import { complaintService } from "../supervision/complaint.service";
import { FollowUpDraw, FollowUpVisit } from "../supervision/followup.entity";
import { Inspection } from "../supervision/inspection.entity";
import { Complaint, Evaluation, Rectification } from "../supervision/supervision.entity";
import { isOverseer } from "../supervision/supervision.rules";

/**
 * Every type that implements `Node`, and who may fetch one through `node(id:)`. The rules are the
 * type's own query's: `allow` repeats that query's @Allow, and `visible` asks the same rule the query
 * asks of a row (the case policy for cases and everything that belongs to a case). Where a list's
 * rule narrows rows in ways not reusable here, `allow` is the narrower, overseers-only set: `node`
 * may then answer null to someone the list would show, never the other way round.
 */
interface NodeType<T extends ObjectLiteral = ObjectLiteral> {
  entity: new () => T;
  allow: readonly AccessRule[];
  /** Whether the caller may see this row (default: anyone `allow` lets in). */
  visible?(ctx: RequestContext, row: T): Promise<boolean> | boolean;
}

const OVERSEERS: AccessRule[] = ["SUPERVISOR", "CENTER_ADMIN"];
const CASE_READERS: AccessRule[] = ["STAFF", "scope:cases:read", "scope:cases:write"];

/** Readable when the case it belongs to is (case-policy.ts, through case-access.ts). */
async function caseVisible(ctx: RequestContext, caseId: number | null): Promise<boolean> {
  if (caseId == null) return false;
  const c = await ctx.db.manager.getRepository(Case).findOneBy({ id: caseId });
  return c !== null && (await mayRead(ctx, c));
}
const ofCase = <T extends { caseId: number | null }>(entity: new () => T): NodeType<T> => ({
  entity,
  allow: CASE_READERS,
  visible: (ctx, row) => caseVisible(ctx, row.caseId),
});
const publicType = <T extends ObjectLiteral>(entity: new () => T): NodeType<T> => ({ entity, allow: ["PUBLIC"] });

export const NODE_TYPES: Record<string, NodeType> = {
  Case: { entity: Case, allow: CASE_READERS, visible: (ctx, c) => mayRead(ctx, c as Case) },
  CaseEvent: ofCase(CaseEvent),
  CaseMaterial: ofCase(CaseMaterial),
  SupplementNotice: ofCase(SupplementNotice),
  JointNotice: ofCase(JointNotice),
  CasePause: ofCase(CasePause),
  CaseExtension: ofCase(CaseExtension),
  Decision: ofCase(Decision),
  CaseReview: ofCase(CaseReview),
  CaseCharge: ofCase(CaseCharge),
  Payment: ofCase(Payment),
  Evaluation: ofCase(Evaluation),
  // `rectifications` narrows to the caller's unit in SQL; node answers overseers only.
  Rectification: { entity: Rectification, allow: OVERSEERS },
  Complaint: {
    entity: Complaint,
    allow: ["STAFF"],
    visible: async (ctx, row) => isOverseer(ctx.actor) || complaintService.isUnitOf(ctx.db.manager as EntityManager, ctx, row as Complaint),
  },
  ServicePoint: publicType(ServicePoint),
  ServiceWindow: publicType(ServiceWindow),
  WindowSchedule: publicType(WindowSchedule),
  ServiceItem: publicType(ServiceItem),
  Material: publicType(Material),
  ProcedureStep: publicType(ProcedureStep),
  FeeStandard: publicType(FeeStandard),
  ItemDelegation: publicType(ItemDelegation),
  Department: publicType(Department),
  // searchSynonyms is public (the guide search shows them).
  SearchSynonym: publicType(SearchSynonym),
  Bulletin: {
    entity: Bulletin,
    allow: ["PUBLIC"],
    visible: (ctx, row) => (row as Bulletin).publishedAt !== null || isAllowed(ctx, OVERSEERS),
  },
  Staff: {
    entity: Staff,
    allow: ["STAFF", "scope:staff:read"],
    // staffMembers: the centre admin, the supervisor, tokens with staff:read; `me`: oneself.
    visible: (ctx, row) => isAllowed(ctx, [...OVERSEERS, "scope:staff:read"]) || (ctx.actor.kind === "staff" && ctx.actor.staff.id === (row as Staff).id),
  },
  ApiToken: { entity: ApiToken, allow: ["CENTER_ADMIN"] },
  // webhookEndpoints / webhookDeliveries: the centre admin.
  WebhookEndpoint: { entity: WebhookEndpoint, allow: ["CENTER_ADMIN"] },
  WebhookDelivery: { entity: WebhookDelivery, allow: ["CENTER_ADMIN"] },
  WebhookAttempt: { entity: WebhookAttempt, allow: ["CENTER_ADMIN"] },
  ApprovalSeal: { entity: ApprovalSeal, allow: ["STAFF"] },
  AuthorizationLetter: {
    entity: AuthorizationLetter,
    allow: ["STAFF"],
    // authorizationLetters: overseers; a department's heads (its own department); myAuthorizationLetters: the holder.
    visible: (ctx, row) => {
      const letter = row as AuthorizationLetter;
      if (isAllowed(ctx, OVERSEERS)) return true;
      if (ctx.actor.kind !== "staff") return false;
      if (ctx.actor.staff.id === letter.holderId) return true;
      return ["DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF"].includes(ctx.actor.staff.role) && ctx.actor.staff.departmentId === letter.departmentId;
    },
  },
  FaultRecord: { entity: FaultRecord, allow: OVERSEERS },
  FollowUpDraw: { entity: FollowUpDraw, allow: ["SUPERVISOR"] },
  FollowUpVisit: { entity: FollowUpVisit, allow: ["SUPERVISOR"] },
  Inspection: { entity: Inspection, allow: OVERSEERS },
  TicketBook: { entity: TicketBook, allow: OVERSEERS },
  StubAudit: { entity: StubAudit, allow: OVERSEERS },
  TicketBookApplication: { entity: TicketBookApplication, allow: OVERSEERS },
  FeeTicket: { entity: FeeTicket, allow: OVERSEERS },
  Refund: { entity: Refund, allow: OVERSEERS },
  Deposit: { entity: Deposit, allow: OVERSEERS },
};

const typeByEntity = new Map<unknown, string>(Object.entries(NODE_TYPES).map(([name, t]) => [t.entity, name]));
setNodeTypeResolver((value) => (value && typeof value === "object" ? typeByEntity.get(value.constructor) : undefined));

/** The row a global id names if the caller may see it; null when there is none or it is not theirs to see. */
export async function loadNode(ctx: RequestContext, typeName: string, key: string): Promise<ObjectLiteral | null> {
  const type = Object.prototype.hasOwnProperty.call(NODE_TYPES, typeName) ? NODE_TYPES[typeName] : undefined;
  if (!type || !isAllowed(ctx, type.allow)) return null;
  const field = keyFieldOf(typeName);
  const row = await ctx.db.manager.getRepository(type.entity).findOneBy({ [field]: field === "id" ? Number(key) : key });
  if (!row) return null;
  if (type.visible && !(await type.visible(ctx, row))) return null;
  return row;
}
