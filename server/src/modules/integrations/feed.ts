import { timingSafeEqual } from "node:crypto";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { IsOptional, Max, MaxLength, Min } from "class-validator";
import type { RequestContext } from "../../common/context";
import { AppError, ErrorCode } from "../../common/errors";
import { MAX_PAGE_SIZE, PageInfo } from "../../common/pagination";
import { fieldProblem } from "../../common/validation";
import { keyedHash, recordsKeyOf } from "../records/records-key";
import { policyCaller } from "../cases/case-access";
import { caseScope } from "../cases/case-policy";
import { Case } from "../cases/case.entity";
import { CaseStatus } from "../cases/case.enums";
import { CaseEventType } from "../cases/case-event-types";
import { CASE_FEED } from "./change-log";
import { CaseChangeRow } from "./integrations.entity";

/** The scope an integration token needs to follow the feed (and the case read scope for the cases themselves). */
export const EVENTS_READ_SCOPE = "events:read";

@ArgsType()
export class CaseChangesArgs {
  @Field(() => Int, { defaultValue: 100, description: `How many changes to return, 1–${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number;

  @Field(() => String, { nullable: true, description: "Resume after this cursor (a `pageInfo.endCursor` of this feed); none: from the beginning." })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}

@ObjectType({ description: "One change of a case (one timeline event), in commit order." })
export class CaseChange {
  @Field({ description: "Opaque cursor of this change; resume after it with `caseChanges(after:)`." })
  cursor: string;

  @Field(() => Int, { description: "Position in the feed: increases by commit order." })
  position: number;

  @Field({ description: "The case (办件编号)." })
  caseNumber: string;

  @Field(() => Int, { description: "The timeline event's number within the case (Case.events)." })
  eventSeq: number;

  @Field(() => CaseEventType, { description: "The timeline event type, e.g. REGISTERED, ACCEPTED, DECIDED, CLOSED." })
  eventType: CaseEventType;

  @Field(() => CaseStatus, { description: "The case's status right after the change." })
  status: CaseStatus;

  @Field({ description: "When the change was made." })
  at: Date;

  caseId: number;
}

@ObjectType({ description: "A page of the change feed. `pageInfo.endCursor` is never null once a cursor was given: keep it and resume from it." })
export class CaseChangeConnection {
  @Field(() => [CaseChange], { description: "The changes of the page, in commit order." }) nodes: CaseChange[];
  @Field(() => PageInfo, { description: "Keep `endCursor` and pass it as `after` to resume." }) pageInfo: PageInfo;
}

const PREFIX = "cc1";

function mac(ctx: RequestContext, position: number): string {
  return keyedHash(recordsKeyOf(ctx.db.dataSource), [CASE_FEED, position]).slice(0, 24);
}

export function encodeChangeCursor(ctx: RequestContext, position: number): string {
  return Buffer.from(`${PREFIX}.${position}.${mac(ctx, position)}`, "utf8").toString("base64url");
}

/** A cursor of this feed, as issued by this server; anything else (another feed's cursor, an edited one) is refused. */
export function decodeChangeCursor(ctx: RequestContext, cursor: string): number {
  const refuse = () =>
    new AppError(ErrorCode.BAD_USER_INPUT, "CURSOR_INVALID", {}, { field: "after", fields: [fieldProblem("after", "cursor")] });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw refuse();
  const [prefix, digits, tag, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split(".");
  if (prefix !== PREFIX || rest.length || !/^\d{1,12}$/.test(digits ?? "") || !tag) throw refuse();
  const position = Number(digits);
  const expected = Buffer.from(mac(ctx, position));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
  return position;
}

/**
 * The change feed: the changes after the cursor the caller may read (case-policy.ts caseScope), in
 * position order. Positions are committed in order (change-log.ts), so what a page shows is a prefix
 * of the log: a later page can never reveal a change before the cursor.
 */
export async function caseChanges(ctx: RequestContext, args: CaseChangesArgs): Promise<CaseChangeConnection> {
  const after = args.after != null ? decodeChangeCursor(ctx, args.after) : 0;
  const qb = ctx.db.manager
    .getRepository(CaseChangeRow)
    .createQueryBuilder("ch")
    .innerJoin(Case, "c", "c.id = ch.caseId")
    .where("ch.position > :after", { after });
  const scope = caseScope(policyCaller(ctx.actor), "c");
  if (scope) qb.andWhere(scope.where, scope.params);
  const rows = await qb.orderBy("ch.position", "ASC").limit(args.first + 1).getMany();
  const hasNextPage = rows.length > args.first;
  const nodes = (hasNextPage ? rows.slice(0, args.first) : rows).map((r) => ({
    cursor: encodeChangeCursor(ctx, r.position),
    position: r.position,
    caseNumber: r.caseNumber,
    caseId: r.caseId,
    eventSeq: r.eventSeq,
    eventType: r.eventType,
    status: r.status as CaseStatus,
    at: r.at,
  }));
  const endCursor = nodes.length ? nodes[nodes.length - 1].cursor : (args.after ?? null);
  // Forwards only: the feed takes no `before`; hasPreviousPage says whether `after` was given (as PageInfo describes).
  return { nodes, pageInfo: { hasNextPage, hasPreviousPage: args.after != null, startCursor: nodes.length ? nodes[0].cursor : null, endCursor } };
}
