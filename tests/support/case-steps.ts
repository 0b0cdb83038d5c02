import { expect } from "vitest";
import type { ManualClock } from "../../server/src/common/clock";
import type { ApiClient, TestApp } from "./app";
import { act, register, type ItemFixture } from "./cases";

/**
 * Sessions that survive the tests' jumps of the clock over days and weeks (session limits are not under
 * test here), and no background sweep: the tests move the clock and must see only their own acts.
 */
export const CASE_TEST_CONFIG = { sessionTtlHours: 24 * 365 * 5, sessionIdleMinutes: 60 * 24 * 365 * 5, schedulerIntervalMs: 0 };

/** Sets the clock to a time of a day in Shishou (UTC+8), 10:00 unless told. */
export function setDay(clock: ManualClock, day: string, time = "10:00:00"): void {
  clock.set(new Date(`${day}T${time}+08:00`));
}

/** The user name of an item's window clerk (c05 for window C05). */
export const clerkOf = (item: ItemFixture) => item.windowCode.toLowerCase();
export const headOf = (departmentCode: string, role: "director" | "deputy" | "chief") => `${departmentCode.toLowerCase()}.${role}`;

export type Payload = Awaited<ReturnType<typeof act>>;
export type UserErrorShape = Payload["userErrors"][number];

/** What a refusal must leave untouched: the version, status and timeline length of the case, read by the supervisor. */
export async function stateOf(reader: ApiClient, number: string): Promise<{ version: number; status: string; events: number }> {
  const { case: c } = await reader.ok(`query($n: String!) { case(number: $n) { version status events { seq } } }`, { n: number });
  return { version: c.version, status: c.status, events: c.events.length };
}

/**
 * Runs `attempt`, expects exactly one user error matching `expected`, and checks that the case's
 * version and timeline did not change.
 */
export async function expectRefused(
  reader: ApiClient,
  number: string,
  attempt: () => Promise<Payload>,
  expected: Partial<Pick<UserErrorShape, "code" | "rule" | "reason">> & { message?: RegExp },
): Promise<UserErrorShape> {
  const before = await stateOf(reader, number);
  const result = await attempt();
  expect(result.case).toBeNull();
  expect(result.userErrors).toHaveLength(1);
  const [error] = result.userErrors;
  const { message, ...rest } = expected;
  expect(error).toMatchObject(rest);
  if (message) expect(error.message).toMatch(message);
  expect(await stateOf(reader, number)).toEqual(before);
  return error;
}

/** Expects a payload without user errors and returns its case. */
export function ok(result: Payload) {
  expect(result.userErrors).toEqual([]);
  expect(result.case).not.toBeNull();
  return result.case;
}

/** Registers an application at the item's window (city or township) with the given materials. */
export async function registerAt(clerk: ApiClient, item: ItemFixture, materialIds = item.materialIds) {
  const data = await register(clerk, item.code, materialIds);
  return ok(data.registerCase);
}

/** Registers at the item's window with every material and accepts it there as `kind` (on the clock's day). */
export async function openCase(clerk: ApiClient, item: ItemFixture, kind: "IMMEDIATE" | "COMMITTED" | "JOINT" | "REPORTED_UP") {
  const registered = await registerAt(clerk, item);
  return ok(await act(clerk, "acceptCase", { caseNumber: registered.number, kind }));
}

export const eventTypes = (c: { events: { type: string }[] }) => c.events.map((e) => e.type);

export async function faultsOf(supervisor: ApiClient, caseNumber: string): Promise<{ kind: string; note: string; department: { code: string } | null }[]> {
  const { faultRecords } = await supervisor.ok(`{ faultRecords(first: 100) { nodes { kind note department { code } case { number } } } }`);
  return faultRecords.nodes.filter((f: { case: { number: string } | null }) => f.case?.number === caseNumber).map(({ case: _c, ...f }: { case: unknown }) => f);
}

/** Logs in each user once. */
export async function loginAll<const U extends string>(t: TestApp, users: readonly U[]): Promise<Record<U, ApiClient>> {
  const clients = await Promise.all(users.map((u) => t.as(u)));
  return Object.fromEntries(users.map((u, i) => [u, clients[i]])) as Record<U, ApiClient>;
}

/** The co-departments of a joint item, by code. */
export async function coDepartmentsOf(t: TestApp, itemCode: string): Promise<string[]> {
  const rows: { code: string }[] = await t.app.services.db.manager.query(
    `SELECT d.code FROM item_co_department c JOIN department d ON d.id = c."departmentId" JOIN service_item i ON i.id = c."itemId" WHERE i.code = '${itemCode}' ORDER BY d.code`,
  );
  return rows.map((r) => r.code);
}

/** Published names of materials, in the guide's order. */
export async function materialNames(t: TestApp, ids: string[]): Promise<string[]> {
  const rows: { name: string }[] = await t.app.services.db.manager.query(`SELECT name FROM material WHERE id IN (${ids.map(Number).join(",")}) ORDER BY seq`);
  return rows.map((r) => r.name);
}

/** City items that are not delegated to any township (they always travel to the city window). */
export const CITY_ONLY = `i.level = 'CITY' AND NOT EXISTS (SELECT 1 FROM item_delegation g WHERE g."itemId" = i.id)`;

/** Logs each user in once per app and reuses the session (they outlive clock jumps with CASE_TEST_CONFIG). */
export function sessions(t: () => TestApp): (username: string) => Promise<ApiClient> {
  const open = new Map<string, Promise<ApiClient>>();
  return (username) => {
    let client = open.get(username);
    if (!client) {
      client = t().as(username);
      open.set(username, client);
    }
    return client;
  };
}

/** The first `count` villages under a township, with their agents. */
export async function villagesOf(t: TestApp, townshipCode: string, count: number): Promise<{ village: string; agent: string }[]> {
  const rows: { code: string }[] = await t.app.services.db.manager.query(
    `SELECT v.code FROM service_point v JOIN service_point p ON p.id = v."parentId" WHERE p.code = '${townshipCode}' ORDER BY v.code LIMIT ${count}`,
  );
  return rows.map((r) => ({ village: r.code, agent: `v${r.code}` }));
}
