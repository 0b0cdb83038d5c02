import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { Client as PgClient } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/src/config";
import { createApp, type App } from "../../server/src/http/app";
import { testEngine } from "../support/app";

/**
 * Several server processes starting at once on one new PostgreSQL database (compose replicas, a rolling
 * upgrade, deploy/run-local.mjs): the start-up work (migrations, records key, seed) happens once, under
 * the boot lock (server/src/db/boot-lock.ts), and every process starts.
 */
describe.skipIf(testEngine !== "postgres")("three servers starting at once on one empty PostgreSQL schema", () => {
  const schema = `t_boot_${randomBytes(5).toString("hex")}`;
  const apps: App[] = [];
  const pg = () => new PgClient({ connectionString: process.env.DATABASE_URL });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    const client = pg();
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it("migrate and seed once, and all three serve", async () => {
    const client = pg();
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    const recordsKey = randomBytes(32).toString("hex");
    const config = loadConfig(process.env, { pgSchema: schema, port: 0, schedulerIntervalMs: 0, webhookIntervalMs: 0, recordsKey, redisUrl: undefined });
    const started = await Promise.allSettled([0, 1, 2].map(() => createApp(config)));
    for (const s of started) if (s.status === "fulfilled") apps.push(s.value);
    expect(started.map((s) => (s.status === "rejected" ? String(s.reason) : "started"))).toEqual(["started", "started", "started"]);

    const q = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    const migrations = await q(`SELECT count(*) AS n FROM ${schema}.migrations`);
    expect(migrations).toBeGreaterThan(0);
    expect(await q(`SELECT count(DISTINCT name) AS n FROM ${schema}.migrations`)).toBe(migrations); // none recorded twice
    expect(await q(`SELECT count(*) AS n FROM ${schema}.service_point`)).toBe(291); // the demo network, seeded once
    expect(await q(`SELECT count(*) - count(DISTINCT username) AS n FROM ${schema}.staff`)).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM ${schema}.audit_head`)).toBe(1);

    // Each answers its health check on the same database.
    for (const app of apps) {
      const url = await app.listen(0);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", engine: "postgres" });
    }
    await client.end();
  }, 180_000);
});
