import "reflect-metadata";
import { getMetadataStorage } from "class-validator";
import { describe, expect, it } from "vitest";
import { UserErrorCode } from "../../server/src/common/errors";
import { CATALOGUES, LANGUAGES } from "../../server/src/common/messages";
import { FIELD_RULES, REASONS } from "../../server/src/common/reasons";
import { buildAppSchema } from "../../server/src/schema/build";
import { enUS } from "../../client/src/lib/locales/en-US";
import { reasonResources } from "../../client/src/lib/locales/reasons";
import { zhCN } from "../../client/src/lib/locales/zh-CN";

/**
 * Locale completeness: every reason code the server can emit (the registry REASONS of
 * server/src/common/reasons.ts, which RuleViolation, AppError and the helpers are typed by) has a
 * sentence in the one catalogue (server/src/common/messages.*.ts, zh-CN and en-US), which the SPA
 * imports, with the same `{{params}}` in both languages. A failure names each missing code.
 */
/** What the SPA holds once running: the reasons chunk merged into its locale bundle (client/src/lib/i18n.ts). */
const spa = {
  "zh-CN": { codes: reasonResources["zh-CN"].codes as Record<string, string>, fieldRules: reasonResources["zh-CN"].fieldRules as Record<string, string> },
  "en-US": { codes: reasonResources["en-US"].codes as Record<string, string>, fieldRules: reasonResources["en-US"].fieldRules as Record<string, string> },
} as const;
const placeholders = (text: string | undefined) => [...(text ?? "").matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const missingIn = (table: Record<string, unknown>, codes: readonly string[]) => codes.filter((code) => typeof table[code] !== "string" || !(table[code] as string).trim());

describe("every reason code is worded everywhere", () => {
  const reasons = [...new Set<string>(REASONS)];

  it("the SPA words reasons from the server's catalogue itself, and no locale file keeps a copy", () => {
    for (const language of LANGUAGES) {
      expect(reasonResources[language].codes).toBe(CATALOGUES[language].reasons);
      expect(reasonResources[language].fieldRules).toBe(CATALOGUES[language].fieldRules);
    }
    expect(Object.keys(zhCN)).not.toContain("codes");
    expect(Object.keys(enUS)).not.toContain("codes");
  });

  it("has a registry of stable, upper-case codes", () => {
    expect(reasons.length).toBeGreaterThan(200);
    for (const reason of reasons) expect(reason).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  for (const language of LANGUAGES) {
    it(`server catalogue ${language}: messages.${language}.ts reasons`, () => {
      expect(missingIn(CATALOGUES[language].reasons, reasons), `add these to server/src/common/messages.${language}.ts`).toEqual([]);
    });
    it(`SPA ${language}: client/src/lib/locales (codes.<CODE>)`, () => {
      expect(missingIn(spa[language].codes, reasons), `add these to client/src/lib/locales/reasons.${language}.ts`).toEqual([]);
    });
  }

  it("server catalogues know no code the registry lacks (a removed reason is removed everywhere)", () => {
    for (const language of LANGUAGES) expect(Object.keys(CATALOGUES[language].reasons).filter((k) => !reasons.includes(k)), language).toEqual([]);
  });

  it("fills the same {{params}} in all four sentences of a reason", () => {
    const mismatched = reasons.filter((reason) => {
      const texts = [CATALOGUES["zh-CN"].reasons, CATALOGUES["en-US"].reasons, spa["zh-CN"].codes, spa["en-US"].codes].map((t) => (t as Record<string, string>)[reason]);
      const sets = texts.map((text) => JSON.stringify(placeholders(text)));
      return new Set(sets).size > 1;
    });
    expect(mismatched).toEqual([]);
  });

  it("the SPA also words every UserErrorCode (for a refusal without a reason)", () => {
    const codes = Object.values(UserErrorCode);
    expect(missingIn(spa["zh-CN"].codes, codes)).toEqual([]);
    expect(missingIn(spa["en-US"].codes, codes)).toEqual([]);
  });
});

describe("every field rule of BAD_USER_INPUT is worded everywhere", () => {
  it("covers each class-validator rule the schema's inputs use", async () => {
    await buildAppSchema(); // loads every input class and its decorators
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, { name?: string; type: string }[]> };
    const used = new Set<string>();
    for (const list of storage.validationMetadatas.values()) {
      for (const m of list) {
        if (m.type === "conditionalValidation" || m.type === "whitelistValidation") continue;
        used.add(m.type === "customValidation" ? (m.name ?? m.type) : m.type);
      }
    }
    expect([...used]).toEqual(expect.arrayContaining(["maxLength", "matches", "isIn", "day"]));
    expect([...used].filter((rule) => !(FIELD_RULES as readonly string[]).includes(rule)), "add these to FIELD_RULES and the catalogues").toEqual([]);
  });

  it("has a sentence per rule in the server catalogues and both SPA locales", () => {
    for (const language of LANGUAGES) {
      expect(missingIn(CATALOGUES[language].fieldRules, FIELD_RULES), `server ${language}`).toEqual([]);
      expect(missingIn(spa[language].fieldRules, FIELD_RULES), `SPA ${language}`).toEqual([]);
    }
  });
});
