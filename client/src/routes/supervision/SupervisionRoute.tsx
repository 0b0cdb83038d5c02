import { lazy, Suspense } from "react";
import { Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Page } from "../../components/Page";
import { RequireRole } from "../../components/RequireRole";
import { useMe } from "../../lib/auth";
import { WithFeedback } from "../../lib/mutations";
import { ComplaintsPanel } from "../../features/supervision/ComplaintsPanel";
import { FaultsPanel } from "../../features/supervision/FaultsPanel";
import { DeadlineWarningsPanel, OverduePanel } from "../../features/supervision/OversightPanels";
import { RectificationsPanel } from "../../features/supervision/RectificationsPanel";
import { DashboardPanel, FollowUpPanel, InspectionPanel } from "../../features/supervision/RecordPanels";
import { ExportPanel } from "../../features/supervision/ExportPanel";
import "../../features/supervision/supervision.css";

const AssessmentSection = lazy(async () => ({ default: (await import("../../features/assessment/AssessmentSection")).AssessmentSection }));

/** The supervisor's workspace (§2, S1–S7): the record's figures, complaints to assign, rectifications to check, faults, red cases, follow-up calls, inspections, assessment. */
export default function SupervisionRoute() {
  const { t } = useTranslation();
  const { me } = useMe();
  return (
    <RequireRole roles={["SUPERVISOR", "CENTER_ADMIN"]} title={t("supervision.title")}>
      <WithFeedback>
        <Page title={t("supervision.title")} subtitle={t("supervision.subtitle")}>
          <DashboardPanel />
          {me?.role === "SUPERVISOR" && <ComplaintsPanel />}
          {me?.role === "SUPERVISOR" && <RectificationsPanel />}
          <FaultsPanel canReverse={me?.role === "SUPERVISOR"} />
          <DeadlineWarningsPanel />
          <OverduePanel />
          {me?.role === "SUPERVISOR" && <FollowUpPanel />}
          <InspectionPanel />
          <h2 className="page-part-title">{t("assessment.title")}</h2>
          <Suspense fallback={<Spin className="page-spinner" description={t("common.loading")} />}>
            <AssessmentSection canPublish={me?.role === "SUPERVISOR"} />
          </Suspense>
          <ExportPanel />
        </Page>
      </WithFeedback>
    </RequireRole>
  );
}
