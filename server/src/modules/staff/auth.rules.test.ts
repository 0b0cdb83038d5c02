import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { lockMinutes, sessionIdleExpired, sessionTouchMs } from "./auth.service";

describe("login lock", () => {
  const rule = { after: 5, minutes: 1, maxMinutes: 60 };
  it("starts at the threshold and doubles up to the cap", () => {
    expect([1, 4, 5, 6, 7, 10, 11, 12, 100].map((f) => lockMinutes(f, rule))).toEqual([0, 0, 1, 2, 4, 32, 60, 60, 60]);
  });
  it("is off with LOGIN_LOCK_AFTER=0", () => expect(lockMinutes(50, { ...rule, after: 0 })).toBe(0));
});

describe("session idle limit", () => {
  it("refreshes every tenth of the limit, at most every minute", () => {
    expect(sessionTouchMs(30)).toBe(60_000);
    expect(sessionTouchMs(1)).toBe(6_000);
  });
  it("counts the limit from the last refresh, allowing for its lag", () => {
    const seen = new Date("2026-11-26T01:00:00Z");
    const after = (s: number) => new Date(seen.getTime() + s * 1000);
    expect(sessionIdleExpired(seen, after(66), 1)).toBe(false);
    expect(sessionIdleExpired(seen, after(67), 1)).toBe(true);
    expect(sessionIdleExpired(seen, after(31 * 60), 30)).toBe(false);
    expect(sessionIdleExpired(seen, after(31 * 60 + 1), 30)).toBe(true);
  });
});
