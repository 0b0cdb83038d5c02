import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type ApiClient, type TestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CITY_ONLY, clerkOf, registerAt } from "../support/case-steps";

const MATERIAL = `id seq name description originals copies required active`;
const UPDATE = `mutation($input: UpdateMaterialInput!) { updateMaterial(input: $input) { material { ${MATERIAL} } userErrors { field code rule reason } } }`;
import { fromGlobalId } from "../../server/src/common/node-id";
const ADD = `mutation($input: AddMaterialInput!) { addMaterial(input: $input) { material { id name } userErrors { code } } }`;
const DEACTIVATE = `mutation($id: ID!) { deactivateMaterial(id: $id) { material { active } userErrors { code } } }`;
const HISTORY = `query($code: String!) { serviceItem(code: $code) { version guideHistory { version change subject by at name promisedLimitDays materials { id dbId name copies } } } }`;
const PUBLIC_GUIDE = `query($code: String!) { serviceItem(code: $code) { version guide { materials { id name description copies } } } }`;

describe("admin: an item's materials, edited with the guide's version history (G1, G2)", () => {
  let t: TestApp;
  let admin: ApiClient;
  let item: ItemFixture;
  let first: { id: string; name: string; copies: number };
  let startVersion: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as("admin");
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND (SELECT COUNT(*) FROM material m WHERE m."itemId" = i.id AND m.active = TRUE) >= 2`);
    const guide = (await t.anonymous().ok(PUBLIC_GUIDE, { code: item.code })).serviceItem;
    first = guide.guide.materials[0];
    startVersion = guide.version;
  });
  afterAll(() => t.close());
  // The guide's history keeps materials by database id; the API gives the material's global id (dbId deprecated).
  const materialDbId = () => Number(fromGlobalId(first.id)!.key);

  it("is the admin's only: a clerk may neither edit a material nor read the history", async () => {
    const clerk = await t.as(clerkOf(item));
    expect((await clerk.gql(UPDATE, { input: { id: first.id, name: "改名" } })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await clerk.gql(HISTORY, { code: item.code })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.anonymous().gql(UPDATE, { input: { id: first.id, name: "改名" } })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await admin.ok(HISTORY, { code: item.code })).serviceItem.guideHistory).toEqual([]);
  });

  it("refuses an unknown material, no change, a taken name and counts out of range, naming the field and writing nothing", async () => {
    const guide = (await t.anonymous().ok(PUBLIC_GUIDE, { code: item.code })).serviceItem.guide;
    const refused: [Record<string, unknown>, string[], string, string][] = [
      [{ id: "999999", name: "x" }, ["input", "id"], "NOT_FOUND", "MATERIAL_NOT_FOUND"],
      [{ id: first.id, name: first.name, copies: first.copies }, ["input", "name"], "INVALID", "MATERIAL_UNCHANGED"],
      [{ id: first.id, name: guide.materials[1].name }, ["input", "name"], "DUPLICATE", "MATERIAL_NAME_TAKEN"],
    ];
    for (const [input, field, code, reason] of refused) {
      expect((await admin.ok(UPDATE, { input })).updateMaterial, reason).toEqual({ material: null, userErrors: [{ field, code, rule: "G1", reason }] });
    }
    for (const [input, field] of [[{ id: first.id, copies: 21 }, "input.copies"], [{ id: first.id, name: " " }, "input.name"], [{ id: "abc" }, "input.id"]] as const) {
      const bad = await admin.gql(UPDATE, { input });
      expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(bad.errors?.[0].extensions?.fields?.[0].field).toBe(field);
    }
    const after = (await admin.ok(HISTORY, { code: item.code })).serviceItem;
    expect(after).toEqual({ version: startVersion, guideHistory: [] });
  });

  it("edits a material in place: the public guide shows the new wording, the history keeps the old one as the baseline", async () => {
    const edited = (await admin.ok(UPDATE, { input: { id: first.id, name: "居民身份证（原件及复印件）", description: "申请人本人的有效证件", copies: 2 } })).updateMaterial;
    expect(edited.userErrors).toEqual([]);
    expect(edited.material).toMatchObject({ id: first.id, name: "居民身份证（原件及复印件）", description: "申请人本人的有效证件", copies: 2, active: true });

    const guide = (await t.anonymous().ok(PUBLIC_GUIDE, { code: item.code })).serviceItem;
    expect(guide.version).toBe(startVersion + 1);
    expect(guide.guide.materials[0]).toEqual({ id: first.id, name: "居民身份证（原件及复印件）", description: "申请人本人的有效证件", copies: 2 });

    const history = (await admin.ok(HISTORY, { code: item.code })).serviceItem.guideHistory;
    expect(history.map((v: { version: number; change: string; subject: string | null; by: string }) => [v.version, v.change, v.subject, v.by])).toEqual([
      [startVersion + 1, "MATERIAL_UPDATED", "居民身份证（原件及复印件）", "admin"],
      [startVersion, "BASELINE", null, "system"],
    ]);
    expect(history[1].materials[0]).toEqual({ id: first.id, dbId: materialDbId(), name: first.name, copies: first.copies });
    expect(history[0].materials[0]).toEqual({ id: first.id, dbId: materialDbId(), name: "居民身份证（原件及复印件）", copies: 2 });
    // The snapshot's id is the material's global ID: node(id) gives the material as it is now.
    const now = (await admin.ok(`query($id: ID!) { node(id: $id) { ... on Material { id name copies } } }`, { id: history[1].materials[0].id })).node;
    expect(now).toEqual({ id: first.id, name: "居民身份证（原件及复印件）", copies: 2 });

    // The same id: intake against the published list still accepts it (G3).
    const clerk = await t.as(clerkOf(item));
    expect((await registerAt(clerk, item)).number).toMatch(/^421081\d{14}$/);
  });

  it("adds a version for every change of the guide: a material added or withdrawn, the item itself changed", async () => {
    const added = (await admin.ok(ADD, { input: { itemCode: item.code, name: "委托书", required: false } })).addMaterial.material;
    await admin.ok(DEACTIVATE, { id: added.id });
    const version = (await admin.ok(HISTORY, { code: item.code })).serviceItem.version;
    const updated = await admin.ok(`mutation($input: UpdateServiceItemInput!) { updateServiceItem(input: $input) { item { version } userErrors { code } } }`, {
      input: { code: item.code, version, promisedLimitDays: 3 },
    });
    expect(updated.updateServiceItem).toEqual({ item: { version: version + 1 }, userErrors: [] });
    const { serviceItem } = await admin.ok(HISTORY, { code: item.code });
    expect(serviceItem.guideHistory.map((v: { version: number; change: string; subject: string | null }) => [v.version, v.change, v.subject])).toEqual([
      [startVersion + 4, "ITEM_UPDATED", null],
      [startVersion + 3, "MATERIAL_DEACTIVATED", "委托书"],
      [startVersion + 2, "MATERIAL_ADDED", "委托书"],
      [startVersion + 1, "MATERIAL_UPDATED", "居民身份证（原件及复印件）"],
      [startVersion, "BASELINE", null],
    ]);
    expect(serviceItem.guideHistory[0].promisedLimitDays).toBe(3);
    expect(serviceItem.guideHistory[1].materials.map((m: { name: string }) => m.name)).not.toContain("委托书");
    expect(serviceItem.guideHistory[2].materials.map((m: { name: string }) => m.name)).toContain("委托书");
    const inactive = (await admin.ok(UPDATE, { input: { id: added.id, name: "授权委托书" } })).updateMaterial;
    expect(inactive.userErrors).toEqual([{ field: ["input", "id"], code: "INVALID", rule: "G1", reason: "MATERIAL_INACTIVE" }]);
  });
});
