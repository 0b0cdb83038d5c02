// PostgreSQL helpers of the benchmarks (run.mjs's guide-pg, register-pg, queue-pg): the server's address
// (BENCH_PG), databases made and dropped through the maintenance database, the cached N-case database made once by
// the bulk generator (keyed like cachedCasesDb), fresh copies of it (CREATE DATABASE … TEMPLATE), statement tracing
// of a pg client (the bare handlers' side of the same-SQL check), and the check itself on PostgreSQL: the same
// statement shapes in order and the same EXPLAIN (FORMAT JSON) plan trees (node types, relations and indexes).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { root, sameShapes } from "./lib.mjs";

const require = createRequire(import.meta.url);
const pg = require("pg");

export const PG = (process.env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5432").replace(/\/+$/, "");
export const pgUrl = (db) => `${PG}/${db}`;
const ident = (name) => {
  if (!/^[a-z0-9_]+$/.test(name) || name.startsWith("bianmin_scale")) throw new Error(`pg bench: will not touch database ${name}`);
  return `"${name}"`;
};

/** One statement on the maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(sql, params) {
  const client = new pg.Client({ connectionString: pgUrl("postgres") });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export const databasesLike = async (prefix) => (await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname`, [`${prefix.replace(/[_%\\]/g, "\\$&")}%`])).map((r) => r.datname);
export const dropDb = (name) => adminQuery(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
/** A new empty database, or a copy of `template` (nothing may be connected to it). */
export async function createDb(name, template) {
  await dropDb(name);
  await adminQuery(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`);
  return name;
}

/** Runs `work(client)` on a fresh connection to `db`. */
export async function withClient(db, work) {
  const client = new pg.Client({ connectionString: pgUrl(db) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The records key file that goes with a bench database (the stack and the bare handlers both read it). */
export const pgKeyFile = (db) => path.join(root, "data/bench", `${db}.records-key`);

/**
 * The N-case PostgreSQL database, made once by the bulk generator (seed:bulk, one part, seed 42) and kept as
 * bianmin_bench_N_<key>, keyed by N, the PostgreSQL migration list and the generator's code (a change to either makes
 * a new one; older ones of that N are dropped), with its records key in data/bench/. Never connected to while
 * cached, so that CREATE DATABASE … TEMPLATE can copy it.
 */
export async function cachedPgCasesDb(n) {
  const migrations = fs.readdirSync(path.join(root, "migrations/postgres")).filter((f) => /^\d+-.+\.ts$/.test(f)).sort();
  const hash = createHash("sha256").update(JSON.stringify({ n, seed: 42, parts: 1, migrations }));
  for (const file of ["historical-cases.js", "case-loader.js", "bulk/bulk-load.js", "bulk/bulk-cli.js"]) hash.update(fs.readFileSync(path.join(root, "server/dist/server/src/seed", file)));
  const db = `bianmin_bench_${n}_${hash.digest("hex").slice(0, 12)}`;
  const existing = await databasesLike(`bianmin_bench_${n}_`);
  if (existing.includes(db) && fs.existsSync(pgKeyFile(db))) {
    const [{ size }] = await adminQuery(`SELECT pg_database_size($1)::bigint AS size`, [db]);
    console.log(`reusing the cached ${n.toLocaleString("en")}-case PostgreSQL database ${db} (${(Number(size) / 2 ** 30).toFixed(2)} GiB)`);
    return { db, keyFile: pgKeyFile(db) };
  }
  for (const old of existing) {
    await dropDb(old);
    fs.rmSync(pgKeyFile(old), { force: true });
  }
  const part = `${db}_part`;
  await createDb(part);
  fs.mkdirSync(path.join(root, "data/bench"), { recursive: true });
  fs.rmSync(pgKeyFile(part), { force: true });
  console.log(`generating the ${n.toLocaleString("en")}-case PostgreSQL database once (bulk generator; cached as ${db})`);
  execFileSync(process.execPath, [path.join(root, "server/dist/server/src/seed/bulk/bulk-cli.js"), "--cases", String(n), "--parts", "1", "--seed", "42"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: pgUrl(part), RECORDS_KEY_FILE: pgKeyFile(part), RECORDS_KEY: "", REDIS_URL: "" },
  });
  await adminQuery(`ALTER DATABASE ${ident(part)} RENAME TO ${ident(db)}`);
  fs.renameSync(pgKeyFile(part), pgKeyFile(db));
  return { db, keyFile: pgKeyFile(db) };
}

/**
 * Statement tracing of a bare handler's pg.Pool (the PostgreSQL side of lib.mjs traceDb): each statement's text,
 * whitespace collapsed, appended to SQL_TRACE_FILE as it is sent on any of the pool's connections (pool.query and
 * the transaction's client alike), until SIGUSR2 turns tracing off for the load. Never parameters.
 */
export function tracePool(pool) {
  let file = process.env.SQL_TRACE_FILE || null;
  if (!file) return pool;
  process.once("SIGUSR2", () => (file = null));
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (config, ...rest) => {
      const text = typeof config === "string" ? config : config?.text;
      if (file && text) fs.appendFileSync(file, `${text.replace(/\s+/g, " ").trim()}\n`);
      return query(config, ...rest);
    };
  });
  return pool;
}

/** A plan tree as compared: node types with their relation and index names (no costs, rows or conditions). */
export function planTree(node) {
  const label = `${node["Node Type"]}${node["Index Name"] ? ` using ${node["Index Name"]}` : ""}${node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`;
  const children = (node.Plans ?? []).map(planTree);
  return children.length === 0 ? label : children.length === 1 ? `${label} → ${children[0]}` : `${label} (${children.join("; ")})`;
}

/**
 * The generic plan of a statement (EXPLAIN (FORMAT JSON) of a PREPAREd statement under plan_cache_mode =
 * force_generic_plan, parameters NULL): the traces carry no values, and a generic plan does not depend on them.
 * Run in a transaction that is rolled back; EXPLAIN without ANALYZE runs nothing.
 */
async function genericPlan(client, sql, i) {
  const params = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const name = `bench_plan_${i}`;
  await client.query(`PREPARE ${name} AS ${sql}`);
  try {
    const [row] = (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${params ? `(${Array(params).fill("NULL").join(", ")})` : ""}`)).rows;
    return planTree(row["QUERY PLAN"][0].Plan);
  } finally {
    await client.query(`DEALLOCATE ${name}`);
  }
}

/**
 * The same-SQL check on PostgreSQL: the statements one request ran on each server have the same shapes in the
 * same order (lib.mjs sameShapes: text up to bound values, $n or literal), and each read or write has the same
 * generic plan tree on `db` (node types, relations, indexes). Throws (the bench refuses to report) with both
 * statements or both plans printed; returns the plans to print.
 */
export async function samePgSql(name, files, db) {
  const { stack, bare } = sameShapes(name, files);
  return withClient(db, async (client) => {
    const plans = [];
    await client.query("BEGIN");
    try {
      await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
      for (let i = 0; i < stack.length; i++) {
        if (!/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)/i.test(stack[i])) continue;
        const [p, q] = [await genericPlan(client, stack[i], `s${i}`), await genericPlan(client, bare[i], `b${i}`)];
        if (p !== q) throw new Error(`${name}: statement ${i + 1} has another query plan in the baseline:\n  stack: ${stack[i]}\n  plan:  ${p}\n  bare:  ${bare[i]}\n  plan:  ${q}`);
        plans.push({ sql: stack[i], plan: p });
      }
    } finally {
      await client.query("ROLLBACK");
    }
    return { statements: stack.length, plans };
  });
}
