import { lazy, Suspense, type ComponentProps, type ReactNode } from "react";
import { Spin } from "antd";
import { useTranslation } from "react-i18next";
import type * as Finance from "./FinanceWorkspace";
import type * as Books from "./DepartmentFees";

/* The fee blocks of the window and department pages, downloaded only for signed-in staff. */
const LazyFinance = lazy(async () => ({ default: (await import("./FinanceWorkspace")).FinanceWorkspace }));
const LazyDepartmentFees = lazy(async () => ({ default: (await import("./DepartmentFees")).DepartmentFees }));

function Deferred({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Spin className="page-spinner" description={t("common.loading")} />}>{children}</Suspense>;
}

export function FinanceWorkspace(props: ComponentProps<typeof Finance.FinanceWorkspace>) {
  return props.me ? (
    <Deferred>
      <LazyFinance {...props} />
    </Deferred>
  ) : null;
}

export function DepartmentFees(props: ComponentProps<typeof Books.DepartmentFees>) {
  return props.me ? (
    <Deferred>
      <LazyDepartmentFees {...props} />
    </Deferred>
  ) : null;
}
