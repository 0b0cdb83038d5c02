import type { DataSource } from "typeorm";
import { describeError } from "../common/redact";
import type { Engine } from "./data-source";

/**
 * Advisory lock key (class, object) of the start-up work: a constant ("BmBt") and the schema's name, so
 * deployments sharing one PostgreSQL database in separate schemas do not wait for each other. The
 * scheduler's lock (modules/cases/scheduler.ts) has another class, so a sweep never waits for a start.
 */
export const BOOT_LOCK_CLASS = 0x426d4274;

/**
 * Runs the start-up work on the database — migrations, the records key's first use, the demo seed and
 * the idempotent fill-ins after it — in one process at a time. TypeORM 1.x takes no lock of its own
 * around `runMigrations`: two processes starting at once on a database with pending migrations both
 * read the same list of pending migrations, and the second one then fails on DDL that the first one
 * already committed (or, for a data-only migration, runs it twice and records it twice); two processes
 * seeding an empty database would both seed. So on PostgreSQL the work waits for a session advisory
 * lock on a connection of its own: the second process blocks until the first has finished (and then
 * finds nothing left to do). The lock goes when this connection closes, so a process killed during
 * start-up (kill -9, an OOM kill) never leaves it held. SQLite has one process by design.
 */
export async function withBootLock<T>(dataSource: DataSource, engine: Engine, schema: string | undefined, work: () => Promise<T>): Promise<T> {
  if (engine !== "postgres") return work();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const started = Date.now();
    // hashtext of the configured name, not current_schema(): before the first migration the schema may not exist yet.
    await runner.query("SELECT pg_advisory_lock($1, hashtext($2))", [BOOT_LOCK_CLASS, schema ?? "public"]);
    const waited = Date.now() - started;
    if (waited > 1000) console.log(`[boot] waited ${(waited / 1000).toFixed(1)} s for another process's start-up work (migrations, seed)`);
    try {
      return await work();
    } finally {
      await runner.query("SELECT pg_advisory_unlock($1, hashtext($2))", [BOOT_LOCK_CLASS, schema ?? "public"]).catch((error) => console.error("[boot] unlock failed:", describeError(error)));
    }
  } finally {
    await runner.release();
  }
}
