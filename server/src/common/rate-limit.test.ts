import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import { MemoryRateLimiter } from "./rate-limit";

describe("MemoryRateLimiter", () => {
  it("allows N hits per key per minute, then refuses until the next minute", async () => {
    const clock = new ManualClock(new Date("2026-11-26T08:00:10Z"));
    const limiter = new MemoryRateLimiter(3, clock);
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await limiter.hit("1.2.3.4"));
    expect(hits).toEqual([true, true, true, false]);
    expect(await limiter.hit("5.6.7.8")).toBe(true);
    clock.advance(60_000);
    expect(await limiter.hit("1.2.3.4")).toBe(true);
  });
});
