import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { zhCN } from "./locales/zh-CN";
import { enUS } from "./locales/en-US";

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
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { "zh-CN": { translation: zhCN }, "en-US": { translation: enUS } },
  lng: storedLanguage(),
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

export default i18n;
