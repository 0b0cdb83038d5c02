import "reflect-metadata";
import { ManualClock } from "./common/clock";
import { loadConfig } from "./config";
import { createApp } from "./http/app";
import { holdPidFile } from "./modules/records/server-lock";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/demo-data";

async function main(): Promise<void> {
  const config = loadConfig();
  // For tests and demos only: the clock stands still at this instant (e.g. 2026-11-30T02:00:00Z).
  const fixed = process.env.BIANMIN_FIXED_TIME;
  const at = fixed ? new Date(fixed) : undefined;
  if (at && Number.isNaN(at.getTime())) throw new Error(`BIANMIN_FIXED_TIME: not an ISO instant: "${fixed}"`);
  if (at) console.warn(`BIANMIN_FIXED_TIME: the clock stands at ${at.toISOString()} (for tests and demos only)`);
  const app = await createApp(config, { clock: at ? new ManualClock(at) : undefined });
  const url = await app.listen(config.port);
  const releasePidFile = holdPidFile(config); // npm run restore refuses while this server runs
  console.log(`Bianmin 便民 is serving ${url}  (GraphQL: ${url}/graphql, database: ${app.services.db.engine})`);
  if (config.seedDemoData) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(14)} ${account.role.padEnd(16)} ${account.note}`);
  }
  const stop = async () => {
    await app.close();
    releasePidFile();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error("Bianmin failed to start:", error);
  process.exit(1);
});
