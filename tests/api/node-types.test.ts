import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObjectLiteral } from "typeorm";
import { ManualClock } from "../../server/src/common/clock";
import { globalIdOf } from "../../server/src/common/node-id";
import { startDispatcher } from "../../server/src/modules/integrations/dispatcher";
import { NODE_TYPES } from "../../server/src/modules/node/node.registry";
import { ApiClient, startTestApp, type TestApp } from "../support/app";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, sessions } from "../support/case-steps";
import { itemFixture, type ItemFixture } from "../support/cases";
import { closedCase, EVALUATE } from "../support/supervision";

/**
 * Every Node type's registry rule (node.registry.ts), row by row: at least one row of each type,
 * fetched by `node(id)` and `nodes(ids)` by a caller its rule lets read it (the object comes back)
 * and by callers it must not (null). The table below is keyed by NODE_TYPES: a new Node type without
 * an entry here fails the first test.
 *
 * Rows: the seed data (network, catalogue, staff, letters), the API (a case registered, decided,
 * closed and rated; API tokens; webhook endpoints, deliveries and attempts through a real local
 * receiver), and for the types whose rows take long flows through other modules (fees, follow-ups,
 * inspections, bulletins, extensions …) one row written through the entity's repository with its
 * foreign keys pointing at real rows, and `caseId` at the case above.
 */

type Caller = "anonymous" | "supervisor" | "admin" | "clerk" | "villageAgent" | "tokenHere" | "tokenElsewhere" | "tokenNoScope";

interface Rule {
  /** Callers to whom node(id) gives the row. */
  read: Caller[];
  /** Callers to whom it answers null (none for public types: everyone reads them). */
  hidden: Caller[];
}

/** Case-bound types (CASE_READERS + the case policy): overseers and a token bound to the case's point read; others not. */
const CASE_BOUND: Rule = { read: ["supervisor", "tokenHere", "clerk"], hidden: ["anonymous", "tokenElsewhere", "tokenNoScope", "villageAgent"] };
const PUBLIC: Rule = { read: ["anonymous", "clerk", "tokenNoScope"], hidden: [] };
const OVERSEERS: Rule = { read: ["supervisor", "admin"], hidden: ["anonymous", "clerk", "tokenHere"] };
const ADMIN_ONLY: Rule = { read: ["admin"], hidden: ["anonymous", "supervisor", "clerk", "tokenHere"] };

const RULES: Record<string, Rule> = {
  Case: CASE_BOUND,
  CaseEvent: CASE_BOUND,
  CaseMaterial: CASE_BOUND,
  SupplementNotice: CASE_BOUND,
  JointNotice: CASE_BOUND,
  CasePause: CASE_BOUND,
  CaseExtension: CASE_BOUND,
  Decision: CASE_BOUND,
  CaseReview: CASE_BOUND,
  CaseCharge: CASE_BOUND,
  Payment: CASE_BOUND,
  Evaluation: CASE_BOUND,
  Rectification: OVERSEERS,
  // STAFF, then the overseers or the complaint's unit; never a token or the public.
  Complaint: { read: ["supervisor", "admin"], hidden: ["anonymous", "tokenHere", "tokenNoScope"] },
  ServicePoint: PUBLIC,
  ServiceWindow: PUBLIC,
  WindowSchedule: PUBLIC,
  ServiceItem: PUBLIC,
  Material: PUBLIC,
  ProcedureStep: PUBLIC,
  FeeStandard: PUBLIC,
  ItemDelegation: PUBLIC,
  Department: PUBLIC,
  SearchSynonym: PUBLIC,
  // Unpublished (the row written here): overseers only; published bulletins are public (checked below).
  Bulletin: { read: ["supervisor", "admin"], hidden: ["anonymous", "clerk", "tokenHere"] },
  // staffMembers: overseers; `me`: oneself (the first row is the admin: a clerk may not read it).
  Staff: { read: ["supervisor", "admin"], hidden: ["anonymous", "clerk", "tokenHere"] },
  ApiToken: ADMIN_ONLY,
  WebhookEndpoint: ADMIN_ONLY,
  WebhookDelivery: ADMIN_ONLY,
  WebhookAttempt: ADMIN_ONLY,
  ApprovalSeal: { read: ["clerk", "supervisor"], hidden: ["anonymous", "tokenHere"] },
  AuthorizationLetter: { read: ["supervisor", "admin"], hidden: ["anonymous", "villageAgent", "tokenHere"] },
  FaultRecord: OVERSEERS,
  FollowUpDraw: { read: ["supervisor"], hidden: ["anonymous", "admin", "clerk", "tokenHere"] },
  FollowUpVisit: { read: ["supervisor"], hidden: ["anonymous", "admin", "clerk", "tokenHere"] },
  Inspection: OVERSEERS,
  TicketBook: OVERSEERS,
  StubAudit: OVERSEERS,
  TicketBookApplication: OVERSEERS,
  FeeTicket: OVERSEERS,
  Refund: OVERSEERS,
  Deposit: OVERSEERS,
};

