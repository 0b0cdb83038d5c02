import type { ReactNode } from "react";
import { Alert, Spin } from "antd";
import { Navigate, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../lib/auth";
import type { Role } from "../gql/graphql";
import { Page } from "./Page";

/** Sends anonymous visitors to the login page and tells other roles they may not enter. */
export function RequireRole({ roles, title, children }: { roles?: Role[]; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const location = useLocation();
  if (me === undefined) return <Spin size="large" className="page-spinner" description={t("common.loading")} />;
  if (me === null) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (roles && !roles.includes(me.role)) {
    return (
      <Page title={title}>
        <Alert type="warning" showIcon role="alert" title={t("errors.FORBIDDEN")} />
      </Page>
    );
  }
  return children;
}
