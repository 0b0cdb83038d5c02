import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app";

describe("the public guide (G2)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("finds items by a Chinese search term, without login", async () => {
    const { serviceItems } = await t.anonymous().ok(`{ serviceItems(search: "户口", first: 50) { totalCount nodes { code name } } }`);
    expect(serviceItems.totalCount).toBeGreaterThan(0);
    for (const item of serviceItems.nodes) expect(item.name).toContain("户口");
  });

  it("filters by level, category, department and code", async () => {
    const client = t.anonymous();
    const township = await client.ok(`{ serviceItems(level: TOWNSHIP, category: "司法调解", first: 50) { totalCount nodes { level category } } }`);
    expect(township.serviceItems.totalCount).toBeGreaterThanOrEqual(2);
    for (const item of township.serviceItems.nodes) expect(item).toEqual({ level: "TOWNSHIP", category: "司法调解" });
    const gaj = await client.ok(`{ serviceItems(departmentCode: "GAJ", first: 100) { totalCount nodes { department { code } } } }`);
    expect(gaj.serviceItems.totalCount).toBeGreaterThan(3);
    for (const item of gaj.serviceItems.nodes) expect(item.department.code).toBe("GAJ");
    const byCode = await client.ok(`{ serviceItems(search: "XZ-0", first: 100) { totalCount } }`);
    expect(byCode.serviceItems.totalCount).toBe(9);
    const wildcard = await client.ok(`{ serviceItems(search: "%", first: 1) { totalCount } }`);
    expect(wildcard.serviceItems.totalCount).toBe(0);
  });

  it("publishes the five disclosures of an item with a fee", async () => {
    const client = t.anonymous();
    const found = await client.ok(`{ serviceItems(first: 100, level: CITY) { nodes { code feeStandards { id } } } }`);
    const code = found.serviceItems.nodes.find((i: { feeStandards: unknown[] }) => i.feeStandards.length > 0)?.code;
    expect(code).toBeDefined();
    const { serviceItem } = await client.ok(
      `query($code: String!) { serviceItem(code: $code) {
        code name department { name } acceptingWindows { code point { level } }
        guide { content promisedLimitDays legalLimitDays feeBasis
          procedure { seq name description } materials { seq name originals copies required }
          feeStandards { name amountFen unit legalBasis version } } } }`,
      { code },
    );
    const guide = serviceItem.guide;
    expect(guide.content.length).toBeGreaterThan(5);
    expect(guide.procedure.length).toBeGreaterThanOrEqual(3);
    expect(guide.materials.length).toBeGreaterThanOrEqual(2);
    expect(guide.materials.map((m: { seq: number }) => m.seq)).toEqual(guide.materials.map((_: unknown, i: number) => i + 1));
    expect(guide.promisedLimitDays).toBeLessThanOrEqual(guide.legalLimitDays);
    expect(guide.feeStandards[0].amountFen).toBeGreaterThan(0);
    expect(guide.feeBasis).toContain(guide.feeStandards[0].legalBasis);
    expect(serviceItem.acceptingWindows).toHaveLength(1);
    expect(serviceItem.acceptingWindows[0].point.level).toBe("CITY");
  });

  it("answers null for an unknown item code", async () => {
    expect((await t.anonymous().ok(`{ serviceItem(code: "NOPE-1") { code } }`)).serviceItem).toBeNull();
  });

  it("runs the same number of SQL statements for 100 items as for 10 (no query per row)", async () => {
    const query = `query($first: Int!) { serviceItems(first: $first, level: CITY) { nodes {
      code department { name windows { code } } acceptingWindows { code point { name } }
      materials { name } procedure { name } feeStandards { amountFen } coDepartments { name } } } }`;
    const client = t.anonymous();
    const count = async (first: number) => {
      const before = t.app.services.db.statements.count;
      const data = await client.ok(query, { first });
      expect(data.serviceItems.nodes).toHaveLength(first);
      return t.app.services.db.statements.count - before;
    };
    await count(5); // warm-up
    const ten = await count(10);
    const hundred = await count(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(12);
  });
});

