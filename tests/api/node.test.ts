import "reflect-metadata";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import { globalIdOf, toGlobalId } from "../../server/src/common/node-id";
import { MAX_QUERY_COST } from "../../server/src/common/query-cost";
import { NODE_TYPES } from "../../server/src/modules/node/node.registry";
import type { ApiClient, TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import { itemFixture, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, registerAt, sessions } from "../support/case-steps";
import { seedHistory } from "../support/history";

/**
 * Relay global IDs (issue 10 §3): every Node type round-trips through `node`/`nodes` under the read
 * rules of its own query; ids are the same on both engines; forged, mistyped and foreign ids say
 * nothing; connections page both ways; every answer carries its cost (§4).
 */

const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

describe("global IDs, node(id) and nodes(ids)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  const as = sessions(() => t);
  let item: ItemFixture;
  let other: ItemFixture;
  let caseNumber: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    // A city's record (npm run seed's generator, fixed seed): cases with their timelines, fees, ratings, complaints.
    await seedHistory(t, 400, new Date("2026-05-29T18:00:00+08:00"));
    item = await itemFixture(t, CITY_ONLY);
    other = await itemFixture(t, `${CITY_ONLY} AND w.code <> '${item.windowCode}'`);
    const clerk = await as(clerkOf(item));
    // Material ids go in as global ids (the deprecated database ids still work: support/cases.ts).
    const materialIds = item.materialIds.map((id) => toGlobalId("Material", id));
    const registered = await registerAt(clerk, item, materialIds);
    caseNumber = registered.number;
    caseId = (await clerk.ok(`query($n: String!) { case(number: $n) { id } }`, { n: caseNumber })).case.id;
  }, 120_000);
  afterAll(() => t?.close());

  it("a case's id carries its number, and node/nodes give the case back to a reader", async () => {
    expect(caseId).toBe(b64(`Case:${caseNumber}`));
    const clerk = await as(clerkOf(item));
    const viaNode = await clerk.ok(`query($id: ID!) { node(id: $id) { __typename id ... on Case { number materials { id name } events { id type } } } }`, { id: caseId });
    expect(viaNode.node).toMatchObject({ __typename: "Case", id: caseId, number: caseNumber });
    expect(viaNode.node.materials.length).toBe(item.materialIds.length);
    const children = [...viaNode.node.materials.map((m: { id: string }) => m.id), ...viaNode.node.events.map((e: { id: string }) => e.id)];
    const many = await clerk.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [caseId, ...children] });
    expect(many.nodes.map((n: { id: string }) => n.id)).toEqual([caseId, ...children]);
    expect(many.nodes.map((n: { __typename: string }) => n.__typename)).toEqual(["Case", ...viaNode.node.materials.map(() => "CaseMaterial"), ...viaNode.node.events.map(() => "CaseEvent")]);
  });

  it("every Node type with rows round-trips: node(id) answers the same object to a reader of its own query", async () => {
    const supervisor = await as("supervisor");
    const admin = await as("admin");
    const covered: string[] = [];
    const firstIds: string[] = [];
    for (const [typeName, type] of Object.entries(NODE_TYPES)) {
      const rows = await t.app.services.db.manager.getRepository(type.entity).find({ take: 1, order: { id: "ASC" } as never });
      if (!rows.length) continue;
      const id = globalIdOf(typeName, rows[0]);
      firstIds.push(id);
      const reader = type.allow.includes("SUPERVISOR") || type.allow.includes("STAFF") || type.allow.includes("PUBLIC") ? supervisor : admin;
      const result = await reader.ok(NODE, { id });
      expect(result.node, typeName).toEqual({ __typename: typeName, id });
      covered.push(typeName);
    }
    const digest = createHash("sha256").update(firstIds.join("\n")).digest("hex");
    console.log(`[node] ${t.engine}: round-tripped ${covered.length}/${Object.keys(NODE_TYPES).length} Node types (first-row ids digest ${digest}): ${covered.join(", ")}`);
    // The same generated record has the same ids on both engines.
    expect(digest).toBe(HISTORY_ID_DIGEST);
    for (const must of ["Case", "CaseEvent", "CaseMaterial", "ServicePoint", "ServiceWindow", "ServiceItem", "Material", "Department", "Staff", "AuthorizationLetter", "ApprovalSeal", "FeeStandard"]) {
      expect(covered).toContain(must);
    }
  });

  it("the schema's Node types are exactly the registry's", async () => {
    const data = await t.anonymous().ok(`{ __type(name: "Node") { possibleTypes { name } } }`);
    expect(data.__type.possibleTypes.map((p: { name: string }) => p.name).sort()).toEqual(Object.keys(NODE_TYPES).sort());
  });

  it("ids of the same seed data are the same on every engine (fixed digest, checked on SQLite and PostgreSQL)", async () => {
    const anonymous = t.anonymous();
    const ids: string[] = [];
    for (const list of ["servicePoints", "serviceWindows", "departments"]) {
      let after: string | null = null;
      for (;;) {
        const page: any = (await anonymous.ok(`query($after: String) { ${list}(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { after }))[list];
        ids.push(...page.nodes.map((n: { id: string }) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
    }
    const item0 = await anonymous.ok(`query($c: String!) { serviceItem(code: $c) { id materials { id } } }`, { c: item.code });
    ids.push(item0.serviceItem.id, ...item0.serviceItem.materials.map((m: { id: string }) => m.id));
    const staff = await (await as("supervisor")).ok(`{ staffMembers(first: 100) { nodes { id } } }`);
    ids.push(...staff.staffMembers.nodes.map((n: { id: string }) => n.id));
    const digest = createHash("sha256").update(ids.join("\n")).digest("hex");
    console.log(`[node] ${t.engine}: ${ids.length} ids, digest ${digest}`);
    expect(ids.length).toBeGreaterThan(100);
    expect(digest).toBe(SEED_ID_DIGEST);
  });

  it("forged, mistyped and foreign ids are refused or null, and say nothing about what exists", async () => {
    const anonymous = t.anonymous();
    // Not a global id at all: a typed refusal naming the field and rule.
    for (const forged of ["not-an-id!", "12", b64("__Type:Case"), b64("Case"), b64("lowercase:1"), b64("Material:abc"), b64("Material:0"), `${caseId}=`]) {
      const result = await anonymous.gql(NODE, { id: forged });
      expect(result.errors?.[0]?.extensions, forged).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "id", rule: "id" }] });
      expect(result.data?.node ?? null).toBeNull();
    }
    // Well formed but naming nothing, another type, or something not yours: null, the same as absent.
    const stranger = await as(clerkOf(other));
    const strangerSees = await stranger.gql(`query($n: String!) { case(number: $n) { number } }`, { n: caseNumber });
    expect(strangerSees.errors?.[0]?.extensions?.code).toBe("FORBIDDEN"); // the case query's own rule
    const missing = b64("Case:42108120260601999999");
    for (const [who, client] of [["anonymous", anonymous], ["another window's clerk", stranger]] as const) {
      for (const id of [caseId, missing, b64(`Complaint:${caseNumber}`), b64("Unknown:1")]) {
        const result = await client.gql(`query($id: ID!) { node(id: $id) { __typename id ... on Case { number queryCode applicant { name } } } }`, { id });
        expect(result.errors, `${who} ${id}`).toBeUndefined();
        expect(result.data?.node, `${who} ${id}`).toBeNull();
      }
    }
    // Cases' children follow the case: its events are not the stranger's either.
    const clerk = await as(clerkOf(item));
    const events = (await clerk.ok(`query($n: String!) { case(number: $n) { events { id } materials { id } } }`, { n: caseNumber })).case;
    const childIds = [...events.events.map((e: { id: string }) => e.id), ...events.materials.map((m: { id: string }) => m.id)];
    expect((await stranger.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: childIds })).nodes).toEqual(childIds.map(() => null));
    expect((await anonymous.ok(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: childIds })).nodes).toEqual(childIds.map(() => null));
    // Staff-only types are not the anonymous caller's, public ones are.
    const seal = (await clerk.ok(`{ me { id } }`)).me.id;
    expect((await anonymous.ok(NODE, { id: seal })).node).toBeNull();
    const point = (await anonymous.ok(`{ servicePoints(first: 1) { nodes { id } } }`)).servicePoints.nodes[0].id;
    expect((await anonymous.ok(NODE, { id: point })).node).toEqual({ __typename: "ServicePoint", id: point });
    // API tokens only for the centre admin, as `apiTokens`.
    const tokenRow = await t.app.services.db.manager.query(`SELECT id FROM api_token ORDER BY id LIMIT 1`);
    if (tokenRow.length) expect((await clerk.ok(NODE, { id: toGlobalId("ApiToken", tokenRow[0].id) })).node).toBeNull();
    // Too many ids at once.
    const tooMany = await anonymous.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: Array.from({ length: 101 }, () => point) });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "ids", rule: "arrayMaxSize" }] });
  });

  it("ID arguments take global ids of the right type; another type's id is refused by the id rule", async () => {
    const clerk = await as(clerkOf(item));
    const materials = item.materialIds.map((id) => toGlobalId("Material", id));
    const check = await clerk.ok(`query($c: String!, $m: [ID!]!) { intakeCheck(itemCode: $c, materialIds: $m) { missing { id } } }`, { c: item.code, m: materials });
    expect(check.intakeCheck.missing).toEqual([]);
    const wrongType = await clerk.gql(`query($c: String!, $m: [ID!]!) { intakeCheck(itemCode: $c, materialIds: $m) { missing { id } } }`, { c: item.code, m: [toGlobalId("Inspection", item.materialIds[0])] });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "materialIds", rule: "id" }] });
    // The database id is still there, deprecated with a reason.
    const field = await clerk.ok(`{ __type(name: "Material") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`);
    expect(field.__type.fields.find((f: { name: string }) => f.name === "dbId")).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining("id") });
  });
});

describe("connections page both ways", () => {
  let t: TestApp;
  let anonymous: ApiClient;
  beforeAll(async () => {
    t = await startTestApp();
    anonymous = t.anonymous();
  }, 120_000);
  afterAll(() => t?.close());

  async function walk(list: string, args: string, backwards: boolean, size: number, client = anonymous) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 500; guard++) {
      const paging: string = backwards ? `last: ${size}, before: $c` : `first: ${size}, after: $c`;
      const page: any = (
        await client.ok(`query($c: String) { ${list}(${args}${args ? ", " : ""}${paging}) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, { c: cursor })
      )[list];
      total = page.totalCount;
      const ids = page.nodes.map((n: { id: string }) => n.id);
      if (ids.length) {
        expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      }
      if (backwards) {
        seen.unshift(...ids);
        if (!page.pageInfo.hasPreviousPage) break;
        expect(page.pageInfo.hasNextPage).toBe(cursor !== null);
        cursor = page.pageInfo.startCursor;
      } else {
        seen.push(...ids);
        if (!page.pageInfo.hasNextPage) break;
        expect(page.pageInfo.hasPreviousPage).toBe(cursor !== null);
        cursor = page.pageInfo.endCursor;
      }
    }
    return { seen, total };
  }

  for (const [list, args, who] of [
    ["servicePoints", "", "anonymous"],
    ["serviceWindows", "", "anonymous"],
    ["serviceItems", "", "anonymous"],
    ["departments", "", "anonymous"],
    ["staffMembers", "", "supervisor"],
  ] as const) {
    it(`${list}: last/before walks the same items as first/after, in the same order`, async () => {
      const client = who === "anonymous" ? anonymous : await t.as(who);
      const forwards = await walk(list, args, false, 7, client);
      const backwards = await walk(list, args, true, 7, client);
      expect(forwards.seen.length).toBe(forwards.total);
      expect(new Set(forwards.seen).size).toBe(forwards.seen.length);
      expect(backwards.seen).toEqual(forwards.seen);
    });
  }

  it("the last page and the page before a cursor", async () => {
    const all = (await anonymous.ok(`{ departments(first: 100) { nodes { code } edges { cursor } pageInfo { hasNextPage } } }`)).departments;
    expect(all.pageInfo.hasNextPage).toBe(false);
    const tail = (await anonymous.ok(`{ departments(last: 3) { nodes { code } pageInfo { hasNextPage hasPreviousPage } } }`)).departments;
    expect(tail.nodes).toEqual(all.nodes.slice(-3));
    expect(tail.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const before = (await anonymous.ok(`query($b: String) { departments(last: 2, before: $b) { nodes { code } } }`, { b: all.edges[5].cursor })).departments;
    expect(before.nodes).toEqual(all.nodes.slice(3, 5));
    const both = await anonymous.gql(`{ servicePoints(first: 2, last: 2) { nodes { code } } }`);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "last", rule: "invalid" }] });
    const forged = await anonymous.gql(`{ servicePoints(last: 2, before: "bm9wZQ") { nodes { code } } }`);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "before", rule: "cursor" }] });
  });

  it("every answer carries its cost and what is left of the limit; the limit refuses before running", async () => {
    const response = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ servicePoints(first: 5) { nodes { id code name } } }` }) });
    const body = (await response.json()) as { extensions: { cost: { requested: number } } };
    expect(body.extensions.cost).toEqual({ requested: expect.any(Number), maximum: MAX_QUERY_COST, remaining: MAX_QUERY_COST - body.extensions.cost.requested });
    expect(body.extensions.cost.requested).toBeGreaterThan(0);
    // The same document again (Apollo's validation cache): still reported.
    const again: any = await (await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ servicePoints(first: 5) { nodes { id code name } } }` }) })).json();
    expect(again.extensions.cost).toEqual(body.extensions.cost);
    // Fifteen aliases of a deep walk down the network: within depth, alias and token limits, over the cost limit.
    const walkDown = "servicePoints(first: 100) { nodes { code name level children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level } } } } } } } }";
    const heavy = await anonymous.gql(`{ ${Array.from({ length: 15 }, (_, i) => `a${i}: ${walkDown}`).join(" ")} }`);
    expect(heavy.data).toBeUndefined();
    expect(heavy.errors?.[0]?.message).toMatch(/cost/i);
  });
});

/** sha256 of the first row's global id of every Node type after the fixed-seed history and one registration. */
const HISTORY_ID_DIGEST = "5d52ac17ecab7223443bb9f7918a1693ae93386c250341968c8f7ddb02d59d95";

/** sha256 of the global ids of the seeded points, windows, departments, one item's materials and the staff. */
const SEED_ID_DIGEST = "5f8dd2327c2e2d42d1396293a53ad2d933a9edf6b41ede9a5ca152e00010cfa4";
