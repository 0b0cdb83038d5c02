import { lazy } from "react";
import { createBrowserRouter, useRouteError } from "react-router";
import { useTranslation } from "react-i18next";
import { Alert } from "antd";
import { AppLayout } from "./components/AppLayout";
import { Page } from "./components/Page";
import { NotFound } from "./components/QueryState";
import { HomeRoute } from "./routes/HomeRoute";
import { GuideRoute } from "./routes/GuideRoute";
import { GuideItemRoute } from "./routes/GuideItemRoute";

// Home and the guide stay in the first bundle for village PCs; everything else loads on demand.
const LoginRoute = lazy(() => import("./routes/LoginRoute"));
const WindowRoute = lazy(() => import("./routes/WindowRoute"));
const DepartmentRoute = lazy(() => import("./routes/DepartmentRoute"));
const PointRoute = lazy(() => import("./routes/PointRoute"));
const NetworkRoute = lazy(() => import("./routes/NetworkRoute"));
const AdminRoute = lazy(() => import("./routes/admin/AdminRoute"));
const CaseRoute = lazy(() => import("./routes/cases/CaseRoute"));
const StatusRoute = lazy(() => import("./routes/cases/StatusRoute"));
const EvaluateRoute = lazy(() => import("./routes/cases/EvaluateRoute"));
const SupervisionRoute = lazy(() => import("./routes/supervision/SupervisionRoute"));
const ComplaintNewRoute = lazy(() => import("./routes/complaints/ComplaintNewRoute"));
const ComplaintStatusRoute = lazy(() => import("./routes/complaints/ComplaintStatusRoute"));
const BulletinsRoute = lazy(() => import("./routes/BulletinsRoute"));
const SearchRoute = lazy(() => import("./routes/cases/SearchRoute"));

function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Page title={t("errors.pageTitle")}>
      <Alert type="error" showIcon role="alert" title={t("errors.page")} description={error instanceof Error ? error.message : undefined} />
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
