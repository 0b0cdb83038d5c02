import type { ReactNode } from "react";
import { ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import { useTranslation } from "react-i18next";

/**
 * antd's default blue (#1677ff) and grey secondary text fall below 4.5:1 on white; these tokens
 * keep text, links and primary buttons at WCAG AA contrast.
 */
const theme = {
  token: {
    colorPrimary: "#0958d9",
    // antd derives lighter hover/active blues, under 4.5:1 with white text; darker ones keep hovered buttons readable.
    colorPrimaryHover: "#003eb3",
    colorPrimaryActive: "#002c8c",
    colorLink: "#0958d9",
    colorLinkHover: "#003eb3",
    colorLinkActive: "#002c8c",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.65)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
    colorError: "#cf1322",
    colorSuccess: "#237804",
    colorWarning: "#ad6800",
    fontSize: 15,
  },
};

/**
 * antd's theme and locale, for the screens that use antd. The router loads it with those screens (router.tsx),
 * so the public pages (home, guide) download no antd.
 */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    // autoInsertSpace off: antd would render "登录" as "登 录", which changes its accessible name.
    <ConfigProvider locale={i18n.language === "zh-CN" ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}
