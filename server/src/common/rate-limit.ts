import type Redis from "ioredis";
import type { Clock } from "./clock";

/**
 * Fixed-window counters for public operations. In SQLite mode the server is one process, so the
 * counters live in memory; with several processes (PostgreSQL) they must live in Redis.
 */
export interface RateLimiter {
  /** Counts one hit; false when the key has used up its allowance for this minute (the limiter's own, or `perMinute`). */
  hit(key: string, perMinute?: number): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  private window = -1;
  private counts = new Map<string, number>();
  constructor(private readonly perMinute: number, private readonly clock: Clock) {}

  async hit(key: string, perMinute = this.perMinute): Promise<boolean> {
    const window = Math.floor(this.clock.now().getTime() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= perMinute;
  }

  async close(): Promise<void> {}
}


export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly perMinute: number,
    private readonly clock: Clock,
    /** Keeps the counters of one deployment apart from others on the same Redis. */
    private readonly scope: string,
  ) {}

  async hit(key: string, perMinute = this.perMinute): Promise<boolean> {
    const window = Math.floor(this.clock.now().getTime() / 60_000);
    const redisKey = `bianmin:rl:${this.scope}:${window}:${key}`;
    const result = await this.redis.multi().incr(redisKey).pexpire(redisKey, 120_000).exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    return count <= perMinute;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
