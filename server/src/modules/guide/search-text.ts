import { distance } from "fastest-levenshtein";
import { pinyin } from "pinyin-pro";
import type { Engine } from "../../db/data-source";

/**
 * The guide's search text, the same on both engines: every Han character is a token of its own and every run
 * of Latin letters or digits is a token, so a phrase of tokens is a substring match for Chinese ("设 立 登 记"
 * inside "有 限 责 任 公 司 设 立 登 记") and a word match for codes ("scj 001"). Everything else — punctuation,
 * wildcards (% _ *), quotes, SQL or regex metacharacters — separates tokens and never reaches a query as syntax.
 */
const HAN = /\p{Script=Han}/u;
const TOKEN = /\p{Script=Han}|[\p{L}\p{N}]+/gu;

/** NFKC (full-width letters and digits to ASCII), lower case. */
export function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** The tokens of a text: Han characters one by one, other letters and digits by runs. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const match of fold(text).matchAll(TOKEN)) {
    const run = match[0];
    if (HAN.test(run)) out.push(run);
    else out.push(...run.split(/(?=\p{Script=Han})/u));
  }
  return out;
}

/** A text as stored for the full-text index: its tokens joined by spaces. */
export function indexText(text: string): string {
  return tokens(text).join(" ");
}

/** Pinyin initials of the Han characters of a text (营业执照 → yyzz); other letters and digits are kept. */
export function initialsOf(text: string): string {
  const chars = [...fold(text)].filter((c) => HAN.test(c) || /[a-z0-9]/.test(c));
  if (!chars.length) return "";
  const firsts = pinyin(chars.join(""), { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" });
  return firsts.join("").replace(/[^a-z0-9]/g, "");
}

/** Initials stored for the index: one token per letter, so that a phrase of letters matches anywhere inside. */
export function indexInitials(text: string): string {
  return [...initialsOf(text)].join(" ");
}

/** A query the way citizens type it, folded: the text searched and what it is compared with. */
export function normalizeQuery(text: string): string {
  return tokens(text).join(HAN.test(text) ? "" : " ").trim();
}

/** Whether a query could be pinyin initials (Latin letters only, 2–20 of them). */
export function looksLikeInitials(query: string): boolean {
  return /^[a-z]{2,20}$/.test(query);
}

export interface SearchPhrases {
  /** Phrases of tokens to find in the item text (the query and the synonyms' targets). */
  text: string[][];
  /** Phrases of letters to find in the initials of item names. */
  initials: string[][];
}

/** The phrases of a query and its expansions; empty when nothing in them can be searched. */
export function phrasesOf(terms: string[], initials: string[]): SearchPhrases {
  const text = [...new Map(terms.map((t) => tokens(t)).filter((p) => p.length).map((p) => [p.join(" "), p])).values()];
  const letters = [...new Set(initials.filter((i) => /^[a-z]{2,20}$/.test(i)))].map((i) => [...i]);
  return { text, initials: letters };
}

/** Whether a phrase ends in Latin letters or digits: then its last token is a prefix ("xz 0" finds code XZ-001). */
function endsInWord(phrase: string[]): boolean {
  return !HAN.test(phrase[phrase.length - 1]);
}

/** A full-text query for the engine: SQLite FTS5 MATCH text, or a PostgreSQL to_tsquery('simple', …) text. */
export function matchQuery(engine: Engine, phrases: SearchPhrases): string {
  // Tokens are Han characters or runs of letters and digits (see TOKEN): nothing in them is query syntax.
  if (engine === "sqlite") {
    const text = phrases.text.map((p) => `text : "${p.join(" ")}"${endsInWord(p) ? " *" : ""}`);
    const initials = phrases.initials.map((p) => `initials : "${p.join(" ")}"`);
    return [...text, ...initials].join(" OR ");
  }
  return phrases.text.map((p) => `(${p.map((t, i) => `'${t}'${i === p.length - 1 && endsInWord(p) ? ":*" : ""}`).join(" <-> ")})`).join(" | ");
}

/** The PostgreSQL tsquery of the initials phrases. */
export function initialsQuery(phrases: SearchPhrases): string {
  return phrases.initials.map((p) => `(${p.map((t) => `'${t}'`).join(" <-> ")})`).join(" | ");
}

/**
 * How far a query is from a known word: the smallest edit distance between the query and any stretch of the word
 * of about its length, so that a typo inside a long item name (设立登纪 in 有限责任公司设立登记) is near.
 */
export function nearness(query: string, word: string): number {
  const q = [...query];
  const w = [...fold(word)];
  if (w.length <= q.length + 1) return distance(query, w.join(""));
  let best = Infinity;
  for (const len of [q.length - 1, q.length, q.length + 1]) {
    if (len < 1) continue;
    for (let i = 0; i + len <= w.length; i++) best = Math.min(best, distance(query, w.slice(i, i + len).join("")));
  }
  return best;
}

/** Edits allowed for a query to count as a typo of a word: 1 up to 4 characters (2 for Latin letters), 2 above. */
export function typoBudget(query: string): number {
  const n = [...query].length;
  if (HAN.test(query)) return n <= 1 ? 0 : n <= 4 ? 1 : 2;
  return n <= 2 ? 0 : n <= 5 ? 1 : 2;
}
