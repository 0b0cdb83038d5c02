import { messagesEnUS } from "../../../../server/src/common/messages.en-US";
import { messagesZhCN } from "../../../../server/src/common/messages.zh-CN";

/**
 * The sentences of the server's refusal reasons and field rules, per language: the server's own catalogue
 * (server/src/common/messages.*.ts), imported, not copied, so the SPA and the API say the same thing.
 * i18n.ts adds them under `codes` and `fieldRules` once this chunk has loaded (right after start), so the
 * ~300 sentences stay out of the first download of the public pages.
 */
export const reasonResources = {
  "zh-CN": { codes: messagesZhCN.reasons, fieldRules: messagesZhCN.fieldRules },
  "en-US": { codes: messagesEnUS.reasons, fieldRules: messagesEnUS.fieldRules },
} as const;
