import { createHmac } from "node:crypto";
import type { RecordsKey } from "../records/records-key";

/**
 * What case search matches on, without storing ID numbers or phones anew in clear:
 * - ID numbers, credit codes and phones as keyed hashes (HMAC-SHA256 with a key derived from the
 *   records key, which lives outside the database), for exact match only;
 * - names as their normalized suffixes (case_name_key), so a prefix or a contains search is an index
 *   range over plain text — no LIKE, so `%`, `_` and regex characters are ordinary characters;
 * - the case number reversed, so "the last digits" is an index range too.
 */

const SEARCH_KEYS = new WeakMap<RecordsKey, Buffer>();

/** The search hash key: HMAC(records key, "bianmin-search-v1"), so a search hash is never a records hash. */
function searchKey(key: RecordsKey): Buffer {
  let derived = SEARCH_KEYS.get(key);
  if (!derived) {
    derived = createHmac("sha256", key.secret).update("bianmin-search-v1").digest();
    SEARCH_KEYS.set(key, derived);
  }
  return derived;
}

export type HashKind = "id" | "credit" | "phone";

/** ID numbers and credit codes in upper case; phones as their digits (a landline's dash dropped). */
export function normalizeIdentifier(kind: HashKind, value: string): string {
  return kind === "phone" ? value.replace(/\D/g, "") : value.trim().toUpperCase();
}

/** The keyed hash of an identifier, in hex (64 characters). */
export function searchHash(key: RecordsKey, kind: HashKind, value: string): string {
  return createHmac("sha256", searchKey(key)).update(`${kind}\u001f${normalizeIdentifier(kind, value)}`).digest("hex");
}

/** A name as searched: NFKC (full-width letters and digits become ASCII), lower case, runs of blanks as one space, trimmed. */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** Longest name suffix stored (names are ≤ 100 characters); a longer query is matched on its start, then checked in full. */
export const NAME_KEY_LENGTH = 100;

/** The suffixes of a normalized name, by code point (pos 0 is the whole name, for prefix search). */
export function nameSuffixes(name: string): { pos: number; key: string }[] {
  const chars = [...normalizeName(name)];
  const out: { pos: number; key: string }[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === " ") continue; // a suffix never starts with a blank
    out.push({ pos: i, key: chars.slice(i, i + NAME_KEY_LENGTH).join("") });
  }
  return out;
}

/** The largest code point: every string starting with `prefix` sorts below `prefix + TOP` (binary / C collation). */
export const TOP = "\u{10FFFF}";

/** The case number reversed (its last digits first). */
export const reversedNumber = (number: string) => [...number].reverse().join("");

/**
 * The half-open range of reversed numbers ending in `digits`: [lo, hi). Only digits, so it holds in
 * any collation: hi is lo with its last digit raised (carrying); no hi when lo is all nines.
 */
export function suffixRange(digits: string): { lo: string; hi: string | null } {
  const lo = reversedNumber(digits);
  const chars = [...lo];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== "9") {
      chars[i] = String(Number(chars[i]) + 1);
      return { lo, hi: chars.slice(0, i + 1).join("") };
    }
  }
  return { lo, hi: null };
}
