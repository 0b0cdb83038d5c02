import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client as PgClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/src/seed/demo-data";
import { ApiClient, testEngine } from "../support/app";
import { idNumber } from "../support/cases";

/**
 * The backup drill (issue 6 §5), on the real server process: cases are registered through the API
 * without pause while `npm run backup` runs as a child process; every case acknowledged (HTTP 200
 * with a number) before the backup began must come back after the server is stopped and the backup
 * restored, with its records verifying. The restore must refuse while the server runs.
 */
const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "server/dist/server/src");
const hasPgTools = (() => {
  try {
    execFileSync("pg_dump", ["--version"]);
    return true;
  } catch {
    return false;
  }
})();
if (testEngine === "postgres" && !hasPgTools && process.env.CI === "true") throw new Error("pg_dump is not installed: the PostgreSQL backup drill cannot run (apt-get install postgresql-client).");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

function runTool(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(dist, "modules/records", script), ...args], { env, cwd: root });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

describe.skipIf(testEngine === "postgres" && !hasPgTools)(`backup while writing, restore, and every acknowledged case is back (${testEngine})`, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | null = null;
  let url: string;
  let schema: string | undefined;

  async function startServer(): Promise<void> {
    const child = spawn(process.execPath, [path.join(dist, "main.js")], { env, cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    server = child;
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${log}`);
  }

  async function stopServer(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    server = null;
  }

  async function login(username: string): Promise<ApiClient> {
    const client = new ApiClient(url);
    await client.ok(`mutation($input: LoginInput!) { login(input: $input) { staff { id } } }`, { input: { username, password: DEMO_PASSWORD } });
    return client;
  }

  beforeAll(async () => {
    execFileSync("npx", ["tsc", "-p", "server"], { cwd: root, stdio: "inherit" }); // the real server and tools run from dist
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-backup-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { ...process.env, PORT: String(port), SEED_DEMO: "true", SCHEDULER_INTERVAL_MS: "0", PUBLIC_RATE_LIMIT: "100000", REDIS_URL: "" };
    if (testEngine === "postgres") {
      schema = `b_${randomBytes(6).toString("hex")}`;
      const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
      await pg.connect();
      await pg.query(`CREATE SCHEMA ${schema}`);
      await pg.end();
      Object.assign(env, { PG_SCHEMA: schema, RECORDS_KEY_FILE: path.join(dir, "pg.records-key") });
    } else {
      Object.assign(env, { DATABASE_URL: "", SQLITE_PATH: path.join(dir, "bianmin.sqlite") });
      delete env.RECORDS_KEY_FILE;
    }
    delete env.RECORDS_KEY;
    await startServer();
  }, 240_000);

  afterAll(async () => {
    await stopServer();
    if (schema) {
      const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
      await pg.connect();
      await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pg.end();
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every case acknowledged before the backup began, with its chain verifying", async () => {
    const clerk = await login("c05");
    const { serviceWindow } = await clerk.ok(`{ serviceWindow(code: "C05") { items { code active materials { id } } } }`);
    const item = serviceWindow.items.find((i: { active: boolean; materials: unknown[] }) => i.active && i.materials.length);
    const materialIds = item.materials.map((m: { id: string }) => m.id);

    // Registration without pause (two writers), each acknowledged case noted with when its answer came.
    const acknowledged: { number: string; at: number }[] = [];
    let writing = true, failures = 0;
    const writer = async () => {
      while (writing) {
        const result = await clerk.gql(
          `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code } } }`,
          { input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber(), phone: "13871234567" }, materialIds, idempotencyKey: randomUUID() } },
        );
        const number = result.status === 200 ? result.data?.registerCase?.case?.number : undefined;
        if (number) acknowledged.push({ number, at: Date.now() });
        else failures++;
      }
    };
    const writers = [writer(), writer()];
    // Until a dozen cases are acknowledged (not a fixed time: a loaded machine registers fewer per second).
    for (const start = Date.now(); acknowledged.length < 12 && failures === 0 && Date.now() - start < 60_000; ) await new Promise((r) => setTimeout(r, 100));

    const out = path.join(dir, "backups");
    const began = Date.now();
    const backup = await runTool("backup-cli.js", ["--out", out], env);
    await new Promise((r) => setTimeout(r, 500)); // and a little more after it
    writing = false;
    await Promise.all(writers);
    expect(backup.out).toMatch(/^verified: /m);
    expect(backup.code).toBe(0);
    const before = acknowledged.filter((a) => a.at < began);
    const during = acknowledged.filter((a) => a.at >= began);
    expect(before.length).toBeGreaterThan(10);
    expect(failures).toBe(0);

    const files = fs.readdirSync(out);
    const copy = files.find((f) => f.endsWith(testEngine === "postgres" ? ".pgdump" : ".sqlite"))!;
    expect(files).toContain(copy.replace(/\.(sqlite|pgdump)$/, ".records-key"));
    expect(fs.statSync(path.join(out, copy.replace(/\.(sqlite|pgdump)$/, ".records-key"))).mode & 0o777).toBe(0o600);

    // Restoring under a running server is refused, and nothing is replaced.
    const refused = await runTool("restore-cli.js", [path.join(out, copy)], env);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/running|answers on port|connection/);

    await stopServer();
    const restored = await runTool("restore-cli.js", [path.join(out, copy)], env);
    expect(restored.out).toMatch(/^restored: /m);
    expect(restored.code).toBe(0);
    if (testEngine === "sqlite") {
      expect(fs.existsSync(`${env.SQLITE_PATH}-wal`) && fs.statSync(`${env.SQLITE_PATH}-wal`).size > 0).toBe(false);
    }

    await startServer();
    const supervisor = await login("supervisor");
    let found = 0;
    for (const { number } of before) {
      const { case: c } = await supervisor.ok(`query($n: String!) { case(number: $n) { number integrity { ok } } }`, { n: number });
      if (c?.integrity.ok) found++;
    }
    let duringBack = 0;
    for (const { number } of during) {
      const { case: c } = await supervisor.ok(`query($n: String!) { case(number: $n) { number } }`, { n: number });
      if (c) duringBack++;
    }
    const { verifyRecords } = await supervisor.ok(`{ verifyRecords { ok breakCount casesChecked } }`);
    console.log(`[backup] ${testEngine}: acknowledged before the backup began ${before.length}, restored ${found} (chains verifying); acknowledged while it ran ${during.length}, of which in the copy ${duringBack}; verifyRecords ok=${verifyRecords.ok} over ${verifyRecords.casesChecked} cases`);
    expect(found).toBe(before.length);
    expect(verifyRecords).toMatchObject({ ok: true, breakCount: 0 });
  }, 240_000);
});
