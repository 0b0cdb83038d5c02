import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";
import { RequireRole } from "../../components/RequireRole";
import { CaseSearch } from "../../features/cases/search/CaseSearch";
import "../../features/cases/cases.css";

/** 办件查询: for every staff member, within what they may see (the server's case policy). */
export default function SearchRoute() {
  const { t } = useTranslation();
  return (
    <RequireRole title={t("search.title")}>
      <Page title={t("search.title")} subtitle={t("search.subtitle")}>
        <CaseSearch />
      </Page>
    </RequireRole>
  );
}
