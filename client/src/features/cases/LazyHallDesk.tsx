import { lazy, Suspense, type ComponentProps } from "react";
import type * as Hall from "./HallDesk";

/** The hall's desks, downloaded only for signed-in department staff (public department pages never fetch them). */
const LazyDesk = lazy(() => import("./HallDesk"));

export function HallDesk(props: ComponentProps<typeof Hall.HallDesk>) {
  const { me, departmentCode } = props;
  if (!me || me.department?.code !== departmentCode) return null;
  return (
    <Suspense fallback={null}>
      <LazyDesk {...props} />
    </Suspense>
  );
}
