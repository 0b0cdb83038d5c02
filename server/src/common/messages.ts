import { messagesEnUS } from "./messages.en-US";
import { messagesZhCN } from "./messages.zh-CN";
import type { GraphQLFormattedError } from "graphql";
import type { FieldRule, Reason, ReasonParams } from "./reasons";

/**
 * The server's one message catalogue, keyed by reason code (common/reasons.ts). The server's own
 * text (GraphQL `message`, integrations) is zh-CN unless the request asks for English with
 * `Accept-Language: en` (or en-US); the SPA words every code itself from its locale files.
 */
export const LANGUAGES = ["zh-CN", "en-US"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Catalogue {
  reasons: Record<Reason, string>;
  /** Sentences for the field rules of BAD_USER_INPUT (`extensions.fields[].rule`). */
  fieldRules: Record<FieldRule, string>;
}

export const CATALOGUES: Record<Language, Catalogue> = { "zh-CN": messagesZhCN, "en-US": messagesEnUS };

/** Fills `{{name}}` placeholders (the i18next syntax, so the SPA's sentences can be the same). */
export function interpolate(template: string, params: ReasonParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The sentence of a reason in a language; a reason missing from the catalogue falls back to `fallback`, then to its code. */
export function render(reason: string, params: ReasonParams, language: Language, fallback?: string): string {
  const template = (CATALOGUES[language].reasons as Record<string, string | undefined>)[reason] ?? (CATALOGUES["zh-CN"].reasons as Record<string, string | undefined>)[reason];
  if (template === undefined) return fallback || reason;
  return interpolate(template, params);
}

/** The sentence of a field rule ("maxLength" …) for field `field`. */
export function renderFieldRule(rule: string, field: string, params: ReasonParams, language: Language): string {
  const rules = CATALOGUES[language].fieldRules as Record<string, string | undefined>;
  return interpolate(rules[rule] ?? rules.invalid ?? rule, { ...params, field });
}

/**
 * The language a request asks for: the first supported tag of `Accept-Language` by quality
 * (`en`, `en-US`, `en-GB` → en-US; `zh`, `zh-CN`, `zh-Hans` → zh-CN); zh-CN when none is given.
 */
export function languageOf(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return "zh-CN";
  const tags = value
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((t) => t.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of tags) {
    if (tag === "en" || tag.startsWith("en-")) return "en-US";
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
  }
  return "zh-CN";
}

interface FieldProblemLike {
  field: string;
  rule: string;
  message: string;
  params?: ReasonParams;
}

/** A formatted GraphQL error reworded in `language`: its reason's sentence and its field problems' sentences. */
export function localizeError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  const extensions = error.extensions ?? {};
  const reason = typeof extensions.reason === "string" ? extensions.reason : null;
  const params = (extensions.params ?? {}) as ReasonParams;
  const fields = Array.isArray(extensions.fields)
    ? (extensions.fields as FieldProblemLike[]).map((f) => ({ ...f, message: renderFieldRule(f.rule, f.field, f.params ?? {}, language) }))
    : undefined;
  return {
    ...error,
    message: reason ? render(reason, params, language, error.message) : error.message,
    extensions: fields ? { ...extensions, fields } : extensions,
  };
}
