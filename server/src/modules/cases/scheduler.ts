import { noopCookies, requestContext, type AppServices } from "../../common/context";
import { decisionService } from "./decision.service";
import { describeError } from "../../common/redact";
import type { RequestContext } from "../../common/context";
import { evaluationService } from "../supervision/evaluation.service";
import { followUpService } from "../supervision/followup.service";
import { endingsService } from "./endings.service";

/**
 * Every scheduled act: the case deadlines (decision.service.ts), late rectifications (S2), abandoned
 * supplements (§6) and the weekly follow-up draw (S6). Each idempotent.
 */
export async function sweepAll(ctx: RequestContext) {
  const cases = await decisionService.sweep(ctx);
  const supervision = await evaluationService.sweep(ctx);
  const abandoned = await endingsService.sweepAbandoned(ctx);
  const followUps = await followUpService.sweep(ctx);
  return { ...cases, ...supervision, abandoned, ...followUps };
}

export type SweepCounts = Awaited<ReturnType<typeof sweepAll>> & {
  /** True when another process held the lock, so this one did nothing. */
  skipped?: boolean;
};

export interface Scheduler {
  /** One sweep now, after any running one (ticks never overlap in a process). */
  runOnce(): Promise<SweepCounts>;
  /** No more ticks; resolves when the running one (if any) is over. */
  stop(): Promise<void>;
  /** Sweeps run, skipped for the lock, and failed since start. */
  readonly stats: { ticks: number; skipped: number; failed: number };
}

/**
 * Advisory lock key (class, object): a constant, and the schema, so deployments sharing one
 * PostgreSQL database in separate schemas do not block each other.
 */
const LOCK_CLASS = 0x426d5363; // "BmSc"
const LOCK_OBJECT = "hashtext(current_schema())";

/**
 * Runs `sweepAll` every `intervalMs` (0: only when runOnce is called) as the system.
 * On PostgreSQL a sweep first takes a session advisory lock on a connection of its own and skips
 * when another process holds it. That only saves duplicate work: each act is idempotent by itself
 * (unique keys and conditional updates), so two processes sweeping at once still act once per case.
 */
export function startScheduler(services: AppServices, options: { intervalMs: number; lock?: boolean }): Scheduler {
  const useLock = services.db.engine === "postgres" && options.lock !== false;
  const stats = { ticks: 0, skipped: 0, failed: 0 };
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function sweep(): Promise<SweepCounts> {
    const ctx = requestContext(services, { kind: "anonymous" }, "scheduler", noopCookies);
    if (!useLock) return sweepAll(ctx);
    const runner = services.db.dataSource.createQueryRunner();
    let locked = false;
    try {
      await runner.connect();
      const [row] = await runner.query(`SELECT pg_try_advisory_lock($1, ${LOCK_OBJECT}) AS locked`, [LOCK_CLASS]);
      locked = row?.locked === true;
      if (!locked) return { deemedAgree: 0, deemedAcceptance: 0, deemedApproval: 0, overdue: 0, lateRectifications: 0, abandoned: 0, followUpDraws: 0, skipped: true };
      return await sweepAll(ctx);
    } finally {
      if (locked) {
        await runner.query(`SELECT pg_advisory_unlock($1, ${LOCK_OBJECT})`, [LOCK_CLASS]).catch((error) => console.error("[scheduler] unlock failed:", describeError(error)));
      }
      await runner.release();
    }
  }

  function runOnce(): Promise<SweepCounts> {
    const run = chain.then(async () => {
      try {
        const counts = await sweep();
        if (counts.skipped) stats.skipped++;
        else stats.ticks++;
        return counts;
      } catch (error) {
        stats.failed++;
        throw error;
      }
    });
    chain = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(tick, options.intervalMs);
    timer.unref();
  }

  async function tick(): Promise<void> {
    try {
      const counts = await runOnce();
      if (counts.deemedAgree || counts.deemedAcceptance || counts.deemedApproval || counts.overdue || counts.lateRectifications || counts.abandoned || counts.followUpDraws) {
        console.log(`[scheduler] deemed agreement ${counts.deemedAgree}, deemed acceptance ${counts.deemedAcceptance}, deemed approval ${counts.deemedApproval}, overdue ${counts.overdue}, late rectifications ${counts.lateRectifications}, abandoned ${counts.abandoned}, follow-up draws ${counts.followUpDraws}`);
      }
    } catch (error) {
      console.error("[scheduler] sweep failed:", describeError(error));
    }
    schedule();
  }

  schedule();
  return {
    runOnce,
    stats,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await chain;
      if (options.intervalMs > 0) {
        console.log(`[scheduler] stopped: ${stats.ticks} sweeps, ${stats.skipped} skipped (lock held elsewhere), ${stats.failed} failed`);
      }
    },
  };
}
