import { Suspense } from "react";
import { Button, Layout, Space, Spin } from "antd";
import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Link, NavLink, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, workspacePath } from "../lib/auth";
import { useLogout } from "../features/auth/useLogoutMutation";
import { LanguageSwitch } from "./LanguageSwitch";

function NavItem({ to, children }: { to: string; children: string }) {
  return (
    <li>
      <NavLink to={to} className="nav-link">
        {children}
      </NavLink>
    </li>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { me } = useMe();
  const [logout, logoutError] = useLogout();

  return (
    <Layout className="app-layout">
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="app-nav">
          <ul>
            <NavItem to="/guide">{t("nav.guide")}</NavItem>
            <NavItem to="/network">{t("nav.network")}</NavItem>
            <NavItem to="/status">{t("cases.nav")}</NavItem>
            <NavItem to="/complaints/new">{t("supervision.complainNav")}</NavItem>
            <NavItem to="/bulletins">{t("assessment.bulletinsNav")}</NavItem>
            {me && <NavItem to={workspacePath(me)}>{t("nav.workspace")}</NavItem>}
            {me && <NavItem to="/search">{t("search.nav")}</NavItem>}
            {me?.role === "CENTER_ADMIN" && <NavItem to="/admin">{t("nav.admin")}</NavItem>}
            {me?.role === "CENTER_ADMIN" && <NavItem to="/supervision">{t("supervision.nav")}</NavItem>}
          </ul>
        </nav>
        <Space className="app-tools" size="small" wrap>
          <LanguageSwitch />
          {me ? (
            <>
              <span className="app-user">
                <UserOutlined aria-hidden /> {me.displayName}（{t(`enums.Role.${me.role}`)}）
              </span>
              <Button type="text" className="header-button" icon={<LogoutOutlined aria-hidden />} onClick={logout}>
                {t("nav.logout")}
              </Button>
              {logoutError && (
                <span role="alert" className="header-error">
                  {logoutError}
                </span>
              )}
            </>
          ) : (
            me === null && (
              <Link to="/login" className="nav-link">
                {t("nav.login")}
              </Link>
            )
          )}
        </Space>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Spin size="large" className="page-spinner" description={t("common.loading")} />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="app-footer">
        {t("app.footer")}
      </Layout.Footer>
    </Layout>
  );
}