describe("catalogue administration", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const CREATE = `mutation($input: CreateServiceItemInput!) { createServiceItem(input: $input) { item { code version department { code } coDepartments { code } } userErrors { field message code rule } } }`;
  const base = {
    code: "GAJ-900",
    name: "犬类登记",
    level: "CITY",
    departmentCode: "GAJ",
    category: "公共安全",
    defaultKind: "COMMITTED",
    legalLimitDays: 20,
    promisedLimitDays: 10,
    content: "城区养犬登记。",
    legalBasis: "《石首市养犬管理规定》第八条",
  };

  it("creates an item, then updates it with a version check", async () => {
    const admin = await t.as("admin");
    const created = await admin.ok(CREATE, { input: { ...base, defaultKind: "JOINT", legalLimitDays: 45, coDepartmentCodes: ["MZJ"] } });
    expect(created.createServiceItem).toEqual({
      item: { code: "GAJ-900", version: 1, department: { code: "GAJ" }, coDepartments: [{ code: "MZJ" }] },
      userErrors: [],
    });
    const UPDATE = `mutation($input: UpdateServiceItemInput!) { updateServiceItem(input: $input) { item { name version promisedLimitDays } userErrors { code field } } }`;
    const first = await admin.ok(UPDATE, { input: { code: "GAJ-900", version: 1, name: "养犬登记", promisedLimitDays: 5 } });
    expect(first.updateServiceItem.item).toEqual({ name: "养犬登记", version: 2, promisedLimitDays: 5 });
    const stale = await admin.ok(UPDATE, { input: { code: "GAJ-900", version: 1, name: "旧版本覆盖" } });
    expect(stale.updateServiceItem).toEqual({ item: null, userErrors: [{ code: "STALE_VERSION", field: ["input", "version"] }] });
    const tooLong = await admin.ok(UPDATE, { input: { code: "GAJ-900", version: 2, promisedLimitDays: 60 } });
    expect(tooLong.updateServiceItem.userErrors).toEqual([{ code: "INVALID", field: ["input", "promisedLimitDays"] }]);
    expect((await admin.ok(`{ serviceItem(code: "GAJ-900") { name version promisedLimitDays } }`)).serviceItem).toEqual({
      name: "养犬登记",
      version: 2,
      promisedLimitDays: 5,
    });
  });

  it("refuses items that break G1, and duplicates", async () => {
    const admin = await t.as("admin");
    const cases = [
      [{ ...base, code: "GAJ-911", promisedLimitDays: 30 }, ["input", "promisedLimitDays"], "G1"],
      [{ ...base, code: "GAJ-912", defaultKind: "REPORTED_UP" }, ["input", "higherAuthority"], "G1"],
      [{ ...base, code: "GAJ-913", coDepartmentCodes: ["GAJ"] }, ["input", "coDepartmentCodes"], "G1"],
      [{ ...base, code: "GAJ-914", departmentCode: "NOPE" }, ["input", "departmentCode"], null],
      [{ ...base, code: "GAJ-001" }, ["input", "code"], null],
    ] as const;
    for (const [input, field, rule] of cases) {
      const result = await admin.ok(CREATE, { input });
      expect(result.createServiceItem.item).toBeNull();
      expect(result.createServiceItem.userErrors[0]).toMatchObject({ field, rule });
    }
    const kind = await admin.gql(CREATE, { input: { ...base, code: "GAJ-915", defaultKind: "RETURNED" } });
    expect(kind.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const { serviceItems } = await admin.ok(`{ serviceItems(search: "GAJ-91", first: 10) { totalCount } }`);
    expect(serviceItems.totalCount).toBe(0);
  });

  it("accepts an item at one window per point only (N4)", async () => {
    const admin = await t.as("admin");
    const ASSIGN = `mutation($input: AssignItemInput!) { assignItemToWindow(input: $input) { window { code items { code } } userErrors { code rule message } } }`;
    const { serviceItem } = await admin.ok(`{ serviceItem(code: "GAJ-001") { acceptingWindows { code } } }`);
    const current = serviceItem.acceptingWindows[0].code;
    const other = current === "C02" ? "C03" : "C02";
    const refused = await admin.ok(ASSIGN, { input: { itemCode: "GAJ-001", windowCode: other } });
    expect(refused.assignItemToWindow).toMatchObject({ window: null, userErrors: [{ code: "DUPLICATE", rule: "N4" }] });
    expect(refused.assignItemToWindow.userErrors[0].message).toContain(current);
    const township = await admin.ok(ASSIGN, { input: { itemCode: "GAJ-001", windowCode: "T05-01" } });
    expect(township.assignItemToWindow.userErrors).toEqual([]);
    expect(township.assignItemToWindow.window.items.map((i: { code: string }) => i.code)).toContain("GAJ-001");
    const finance = await admin.ok(`{ serviceWindows(kind: FINANCE, pointCode: "421081", first: 1) { nodes { code } } }`);
    const toFinance = await admin.ok(ASSIGN, { input: { itemCode: "GAJ-002", windowCode: finance.serviceWindows.nodes[0].code } });
    expect(toFinance.assignItemToWindow.userErrors[0].rule).toBe("N3");
  });

  it("delegates a city item to a township and revokes it, keeping the record (G4)", async () => {
    const admin = await t.as("admin");
    const DELEGATE = `mutation($input: DelegateItemInput!) { delegateItem(input: $input) { delegation { id mode township { code } item { code } } userErrors { code rule field } } }`;
    const ok = await admin.ok(DELEGATE, { input: { itemCode: "GAJ-002", townshipCode: "421081002", mode: "HANDLE" } });
    expect(ok.delegateItem.delegation).toMatchObject({ mode: "HANDLE", township: { code: "421081002" }, item: { code: "GAJ-002" } });
    const twice = await admin.ok(DELEGATE, { input: { itemCode: "GAJ-002", townshipCode: "421081002", mode: "PROXY" } });
    expect(twice.delegateItem.userErrors).toEqual([{ code: "DUPLICATE", rule: "G4", field: ["input", "itemCode"] }]);
    const townshipItem = await admin.ok(DELEGATE, { input: { itemCode: "XZ-01", townshipCode: "421081002", mode: "HANDLE" } });
    expect(townshipItem.delegateItem.userErrors[0]).toMatchObject({ rule: "G4" });
    const toCity = await admin.ok(DELEGATE, { input: { itemCode: "GAJ-003", townshipCode: "421081", mode: "HANDLE" } });
    expect(toCity.delegateItem.userErrors[0]).toMatchObject({ code: "NOT_FOUND", field: ["input", "townshipCode"] });
    const revoked = await admin.ok(`mutation($input: RevokeDelegationInput!) { revokeItemDelegation(input: $input) { delegation { revokedAt revokeReason } userErrors { message } } }`, {
      input: { id: ok.delegateItem.delegation.id, reason: "乡镇不具备办理条件" },
    });
    expect(revoked.revokeItemDelegation.delegation.revokeReason).toBe("乡镇不具备办理条件");
    const { serviceItem } = await admin.ok(`{ serviceItem(code: "GAJ-002") { delegations { revokedAt revokeReason } } }`);
    expect(serviceItem.delegations).toHaveLength(1);
    expect(serviceItem.delegations[0].revokedAt).not.toBeNull();
  });

  it("adds and withdraws materials; the guide shows only those in force", async () => {
    const admin = await t.as("admin");
    const added = await admin.ok(`mutation($input: AddMaterialInput!) { addMaterial(input: $input) { material { id seq name } userErrors { code } } }`, {
      input: { itemCode: "GAJ-003", name: "近期免冠照片", copies: 2 },
    });
    const material = added.addMaterial.material;
    const guide = async () => (await t.anonymous().ok(`{ serviceItem(code: "GAJ-003") { guide { materials { id name } } } }`)).serviceItem.guide.materials;
    expect((await guide()).map((m: { name: string }) => m.name)).toContain("近期免冠照片");
    const dup = await admin.ok(`mutation($input: AddMaterialInput!) { addMaterial(input: $input) { material { id } userErrors { code } } }`, {
      input: { itemCode: "GAJ-003", name: "近期免冠照片" },
    });
    expect(dup.addMaterial.userErrors).toEqual([{ code: "DUPLICATE" }]);
    await admin.ok(`mutation($id: ID!) { deactivateMaterial(id: $id) { material { active } userErrors { code } } }`, { id: material.id });
    expect((await guide()).map((m: { id: string }) => m.id)).not.toContain(material.id);
  });
});
