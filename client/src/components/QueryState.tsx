import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { describeError, errorCode } from "../lib/errors";
import { Page } from "./Page";
import { Notice } from "./Notice";
import { Spinner } from "./Spinner";

/** Loading spinner or a friendly error for a query; renders nothing once data is there. */
export function QueryState({ loading, error }: { loading: boolean; error?: unknown }): ReactNode {
  const { t } = useTranslation();
  if (error) {
    const code = errorCode(error);
    return (
      <Notice
        type={code === "FORBIDDEN" ? "warning" : "error"}
        role="alert"
        title={describeError(error, t)}
        action={code === "UNAUTHENTICATED" ? <Link to="/login">{t("nav.login")}</Link> : undefined}
      />
    );
  }
  if (loading) return <Spinner />;
  return null;
}

/** A route's page while its query loads or after it failed. */
export function RouteState({ title, loading, error }: { title: string; loading: boolean; error?: unknown }) {
  return (
    <Page title={title}>
      <QueryState loading={loading} error={error} />
    </Page>
  );
}

/** Shown when a code in the address names nothing. */
export function NotFound({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <Notice
        type="warning"
        title={t("common.notFound")}
        action={<Link to="/">{t("common.backHome")}</Link>}
      />
    </Page>
  );
}

/** Some fields of a page could not be loaded (e.g. staff lists for anonymous visitors). */
export function PartialError({ error }: { error?: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Notice type="warning" className="partial-error" title={describeError(error, t)} />;
}
