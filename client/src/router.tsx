import { lazy, type ComponentType } from "react";
import { createBrowserRouter, useRouteError } from "react-router";
import { useTranslation } from "react-i18next";
import { AppLayout } from "./components/AppLayout";
import { Page } from "./components/Page";
import { Notice } from "./components/Notice";
import { NotFound } from "./components/QueryState";
import { HomeRoute } from "./routes/HomeRoute";
import { GuideRoute } from "./routes/GuideRoute";
import { GuideItemRoute } from "./routes/GuideItemRoute";

/**
 * A screen loaded on demand together with antd's theme and locale (Providers), fetched in parallel: only these
 * screens use antd, so home and the guide — the first download for village PCs and phones — carry none of it.
 */
function withAntd(load: () => Promise<{ default: ComponentType }>) {
  return lazy(async () => {
    const [{ Providers }, { default: Screen }] = await Promise.all([import("./Providers"), load()]);
    return {
      default: function AntdScreen() {
        return (
          <Providers>
            <Screen />
          </Providers>
        );
      },
    };
  });
}

// Home and the guide stay in the first bundle for village PCs; everything else loads on demand.
const LoginRoute = withAntd(() => import("./routes/LoginRoute"));
const WindowRoute = withAntd(() => import("./routes/WindowRoute"));
const DepartmentRoute = withAntd(() => import("./routes/DepartmentRoute"));
const PointRoute = withAntd(() => import("./routes/PointRoute"));
const NetworkRoute = withAntd(() => import("./routes/NetworkRoute"));
const AdminRoute = withAntd(() => import("./routes/admin/AdminRoute"));
const CaseRoute = withAntd(() => import("./routes/cases/CaseRoute"));
const StatusRoute = withAntd(() => import("./routes/cases/StatusRoute"));
const EvaluateRoute = withAntd(() => import("./routes/cases/EvaluateRoute"));
const SupervisionRoute = withAntd(() => import("./routes/supervision/SupervisionRoute"));
const ComplaintNewRoute = withAntd(() => import("./routes/complaints/ComplaintNewRoute"));
const ComplaintStatusRoute = withAntd(() => import("./routes/complaints/ComplaintStatusRoute"));
const BulletinsRoute = withAntd(() => import("./routes/BulletinsRoute"));
const SearchRoute = withAntd(() => import("./routes/cases/SearchRoute"));

function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Page title={t("errors.pageTitle")}>
      <Notice type="error" role="alert" title={t("errors.page")} description={error instanceof Error ? error.message : undefined} />
    </Page>
  );
}

function NotFoundRoute() {
  const { t } = useTranslation();
  return <NotFound title={t("common.notFoundTitle")} />;
}

export function createRouter() {
  return createBrowserRouter([
    {
      path: "/",
      element: <AppLayout />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomeRoute /> },
            { path: "login", element: <LoginRoute /> },
            { path: "guide", element: <GuideRoute /> },
            { path: "guide/:code", element: <GuideItemRoute /> },
            { path: "windows/:code", element: <WindowRoute /> },
            { path: "departments/:code", element: <DepartmentRoute /> },
            { path: "points/:code", element: <PointRoute /> },
            { path: "network", element: <NetworkRoute /> },
            { path: "admin", element: <AdminRoute /> },
            { path: "search", element: <SearchRoute /> },
            { path: "cases/:number", element: <CaseRoute /> },
            { path: "status", element: <StatusRoute /> },
            { path: "cases/:number/evaluate", element: <EvaluateRoute /> },
            { path: "supervision", element: <SupervisionRoute /> },
            { path: "complaints/new", element: <ComplaintNewRoute /> },
            { path: "complaints/status", element: <ComplaintStatusRoute /> },
            { path: "bulletins", element: <BulletinsRoute /> },
            { path: "*", element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ]);
}
