import "reflect-metadata";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "../common/access";
import { validateArgument } from "../common/validation";
import { UserErrorResolver } from "../common/payload";
import { acceptGlobalIds } from "../common/global-id-args";
import { NodeResolver } from "../modules/node/node.resolver";
import {
  DepartmentResolver,
  ItemDelegationResolver,
  ServiceItemResolver,
  WindowItemsResolver,
} from "../modules/catalogue/catalogue.resolver";
import { ApprovalSealResolver, AuthorizationLetterResolver } from "../modules/authorization/authorization.resolver";
import { CalendarResolver } from "../modules/calendar/calendar.resolver";
import { CaseMutations } from "../modules/cases/case.mutations";
import { CaseExportResolver } from "../modules/cases/case-export";
import { CaseSearchResolver } from "../modules/cases/case-search";
import { CasePartiesResolver } from "../modules/cases/parties.resolver";
import { CaseSubscriptions } from "../modules/cases/case.subscriptions";
import { CaseEventResolver, CaseResolver, CaseReviewResolver, DecisionResolver, FaultRecordResolver, JointNoticeResolver } from "../modules/cases/case.resolver";
import { AssessmentResolver } from "../modules/assessment/assessment.resolver";
import { ServicePointResolver, ServiceWindowResolver } from "../modules/network/network.resolver";
import { GuideSearchResolver } from "../modules/guide/guide-search.resolver";
import { RecordsResolver } from "../modules/records/records.resolver";
import { integrationResolvers } from "../modules/integrations/integrations.resolver";
import { feeResolvers } from "../modules/fees/fees.resolver";
import { FollowUpDrawResolver, FollowUpVisitResolver } from "../modules/supervision/followup.resolver";
import { InspectionResolver } from "../modules/supervision/inspection.resolver";
import { CaseEvaluationResolver, ComplaintResolver, FaultResolver, RectificationResolver, StatusEvaluationResolver, UnitDeadlineWarningsResolver } from "../modules/supervision/supervision.resolver";
import { ApiTokenResolver, DepartmentStaffResolver, PointAgentResolver, StaffResolver, WindowStaffResolver } from "../modules/staff/staff.resolver";
import { StaffAdminResolver } from "../modules/staff/staff-admin.resolver";
import { GuideHistoryResolver, GuideMaterialSnapshotResolver, GuideVersionResolver } from "../modules/catalogue/guide-history.resolver";

export const resolvers: NonEmptyArray<Function> = [
  AssessmentResolver,
  ServicePointResolver,
  ServiceWindowResolver,
  ServiceItemResolver,
  DepartmentResolver,
  ItemDelegationResolver,
  WindowItemsResolver,
  GuideSearchResolver,
  StaffResolver,
  StaffAdminResolver,
  GuideHistoryResolver,
  GuideVersionResolver,
  GuideMaterialSnapshotResolver,
  ApiTokenResolver,
  WindowStaffResolver,
  DepartmentStaffResolver,
  PointAgentResolver,
  CalendarResolver,
  AuthorizationLetterResolver,
  ApprovalSealResolver,
  CaseResolver,
  CaseSearchResolver,
  CasePartiesResolver,
  CaseMutations,
  CaseExportResolver,
  CaseEventResolver,
  JointNoticeResolver,
  DecisionResolver,
  CaseReviewResolver,
  FaultRecordResolver,
  CaseSubscriptions,
  RecordsResolver,
  ...feeResolvers,
  ComplaintResolver,
  RectificationResolver,
  FaultResolver,
  CaseEvaluationResolver,
  StatusEvaluationResolver,
  UnitDeadlineWarningsResolver,
  FollowUpDrawResolver,
  FollowUpVisitResolver,
  InspectionResolver,
  ...integrationResolvers,
  UserErrorResolver,
  NodeResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/**
 * Subscriptions subscribe through the bus in the request context (`ctx.caseChanges`, one per App),
 * not through a schema-wide pubsub: type-graphql insists on one, so it gets one that refuses use.
 */
const contextPubSub = {
  publish() {
    throw new Error("publish through ctx.caseChanges");
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error("subscribe through ctx.caseChanges (use the `subscribe` option of @Subscription)");
  },
};

/** type-graphql gives the root types no description; the schema's readers get one. */
function describeRoots(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = "Reads. Each field says who may call it; lists are Relay connections (first/after, last/before). `node(id:)` fetches any object by its global ID.";
  if (mutation) mutation.description = "Writes. Each returns a payload whose `userErrors` say, by stable code and field, why nothing was done; nothing is written then.";
  if (subscription) subscription.description = "Live updates over graphql-ws on /graphql (staff sessions only).";
}

/** The schema is built once per process (type-graphql's metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validateFn: validateArgument,
    pubSub: contextPubSub,
  }).then((schema) => {
    acceptGlobalIds(schema);
    describeRoots(schema);
    return schema;
  });
  return built;
}
