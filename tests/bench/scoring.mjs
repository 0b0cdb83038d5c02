// The scoring benchmark of run.mjs (issue 8 §6): the time to compute one quarter's scores — every unit type (windows,
// departments, township centres, staff), what publishing the quarter computes (assessmentService.compute, built
// server code, in process) — on the BENCH_CASES database, against a baseline measured in the same run: the same SQL
// statements the scoring sent (captured by the data source's logger on a first run), executed bare with
// better-sqlite3 on their own connection. Interleaved rounds, medians, the ratio stack/bare. The quarter is the one
// with the most registered cases. Not a timed test: a figure to watch.
import { createRequire } from "node:module";
import path from "node:path";
import { ROUNDS, median, root } from "./lib.mjs";

const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const dist = (file) => require(path.join(root, "server/dist/server/src", file));

/** The quarter (2026Q3) with the most cases registered, by the stored UTC time (close enough to choose one). */
function busiestQuarter(db) {
  const row = db
    .prepare(`SELECT substr("registeredAt", 1, 4) AS y, (CAST(substr("registeredAt", 6, 2) AS INTEGER) + 2) / 3 AS q, COUNT(*) AS n FROM case_file GROUP BY y, q ORDER BY n DESC LIMIT 1`)
    .get();
  return `${row.y}Q${row.q}`;
}

const bindable = (value) => (value instanceof Date ? value.toISOString().replace("T", " ").replace("Z", "") : typeof value === "boolean" ? Number(value) : value);

export async function scoringBench(file, cases) {
  require("reflect-metadata");
  const { loadConfig } = dist("config.js");
  const { createDataSource } = dist("db/data-source.js");
  const { assessmentService, formulaService } = dist("modules/assessment/assessment.service.js");
  const { parsePeriod } = dist("modules/assessment/assessment.rules.js");
  const { AssessmentUnitType } = dist("modules/assessment/assessment.entity.js");

  const bare = new Database(file, { readonly: true });
  const quarter = busiestQuarter(bare);
  const inQuarter = bare.prepare(`SELECT COUNT(*) AS n FROM case_file WHERE "registeredAt" >= ? AND "registeredAt" < ?`);
  const period = parsePeriod(quarter);
  const captured = [];
  let capturing = false;
  const logger = {
    logQuery: (query, parameters) => capturing && captured.push([query, parameters ?? []]),
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  const config = loadConfig({ ...process.env, DATABASE_URL: "" }, { sqlitePath: file, databaseUrl: undefined });
  const dataSource = createDataSource(config, logger);
  await dataSource.initialize();
  try {
    const em = dataSource.manager;
    const formula = await formulaService.current(em);
    const types = Object.values(AssessmentUnitType);
    const stackOnce = async () => {
      const started = performance.now();
      let units = 0;
      for (const type of types) units += (await assessmentService.compute(em, type, period, formula)).length;
      return { ms: performance.now() - started, units };
    };
    capturing = true;
    const first = await stackOnce();
    capturing = false;
    const statements = captured.map(([query, parameters]) => ({ statement: bare.prepare(query), parameters: parameters.map(bindable), aggregate: /GROUP BY/i.test(query) }));
    const bareOnce = () => {
      const started = performance.now();
      let rows = 0;
      for (const s of statements) rows += s.statement.all(...s.parameters).length;
      return { ms: performance.now() - started, rows };
    };
    const check = bareOnce();
    const quarterCases = inQuarter.get(...[period.start, period.end].map(bindable)).n;
    console.log(
      `\n[scoring] ${quarter} on the ${cases.toLocaleString("en")}-case database (${quarterCases.toLocaleString("en")} registered in the quarter): ` +
        `${first.units} units of ${types.length} types by formula v${formula.version}; ${statements.length} SQL statements (${statements.filter((s) => s.aggregate).length} grouped aggregates), ${check.rows} rows; first run ${first.ms.toFixed(0)} ms`,
    );
    const runs = { stack: [], bare: [] };
    for (let i = 1; i <= ROUNDS; i++) {
      for (const name of i % 2 ? ["bare", "stack"] : ["stack", "bare"]) runs[name].push(name === "stack" ? (await stackOnce()).ms : bareOnce().ms);
    }
    const result = { name: `scoring ${quarter} (${cases.toLocaleString("en")} cases)`, stackMs: median(runs.stack), bareMs: median(runs.bare), runs };
    console.log(`[scoring] ${ROUNDS} interleaved rounds: stack ${runs.stack.map((ms) => ms.toFixed(0)).join(", ")} ms; bare SQL ${runs.bare.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    return result;
  } finally {
    await dataSource.destroy();
    bare.close();
  }
}

/** The scoring figures: medians in milliseconds and the ratio. */
export function scoringTable(results) {
  if (!results.length) return;
  console.log(`\n${"".padEnd(36)} ${"stack (compute)".padStart(16)} ${"bare SQL".padStart(10)}  ratio`);
  for (const r of results) console.log(`${r.name.padEnd(36)} ${`${r.stackMs.toFixed(0)} ms`.padStart(16)} ${`${r.bareMs.toFixed(0)} ms`.padStart(10)}  ${(r.stackMs / r.bareMs).toFixed(3)}`);
}
