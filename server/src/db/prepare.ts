import type { DataSource } from "typeorm";
import type { Clock } from "../common/clock";
import type { Config } from "../config";
import { seedScoringFormula } from "../modules/assessment/assessment.service";
import { ensureCalendarSeeded } from "../modules/calendar/calendar.service";
import { fillSearchKeys } from "../modules/cases/search-backfill";
import { ensureSearchIndex } from "../modules/guide/guide-search.service";
import { sealWebhookSecrets } from "../modules/integrations/secret-box";
import { prepareRecords } from "../modules/records/records.service";
import { seedIfEmpty } from "../seed/seed";
import { withBootLock } from "./boot-lock";
import type { Db } from "./db";

/**
 * What a start does to the database before serving: the migrations, the records key (checked against
 * the sealed records, or generated for a new database), the demo seed of an empty database, and the
 * idempotent fill-ins. On PostgreSQL under the boot lock (boot-lock.ts), so that several processes
 * starting at once (a rolling upgrade, `deploy/run-local.mjs`, compose replicas) do it once.
 * `npm run migrate` runs the same and exits (a Kubernetes Job before the new pods start).
 */
export async function prepareDatabase(dataSource: DataSource, db: Db, config: Config, clock: Clock): Promise<void> {
  await withBootLock(dataSource, db.engine, config.pgSchema, async () => {
    await dataSource.runMigrations({ transaction: "each" });
    await prepareRecords(db, config, () => clock.now()); // the records key; upgrades unkeyed records once
    await sealWebhookSecrets(db); // webhook secrets still in clear (written before they were sealed) are sealed with the records key
    if (config.seedDemoData) await seedIfEmpty(db, clock.now());
    await fillSearchKeys(db, (line) => console.log(line)); // case search: hashes and keys of cases registered before them (idempotent)
    await ensureCalendarSeeded(db, clock.now());
    await ensureSearchIndex(db); // the guide's full-text rows of items that have none (seeded or older databases)
    // The published scoring formula v1 (S3), also for databases made before it existed or without the demo data.
    await db.transaction((em) => seedScoringFormula(em, clock.now()));
  });
}
