import type { CaseKind, CaseStatus, JointOpinion, PointLevel, Role } from "../../../gql/graphql";

/** The acts of the case page (C2–C7, A2, art. 42 and 45). */
export type Act =
  | "accept"
  | "supplement"
  | "completeSupplement"
  | "return"
  | "pause"
  | "resume"
  | "forward"
  | "reply"
  | "handOver"
  | "handBack"
  | "close"
  | "decide"
  | "extend"
  | "jointOpinion";

export interface CaseState {
  status: CaseStatus;
  kind?: CaseKind | null;
  forwardedTo?: string | null;
  supplementNotice?: unknown;
  extension?: unknown;
  pauses: readonly { reason: string; endedOn?: string | null }[];
  jointNotices: readonly { department: { code: string }; opinion?: JointOpinion | null }[];
  item: { code: string; department: { code: string } };
  window: { code: string };
  currentPoint: { code: string };
  handlingPoint: { code: string; level: PointLevel };
  registeredPoint: { code: string };
}

export interface Viewer {
  role: Role;
  point: { code: string };
  window?: { code: string } | null;
  department?: { code: string } | null;
}

export interface Letter {
  active: boolean;
  allItems: boolean;
  department: { code: string };
  items: readonly { code: string }[];
}

/** An active letter of the viewer that covers the case's item (A2), if any. */
export function coveringLetter<L extends Letter>(c: Pick<CaseState, "item">, letters: readonly L[]): L | undefined {
  return letters.find(
    (l) => l.active && (l.allItems ? l.department.code === c.item.department.code : l.items.some((i) => i.code === c.item.code)),
  );
}

/**
 * The acts the viewer may take on the case now. It mirrors the server's rules (case-rules.ts,
 * case-access.ts) only to hide buttons that would be refused; the server decides.
 */
export function availableActs(c: CaseState, me: Viewer, letters: readonly Letter[]): Act[] {
  const acts: Act[] = [];
  const atWindow =
    (me.role === "WINDOW_CLERK" && me.window?.code === c.window.code) ||
    (me.role === "TOWNSHIP_CLERK" && me.point.code === c.handlingPoint.code);
  const atCurrentPoint = !me.department && ["VILLAGE_AGENT", "TOWNSHIP_CLERK", "WINDOW_CLERK"].includes(me.role) && me.point.code === c.currentPoint.code;
  const arrived = c.currentPoint.code === c.handlingPoint.code;
  const paused = c.pauses.some((p) => !p.endedOn);
  const inReview = c.status === "IN_REVIEW";

  if (atWindow) {
    if (c.status === "REGISTERED" && arrived) {
      acts.push("accept");
      if (!c.supplementNotice) acts.push("supplement");
      acts.push("return");
    }
    if (c.status === "SUPPLEMENT") acts.push("completeSupplement");
    if (inReview && c.kind !== "REPORTED_UP") acts.push(paused ? "resume" : "pause");
    if (inReview && c.kind === "REPORTED_UP") acts.push(c.forwardedTo ? "reply" : "forward");
  }
  if (atCurrentPoint) {
    if (c.status === "REGISTERED" && !arrived) acts.push("handOver");
    if (c.status === "DECIDED") acts.push(c.currentPoint.code === c.registeredPoint.code ? "close" : "handBack");
  }
  const decidesHere = me.role === "TOWNSHIP_CLERK" ? me.point.code === c.handlingPoint.code : c.handlingPoint.level === "CITY";
  const decidable = inReview && !paused && c.kind !== "REPORTED_UP" && !c.jointNotices.some((n) => !n.opinion);
  if (decidable && decidesHere && coveringLetter(c, letters)) acts.push("decide");
  const head = (me.role === "DIRECTOR" || me.role === "DEPUTY_DIRECTOR") && me.department?.code === c.item.department.code;
  if (head && inReview && (c.kind === "COMMITTED" || c.kind === "JOINT") && !c.extension) acts.push("extend");
  const notified = c.jointNotices.some((n) => n.department.code === me.department?.code && !n.opinion);
  if (notified && inReview && c.kind === "JOINT" && ["SECTION_CHIEF", "DEPUTY_DIRECTOR", "DIRECTOR"].includes(me.role)) acts.push("jointOpinion");
  return acts;
}
