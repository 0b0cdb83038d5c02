import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { zhCN } from "./locales/zh-CN";

export const LANGUAGES = ["zh-CN", "en-US"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "bianmin.language";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? "") ? (value as Language) : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  dayjs.locale(language === "zh-CN" ? "zh-cn" : "en");
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the switch still works for this visit.
  }
  void loadLanguage(language).then(() => i18n.changeLanguage(language));
}

/** English is fetched when first needed: most visitors read Chinese, and the guide's first download stays small. */
const loaded = new Set<Language>(["zh-CN"]);
async function loadLanguage(language: Language): Promise<void> {
  // Not `hasResourceBundle`: the reasons' chunk may already have added an English bundle holding only `codes`.
  if (loaded.has(language)) return;
  const { enUS } = await import("./locales/en-US");
  i18n.addResourceBundle(language, "translation", enUS, true, false);
  loaded.add(language);
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN } },
  partialBundledLanguages: true,
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(i18n.language);

/** The refusal reasons' sentences (locales/reasons.ts), in a chunk of their own, merged under `codes` and `fieldRules`. */
export const reasonsLoaded = import("./locales/reasons").then(({ reasonResources }) => {
  for (const language of LANGUAGES) i18n.addResourceBundle(language, "translation", reasonResources[language], true, false);
});
i18n.on("languageChanged", applyToDocument);

/** Resolves once the reader's language is loaded (main.tsx renders after it: no flash of the other language). */
export const i18nReady: Promise<void> = loadLanguage(initial)
  .then(() => i18n.changeLanguage(initial))
  .then(() => undefined, () => undefined);

export default i18n;
