import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { AppError, ErrorCode } from "./errors";
import { fieldProblem, textProblem } from "./validation";

export const MAX_PAGE_SIZE = 100;

export const DEFAULT_PAGE_SIZE = 20;

/**
 * The most a list that can reach millions of rows counts (a point's ledger, a window's closed cases, an API
 * token's cases): `totalCount` stops there and `totalCountCapped` says more match. Counting 3 million index
 * entries for the city's ledger at 10 million cases cost more than the page itself (tests/bench/README.md).
 */
export const COUNT_CAP = 10_000;

/**
 * Relay paging, keyset only (no offsets): `first`/`after` forwards, `last`/`before` backwards.
 * Without either count, the first DEFAULT_PAGE_SIZE items.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many to return from the start (after \`after\`), 1–${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given. Not with \`last\`.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an `endCursor` from a previous page)." })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `How many to return from the end (before \`before\`), 1–${MAX_PAGE_SIZE}: paging backwards. Not with \`first\`.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return the items before this cursor (a `startCursor` from a later page)." })
  @IsOptional()
  @MaxLength(200)
  before?: string | null;
}

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field({ description: "More items follow this page (paging forwards: exact; paging backwards: whether `before` was given)." })
  hasNextPage: boolean;
  @Field({ description: "Items precede this page (paging backwards: exact; paging forwards: whether `after` was given)." })
  hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: "Cursor of the first item of the page: pass it as `before` for the page before." })
  startCursor: string | null;
  @Field(() => String, { nullable: true, description: "Cursor of the last item of the page: pass it as `after` for the page after." })
  endCursor: string | null;
}

/** An empty page (a caller who may list nothing here). */
export function emptyPage<T>(): Page<T> {
  return { nodes: [], edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: async () => 0 };
}

export interface Page<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** How many match; for a list counted up to a cap, cap + 1 when more do (see COUNT_CAP). */
  totalCount: () => Promise<number>;
  countCap?: number;
}

/** A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge`. */
export function Connection<T extends object>(NodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => NodeType, { description: `The ${name} at this edge.` }) node: T;
    @Field({ description: "Opaque cursor of this edge." }) cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, in a stable order.` })
  class ConnectionType {
    @Field(() => [Edge], { description: "The page's items with their cursors, in order." }) edges: Edge[];
    @Field(() => [NodeType], { description: "The nodes of `edges`, for clients that do not need cursors." })
    nodes: T[];
    @Field(() => PageInfo, { description: "Cursors and whether there are pages before and after this one." }) pageInfo: PageInfo;
    totalCount: () => Promise<number>;
    countCap?: number;

    @Field(() => Int, { name: "totalCount", description: `How many match the filter, across all pages. Lists that can reach millions (a point's ledger, a window's closed cases, an API token's cases) count up to ${COUNT_CAP.toLocaleString("en")}: then \`totalCountCapped\` is true.` })
    async total(): Promise<number> {
      const n = await this.totalCount();
      return this.countCap === undefined ? n : Math.min(n, this.countCap);
    }

    @Field(() => Boolean, { name: "totalCountCapped", description: `More match than \`totalCount\` says: the list was counted up to ${COUNT_CAP.toLocaleString("en")} (narrow it with its filters).` })
    async capped(): Promise<boolean> {
      return this.countCap !== undefined && (await this.totalCount()) > this.countCap;
    }
  }
  return ConnectionType as ClassType<Page<T>>;
}

function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key]), "utf8").toString("base64url");
}

/** What a sort key's values are: whole numbers (ids) or text (codes, deadline + number). */
export type CursorType = "int" | "text";

const INT4 = 2_147_483_647;

function decodeCursor(cursor: string, type: CursorType, field: "after" | "before"): string | number {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const key = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  if (type === "int" && Number.isInteger(key) && Math.abs(key as number) <= INT4) return key as number;
  if (type === "text" && typeof key === "string" && key.length <= 200 && !textProblem(key, field)) return key;
  throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_INPUT", { fields: field }, { field, fields: [fieldProblem(field, "cursor")] });
}

/** A sort key unique per row: an SQL expression, its direction, and how to read it off a row for the cursor. */
export interface SortKey<T> {
  expr: string;
  dir: "ASC" | "DESC";
  of: (row: T) => string | number;
  /** The type of `of`'s values (default text): a cursor of another type is refused before any SQL runs. */
  type?: CursorType;
}

/**
 * Keyset pagination: `WHERE key > cursor ORDER BY key LIMIT first+1`, so page N costs the same as
 * page 1; backwards (`last`/`before`) the same in the other direction, the rows turned back round.
 * The key is a unique column of the query's alias (`code` or `id`, ascending) or a SortKey.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  key: "code" | "id" | SortKey<T> = "code",
  /**
   * countCap: count at most this many rows. countQuery: the rows to count, when a statement other than the page's
   * counts them better (the same rows; decisionsAwaiting); by default the page's query without its order and limit.
   */
  options: { countCap?: number; countQuery?: SelectQueryBuilder<T> } = {},
): Promise<Page<T>> {
  const sort: SortKey<T> =
    typeof key === "string" ? { expr: `${qb.alias}.${key}`, dir: "ASC", of: (row) => row[key], type: key === "id" ? "int" : "text" } : key;
  if (args.first != null && args.last != null) throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_INPUT", { fields: "last" }, { field: "last", fields: [fieldProblem("last", "invalid")] });
  const backwards = args.last != null;
  const count = (backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const countQb = options.countQuery ?? qb.clone();
  const [asc, desc] = sort.dir === "ASC" ? [">", "<"] : ["<", ">"];
  if (args.after != null) qb.andWhere(`${sort.expr} ${asc} :__after`, { __after: decodeCursor(args.after, sort.type ?? "text", "after") });
  if (args.before != null) qb.andWhere(`${sort.expr} ${desc} :__before`, { __before: decodeCursor(args.before, sort.type ?? "text", "before") });
  const direction = backwards ? (sort.dir === "ASC" ? "DESC" : "ASC") : sort.dir;
  const rows = await qb.orderBy(sort.expr, direction).limit(count + 1).getMany();
  const more = rows.length > count;
  const nodes = more ? rows.slice(0, count) : rows;
  if (backwards) nodes.reverse();
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(sort.of(node)) }));
  let total: Promise<number> | undefined;
  return {
    nodes,
    edges,
    pageInfo: {
      hasNextPage: backwards ? args.before != null : more,
      hasPreviousPage: backwards ? more : args.after != null,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount: () => (total ??= options.countCap === undefined ? countQb.getCount() : boundedCount(countQb, options.countCap)),
    countCap: options.countCap,
  };
}

/**
 * COUNT over at most cap + 1 rows: the query's ids with a LIMIT in a subquery, so the database stops reading
 * there (DISTINCT only when the query joins, as TypeORM's getCount does).
 */
async function boundedCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, cap: number): Promise<number> {
  const ids = qb.expressionMap.mainAlias!.metadata.primaryColumns.map((c) => `${qb.alias}.${c.propertyPath}`);
  const sub = qb.clone().select(ids).distinct(qb.expressionMap.joinAttributes.length > 0).limit(cap + 1);
  const [sql, params] = sub.getQueryAndParameters();
  const [row] = await qb.connection.query(`SELECT COUNT(*) AS n FROM (${sql}) counted`, params);
  return Number(row.n);
}
