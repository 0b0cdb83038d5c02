// The baseline: a bare node:http handler running the same SQL as the guide search and returning
// the same JSON as the GraphQL answer. Started by run.mjs on the benchmark's database file.
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const db = new Database(process.env.SQLITE_PATH, { readonly: true });
db.pragma("journal_mode = WAL");

const items = db.prepare(
  `SELECT id, code, name, "promisedLimitDays", "departmentId" FROM service_item
   WHERE active = 1 AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(code) LIKE ? ESCAPE '\\') ORDER BY code ASC LIMIT ?`,
);
const count = db.prepare(
  `SELECT COUNT(*) AS n FROM service_item WHERE active = 1 AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(code) LIKE ? ESCAPE '\\')`,
);

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { variables } = JSON.parse(body);
    const pattern = `%${variables.search.toLowerCase()}%`;
    const rows = items.all(pattern, pattern, variables.first + 1);
    const page = rows.slice(0, variables.first);
    const departmentIds = [...new Set(page.map((r) => r.departmentId))];
    const departments = new Map(
      db.prepare(`SELECT id, name FROM department WHERE id IN (${departmentIds.map(() => "?").join(",")})`).all(...departmentIds).map((d) => [d.id, d.name]),
    );
    const json = JSON.stringify({
      data: {
        serviceItems: {
          totalCount: count.get(pattern, pattern).n,
          nodes: page.map((r) => ({ code: r.code, name: r.name, promisedLimitDays: r.promisedLimitDays, department: { name: departments.get(r.departmentId) } })),
        },
      },
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
