/** S7's checklist: each heading and the most points it gives (they sum to 100). */
export const INSPECTION_CHECKLIST = { organization: 15, premises: 20, staffing: 20, itemsMovedIn: 20, operation: 15, publicReview: 10 } as const;
export type ChecklistHeading = keyof typeof INSPECTION_CHECKLIST;
export const CHECKLIST_HEADINGS = Object.keys(INSPECTION_CHECKLIST) as ChecklistHeading[];

/** 验收合格 from this total. */
export const INSPECTION_PASS_MARK = 60;

export const inspectionTotal = (scores: Record<ChecklistHeading, number>) => CHECKLIST_HEADINGS.reduce((sum, h) => sum + scores[h], 0);

/**
 * A township's inspection score for its assessment: the centre's latest total and the average of its
 * inspected stations' latest totals, half each; either alone when the other was never inspected. One decimal.
 */
export function townshipInspectionScore(centre: number | null, stationsAverage: number | null): number | null {
  if (centre === null && stationsAverage === null) return null;
  const value = centre === null ? stationsAverage! : stationsAverage === null ? centre : (centre + stationsAverage) / 2;
  return Math.round(value * 10) / 10;
}
