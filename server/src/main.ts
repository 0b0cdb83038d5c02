import "reflect-metadata";
import { loadConfig } from "./config";
import { createApp } from "./http/app";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/demo-data";

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const url = await app.listen(config.port);
  console.log(`Bianmin 便民 is serving ${url}  (GraphQL: ${url}/graphql, database: ${app.services.db.engine})`);
  if (config.seedDemoData) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(14)} ${account.role.padEnd(16)} ${account.note}`);
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error("Bianmin failed to start:", error);
  process.exit(1);
});
