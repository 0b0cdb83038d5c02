import { In, type EntityManager, type SelectQueryBuilder } from "typeorm";
import type { RequestContext } from "../../common/context";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import type { Engine } from "../../db/data-source";
import type { Db } from "../../db/db";
import { appendAudit } from "../audit/audit.service";
import { ServiceItem } from "../catalogue/service-item.entity";
import { ItemSearchEntry, SearchSynonym } from "./guide-search.entity";
import {
  fold,
  indexInitials,
  indexText,
  initialsOf,
  initialsQuery,
  looksLikeInitials,
  matchQuery,
  nearness,
  normalizeQuery,
  phrasesOf,
  tokens,
  typoBudget,
  type SearchPhrases,
} from "./search-text";

/** At most this many synonym targets widen one query (the query's SQL stays one statement whatever the table holds). */
const MAX_TARGETS = 12;
const MAX_SUGGESTIONS = 6;

/** What a guide search looked for: the folded query, the synonyms it used, and the phrases sent to the index. */
export interface SearchPlan {
  query: string;
  targets: string[];
  phrases: SearchPhrases;
}

/** One item's search row: name and code as tokens, and the initials of its name. */
function entryOf(item: Pick<ServiceItem, "id" | "name" | "code">): ItemSearchEntry {
  return { itemId: item.id, text: `${indexText(item.name)} ${indexText(item.code)}`, initials: indexInitials(item.name) };
}

/** (Re)writes the search rows of these items, in the caller's transaction. */
export async function indexItems(em: EntityManager, items: Pick<ServiceItem, "id" | "name" | "code">[]): Promise<void> {
  if (!items.length) return;
  const repo = em.getRepository(ItemSearchEntry);
  await repo.delete({ itemId: In(items.map((i) => i.id)) });
  for (let i = 0; i < items.length; i += 200) await repo.insert(items.slice(i, i + 200).map(entryOf));
}

/** Indexes items that have no search row yet (a database made before the index, or filled by the seed). */
export async function ensureSearchIndex(db: Db): Promise<void> {
  const missing = await db.manager
    .getRepository(ServiceItem)
    .createQueryBuilder("i")
    .leftJoin(ItemSearchEntry, "s", `s."itemId" = i.id`)
    .where(`s."itemId" IS NULL`)
    .select(["i.id", "i.name", "i.code"])
    .getMany();
  if (missing.length) await db.transaction((em) => indexItems(em, missing));
}

/** Limits the items of a query to those the plan finds, through the full-text index of the engine. */
export function applySearch(qb: SelectQueryBuilder<ServiceItem>, engine: Engine, plan: SearchPlan): void {
  const { phrases } = plan;
  if (!phrases.text.length && !phrases.initials.length) {
    qb.andWhere("1 = 0"); // nothing searchable (only punctuation or wildcards): nothing contains it
    return;
  }
  if (engine === "sqlite") {
    qb.andWhere(`${qb.alias}.id IN (SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH :guideMatch)`, { guideMatch: matchQuery(engine, phrases) });
    return;
  }
  const parts: string[] = [];
  if (phrases.text.length) parts.push(`to_tsvector('simple', s.text) @@ to_tsquery('simple', :guideText)`);
  if (phrases.initials.length) parts.push(`to_tsvector('simple', s.initials) @@ to_tsquery('simple', :guideInitials)`);
  qb.andWhere(`${qb.alias}.id IN (SELECT s."itemId" FROM item_search s WHERE ${parts.join(" OR ")})`, {
    guideText: matchQuery(engine, phrases),
    guideInitials: initialsQuery(phrases),
  });
}

function planOf(query: string, synonyms: Pick<SearchSynonym, "target">[]): SearchPlan {
  const targets = [...new Set(synonyms.map((s) => s.target))].slice(0, MAX_TARGETS);
  return { query, targets, phrases: phrasesOf([query, ...targets], looksLikeInitials(query) ? [query] : []) };
}

/** Synonyms a query uses: those whose term it contains, or whose initials it is. */
function synonymsIn(query: string, synonyms: SearchSynonym[]): SearchSynonym[] {
  return synonyms.filter((s) => query.includes(s.term) || (looksLikeInitials(query) && s.initials === query));
}

export interface Correction {
  /** The query searched instead, when the one typed found nothing but was a typo of a known word. */
  correctedTo: string | null;
  /** Words to try when nothing was found. */
  suggestions: string[];
  plan: SearchPlan | null;
}

