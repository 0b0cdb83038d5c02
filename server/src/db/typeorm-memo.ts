import { QueryBuilder, SelectQueryBuilder, type ObjectLiteral } from "typeorm";

/**
 * Two steps of TypeORM's query building, kept once computed (issue 11: building the SQL of a list cost more than
 * running it). Both are pure functions of what the key holds, so a kept answer is the answer TypeORM would compute:
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

/** Installs both memos on TypeORM's query builders (once per process). */
export function installQueryBuildingMemo(): void {
  if (installed) return;
  installed = true;
  const proto = QueryBuilder.prototype as unknown as Record<string, (this: Internals, ...args: never[]) => unknown>;
  const replace = proto.replacePropertyNamesForTheWholeQuery as (this: Internals, statement: string) => string;
  proto.replacePropertyNamesForTheWholeQuery = function (this: Internals, statement: string): string {
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
    const map = this.expressionMap;
    let key = `${aliasName}\u0001${idOf(metadata)}\u0001${map.queryEntity ? 1 : 0}`;
    for (const s of map.selects) key += `\u0002${s.selection}\u0003${s.aliasName ?? ""}\u0003${s.virtual ? 1 : 0}`;
    const kept = keptFor(selectsBy, this.connection.driver);
    let answer = kept.get(key);
    if (answer === undefined) kept.set(key, (answer = build.call(this, aliasName, metadata)));
    // The caller may change what it gets: a copy of each.
    return answer.map((s) => ({ ...s }));
  };
}
