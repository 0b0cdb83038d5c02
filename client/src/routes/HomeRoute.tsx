import { Link, Navigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, workspacePath } from "../lib/auth";
import { Page } from "../components/Page";
import { Spinner } from "../components/Spinner";

function Entry({ to, title, text }: { to: string; title: string; text: string }) {
  return (
    <li className="entry-card">
      <h2 className="section-title">
        <Link to={to}>
          {title}
        </Link>
      </h2>
      <p>{text}</p>
    </li>
  );
}

/** Staff go straight to their workspace; citizens get the guide and the network. */
export function HomeRoute() {
  const { t } = useTranslation();
  const { me } = useMe();
  if (me === undefined) return <Spinner />;
  if (me) return <Navigate to={workspacePath(me)} replace />;
  return (
    <Page title={t("home.title")} subtitle={t("home.subtitle")}>
      <ul className="entries">
        <Entry to="/guide" title={t("nav.guide")} text={t("home.guideText")} />
        <Entry to="/network" title={t("nav.network")} text={t("home.networkText")} />
        <Entry to="/status" title={t("cases.nav")} text={t("cases.lookup.subtitle")} />
        <Entry to="/login" title={t("home.staffLogin")} text={t("home.loginText")} />
      </ul>
    </Page>
  );
}
