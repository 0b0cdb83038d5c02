import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";

describe("migrations", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("build exactly the schema the entities describe (no change left for a new migration)", async () => {
    const pending = await t.app.services.db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("have all run, in order", async () => {
    const ran = await t.app.services.db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
    expect(ran.map((r: { name: string }) => r.name)).toEqual(t.app.services.db.dataSource.migrations.map((m) => m.name));
  });
});
