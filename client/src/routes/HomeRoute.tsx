import { Spin } from "antd";
import { BookOutlined, ClusterOutlined, FileSearchOutlined, LoginOutlined } from "@ant-design/icons";
import { Link, Navigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMe, workspacePath } from "../lib/auth";
import { Page } from "../components/Page";

function Entry({ to, icon, title, text }: { to: string; icon: React.ReactNode; title: string; text: string }) {
  return (
    <li className="entry-card">
      <h2 className="section-title">
        <Link to={to}>
          {icon} {title}
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
  if (me === undefined) return <Spin size="large" className="page-spinner" description={t("common.loading")} />;
  if (me) return <Navigate to={workspacePath(me)} replace />;
  return (
    <Page title={t("home.title")} subtitle={t("home.subtitle")}>
      <ul className="entries">
        <Entry to="/guide" icon={<BookOutlined aria-hidden />} title={t("nav.guide")} text={t("home.guideText")} />
        <Entry to="/network" icon={<ClusterOutlined aria-hidden />} title={t("nav.network")} text={t("home.networkText")} />
        <Entry to="/status" icon={<FileSearchOutlined aria-hidden />} title={t("cases.nav")} text={t("cases.lookup.subtitle")} />
        <Entry to="/login" icon={<LoginOutlined aria-hidden />} title={t("home.staffLogin")} text={t("home.loginText")} />
      </ul>
    </Page>
  );
}
