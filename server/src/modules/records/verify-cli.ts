/**
 * npm run verify [-- --db path/to/file.sqlite]
 *
 * Verifies every case chain (timeline, head, seal, decision) and the audit log of the configured
 * database (SQLITE_PATH or DATABASE_URL; --db another SQLite file) with the records key (RECORDS_KEY
 * or the key file beside the database). Prints each break with case number or audit row, the row and
 * the kind of break (no personal data); exits 1 on any break, 0 when all verify.
 */
import path from "node:path";
import { loadConfig } from "../../config";
import { breakLine, parseArgs, progressLine, runTool, summaryLine, verifyDatabase } from "./records-tools";

const USAGE = "usage: npm run verify [-- --db path/to/file.sqlite]";

runTool(async () => {
  const { options, rest } = parseArgs(process.argv.slice(2), ["db"], USAGE);
  if (rest.length) throw new Error(USAGE);
  const db = options.get("db");
  const config = loadConfig(process.env, db ? { sqlitePath: path.resolve(db), databaseUrl: undefined } : {});
  const summary = await verifyDatabase(config, undefined, progressLine("verifying"));
  for (const b of summary.breaks) console.log(breakLine(b));
  if (summary.ok) {
    console.log(`records verify: ${summaryLine(summary)}; no breaks.`);
    return 0;
  }
  console.log(`RECORDS DO NOT VERIFY: ${summary.breakCount} break(s) in ${summaryLine(summary)}.`);
  return 1;
});
