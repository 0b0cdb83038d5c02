import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Every route names itself in the browser tab: "<page> - 便民服务网络". */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t("app.name");
    document.title = title ? `${title} - ${app}` : app;
  }, [title, t]);
}
