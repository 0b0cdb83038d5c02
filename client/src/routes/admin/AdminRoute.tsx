import { useMemo } from "react";
import { useQuery } from "@apollo/client/react";
import { Tabs } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { Page } from "../../components/Page";
import { PartialError } from "../../components/QueryState";
import { RequireRole } from "../../components/RequireRole";
import { WithFeedback } from "../../lib/mutations";
import { AdminOptionsContext, type AdminOptions } from "../../features/admin/options";
import { WindowsAdmin } from "./WindowsAdmin";
import { ItemsAdmin } from "./ItemsAdmin";
import { TokensAdmin } from "./TokensAdmin";
import { WebhooksAdmin } from "./WebhooksAdmin";
import { FeeStandardsAdmin } from "./FeeStandardsAdmin";
import { TicketBooksAdmin } from "./TicketBooksAdmin";
import { VoidsAdmin } from "./VoidsAdmin";
import { ReconciliationAdmin } from "./ReconciliationAdmin";
import { CalendarAdmin } from "./CalendarAdmin";
import { StaffAdmin } from "./StaffAdmin";
import { SynonymsAdmin } from "./SynonymsAdmin";
import "../../features/fees/fees.css";

const AdminOptionsDocument = graphql(`
  query AdminOptions {
    city: servicePoints(first: 1, level: CITY) {
      nodes {
        id
        code
        name
      }
    }
    townships: servicePoints(first: 100, level: TOWNSHIP) {
      nodes {
        id
        code
        name
      }
    }
    departments(first: 100) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

const TABS = ["windows", "items", "synonyms", "staff", "calendar", "fees", "books", "voids", "reconciliation", "tokens", "webhooks"] as const;

function AdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? params.get("tab")! : "windows";
  const { data, error } = useQuery(AdminOptionsDocument);

  const options = useMemo<AdminOptions>(() => {
    const toOption = (p: { code: string; name: string }) => ({ value: p.code, label: p.name });
    const townships = (data?.townships.nodes ?? []).map(toOption);
    return {
      points: [...(data?.city.nodes ?? []).map(toOption), ...townships],
      townships,
      departments: (data?.departments.nodes ?? []).map(toOption),
    };
  }, [data]);

  return (
    <Page title={t("admin.title")} subtitle={t("admin.subtitle")}>
      <PartialError error={error} />
      <AdminOptionsContext value={options}>
        <Tabs
          // A dozen tabs overflow a top bar (in English most); antd then puts its "more" button inside the tablist,
          // which axe rightly refuses (aria-required-children). Down the left side every tab stays a tab.
          tabPosition="left"
          activeKey={tab}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: "windows", label: t("admin.tabs.windows"), children: <WindowsAdmin /> },
            { key: "items", label: t("admin.tabs.items"), children: <ItemsAdmin /> },
            { key: "synonyms", label: t("guide.search.admin.title"), children: <SynonymsAdmin /> },
            { key: "staff", label: t("adminScreens.tabs.staff"), children: <StaffAdmin /> },
            { key: "calendar", label: t("adminScreens.tabs.calendar"), children: <CalendarAdmin /> },
            { key: "fees", label: t("fees.admin.standards"), children: <FeeStandardsAdmin /> },
            { key: "books", label: t("fees.admin.books"), children: <TicketBooksAdmin /> },
            { key: "voids", label: t("fees.admin.voids"), children: <VoidsAdmin /> },
            { key: "reconciliation", label: t("fees.admin.reconciliation"), children: <ReconciliationAdmin /> },
            { key: "tokens", label: t("admin.tabs.tokens"), children: <TokensAdmin /> },
            { key: "webhooks", label: t("webhooks.tab"), children: <WebhooksAdmin /> },
          ]}
        />
      </AdminOptionsContext>
    </Page>
  );
}

/** 管理: catalogue, windows and API tokens, for the centre's administrator only. */
export default function AdminRoute() {
  const { t } = useTranslation();
  return (
    <RequireRole roles={["CENTER_ADMIN"]} title={t("admin.title")}>
      <WithFeedback>
        <AdminPage />
      </WithFeedback>
    </RequireRole>
  );
}
