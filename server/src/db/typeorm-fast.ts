import { QueryBuilder, SelectQueryBuilder, type ObjectLiteral } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata.js";
import type { EntityMetadata } from "typeorm/metadata/EntityMetadata.js";
import { RawSqlResultsToEntityTransformer } from "typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer.js";
import { BetterSqlite3QueryRunner } from "typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js";
import { BetterSqlite3Driver } from "typeorm/driver/better-sqlite3/BetterSqlite3Driver.js";

/**
 * Faster paths through TypeORM for what every list does (issue 11: building the SQL of a list and turning its rows
 * into entities cost more than running it). Each gives what TypeORM's own code gives.
 *
 * 1. Two steps of query building, kept once computed. Both are pure functions of what the key holds, so a kept
 * answer is the answer TypeORM would compute:
 *
 * - `replacePropertyNamesForTheWholeQuery(statement)` rewrites property names (`c.windowId`) into column names
 *   (`"c"."windowId"`) with a regular expression built from every alias's metadata, over the whole statement, on
 *   every query. Its answer depends on the statement text, the aliases (name and entity metadata), whether alias
 *   prefixing is on, and the driver's escaping (one per data source).
 * - `buildEscapedEntityColumnSelects(alias, metadata)` lists an alias's selected columns with their SQL and result
 *   names (~40 for a case). Its answer depends on the alias, the metadata, the builder's selections, whether the
 *   query loads entities, and the driver.
 *
 * Kept per data source (driver), at most MAX_KEPT statements each (least recently used first out), so statements
 * that carry values in their text (ids TypeORM writes in) cannot grow it without bound.
 *
 * 2. Prepared statements kept least-recently-used first out (TypeORM's better-sqlite3 cache drops the oldest
 * prepared, however often used, so statements that carry ids in their text pushed the hot ones out and every
 * registration prepared its statements again).
 *
 * 3. Whole numbers bound, not written into the text (better-sqlite3): TypeORM's SQLite driver writes every number
 * parameter into the statement (`"caseId" = 100002`), so each registration's statements were new texts to prepare
 * and to keep. They are bound as SQLite integers (BigInt: better-sqlite3 binds a JavaScript number as a REAL, which a
 * TEXT column compares as '5.0'), which is what the literal was. This one changes the statement text, so it stays on
 * in `withoutTypeormFastPaths`.
 *
 * 4. Rows into entities, for the plain case: an alias of an entity without embedded columns, lazy relations,
 * inheritance or view, in a query that selects no joined entity and no relation ids or counts. TypeORM groups the
 * rows by primary key (joined rows repeat it), makes one entity per group from the group's first row, and sets each
 * selected column's value through the driver's `prepareHydratedValue`; this does the same without building the
 * group keys and the join and relation-id passes that have nothing to do. Any other query takes TypeORM's way.
 */
const MAX_KEPT = 2000;

class Kept<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > MAX_KEPT) this.map.delete(this.map.keys().next().value as string);
  }
}

/** A stable number per object (entity metadata, driver), for keys. */
const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

type Internals = {
  expressionMap: QueryBuilder<ObjectLiteral>["expressionMap"];
  connection: QueryBuilder<ObjectLiteral>["connection"];
};
type Selection = { selection: string; aliasName?: string; virtual?: boolean };

const replacedBy = new WeakMap<object, Kept<string>>();
const selectsBy = new WeakMap<object, Kept<Selection[]>>();
function keptFor<V>(of: WeakMap<object, Kept<V>>, driver: object): Kept<V> {
  let kept = of.get(driver);
  if (!kept) of.set(driver, (kept = new Kept<V>()));
  return kept;
}

let installed = false;
/** Off only inside `withoutTypeormFastPaths` (tests compare with TypeORM's own answers). */
let enabled = true;

/** Runs `work` with TypeORM's own query building and hydration (for tests: nothing else may run meanwhile). */
export async function withoutTypeormFastPaths<T>(work: () => Promise<T>): Promise<T> {
  enabled = false;
  try {
    return await work();
  } finally {
    enabled = true;
  }
}

/** Installs the memos and the plain-rows hydration on TypeORM (once per process). */
export function installTypeormFastPaths(): void {
  if (installed) return;
  installed = true;
  const proto = QueryBuilder.prototype as unknown as Record<string, (this: Internals, ...args: never[]) => unknown>;
  const replace = proto.replacePropertyNamesForTheWholeQuery as (this: Internals, statement: string) => string;
  proto.replacePropertyNamesForTheWholeQuery = function (this: Internals, statement: string): string {
    if (!enabled) return replace.call(this, statement);
    const map = this.expressionMap;
    let key = `${map.aliasNamePrefixingEnabled ? 1 : 0}`;
    for (const alias of map.aliases) key += `\u0001${alias.name}\u0002${alias.hasMetadata ? idOf(alias.metadata) : 0}`;
    key += `\u0003${statement}`;
    const kept = keptFor(replacedBy, this.connection.driver);
    let answer = kept.get(key);
    if (answer === undefined) kept.set(key, (answer = replace.call(this, statement)));
    return answer;
  } as never;

  const selectProto = SelectQueryBuilder.prototype as unknown as Record<string, unknown>;
  const build = selectProto.buildEscapedEntityColumnSelects as (this: Internals, aliasName: string, metadata: object) => Selection[];
  selectProto.buildEscapedEntityColumnSelects = function (this: Internals, aliasName: string, metadata: object): Selection[] {
    if (!enabled) return build.call(this, aliasName, metadata);
    const map = this.expressionMap;
    let key = `${aliasName}\u0001${idOf(metadata)}\u0001${map.queryEntity ? 1 : 0}`;
    for (const s of map.selects) key += `\u0002${s.selection}\u0003${s.aliasName ?? ""}\u0003${s.virtual ? 1 : 0}`;
    const kept = keptFor(selectsBy, this.connection.driver);
    let answer = kept.get(key);
    if (answer === undefined) kept.set(key, (answer = build.call(this, aliasName, metadata)));
    // The caller may change what it gets: a copy of each.
    return answer.map((s) => ({ ...s }));
  };

  installPlainHydration();
  installStatementLru();
  installBoundIntegers();
}

