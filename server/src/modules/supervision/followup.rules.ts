import { Prng } from "../../seed/prng";
import { addDays, isRealDate, weekdayOf } from "../calendar/working-calendar";

/** Cases per unit a weekly draw takes by default, and at most (S6). */
export const FOLLOW_UP_PER_UNIT = 2;
export const FOLLOW_UP_MAX_PER_UNIT = 10;

/** Monday of the week that holds `day` (China time dates, weeks Monday–Sunday). */
export const mondayOf = (day: string) => addDays(day, -((weekdayOf(day) + 6) % 7));

/** The week to draw on `today`: the last full week. */
export const lastWeek = (today: string) => addDays(mondayOf(today), -7);

export const isMonday = (day: string) => isRealDate(day) && weekdayOf(day) === 1;

/**
 * S6's sample: per unit (window), `perUnit` cases drawn without replacement by a seeded shuffle.
 * Pure: the same candidates (any order: they are sorted by id), seed and perUnit give the same sample.
 */
export function sampleFollowUps<T extends { id: number; windowId: number }>(candidates: T[], seed: number, perUnit: number): T[] {
  const r = new Prng(seed);
  const byUnit = new Map<number, T[]>();
  for (const c of [...candidates].sort((a, b) => a.id - b.id)) byUnit.set(c.windowId, [...(byUnit.get(c.windowId) ?? []), c]);
  const sample: T[] = [];
  for (const unit of [...byUnit.keys()].sort((a, b) => a - b)) {
    const list = byUnit.get(unit)!;
    for (let i = 0; i < Math.min(perUnit, list.length); i++) {
      const j = i + Math.floor(r.next() * (list.length - i));
      [list[i], list[j]] = [list[j], list[i]];
      sample.push(list[i]);
    }
  }
  return sample;
}
