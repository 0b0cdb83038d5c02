import { IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, Field, Int, ObjectType, type ClassType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { AppError, ErrorCode } from "./errors";
import { fieldProblem, textProblem } from "./validation";

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, 1–${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an `endCursor` from a previous page)." })
  @IsOptional()
  @MaxLength(200)
  after?: string | null;
}

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge`. */
export function Connection<T extends object>(NodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field(() => NodeType) node: T;
    @Field({ description: "Opaque cursor of this edge." }) cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, in a stable order.` })
  class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [NodeType], { description: "The nodes of `edges`, for clients that do not need cursors." })
    nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    totalCount: () => Promise<number>;

    @Field(() => Int, { name: "totalCount", description: "How many match the filter, across all pages." })
    total(): Promise<number> {
      return this.totalCount();
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

function decodeCursor(cursor: string, type: CursorType): string | number {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  const key = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  if (type === "int" && Number.isInteger(key) && Math.abs(key as number) <= INT4) return key as number;
  if (type === "text" && typeof key === "string" && key.length <= 200 && !textProblem(key, "after")) return key;
  throw new AppError(ErrorCode.BAD_USER_INPUT, "INVALID_INPUT", { fields: "after" }, { field: "after", fields: [fieldProblem("after", "cursor")] });
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
 * page 1. The key is a unique column of the query's alias (`code` or `id`, ascending) or a SortKey.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  key: "code" | "id" | SortKey<T> = "code",
): Promise<Page<T>> {
  const sort: SortKey<T> =
    typeof key === "string" ? { expr: `${qb.alias}.${key}`, dir: "ASC", of: (row) => row[key], type: key === "id" ? "int" : "text" } : key;
  const countQb = qb.clone();
  if (args.after != null) qb.andWhere(`${sort.expr} ${sort.dir === "ASC" ? ">" : "<"} :__after`, { __after: decodeCursor(args.after, sort.type ?? "text") });
  const rows = await qb.orderBy(sort.expr, sort.dir).limit(args.first + 1).getMany();
  const hasNextPage = rows.length > args.first;
  const nodes = hasNextPage ? rows.slice(0, args.first) : rows;
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(sort.of(node)) }));
  let total: Promise<number> | undefined;
  return {
    nodes,
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: () => (total ??= countQb.getCount()),
  };
}