function installBoundIntegers(): void {
  const proto = BetterSqlite3Driver.prototype as unknown as { escapeQueryWithParameters(sql: string, parameters: ObjectLiteral, native: ObjectLiteral): [string, unknown[]] };
  const escape = proto.escapeQueryWithParameters;
  proto.escapeQueryWithParameters = function (sql: string, parameters: ObjectLiteral, native: ObjectLiteral): [string, unknown[]] {
    if (!parameters) return escape.call(this, sql, parameters, native);
    let bound: ObjectLiteral | null = null;
    for (const key in parameters) {
      const value: unknown = parameters[key];
      if (typeof value === "number" && Number.isSafeInteger(value)) (bound ??= { ...parameters })[key] = BigInt(value);
    }
    return escape.call(this, sql, bound ?? parameters, native);
  };
}

function installStatementLru(): void {
  const proto = BetterSqlite3QueryRunner.prototype as unknown as { getStmt(this: StatementCache, query: string): Promise<unknown> };
  const getStmt = proto.getStmt;
  proto.getStmt = function (this: StatementCache, query: string): Promise<unknown> {
    const kept = enabled && this.cacheSize > 0 ? this.stmtCache.get(query) : undefined;
    if (kept === undefined) return getStmt.call(this, query);
    // Most recently used last: TypeORM drops from the front.
    this.stmtCache.delete(query);
    this.stmtCache.set(query, kept);
    return Promise.resolve(kept);
  };
}

type StatementCache = { stmtCache: Map<string, unknown>; cacheSize: number };

type Transformer = {
  expressionMap: Internals["expressionMap"];
  driver: { prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown };
  queryRunner: unknown;
  pojo: boolean;
  rawRelationIdResults: unknown[];
  getColumnsToProcess(aliasName: string, metadata: EntityMetadata): [string, ColumnMetadata][];
  buildAlias(aliasName: string, columnName: string): string;
};
type Alias = { name: string; hasMetadata: boolean; metadata: EntityMetadata };

/** Whether the plain path gives what TypeORM's transform gives for this alias of this query. */
function plain(t: Transformer, alias: Alias): boolean {
  if (!alias.hasMetadata) return false;
  const m = alias.metadata;
  const map = t.expressionMap;
  return (
    m.tableType !== "view" &&
    !m.discriminatorColumn &&
    m.childEntityMetadatas.length === 0 &&
    m.embeddeds.length === 0 &&
    m.lazyRelations.length === 0 &&
    m.primaryColumns.length === 1 &&
    map.joinAttributes.every((j) => !j.isSelected) &&
    map.relationIdAttributes.length === 0 &&
    t.rawRelationIdResults.length === 0
  );
}

function installPlainHydration(): void {
  const proto = RawSqlResultsToEntityTransformer.prototype as unknown as { transform(this: Transformer, rows: Record<string, unknown>[], alias: Alias): unknown[] };
  const transform = proto.transform;
  proto.transform = function (this: Transformer, rows: Record<string, unknown>[], alias: Alias): unknown[] {
    if (!enabled || !plain(this, alias)) return transform.call(this, rows, alias);
    const metadata = alias.metadata;
    const columns = this.getColumnsToProcess(alias.name, metadata);
    const key = this.buildAlias(alias.name, metadata.primaryColumns[0].databaseName);
    const keyed = rows.length > 0 && key in rows[0];
    const seen = rows.length > 1 && keyed ? new Set<unknown>() : null;
    const entities: unknown[] = [];
    for (const row of rows) {
      if (seen) {
        const id = row[key];
        // TypeORM's group key for these ids is the value itself (numbers and strings here); objects and bytes take its way.
        if (id !== null && typeof id === "object") return transform.call(this, rows, alias);
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const entity = metadata.create(this.queryRunner as never, { fromDeserializer: true, pojo: this.pojo }) as Record<string, unknown>;
      let hasData = false;
      for (const [name, column] of columns) {
        const value = row[name];
        if (value === undefined) continue;
        if (value !== null && !column.isVirtualProperty) hasData = true;
        entity[column.propertyName] = this.driver.prepareHydratedValue(value, column);
      }
      if (hasData) entities.push(entity);
    }
    return entities;
  };
}
