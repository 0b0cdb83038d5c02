import fs from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { repoRoot } from "../config";
import { buildAppSchema } from "./build";

/** Writes ../schema.graphql from the code, or with --check fails when the committed file is stale. */
async function main(): Promise<void> {
  const target = path.join(repoRoot, "schema.graphql");
  const header = "# Generated from the server code by `npm run schema`. Do not edit by hand.\n\n";
  const text = header + printSchema(lexicographicSortSchema(await buildAppSchema())) + "\n";
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current !== text) {
      console.error("schema.graphql is stale: run `npm run schema` and commit the result.");
      process.exit(1);
    }
    console.log("schema.graphql matches the code.");
    return;
  }
  fs.writeFileSync(target, text);
  console.log(`wrote ${target}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
