import { filter, pipe } from "@graphql-yoga/subscription";
import { Arg, Field, ObjectType, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { Allow } from "../../common/access";
import type { CaseChangeMessage, RequestContext } from "../../common/context";
import { AppError, ErrorCode, forbidden, notFound } from "../../common/errors";
import { Role } from "../staff/role";
import { checkArguments } from "../../common/validation";
import { LoaderRegistry } from "../../common/loaders";
import { authService } from "../staff/auth.service";
import { mayRead } from "./case-access";
import { Case } from "./case.entity";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { caseQueries } from "./case.queries";

@ObjectType({ description: "A hint that a case changed: refetch what you show (hints can be lost; refetch on reconnect too)." })
export class CaseChangeEvent {
  @Field({ description: "The number of the case that changed." })
  caseNumber: string;

  @Field({ description: "When the change was published." })
  at: Date;
}

const toEvent = (m: CaseChangeMessage): CaseChangeEvent => ({ caseNumber: m.caseNumber, at: new Date(m.at) });

/** WebSocket close code when the connection's session ended (logout, expiry, idle). */
export const SESSION_ENDED = 4401;

/**
 * Each event is re-checked before it is delivered: the caller's session is still valid (else the
 * socket closes), and the case policy still lets the caller read that case (fresh loaders: the
 * case may have moved since the subscription began).
 */
async function deliverable(ctx: RequestContext, m: CaseChangeMessage): Promise<boolean> {
  if (!(await authService.stillValid(ctx, ctx.actor))) {
    ctx.live?.close(SESSION_ENDED, "session ended");
    return false;
  }
  const fresh: RequestContext = { ...ctx, loaders: new LoaderRegistry() };
  const c = await ctx.db.manager.getRepository(Case).findOneBy({ number: m.caseNumber });
  return c !== null && (await mayRead(fresh, c));
}

/** This process's changes (and, through Redis, every other process's) that pass `keep` and the re-check. */
function changes(ctx: RequestContext, keep: (m: CaseChangeMessage) => boolean): AsyncIterable<CaseChangeMessage> {
  if (!ctx.caseChanges) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "LIVE_UNAVAILABLE");
  return pipe(ctx.caseChanges.subscribe(), filter(async (m: CaseChangeMessage) => keep(m) && (await deliverable(ctx, m))));
}

/**
 * The subscribe steps read the bus from the request context (one per App, so several apps in one
 * test process stay apart) and check access with the same rule as the matching query: they run
 * that query for one row, which throws FORBIDDEN or NOT_FOUND exactly as the query does.
 */
async function windowChanges({ args, context, info }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) {
  checkArguments({ args, info });
  const code = String(args.windowCode);
  await caseQueries.windowQueue(context, code, { first: 1 });
  const window = await context.db.manager.getRepository(ServiceWindow).findOneBy({ code });
  if (!window) throw notFound("WINDOW_NOT_FOUND", { code }, "windowCode");
  return changes(context, (m) => m.windowId === window.id);
}

async function pointChanges({ args, context, info }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) {
  checkArguments({ args, info });
  const code = String(args.pointCode);
  await caseQueries.ledger(context, code, { first: 1 });
  const point = await context.db.manager.getRepository(ServicePoint).findOneBy({ code });
  if (!point) throw notFound("POINT_NOT_FOUND", { code }, "pointCode");
  return changes(context, (m) => m.pointIds.includes(point.id));
}

/** One case, for its page: who may read it may listen (the same check as `case(number)`). */
async function oneCaseChanges({ args, context, info }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) {
  checkArguments({ args, info });
  const number = String(args.number);
  if (!(await caseQueries.byNumber(context, number))) throw notFound("NO_SUCH_CASE", { number }, "number");
  return changes(context, (m) => m.caseNumber === number);
}

/**
 * A department's cases (its items, and the joint cases it was notified of): the deputy's desk and the
 * section chief's reviews. Department staff only; each hint is re-checked, so they hear what they may read.
 */
async function departmentChanges({ context }: SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>) {
  const actor = context.actor;
  if (actor.kind !== "staff" || actor.staff.departmentId === null || !DEPARTMENT_ROLES.includes(actor.staff.role)) throw forbidden("DEPARTMENT_STAFF_ONLY");
  return changes(context, () => true);
}
const DEPARTMENT_ROLES: readonly Role[] = [Role.SECTION_CHIEF, Role.DEPUTY_DIRECTOR, Role.DIRECTOR];

@Resolver()
export class CaseSubscriptions {
  @Allow("STAFF")
  @Subscription(() => CaseChangeEvent, {
    subscribe: oneCaseChanges,
    description: "This case changed (an act, a decision at another desk): refetch its page. Who may read the case may listen.",
  })
  caseChanged(@Root() change: CaseChangeMessage, @Arg("number", { description: "The case number." }) _number: string): CaseChangeEvent {
    return toEvent(change);
  }

  @Allow("SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR")
  @Subscription(() => CaseChangeEvent, {
    subscribe: departmentChanges,
    description: "A case of your department changed (accepted, reviewed, decided …): the deputy's desk (即办件 while the applicant waits) and the section chief's reviews refetch on it.",
  })
  departmentCasesChanged(@Root() change: CaseChangeMessage): CaseChangeEvent {
    return toEvent(change);
  }

  @Allow("STAFF")
  @Subscription(() => CaseChangeEvent, {
    subscribe: windowChanges,
    description: "A case of this window's queue arrived or changed; who may read the queue (windowQueue) may listen, and hears only the cases they may read.",
  })
  windowQueueChanged(@Root() change: CaseChangeMessage, @Arg("windowCode", { description: "The window's code, e.g. C01." }) _windowCode: string): CaseChangeEvent {
    return toEvent(change);
  }

  @Allow("STAFF")
  @Subscription(() => CaseChangeEvent, {
    subscribe: pointChanges,
    description: "A case registered at, now at, or handled at this point changed; who may read its ledger may listen, and hears only the cases they may read.",
  })
  pointCasesChanged(@Root() change: CaseChangeMessage, @Arg("pointCode", { description: "The service point's code, e.g. 421081001." }) _pointCode: string): CaseChangeEvent {
    return toEvent(change);
  }
}
