import { Suspense } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, workspacePath } from "../lib/auth";
import { useLogout } from "../features/auth/useLogoutMutation";
import { LanguageSwitch } from "./LanguageSwitch";
import { Spinner } from "./Spinner";

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
    // Plain elements, no antd: the shell is in the first download of every page (village PCs, phones).
    <div className="app-layout">
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <header className="app-header">
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
        <div className="app-tools">
          <LanguageSwitch />
          {me ? (
            <>
              <span className="app-user">
                {me.displayName}（{t(`enums.Role.${me.role}`)}）
              </span>
              <button type="button" className="header-button" onClick={logout}>
                {t("nav.logout")}
              </button>
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
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="app-footer">{t("app.footer")}</footer>
    </div>
  );
}
