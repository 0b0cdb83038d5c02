import { useQuery } from "@apollo/client/react";
import { graphql } from "../gql";
import type { MeQuery, Role } from "../gql/graphql";

export const MeDocument = graphql(`
  query Me {
    me {
      id
      username
      displayName
      role
      point {
        id
        code
        name
      }
      window {
        id
        code
        name
      }
      department {
        id
        code
        name
      }
    }
  }
`);

export type Me = NonNullable<MeQuery["me"]>;

/** The signed-in staff member, `null` when anonymous, `undefined` while loading. */
export function useMe(): { me: Me | null | undefined; loading: boolean } {
  const { data, loading, error } = useQuery(MeDocument, { fetchPolicy: "cache-first" });
  if (error) return { me: null, loading: false };
  return { me: data ? data.me : undefined, loading };
}

const WINDOW_ROLES: Role[] = ["WINDOW_CLERK", "FINANCE_CLERK"];
const DEPARTMENT_ROLES: Role[] = ["SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR"];
const POINT_ROLES: Role[] = ["TOWNSHIP_CLERK", "VILLAGE_AGENT"];

/** Where a staff member works: every unit has its own workspace route. */
export function workspacePath(me: Pick<Me, "role" | "point" | "window" | "department">): string {
  if (WINDOW_ROLES.includes(me.role) && me.window) return `/windows/${encodeURIComponent(me.window.code)}`;
  if (DEPARTMENT_ROLES.includes(me.role) && me.department) {
    return `/departments/${encodeURIComponent(me.department.code)}`;
  }
  if (POINT_ROLES.includes(me.role)) return `/points/${encodeURIComponent(me.point.code)}`;
  if (me.role === "CENTER_ADMIN") return "/admin";
  if (me.role === "SUPERVISOR") return "/supervision";
  return `/points/${encodeURIComponent(me.point.code)}`;
}
