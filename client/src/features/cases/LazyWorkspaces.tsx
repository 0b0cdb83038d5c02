import { lazy, Suspense, type ComponentProps, type ReactNode } from "react";
import { Spin } from "antd";
import { useTranslation } from "react-i18next";
import type * as Workspaces from "./Workspaces";

/*
 * The case blocks of the window, point and department pages, downloaded only for signed-in staff:
 * citizens who open those public pages never fetch the case screens.
 */
const LazyWindowCases = lazy(async () => ({ default: (await import("./Workspaces")).WindowCases }));
const LazyPointCases = lazy(async () => ({ default: (await import("./Workspaces")).PointCases }));
const LazyDepartmentCases = lazy(async () => ({ default: (await import("./Workspaces")).DepartmentCases }));

function Deferred({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Spin className="page-spinner" description={t("common.loading")} />}>{children}</Suspense>;
}

export function WindowCases(props: ComponentProps<typeof Workspaces.WindowCases>) {
  return props.me ? (
    <Deferred>
      <LazyWindowCases {...props} />
    </Deferred>
  ) : null;
}

export function PointCases(props: ComponentProps<typeof Workspaces.PointCases>) {
  return props.me ? (
    <Deferred>
      <LazyPointCases {...props} />
    </Deferred>
  ) : null;
}

export function DepartmentCases(props: ComponentProps<typeof Workspaces.DepartmentCases>) {
  return props.me ? (
    <Deferred>
      <LazyDepartmentCases {...props} />
    </Deferred>
  ) : null;
}
