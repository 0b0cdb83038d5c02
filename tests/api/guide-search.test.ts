import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../server/src/common/context";
import { catalogueService } from "../../server/src/modules/catalogue/catalogue.service";
import { applySearch, guideSearchService } from "../../server/src/modules/guide/guide-search.service";
import { startTestApp, type TestApp } from "../support/app";

const SEARCH = `query($s: String, $first: Int!) {
  guideSearch(search: $s, first: $first) { query synonyms correctedTo suggestions items { totalCount nodes { code name } } }
}`;

type Found = { query: string; synonyms: string[]; correctedTo: string | null; suggestions: string[]; items: { totalCount: number; nodes: { code: string; name: string }[] } };

describe("the guide's search (G2, issue 9 §6)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const search = async (s: string, first = 100): Promise<Found> => (await t.anonymous().ok(SEARCH, { s, first })).guideSearch;
  const names = (found: Found) => found.items.nodes.map((n) => n.name);

  it("finds the enterprise registration (设立登记) items for 营业执照, through the admin's synonyms", async () => {
    const found = await search("营业执照");
    expect(found.synonyms).toContain("设立登记");
    expect(found.items.totalCount).toBeGreaterThanOrEqual(8);
    expect(names(found)).toEqual(expect.arrayContaining(["有限责任公司设立登记", "个体工商户设立登记", "农民专业合作社设立登记"]));
    for (const name of names(found)) expect(name).toContain("设立登记");
    // Typed inside a sentence, with full-width punctuation, it still finds them.
    expect((await search("营业执照怎么办？")).items.totalCount).toBe(found.items.totalCount);
  });

  it("finds what citizens call 社保, 低保, 户籍证明 and 户口本", async () => {
    const shebao = names(await search("社保"));
    expect(shebao).toEqual(expect.arrayContaining(["社会保险关系转移接续", "城乡居民基本养老保险参保登记", "城乡居民基本医疗保险参保登记"]));
    expect(names(await search("低保"))).toContain("城乡居民最低生活保障审批");
    expect(names(await search("户籍证明"))).toContain("户籍证明出具");
    expect(names(await search("户口证明"))).toContain("户籍证明出具");
    expect(names(await search("户口本"))).toContain("居民户口簿补领");
  });

  it("finds by pinyin initials: of a common name (yyzz) and inside an item name (hjzm)", async () => {
    const byInitials = await search("yyzz");
    const byName = await search("营业执照");
    expect(byInitials.items.nodes.map((n) => n.code).sort()).toEqual(byName.items.nodes.map((n) => n.code).sort());
    expect(names(await search("hjzm"))).toContain("户籍证明出具");
    expect(names(await search("DB"))).toContain("城乡居民最低生活保障审批"); // folded to lower case
  });

  it("finds by part of a code, as before", async () => {
    expect((await search("XZ-0")).items.totalCount).toBe(9);
    expect((await search("ｇａｊ－００１")).items.nodes.map((n) => n.code)).toEqual(["GAJ-001"]); // full-width folded
  });

  it("tolerates a typo: the nearest known word is searched instead, and said so", async () => {
    const typo = await search("营业执招");
    expect(typo.correctedTo).toBe("营业执照");
    expect(names(typo)).toContain("有限责任公司设立登记");
    const inName = await search("设立登纪");
    expect(inName.correctedTo).toBe("设立登记");
    expect(inName.items.totalCount).toBeGreaterThanOrEqual(8);
    const initials = await search("yyzh");
    expect(initials.correctedTo).toBe("营业执照");
    expect(initials.items.totalCount).toBeGreaterThanOrEqual(8);
    // A word that is found is never "corrected".
    expect((await search("户口")).correctedTo).toBeNull();
  });

  it("suggests words when nothing matches, each of which finds something", async () => {
    const none = await search("量子纠缠");
    expect(none.items.totalCount).toBe(0);
    expect(none.correctedTo).toBeNull();
    expect(none.suggestions.length).toBeGreaterThan(0);
    for (const word of none.suggestions) expect((await search(word)).items.totalCount).toBeGreaterThan(0);
    const near = await search("结婚离婚登记证");
    expect(near.items.totalCount).toBe(0);
    expect(near.suggestions.some((w) => w.includes("结婚") || w.includes("离婚"))).toBe(true);
  });

  it("treats wildcards and metacharacters literally: they never widen a search nor break it", async () => {
    const all = (await search("")).items.totalCount;
    expect(all).toBe(500);
    for (const s of ["%", "_", "%%", "*", "\\", "'", '"', "'; DROP TABLE service_item; --", ".*", "^$", "(", "NEAR(", "OR"]) {
      const result = await t.anonymous().gql(SEARCH, { s, first: 5 });
      expect(result.errors, s).toBeUndefined();
      expect(result.data!.guideSearch.items.totalCount, s).toBe(0);
    }
    const plain = await search("设立登记");
    for (const s of ["设立登记%", "设立_登记", "设立登记*", '"设立登记"', "设立 OR 登记"]) {
      const found = await search(s);
      expect(found.items.totalCount, s).toBeLessThanOrEqual(plain.items.totalCount);
      for (const name of names(found)) expect(name, s).toContain("设立");
    }
    expect((await search("设立登记%")).items.totalCount).toBe(plain.items.totalCount);
    // serviceItems shares the matching: "%" finds nothing there either.
    expect((await t.anonymous().ok(`{ serviceItems(search: "%", first: 1) { totalCount } }`)).serviceItems.totalCount).toBe(0);
  });

  it("refuses a 500-character query with a typed error naming the field", async () => {
    const result = await t.anonymous().gql(SEARCH, { s: "营".repeat(500), first: 5 });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(result.errors?.[0].extensions)).toContain("search");
  });

  it("runs a constant number of SQL statements, whatever the query finds", async () => {
    const statements = async (s: string, first = 20) => {
      const before = t.app.services.db.statements.count;
      await t.anonymous().ok(SEARCH, { s, first });
      return t.app.services.db.statements.count - before;
    };
    await statements("登记"); // warm-up
    const many = await statements("登记", 100);
    const one = await statements("户籍证明");
    const synonym = await statements("社保");
    expect(one).toBe(many);
    expect(synonym).toBe(many);
    const typo = await statements("营业执招");
    const nothing = await statements("量子纠缠");
    // Nothing found on the first page: two more to find the nearest word, and the corrected search.
    expect(typo).toBeLessThanOrEqual(many + 3);
    expect(nothing).toBeLessThanOrEqual(many + 3);
    expect(await statements("营业执招", 100)).toBe(typo);
  });

  it("uses the full-text index (query plan)", async () => {
    const ctx = { db: t.app.services.db } as RequestContext;
    const plan = await guideSearchService.plan(ctx, "营业执照");
    const qb = await catalogueService.itemsQuery(ctx, { first: 20 });
    applySearch(qb, t.engine, plan);
    const [sql, params] = qb.orderBy("i.code").limit(21).getQueryAndParameters();
    if (t.engine === "sqlite") {
      const rows: { detail: string }[] = await t.app.services.db.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params);
      const details = rows.map((r) => r.detail).join("; ");
      expect(details).toMatch(/VIRTUAL TABLE INDEX \d+:M/); // the FTS5 MATCH, not a scan of names
      expect(details).not.toMatch(/SCAN item_search\b/);
    } else {
      // Few rows make a sequential scan cheapest; with it priced out the plan shows the GIN index is usable.
      const runner = t.app.services.db.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query("SET LOCAL enable_seqscan = off");
        const rows: { "QUERY PLAN": string }[] = await runner.query(`EXPLAIN ${sql}`, params);
        expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("IDX_item_search_text_fts");
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
    }
  });

  it("keeps the index in step with the catalogue: a new item is found, a renamed one under its new name", async () => {
    const admin = await t.as("admin");
    const created = await admin.ok(
      `mutation($input: CreateServiceItemInput!) { createServiceItem(input: $input) { item { code } userErrors { message } } }`,
      {
        input: {
          code: "GAJ-950", name: "犬只登记证核发", level: "CITY", departmentCode: "GAJ", category: "公安", defaultKind: "IMMEDIATE",
          legalLimitDays: 20, promisedLimitDays: 10, content: "城区养犬登记。", legalBasis: "《石首市养犬管理规定》第八条", coDepartmentCodes: [],
        },
      },
    );
    expect(created.createServiceItem.userErrors).toEqual([]);
    expect(names(await search("犬只登记"))).toEqual(["犬只登记证核发"]);
    expect(names(await search("qzdj"))).toEqual(["犬只登记证核发"]);
    await admin.ok(`mutation { updateServiceItem(input: { code: "GAJ-950", version: 1, name: "宠物犬登记" }) { item { name } } }`);
    expect(names(await search("宠物犬"))).toEqual(["宠物犬登记"]);
    // The old name is found no more (the guide search now corrects it to the nearest stretch of the new one).
    expect((await t.anonymous().ok(`{ serviceItems(search: "犬只登记", first: 5) { totalCount } }`)).serviceItems.totalCount).toBe(0);
  });

  it("lets the centre's admin keep the synonyms: add, refuse bad ones, remove (audited)", async () => {
    const admin = await t.as("admin");
    const ADD = `mutation($input: AddSearchSynonymInput!) { addSearchSynonym(input: $input) { synonym { id term initials target } userErrors { code field reason rule } } }`;
    expect((await search("开饭店")).items.totalCount).toBe(0);
    const added = (await admin.ok(ADD, { input: { term: "开饭店", target: "食品经营许可" } })).addSearchSynonym;
    expect(added.synonym).toMatchObject({ term: "开饭店", initials: "kfd", target: "食品经营许可" });
    const found = await search("开饭店");
    expect(found.items.totalCount).toBeGreaterThan(0);
    for (const name of names(found)) expect(name).toContain("食品经营许可");
    expect((await t.anonymous().ok(`{ searchSynonyms { term target } }`)).searchSynonyms).toContainEqual({ term: "开饭店", target: "食品经营许可" });

    const refused = async (input: object) => (await admin.ok(ADD, { input })).addSearchSynonym.userErrors[0];
    expect(await refused({ term: "开饭店", target: "食品经营许可" })).toMatchObject({ code: "DUPLICATE", reason: "SEARCH_SYNONYM_DUPLICATE" });
    expect(await refused({ term: "%%", target: "食品" })).toMatchObject({ code: "INVALID", field: ["input", "term"], reason: "SEARCH_SYNONYM_TEXT" });
    expect(await refused({ term: "证", target: "食品" })).toMatchObject({ field: ["input", "term"], reason: "SEARCH_SYNONYM_TEXT" });
    expect(await refused({ term: "开店", target: "食品_许可" })).toMatchObject({ field: ["input", "target"], reason: "SEARCH_SYNONYM_TEXT" });

    const anonymous = await t.anonymous().gql(ADD, { input: { term: "开超市", target: "食品" } });
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const clerk = await (await t.as("c01")).gql(ADD, { input: { term: "开超市", target: "食品" } });
    expect(clerk.errors?.[0].extensions?.code).toBe("FORBIDDEN");

    const REMOVE = `mutation($id: ID!) { removeSearchSynonym(id: $id) { synonym { term } userErrors { reason } } }`;
    expect((await admin.ok(REMOVE, { id: added.synonym.id })).removeSearchSynonym.synonym).toEqual({ term: "开饭店" });
    expect((await admin.ok(REMOVE, { id: added.synonym.id })).removeSearchSynonym.userErrors).toEqual([{ reason: "SEARCH_SYNONYM_NOT_FOUND" }]);
    expect((await search("开饭店")).items.totalCount).toBe(0);
    const audit = await t.app.services.db.dataSource.query(`SELECT action FROM audit_entry WHERE action LIKE 'searchSynonym.%' ORDER BY id`);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(["searchSynonym.add", "searchSynonym.remove"]);
  });

  it("gives the item page where, when and whom to call: address, phone, office hours, a PERIODIC window's weekdays", async () => {
    const client = t.anonymous();
    const ITEM = `query($c: String!) { serviceItem(code: $c) {
      acceptingWindows { code kind number name point { name address phone officeHours } }
      periodicWindows { code kind name point { name level address phone } schedules { weekday startTime endTime note active } }
      delegations { mode revokedAt township { name address phone officeHours } } } }`;
    // 个体工商户设立登记 (SJJ): the market regulator's 工商窗口 team visits each township on its weekday (N6).
    const { serviceItem } = await client.ok(ITEM, { c: "SJJ-015" });
    expect(serviceItem.periodicWindows).toHaveLength(15);
    for (const window of serviceItem.periodicWindows) {
      expect(window).toMatchObject({ kind: "PERIODIC", name: "工商窗口", point: { level: "TOWNSHIP" } });
      expect(window.point.address).toBeTruthy();
      expect(window.schedules.length).toBeGreaterThan(0);
      for (const slot of window.schedules) {
        expect(slot.weekday).toBeGreaterThanOrEqual(1);
        expect(slot.weekday).toBeLessThanOrEqual(5);
        expect(slot.startTime).toMatch(/^\d{2}:\d{2}$/);
        expect(slot.note).toContain("市场监管所");
      }
    }
    for (const w of serviceItem.acceptingWindows) {
      expect(w.point.address).toBeTruthy();
      expect(w.point.phone).toMatch(/^0716-/);
      expect(w.point.officeHours).toEqual(["08:30-12:00", "14:30-17:30"]);
    }
  });
});
