import { useTranslation } from "react-i18next";
import { setLanguage } from "../lib/i18n";

/** Shows the language one can switch to, written in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === "zh-CN" ? "en-US" : "zh-CN";
  return (
    <button
      type="button"
      className="header-button"
      aria-label={t("language.switchTo", { language: t(`language.names.${next}`) })}
      onClick={() => setLanguage(next)}
    >
      <span lang={next}>{t(`language.names.${next}`)}</span>
    </button>
  );
}
