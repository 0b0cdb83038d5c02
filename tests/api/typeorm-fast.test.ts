import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SelectQueryBuilder, ObjectLiteral } from "typeorm";
import { ManualClock } from "../../server/src/common/clock";
import { withoutTypeormFastPaths } from "../../server/src/db/typeorm-fast";
import { ServiceItem } from "../../server/src/modules/catalogue/service-item.entity";
import { CasePause, Decision } from "../../server/src/modules/cases/case-records.entity";
import { Case, CaseEvent } from "../../server/src/modules/cases/case.entity";
import { Staff } from "../../server/src/modules/staff/staff.entity";
import { startTestApp, type TestApp } from "../support/app";
import { seedHistory } from "../support/history";

const clock = new ManualClock(new Date("2026-11-30T10:00:00Z"));

// Issue 11: server/src/db/typeorm-fast.ts keeps two steps of TypeORM's query building and hydrates plain rows
// itself. Whatever the query, the SQL and the entities must be exactly TypeORM's own.
describe("TypeORM's fast paths give TypeORM's answers", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    await seedHistory(t, 150, clock.now(), false);
  }, 180_000);
  afterAll(() => t.close());

  const em = () => t.app.services.db.manager;
  /** Each builder twice: its SQL and parameters, and its entities (class, own properties and values). */
  async function both<T extends ObjectLiteral>(make: () => SelectQueryBuilder<T>) {
    const run = async () => {
      const qb = make();
      const [sql, params] = qb.getQueryAndParameters();
      const rows = await make().getMany();
      return { sql, params, classes: rows.map((r) => r.constructor.name), rows: JSON.parse(JSON.stringify(rows)), dates: rows.flatMap((r) => Object.values(r).filter((v) => v instanceof Date).map((d) => (d as Date).toISOString())) };
    };
    const fast = await run();
    const slow = await withoutTypeormFastPaths(run);
    return { fast, slow };
  }

  const shapes: [string, () => SelectQueryBuilder<ObjectLiteral>][] = [
    ["cases, all columns, ordered, limited", () => em().getRepository(Case).createQueryBuilder("c").where("c.status = :s", { s: "CLOSED" }).orderBy("c.id", "DESC").limit(25)],
    ["cases with a filter on a property name and an IN list", () => em().getRepository(Case).createQueryBuilder("c").where("c.windowId IN (:...w)", { w: [1, 2, 3, 18, 20] }).andWhere("c.registeredPointId > :p", { p: 0 }).orderBy("c.number").limit(30)],
    ["cases, a partial selection", () => em().getRepository(Case).createQueryBuilder("c").select(["c.id", "c.number", "c.deadline", "c.registeredAt"]).orderBy("c.id").limit(20)],
    ["cases joined to their events without selecting them (rows repeat per case)", () => em().getRepository(Case).createQueryBuilder("c").innerJoin(CaseEvent, "e", `e."caseId" = c.id`).orderBy("c.id").limit(60)],
    ["cases with their items selected (TypeORM's own way)", () => em().getRepository(Case).createQueryBuilder("c").leftJoinAndMapOne("c.itemRow", ServiceItem, "i", "i.id = c.itemId").orderBy("c.id").limit(10)],
    ["decisions (dates and text)", () => em().getRepository(Decision).createQueryBuilder("d").orderBy("d.id").limit(40)],
    ["pauses", () => em().getRepository(CasePause).createQueryBuilder("p").orderBy("p.id").limit(40)],
    ["items (booleans, numbers)", () => em().getRepository(ServiceItem).createQueryBuilder("i").where("i.active = :a", { a: true }).orderBy("i.code").limit(50)],
    ["staff", () => em().getRepository(Staff).createQueryBuilder("s").orderBy("s.id")],
  ];

  it.each(shapes)("%s", async (_name, make) => {
    const { fast, slow } = await both(make);
    expect(fast.sql).toBe(slow.sql);
    expect(fast.params).toEqual(slow.params);
    expect(fast.classes).toEqual(slow.classes);
    expect(fast.rows).toEqual(slow.rows);
    expect(fast.dates).toEqual(slow.dates);
    expect(fast.rows.length).toBeGreaterThan(0);
  });

  it("repository finds and relations load the same entities", async () => {
    const run = async () => {
      const one = await em().getRepository(Case).findOne({ where: { status: "CLOSED" as never }, order: { id: "ASC" } });
      const many = await em().getRepository(Decision).find({ take: 15, order: { id: "DESC" } });
      return JSON.parse(JSON.stringify({ one, many }));
    };
    const fast = await run();
    expect(fast.many.length).toBe(15);
    expect(fast).toEqual(await withoutTypeormFastPaths(run));
  });

  it("the same statement under two aliases' entities is rewritten for each", async () => {
    const a = em().getRepository(Case).createQueryBuilder("x").where("x.number = :n", { n: "1" }).getQuery();
    const b = em().getRepository(ServiceItem).createQueryBuilder("x").where("x.code = :n", { n: "1" }).getQuery();
    const [a2, b2] = await withoutTypeormFastPaths(async () => [
      em().getRepository(Case).createQueryBuilder("x").where("x.number = :n", { n: "1" }).getQuery(),
      em().getRepository(ServiceItem).createQueryBuilder("x").where("x.code = :n", { n: "1" }).getQuery(),
    ]);
    expect([a, b]).toEqual([a2, b2]);
    expect(a).not.toBe(b);
  });
});
