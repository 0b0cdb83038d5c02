import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMetadataStorage } from "type-graphql";
import { buildAppSchema } from "../../server/src/schema/build";
import { startTestApp, type TestApp } from "../support/app";

describe("every operation declares who may call it", () => {
  it("has an @Allow on each query, mutation and subscription of the schema", async () => {
    const schema = await buildAppSchema();
    const storage = getMetadataStorage();
    const rootOps = [
      ...storage.queries.map((q) => ({ ...q, root: "Query" })),
      ...storage.mutations.map((m) => ({ ...m, root: "Mutation" })),
      ...storage.subscriptions.map((s) => ({ ...s, root: "Subscription" })),
    ];
    const schemaOps = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((name) => `${type.name}.${name}`) : [],
    );
    // Every schema operation comes from a resolver method whose access we can check…
    expect(rootOps.map((op) => `${op.root}.${op.schemaName}`).sort()).toEqual(schemaOps.sort());
    // …and every one of them carries an explicit rule.
    const undeclared = rootOps.filter(
      (op) => !storage.authorizedFields.some((a) => a.target === op.target && a.fieldName === op.methodName && a.roles.length > 0),
    );
    expect(undeclared.map((op) => `${op.root}.${op.schemaName}`)).toEqual([]);
    expect(schemaOps.length).toBeGreaterThan(20);
  });
});

describe("access rules through the API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createWindow = `mutation($input: CreateServiceWindowInput!) { createServiceWindow(input: $input) { window { code } userErrors { message } } }`;
  const input = { pointCode: "421081", code: "C99", number: 99, name: "测试窗口", kind: "FINANCE" };

  it("refuses an admin mutation to an anonymous caller with UNAUTHENTICATED", async () => {
    const result = await t.anonymous().gql(createWindow, { input });
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect(result.data).toBeNull();
  });

  it("refuses an admin mutation to a window clerk with FORBIDDEN, and writes nothing", async () => {
    const clerk = await t.as("c01");
    const result = await clerk.gql(createWindow, { input });
    expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const check = await t.anonymous().ok(`{ serviceWindow(code: "C99") { code } }`);
    expect(check.serviceWindow).toBeNull();
  });

  it("lets the centre admin run it", async () => {
    const admin = await t.as("admin");
    const result = await admin.ok(createWindow, { input });
    expect(result.createServiceWindow).toEqual({ window: { code: "C99" }, userErrors: [] });
  });

  it("hides staff lists from anonymous callers but shows them to staff", async () => {
    const query = `{ serviceWindow(code: "C01") { code staff { username role } } }`;
    const anonymous = await t.anonymous().gql(query);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const clerk = await t.as("c01");
    const data = await clerk.ok(query);
    expect(data.serviceWindow.staff).toContainEqual({ username: "c01", role: "WINDOW_CLERK" });
  });

  it("lets a supervisor list staff but not a village agent", async () => {
    const query = `{ staffMembers(first: 5, role: DIRECTOR) { totalCount nodes { username } } }`;
    const supervisor = await t.as("supervisor");
    expect((await supervisor.ok(query)).staffMembers.totalCount).toBe(31);
    const agents = await t.anonymous().ok(`{ servicePoints(level: VILLAGE, first: 1) { nodes { code } } }`);
    const agent = await t.as(`v${agents.servicePoints.nodes[0].code}`);
    expect((await agent.gql(query)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
