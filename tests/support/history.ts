import { loadRecordsKey } from "../../server/src/modules/records/records-key";
import { writeCases, type WriteResult } from "../../server/src/seed/case-loader";
import type { TestApp } from "./app";

/** Writes historical cases into the test app's database with the real loader (npm run seed's), ending at `until`. */
export function seedHistory(t: TestApp, cases: number, until: Date, history = true): Promise<WriteResult> {
  const db = t.app.services.db;
  return writeCases(db.dataSource, db, loadRecordsKey(t.app.services.config, false), { cases, seed: 42, until, history });
}