export const guideSearchService = {
  /** The search plan of a query: its synonyms (one statement), and the phrases for the index. */
  async plan(ctx: RequestContext, search: string): Promise<SearchPlan> {
    const query = normalizeQuery(search);
    if (!query) return { query, targets: [], phrases: { text: [], initials: [] } };
    const qb = ctx.db.manager
      .getRepository(SearchSynonym)
      .createQueryBuilder("y")
      // Terms hold only letters, digits and Han characters (checked when saved), so no wildcard comes from them.
      .where(`:query LIKE '%' || y.term || '%'`, { query })
      .orderBy("y.id")
      .limit(MAX_TARGETS * 4);
    if (looksLikeInitials(query)) qb.orWhere("y.initials = :query", { query });
    return planOf(query, await qb.getMany());
  },

  /**
   * Typo tolerance, when a query found nothing: the nearest known word (a synonym, its initials, or a stretch of an
   * item name) within the query's edit budget becomes the query; otherwise the nearest words are suggested.
   * Two statements whatever the catalogue's size.
   */
  async correct(ctx: RequestContext, plan: SearchPlan): Promise<Correction> {
    const query = plan.query;
    const synonyms = await ctx.db.manager.getRepository(SearchSynonym).find({ order: { id: "ASC" } });
    const names: { name: string; initials: string }[] = await ctx.db.manager
      .getRepository(ServiceItem)
      .createQueryBuilder("i")
      .innerJoin(ItemSearchEntry, "s", `s."itemId" = i.id`)
      .where("i.active = :active", { active: true })
      .select(["i.name AS name", "s.initials AS initials"])
      .getRawMany();
    if (!query) return { correctedTo: null, suggestions: [...new Set(synonyms.map((s) => s.term))].slice(0, MAX_SUGGESTIONS), plan: null };

    const initials = looksLikeInitials(query);
    type Candidate = { word: string; distance: number; synonym: boolean };
    const candidates: Candidate[] = [];
    for (const s of synonyms) {
      candidates.push({ word: s.term, distance: initials ? Math.min(nearness(query, s.term), nearness(query, s.initials)) : nearness(query, s.term), synonym: true });
    }
    for (const n of names) {
      const name = fold(n.name);
      if (initials) {
        candidates.push({ word: n.name, distance: nearness(query, n.initials.replace(/ /g, "")), synonym: false });
        continue;
      }
      // The stretch of the name nearest to the query is what to search (设立登纪 → 设立登记).
      const chars = [...name];
      let best: Candidate = { word: n.name, distance: Infinity, synonym: false };
      const length = [...query].length;
      for (const len of [length, length - 1, length + 1]) {
        if (len < 1 || len > chars.length) continue;
        for (let i = 0; i + len <= chars.length; i++) {
          const stretch = chars.slice(i, i + len).join("");
          const d = nearness(query, stretch);
          if (d < best.distance) best = { word: stretch, distance: d, synonym: false };
        }
      }
      candidates.push(best);
    }
    candidates.sort((a, b) => a.distance - b.distance || Number(b.synonym) - Number(a.synonym) || a.word.length - b.word.length);
    const budget = typoBudget(query);
    const best = candidates[0];
    if (best && best.distance > 0 && best.distance <= budget) {
      const corrected = normalizeQuery(best.word);
      return { correctedTo: best.word, suggestions: [], plan: planOf(corrected, synonymsIn(corrected, synonyms)) };
    }
    // Suggestions: the nearest words sharing something with the query, else the common names citizens use.
    const shared = (w: string) => tokens(w).some((t) => query.includes(t)) || (initials && fold(w).length > 0);
    const near = candidates.filter((c) => c.distance < [...query].length && shared(c.word)).map((c) => c.word);
    const suggestions = [...new Set(near.length ? near : synonyms.map((s) => s.term))].slice(0, MAX_SUGGESTIONS);
    return { correctedTo: null, suggestions, plan: null };
  },

  listSynonyms(ctx: RequestContext) {
    return ctx.db.manager.getRepository(SearchSynonym).find({ order: { term: "ASC", target: "ASC" } });
  },

  addSynonym(ctx: RequestContext, input: { term: string; target: string }) {
    return ctx.db.transaction(async (em) => {
      const term = checkWord(input.term, "term", 2, 30);
      const target = checkWord(input.target, "target", 1, 60);
      const repo = em.getRepository(SearchSynonym);
      if (await repo.existsBy({ term, target })) {
        throw new RuleViolation(UserErrorCode.DUPLICATE, "", ["input", "target"], "G2", "SEARCH_SYNONYM_DUPLICATE", { term, target });
      }
      const synonym = await repo.save({ term, target, initials: initialsOf(term).slice(0, 30) });
      await appendAudit(ctx, em, "searchSynonym.add", "SearchSynonym", synonym.id, { term, target });
      return synonym;
    });
  },

  removeSynonym(ctx: RequestContext, id: string) {
    return ctx.db.transaction(async (em) => {
      const repo = em.getRepository(SearchSynonym);
      const synonym = /^\d{1,9}$/.test(id) ? await repo.findOneBy({ id: Number(id) }) : null;
      if (!synonym) throw new RuleViolation(UserErrorCode.NOT_FOUND, "", ["id"], "G2", "SEARCH_SYNONYM_NOT_FOUND");
      await repo.delete({ id: synonym.id });
      await appendAudit(ctx, em, "searchSynonym.remove", "SearchSynonym", synonym.id, { term: synonym.term, target: synonym.target });
      return synonym;
    });
  },
};

/** A synonym's word: letters, digits and Han characters only (spaces allowed between Latin words), folded. */
function checkWord(value: string, field: string, min: number, max: number): string {
  const word = normalizeQuery(value);
  const plain = /^[\p{Script=Han}\p{L}\p{N} ]+$/u.test(fold(value).trim());
  const length = [...word].length;
  if (!plain || length < min || length > max) {
    throw new RuleViolation(UserErrorCode.INVALID, "", ["input", field], "G2", "SEARCH_SYNONYM_TEXT", { min, max });
  }
  return word;
}
