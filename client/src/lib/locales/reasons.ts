import { fieldRulesEnUS, reasonsEnUS } from "./reasons.en-US";
import { fieldRulesZhCN, reasonsZhCN } from "./reasons.zh-CN";

/**
 * The sentences of the server's refusal reasons and field rules, per language. i18n.ts adds them
 * under `codes` and `fieldRules` once this chunk has loaded (right after start), so the ~250
 * sentences stay out of the first download of the public pages.
 */
export const reasonResources = {
  "zh-CN": { codes: reasonsZhCN, fieldRules: fieldRulesZhCN },
  "en-US": { codes: reasonsEnUS, fieldRules: fieldRulesEnUS },
} as const;
