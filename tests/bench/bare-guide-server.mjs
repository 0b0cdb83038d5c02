// The baseline: a bare node:http handler running the same SQL as the guide search and returning
// the same JSON as the GraphQL answer. Started by run.mjs on the benchmark's database file.
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const db = new Database(process.env.SQLITE_PATH, { readonly: true });
db.pragma("journal_mode = WAL");

// The same statements as the stack's search (guide-search.service.ts): the synonyms the query contains, then the
// page and the count through the FTS5 index of item_search (Han characters as single tokens, search-text.ts).
const synonyms = db.prepare(`SELECT target FROM search_synonym WHERE ? LIKE '%' || term || '%' ORDER BY id LIMIT 48`);
const items = db.prepare(
  `SELECT id, code, name, "promisedLimitDays", "departmentId" FROM service_item
   WHERE active = 1 AND id IN (SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH ?) ORDER BY code ASC LIMIT ?`,
);
const count = db.prepare(`SELECT COUNT(*) AS n FROM service_item WHERE active = 1 AND id IN (SELECT rowid FROM item_search_fts WHERE item_search_fts MATCH ?)`);
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
    const targets = [...new Set(synonyms.all(query).map((r) => r.target))].slice(0, 12);
    const match = [query, ...targets].map(phrase).join(" OR ");
    const rows = items.all(match, variables.first + 1);
    const page = rows.slice(0, variables.first);
    const departmentIds = [...new Set(page.map((r) => r.departmentId))];
    const departments = new Map(
      db.prepare(`SELECT id, name FROM department WHERE id IN (${departmentIds.map(() => "?").join(",")})`).all(...departmentIds).map((d) => [d.id, d.name]),
    );
    const json = JSON.stringify({
      data: {
        serviceItems: {
          totalCount: count.get(match).n,
          nodes: page.map((r) => ({ code: r.code, name: r.name, promisedLimitDays: r.promisedLimitDays, department: { name: departments.get(r.departmentId) } })),
        },
      },
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(json);
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
