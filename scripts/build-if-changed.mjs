// npm start: builds the server and the SPA only when their sources changed since the last build. Each build
// output keeps a stamp (a hash of the paths, sizes and modification times of its inputs, dist/.build-stamp);
// a workspace whose inputs hash to its stamp is not rebuilt. `npm run build` always rebuilds (and stamps).
//   node scripts/build-if-changed.mjs            build what changed
//   node scripts/build-if-changed.mjs --stamp    only write the stamps (after `npm run build`)
//   node scripts/build-if-changed.mjs --start    build what changed, then run the server in this process (npm start:
//                                                one Node start fewer on the way to the first answer)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WORKSPACES = {
  server: { dist: "server/dist", entry: "server/dist/server/src/main.js", inputs: ["server/src", "migrations", "server/tsconfig.json", "server/package.json", "tsconfig.base.json", "package-lock.json"] },
  client: { dist: "client/dist", entry: "client/dist/index.html", inputs: ["client/src", "client/vite", "client/index.html", "client/vite.config.ts", "client/tsconfig.json", "client/package.json", "package-lock.json"] },
};

function files(entry, out = []) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return out;
  if (fs.statSync(full).isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) files(path.join(entry, name), out);
  } else out.push(entry);
  return out;
}

const stampOf = (w) => {
  const hash = createHash("sha256");
  for (const file of w.inputs.flatMap((entry) => files(entry))) {
    const s = fs.statSync(path.join(root, file));
    hash.update(`${file}\u0000${s.size}\u0000${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
};
const stampFile = (w) => path.join(root, w.dist, ".build-stamp");
const built = (w, stamp) => fs.existsSync(path.join(root, w.entry)) && fs.existsSync(stampFile(w)) && fs.readFileSync(stampFile(w), "utf8").trim() === stamp;

const onlyStamp = process.argv.includes("--stamp");
for (const [name, w] of Object.entries(WORKSPACES)) {
  const stamp = stampOf(w);
  if (!onlyStamp) {
    if (built(w, stamp)) {
      console.log(`${name}: sources unchanged since the last build (${path.relative(root, stampFile(w))}), not rebuilt`);
      continue;
    }
    execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build", "-w", name], { cwd: root, stdio: "inherit" });
  }
  fs.mkdirSync(path.dirname(stampFile(w)), { recursive: true });
  fs.writeFileSync(stampFile(w), `${stamp}\n`);
}

// graphql-js skips its development-mode checks (a cross-realm instanceof test on every type check) in production;
// Apollo's answers do not change with it (app.ts fixes the landing page, stack traces and introspection).
if (process.argv.includes("--start")) process.env.NODE_ENV ??= "production";
if (process.argv.includes("--start")) await import(pathToFileURL(path.join(root, WORKSPACES.server.entry)).href);
