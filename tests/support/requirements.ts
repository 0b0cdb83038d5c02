import { testEngine } from "./app";

/**
 * Under CI=true nothing a test needs may be missing: a suite that would skip on a developer's
 * machine (no CJK font, no Redis) runs there instead and fails, saying what is missing.
 */
export const underCi = process.env.CI === "true" || process.env.CI === "1";

/** The PostgreSQL pass of CI (CI=true with DATABASE_URL): PostgreSQL and Redis must both be there. */
export const servicesRequired = underCi && testEngine === "postgres";

/** Whether to skip a suite for want of `what`: never under CI (there the suite fails instead); elsewhere with a note. */
export function skipWithout(available: boolean, what: string, required = underCi): boolean {
  if (available) return false;
  if (required) return false;
  console.warn(`SKIPPED: ${what}`);
  return true;
}

/** The first test of a suite that must not run without `what`: fails with the reason. */
export function expectAvailable(available: boolean, what: string): void {
  if (!available) throw new Error(`missing under CI=true: ${what}`);
}
