import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { SAFETY_NET_PAGES } from "../../server/src/db/wal-checkpointer";
import { startTestApp, type TestApp } from "../support/app";
import { idNumber, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, sessions } from "../support/case-steps";

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { number } userErrors { code message } } }`;

/** Another process writing to the same SQLite file (as a CLI does): short BEGIN IMMEDIATE transactions in a loop. */
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
db.exec("CREATE TABLE IF NOT EXISTS other_writer (id INTEGER PRIMARY KEY, at TEXT)");
const insert = db.prepare("INSERT INTO other_writer (at) VALUES (?)");
const write = db.transaction(() => { for (let i = 0; i < 20; i++) insert.run(new Date().toISOString()); });
let commits = 0, errors = [], stopping = false;
process.on("message", () => (stopping = true));
(function loop() {
  if (stopping) { process.send({ commits, errors }, () => process.exit(0)); return; }
  try { write.immediate(); commits++; } catch (e) { errors.push(String(e.message)); }
  setTimeout(loop, 1);
})();
process.send("started");
`;

/** SQLite: the server's write transactions begin IMMEDIATE, so a second process writing meanwhile costs a wait, never "database is locked". */
describe("SQLite with a second writing process", () => {
  let t: TestApp;
  let item: ItemFixture;
  let writer: ChildProcess | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bianmin-writers-"));
  const clock = new ManualClock(new Date("2026-11-26T10:00:00+08:00"));
  const as = sessions(() => t);

  beforeAll(async () => {
    // Always a SQLite file (the case is SQLite's single writer), whatever DATABASE_URL says.
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, databaseUrl: undefined, sqlitePath: path.join(dir, "writers.sqlite") } });
    item = await itemFixture(t, CITY_ONLY);
  });
  afterAll(async () => {
    writer?.kill();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("registers 60 cases while another process commits write transactions, with no error on either side", async () => {
    const clerk = await as(clerkOf(item));
    writer = spawn(process.execPath, ["-e", WRITER, path.join(dir, "writers.sqlite")], { stdio: ["ignore", "inherit", "inherit", "ipc"], cwd: path.resolve(__dirname, "../../server") });
    const child = writer;
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`the writer exited with ${code}`)));
    });
    const results = [];
    for (let round = 0; round < 6; round++) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            clerk.gql(REGISTER, { input: { itemCode: item.code, applicant: { name: "李四", idNumber: idNumber(`4210811990020${String(1000 + round * 10 + i).slice(-4)}`), phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: newKey() } }),
          ),
        )),
      );
    }
    const report = await new Promise<{ commits: number; errors: string[] }>((resolve) => {
      child.once("message", (m) => resolve(m as { commits: number; errors: string[] }));
      child.send("stop");
    });
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.registerCase.userErrors).toEqual([]);
    }
    expect(new Set(results.map((r) => r.data?.registerCase.case.number)).size).toBe(60);
    expect(report.errors).toEqual([]);
    expect(report.commits).toBeGreaterThan(0);
  });

  it("checkpoints the write-ahead log in a thread of its own: the server's connection only past the safety net", async () => {
    const [{ wal_autocheckpoint: pages }] = await t.app.services.db.manager.query("PRAGMA wal_autocheckpoint");
    expect(pages).toBe(SAFETY_NET_PAGES);
    const checkpointer = t.app.checkpointer!;
    expect(checkpointer).toBeDefined();
    const before = checkpointer.stats;
    const clerk = await as(clerkOf(item));
    for (let i = 0; i < 10; i++) {
      const r = await clerk.gql(REGISTER, { input: { itemCode: item.code, applicant: { name: "王五", idNumber: idNumber(`4210811991030${String(2000 + i).slice(-4)}`), phone: "13971234567" }, materialIds: item.materialIds, idempotencyKey: newKey() } });
      expect(r.data?.registerCase.userErrors).toEqual([]);
    }
    const deadline = Date.now() + 10_000;
    while (checkpointer.stats.pages <= before.pages && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checkpointer.stats.checkpoints).toBeGreaterThan(before.checkpoints);
    expect(checkpointer.stats.pages).toBeGreaterThan(before.pages);
    // A checkpoint running beside the server's writes loses nothing: every registration is there.
    const [{ n }] = await t.app.services.db.manager.query(`SELECT COUNT(*) AS n FROM case_file WHERE "applicantName" = '王五'`);
    expect(Number(n)).toBe(10);
  });
});

