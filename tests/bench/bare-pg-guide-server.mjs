// The PostgreSQL baseline of the guide search (run.mjs guide-pg): a bare node:http handler running the stack's SQL
// through node-postgres — the same statement texts as TypeORM sends on PostgreSQL ($n placeholders, TypeORM's
// aliases, the page's LIMIT written into the text as TypeORM writes it), in the same order, checked by run.mjs
// (shapeOf and the generic EXPLAIN (FORMAT JSON) plans, pg-lib.mjs samePgSql) — and returning the same JSON as the
// GraphQL answer. Statements are sent unnamed (parse, bind, execute each time), as TypeORM sends them; a pool of
// 10 connections, as the stack's. The query's words become the tsquery through the server's own search-text
// functions (server/dist). Started by run.mjs on the benchmark's database (DATABASE_URL).
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { root } from "./lib.mjs";
import { tracePool } from "./pg-lib.mjs";

const require = createRequire(import.meta.url);
const pg = require("pg");
const { looksLikeInitials, matchQuery, normalizeQuery, phrasesOf } = require(path.join(root, "server/dist/server/src/modules/guide/search-text.js"));
const pool = tracePool(new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }));

const select = (alias, table, columns) => `SELECT ${columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(", ")} FROM "${table}" "${alias}"`;
const ITEM = ["id", "code", "name", "level", "departmentId", "category", "defaultKind", "legalLimitDays", "promisedLimitDays", "content", "legalBasis", "higherAuthority", "overdueCountsAsApproval", "reviewRequired", "active", "version"];
const DEPARTMENT = ["id", "code", "name", "shortName", "approvalSection", "active"];
const MATCHES = `"i"."active" = $1 AND "i"."id" IN (SELECT s."itemId" FROM item_search s WHERE to_tsvector('simple', s.text) @@ to_tsquery('simple', $2))`;
const marks = (n) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(", ");

// The same statements as the stack's search (guide-search.service.ts): the synonyms the query contains, then the
// page and the count through the full-text match on item_search, then the page's departments (the stack's loader).
const SYNONYMS = `${select("y", "search_synonym", ["id", "term", "initials", "target"])} WHERE $1 LIKE '%' || "y"."term" || '%' ORDER BY "y"."id" ASC LIMIT 48`;
const items = (limit) => `${select("i", "service_item", ITEM)} WHERE ${MATCHES} ORDER BY "i"."code" ASC LIMIT ${limit}`;
const COUNT = `SELECT COUNT(1) AS "cnt" FROM "service_item" "i" WHERE ${MATCHES}`;
const departments = (n) => `${select("Department", "department", DEPARTMENT)} WHERE (("Department"."id" IN (${marks(n)})))`;

async function search({ search, first }) {
  const query = normalizeQuery(search);
  if (!query || looksLikeInitials(query)) throw new Error("the bare handler searches Chinese words only (the bench's query)");
  const synonyms = (await pool.query(SYNONYMS, [query])).rows;
  const targets = [...new Set(synonyms.map((r) => r.y_target))].slice(0, 12);
  const match = matchQuery("postgres", phrasesOf([query, ...targets], []));
  const page = (await pool.query(items(first + 1), [true, match])).rows.slice(0, first);
  const totalCount = Number((await pool.query(COUNT, [true, match])).rows[0].cnt);
  const departmentIds = [...new Set(page.map((r) => r.i_departmentId))];
  const names = new Map(departmentIds.length ? (await pool.query(departments(departmentIds.length), departmentIds)).rows.map((d) => [d.Department_id, d.Department_name]) : []);
  return {
    data: {
      serviceItems: {
        totalCount,
        nodes: page.map((r) => ({ code: r.i_code, name: r.i_name, promisedLimitDays: r.i_promisedLimitDays, department: { name: names.get(r.i_departmentId) } })),
      },
    },
  };
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    search(JSON.parse(body).variables).then(
      (answer) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      },
      (error) => {
        console.error(error);
        res.writeHead(500).end();
      },
    );
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
