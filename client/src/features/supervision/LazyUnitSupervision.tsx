import { lazy, Suspense } from "react";
import { Spin } from "antd";
import { useTranslation } from "react-i18next";
import type { Me } from "../../lib/auth";

const Lazy = lazy(async () => ({ default: (await import("./UnitSupervision")).UnitSupervision }));

/** The unit's complaints and rectifications, downloaded only when its own staff open its workspace. */
export function UnitSupervisionBlock({ me, mine }: { me: Me | null | undefined; mine: boolean }) {
  const { t } = useTranslation();
  if (!me || !mine) return null;
  return (
    <Suspense fallback={<Spin className="page-spinner" description={t("common.loading")} />}>
      <Lazy />
    </Suspense>
  );
}
