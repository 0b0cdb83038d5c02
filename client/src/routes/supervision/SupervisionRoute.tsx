import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";
import { RequireRole } from "../../components/RequireRole";
import { useMe } from "../../lib/auth";
import { WithFeedback } from "../../lib/mutations";
import { ComplaintsPanel } from "../../features/supervision/ComplaintsPanel";
import { FaultsPanel, OverduePanel, RectificationsPanel } from "../../features/supervision/OversightPanels";
import { ExportPanel } from "../../features/supervision/ExportPanel";
import "../../features/supervision/supervision.css";

/** The supervisor's workspace (S1, S2, S5): complaints to assign, rectifications to check, faults, red cases across the network. */
export default function SupervisionRoute() {
  const { t } = useTranslation();
  const { me } = useMe();
  return (
    <RequireRole roles={["SUPERVISOR", "CENTER_ADMIN"]} title={t("supervision.title")}>
      <WithFeedback>
        <Page title={t("supervision.title")} subtitle={t("supervision.subtitle")}>
          {me?.role === "SUPERVISOR" && <ComplaintsPanel />}
          {me?.role === "SUPERVISOR" && <RectificationsPanel />}
          <FaultsPanel canReverse={me?.role === "SUPERVISOR"} />
          <OverduePanel />
          <ExportPanel />
        </Page>
      </WithFeedback>
    </RequireRole>
  );
}