const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
const ISSUE = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { created { secret } userErrors { reason } } }`;

describe("every Node type: node(id) and nodes(ids) follow the type's read rule", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  const as = sessions(() => t);
  let item: ItemFixture;
  let caseNumber: string;
  const callers = {} as Record<Caller, ApiClient>;
  /** The global id of one row of each type. */
  const ids: Record<string, string> = {};
  const written: string[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(503).end());
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    t = await startTestApp({ clock, config: { ...CASE_TEST_CONFIG, webhookAllowPrivate: true, webhookMaxAttempts: 3 } });
    item = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED'`);
    const admin = await as("admin");
    const token = async (scopes: string[], pointCodes: string[]) => {
      const r = (await admin.ok(ISSUE, { input: { name: "节点测试", owner: "测试", expiresInDays: 30, scopes, pointCodes } })).createApiToken;
      expect(r.userErrors).toEqual([]);
      return new ApiClient(t.url, r.created.secret);
    };
    Object.assign(callers, {
      anonymous: t.anonymous(),
      supervisor: await as("supervisor"),
      admin,
      clerk: await as(clerkOf(item)),
      villageAgent: await as("v421081001001"),
      tokenHere: await token(["cases:read"], ["421081"]),
      tokenElsewhere: await token(["cases:read"], ["421081001"]),
      tokenNoScope: await token(["catalogue:read"], []),
    });

    // Through the API: a webhook endpoint whose receiver fails (a delivery and its attempt), then a
    // case registered, accepted, decided and closed at the city centre, and rated by its applicant.
    const hook = await admin.ok(`mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { userErrors { reason } } }`, {
      input: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ["REGISTERED"] },
    });
    expect(hook.registerWebhookEndpoint.userErrors).toEqual([]);
    const closed = await closedCase(as, item);
    caseNumber = closed.number;
    const rated = (await t.anonymous().ok(EVALUATE, { input: { caseNumber, queryCode: closed.queryCode, rating: 4 } })).evaluateCase;
    expect(rated.userErrors).toEqual([]);
    expect(await startDispatcher(t.app.services, { intervalMs: 0 }).runOnce()).toMatchObject({ claimed: 1, failed: 1 });

    // The other types: one row each, written through the entity's repository.
    const em = t.app.services.db.manager;
    const caseId = Number((await em.query(`SELECT id FROM case_file WHERE number = '${caseNumber}'`))[0].id);
    const missing = Object.keys(NODE_TYPES);
    for (let round = 0; round < 5; round++) {
      for (const name of [...missing]) {
        const repo = em.getRepository(NODE_TYPES[name].entity);
        const mine = RULES[name] === CASE_BOUND && name !== "Case" ? { caseId } : {};
        if ((await repo.count({ where: mine })) > 0) {
          missing.splice(missing.indexOf(name), 1);
          continue;
        }
        const row: ObjectLiteral = {};
        let ready = true;
        for (const column of repo.metadata.columns) {
          if (column.isGenerated || column.isNullable || column.default !== undefined || column.isVirtual) continue;
          const relation = column.relationMetadata;
          const prop = column.propertyName;
          if (prop === "caseId") row[prop] = caseId;
          else if (relation) {
            const target = await em.getRepository(relation.inverseEntityMetadata.target).find({ take: 1 });
            if (!target.length) ready = false;
            else row[prop] = (target[0] as ObjectLiteral)[relation.inverseEntityMetadata.primaryColumns[0].propertyName];
          } else if (column.enum?.length) row[prop] = column.enum[0];
          else if (column.type === "simple-json") row[prop] = [];
          else if (column.type === "boolean") row[prop] = false;
          else if (column.type === Date || column.type === "datetime" || column.type === "timestamp") row[prop] = clock.now();
          else if (column.type === "date") row[prop] = "2026-06-01";
          else if (column.type === "integer" || column.type === "int" || column.type === Number || column.type === "bigint") row[prop] = /Id$/.test(prop) ? 1 : 0;
          else row[prop] = "节点测试".slice(0, Number(column.length) || 4);
        }
        if (!ready) continue;
        await repo.insert(row);
        written.push(name);
        missing.splice(missing.indexOf(name), 1);
      }
      if (!missing.length) break;
    }
    expect(missing, "Node types still without a row").toEqual([]);

    for (const [name, type] of Object.entries(NODE_TYPES)) {
      // The row: for case-bound types the test case's own, else the first.
      const repo = em.getRepository(type.entity);
      const where = name === "Case" ? { id: caseId } : RULES[name] === CASE_BOUND ? { caseId } : {};
      const [row] = await repo.find({ where, take: 1, order: { [repo.metadata.primaryColumns[0].propertyName]: "ASC" } });
      expect(row, `${name}: a row`).toBeDefined();
      ids[name] = globalIdOf(name, row);
    }
    console.log(`[node-types] ${t.engine}: ${Object.keys(ids).length} types; rows written through repositories for ${written.length}: ${written.join(", ")}`);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("the table names every Node type of the registry and of the schema (a new type without a rule here fails)", async () => {
    expect(Object.keys(RULES).sort()).toEqual(Object.keys(NODE_TYPES).sort());
    const schema = await t.anonymous().ok(`{ __type(name: "Node") { possibleTypes { name } } }`);
    expect(schema.__type.possibleTypes.map((p: { name: string }) => p.name).sort()).toEqual(Object.keys(RULES).sort());
    expect(Object.keys(ids).sort()).toEqual(Object.keys(NODE_TYPES).sort());
  });

  for (const name of Object.keys(NODE_TYPES)) {
    it(`${name}: node(id) gives it to ${RULES[name]?.read.join(", ")}; null to ${RULES[name]?.hidden.join(", ") || "nobody (public)"}`, async () => {
      const rule = RULES[name];
      expect(rule, `no rule for ${name} in this test`).toBeDefined();
      const id = ids[name];
      for (const caller of rule.read) {
        const result = await callers[caller].gql(NODE, { id });
        expect(result.errors, `${caller} reads ${name}`).toBeUndefined();
        expect(result.data?.node, `${caller} reads ${name}`).toEqual({ __typename: name, id });
      }
      for (const caller of rule.hidden) {
        const result = await callers[caller].gql(NODE, { id });
        expect(result.errors, `${caller} must not read ${name}`).toBeUndefined();
        expect(result.data?.node, `${caller} must not read ${name}`).toBeNull();
      }
    });
  }

  it("nodes(ids) answers, in order, what node(id) answers for each, for every caller", async () => {
    const names = Object.keys(NODE_TYPES);
    const all = names.map((n) => ids[n]);
    let checked = 0;
    for (const caller of Object.keys(callers) as Caller[]) {
      const result = (await callers[caller].ok(NODES, { ids: all })).nodes as ({ __typename: string; id: string } | null)[];
      expect(result).toHaveLength(all.length);
      names.forEach((name, i) => {
        const rule = RULES[name];
        if (rule.read.includes(caller)) expect(result[i], `${caller} × ${name}`).toEqual({ __typename: name, id: all[i] });
        if (rule.hidden.includes(caller)) expect(result[i], `${caller} × ${name}`).toBeNull();
        if (rule.read.includes(caller) || rule.hidden.includes(caller)) checked++;
      });
    }
    console.log(`[node-types] ${t.engine}: nodes(ids) checked ${checked} caller × type answers`);
    expect(checked).toBeGreaterThanOrEqual(names.length * 2);
  });

  it("a published bulletin is public; oneself is readable as Staff", async () => {
    await t.app.services.db.manager.query(`UPDATE bulletin SET "publishedAt" = ${t.engine === "postgres" ? "NOW()" : "CURRENT_TIMESTAMP"}`);
    expect((await callers.anonymous.ok(NODE, { id: ids.Bulletin })).node).toEqual({ __typename: "Bulletin", id: ids.Bulletin });
    const me = (await callers.clerk.ok(`{ me { id } }`)).me.id;
    expect((await callers.clerk.ok(NODE, { id: me })).node).toEqual({ __typename: "Staff", id: me });
    expect((await callers.villageAgent.ok(NODE, { id: me })).node).toBeNull();
  });
});
