import { useQuery } from "@apollo/client/react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import { FoldedSection, Page } from "../components/Page";
import { NotFound, PartialError, RouteState } from "../components/QueryState";
import { useMe } from "../lib/auth";
import { WindowSummary } from "../features/windows/WindowSummary";
import { WindowSchedules } from "../features/windows/WindowSchedules";
import { ItemsTable } from "../features/catalogue/ItemsTable";
import { StaffTable } from "../features/staff/StaffTable";
import { WindowCases } from "../features/cases/LazyWorkspaces";
import { FinanceWorkspace } from "../features/fees/LazyFees";
import { UnitSupervisionBlock } from "../features/supervision/LazyUnitSupervision";

const WindowWorkspaceDocument = graphql(`
  query WindowWorkspace($code: String!, $signedIn: Boolean!) {
    serviceWindow(code: $code) {
      id
      code
      name
      kind
      point {
        id
        code
      }
      department {
        id
        code
      }
      ...WindowSummary_window
      schedules {
        ...WindowSchedules_schedule
      }
      items {
        ...ItemsTable_item
      }
      staff @include(if: $signedIn) {
        ...StaffTable_staff
      }
    }
  }
`);

/** A window's workspace: its case queue and intake (for its clerks), what it is, when it opens, what it accepts, who works it. */
export default function WindowRoute() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const { me } = useMe();
  const { data, loading, error } = useQuery(WindowWorkspaceDocument, {
    variables: { code, signedIn: !!me },
    skip: me === undefined,
    errorPolicy: "all",
  });
  const w = data?.serviceWindow;

  if (!data) return <RouteState title={t("window.title")} loading={loading || me === undefined} error={error} />;
  if (!w) return <NotFound title={t("window.title")} />;

  return (
    <Page title={`${w.code} ${w.name}`} subtitle={t(`enums.WindowKind.${w.kind}`)}>
      <PartialError error={error} />
      {/* The work first (counts, queue); what the window is folds below for signed-in staff. */}
      {w.kind === "FINANCE" ? (
        <FinanceWorkspace me={me} windowCode={w.code} />
      ) : (
        <WindowCases me={me} window={{ code: w.code, pointCode: w.point.code, departmentCode: w.department?.code }} />
      )}
      <UnitSupervisionBlock me={me} mine={!!(me?.window?.code === w.code)} />
      <FoldedSection title={t("workspace.about.window")} open={!me}>
        <WindowSummary window={w} />
      </FoldedSection>
      {w.kind === "PERIODIC" && (
        <FoldedSection title={t("window.schedule")} open={!me}>
          <WindowSchedules schedules={w.schedules} />
        </FoldedSection>
      )}
      <FoldedSection title={t("window.items", { count: w.items.length })} open={!me}>
        <ItemsTable items={w.items} showDepartment />
      </FoldedSection>
      {w.staff && (
        <FoldedSection title={t("window.staff")}>
          <StaffTable staff={w.staff} />
        </FoldedSection>
      )}
    </Page>
  );
}
