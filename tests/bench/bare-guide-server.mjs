// The baseline: a bare node:http handler running the stack's SQL for the guide search — the same statement texts
// as TypeORM sends, in the same order (checked by run.mjs) — and returning the same JSON as the GraphQL answer.
// Started by run.mjs on the benchmark's database file.
import http from "node:http";
import { createRequire } from "node:module";
import { traceDb } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const db = traceDb(new Database(process.env.SQLITE_PATH, { readonly: true }));
db.pragma("journal_mode = WAL");

const select = (alias, table, columns) => `SELECT ${columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(", ")} FROM "${table}" "${alias}"`;
const ITEM = ["id", "code", "name", "level", "departmentId", "category", "defaultKind", "legalLimitDays", "promisedLimitDays", "content", "legalBasis", "higherAuthority", "overdueCountsAsApproval", "reviewRequired", "active", "version"];
const DEPARTMENT = ["id", "code", "name", "shortName", "approvalSection", "active"];
const MATCHES = `"i"."active" = ? AND "i"."id" IN (SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH ?)`;

// The same statements as the stack's search (guide-search.service.ts): the synonyms the query contains, then the
// page and the count through the FTS5 index of item_search (Han characters as single tokens, search-text.ts),
// then the page's departments (the stack's loader).
const synonyms = db.prepare(`${select("y", "search_synonym", ["id", "term", "initials", "target"])} WHERE ? LIKE '%' || "y"."term" || '%' ORDER BY "y"."id" ASC LIMIT 48`);
const items = db.prepare(`${select("i", "service_item", ITEM)} WHERE ${MATCHES} ORDER BY "i"."code" ASC LIMIT ?`);
const count = db.prepare(`SELECT COUNT(1) AS "cnt" FROM "service_item" "i" WHERE ${MATCHES}`);
const departmentsOf = new Map();
const departments = (n) => departmentsOf.get(n) ?? departmentsOf.set(n, db.prepare(`${select("Department", "department", DEPARTMENT)} WHERE (("Department"."id" IN (${Array(n).fill("?").join(", ")})))`)).get(n);
const tokens = (text) => [...text.normalize("NFKC").toLowerCase().matchAll(/\p{Script=Han}|[\p{L}\p{N}]+/gu)].map((m) => m[0]);
const phrase = (text) => {
  const t = tokens(text);
  return `text : "${t.join(" ")}"${/\p{Script=Han}/u.test(t[t.length - 1]) ? "" : " *"}`;
};

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { variables } = JSON.parse(body);
    const query = tokens(variables.search).join("");
    const targets = [...new Set(synonyms.all(query).map((r) => r.y_target))].slice(0, 12);
    const match = [query, ...targets].map(phrase).join(" OR ");
    const page = items.all(1, match, variables.first + 1).slice(0, variables.first);
    const totalCount = count.get(1, match).cnt;
    const departmentIds = [...new Set(page.map((r) => r.i_departmentId))];
    const names = new Map(departmentIds.length ? departments(departmentIds.length).all(...departmentIds).map((d) => [d.Department_id, d.Department_name]) : []);
    const json = JSON.stringify({
      data: {
        serviceItems: {
          totalCount,
          nodes: page.map((r) => ({ code: r.i_code, name: r.i_name, promisedLimitDays: r.i_promisedLimitDays, department: { name: names.get(r.i_departmentId) } })),
        },
      },
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
