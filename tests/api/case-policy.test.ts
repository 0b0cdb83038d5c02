import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/src/common/clock";
import {
  availableActs as policyActs,
  canAct,
  canListAtPoint,
  canListLedger,
  canListWindow,
  canPrintHandOverList,
  canPrintNotices,
  canRead,
  CaseAct,
  type CaseFacts,
  type PolicyCaller,
} from "../../server/src/modules/cases/case-policy";
import type { Role } from "../../server/src/modules/staff/role";
import type { ApiClient, TestApp } from "../support/app";
import { startTestApp } from "../support/app";
import { act, itemFixture, newKey, type ItemFixture } from "../support/cases";
import { CASE_TEST_CONFIG, CITY_ONLY, clerkOf, coDepartmentsOf, headOf, ok, registerAt, sessions, setDay, villagesOf } from "../support/case-steps";

/**
 * The case policy (case-policy.ts) against the API: every role × act and read × own or other unit,
 * on cases built in each state. For each attempt the policy's pure answer, computed from the case's
 * facts read straight from the database, must equal what the API does: allowed → it succeeds (or
 * the case is visible), refused → FORBIDDEN or a user error, and nothing changed. The counts printed
 * at the end are the "authorization attempts / got through" figures of issue 6.
 */

const CASE_READ = `query($n: String!) { case(number: $n) { number queryCode } }`;
const ACTS_READ = `query($n: String!) { case(number: $n) { availableActs } }`;
const LEDGER = `query($p: String!) { ledger(pointCode: $p, first: 100) { nodes { number queryCode } } }`;
const AT_POINT = `query($p: String!) { casesAtPoint(pointCode: $p, first: 100) { nodes { number } } }`;
const QUEUE = `query($w: String!) { windowQueue(windowCode: $w, first: 100, includeClosed: true) { nodes { number } } }`;

type Unit = "own" | "other" | "co";
interface CallerSpec {
  label: string;
  role: Role;
  unit: Unit | "-";
  username: (k: Built) => string;
}

interface Built {
  name: string;
  number: string;
  item: ItemFixture;
  /** The acts this case is built to try. */
  acts: CaseAct[];
}

interface Tally {
  attempts: number;
  refusedByPolicy: number;
  gotThrough: number;
  wronglyRefused: number;
  mismatches: string[];
}
const tally = (): Tally => ({ attempts: 0, refusedByPolicy: 0, gotThrough: 0, wronglyRefused: 0, mismatches: [] });

describe("the case policy equals the API's behaviour (role × act × unit)", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-01T10:00:00+08:00"));
  const as = sessions(() => t);
  let plain: ItemFixture;
  let joint: ItemFixture;
  let reported: ItemFixture;
  let coDepartment: string;
  let otherDepartment: string;
  let otherWindow: string;
  let home: { village: string; agent: string };
  let neighbour: { village: string; agent: string };
  const built: Built[] = [];
  const acts = tally();
  const reads = tally();

  const q = async <T = any>(sql: string): Promise<T[]> => t.app.services.db.manager.query(sql);

  async function factsOf(number: string): Promise<CaseFacts & { id: number; version: number; events: number; pointCodes: { registered: string; current: string }; windowCode: string }> {
    const [c] = await q(
      `SELECT c.id, c."itemId", c.version, c."registeredById", c."windowId", c."registeredPointId", c."currentPointId", c."handlingPointId", c.status, c.kind, c."forwardedTo",
              i."departmentId" AS dept, rp."parentId" AS parent, rp.code AS rcode, cp.code AS ccode, hp.level AS hlevel, w.code AS wcode
       FROM case_file c JOIN service_item i ON i.id = c."itemId" JOIN service_point rp ON rp.id = c."registeredPointId"
       JOIN service_point cp ON cp.id = c."currentPointId" JOIN service_point hp ON hp.id = c."handlingPointId" JOIN service_window w ON w.id = c."windowId"
       WHERE c.number = '${number}'`,
    );
    const notices = await q(`SELECT "departmentId" AS d, opinion FROM joint_notice WHERE "caseId" = ${c.id}`);
    const [voids] = await q(`SELECT type, "actorId" AS actor FROM case_event WHERE "caseId" = ${c.id} AND type IN ('VOID_REQUESTED', 'VOID_REJECTED') ORDER BY seq DESC LIMIT 1`);
    const [counts] = await q(
      `SELECT (SELECT COUNT(*) FROM supplement_notice WHERE "caseId" = ${c.id}) AS supp, (SELECT COUNT(*) FROM case_pause WHERE "caseId" = ${c.id} AND "endedOn" IS NULL) AS paused,
              (SELECT COUNT(*) FROM case_extension WHERE "caseId" = ${c.id}) AS ext, (SELECT COUNT(*) FROM case_event WHERE "caseId" = ${c.id}) AS events,
              (SELECT COUNT(*) FROM case_charge WHERE "caseId" = ${c.id}) AS charges,
              (SELECT COUNT(*) FROM case_review WHERE "caseId" = ${c.id}) AS reviews,
              (SELECT COUNT(*) FROM service_item WHERE id = ${c.itemId} AND "reviewRequired" = TRUE) AS "reviewRequired",
              (SELECT COUNT(*) FROM fee_standard WHERE "itemId" = ${c.itemId}) AS standards,
              (SELECT COUNT(*) FROM case_charge WHERE "caseId" = ${c.id} AND status = 'UNPAID' AND "amountFen" > "reductionFen") AS unpaid`,
    );
    return {
      id: c.id,
      version: Number(c.version),
      events: Number(counts.events),
      pointCodes: { registered: c.rcode, current: c.ccode },
      windowCode: c.wcode,
      registeredById: c.registeredById,
      windowId: c.windowId,
      itemDepartmentId: c.dept,
      jointNotices: notices.map((n: { d: number; opinion: string | null }) => ({ departmentId: n.d, answered: n.opinion !== null })),
      registeredPointId: c.registeredPointId,
      registeredPointParentId: c.parent,
      currentPointId: c.currentPointId,
      handlingPointId: c.handlingPointId,
      handlingAtCity: c.hlevel === "CITY",
      hasSupplementNotice: Number(counts.supp) > 0,
      review: { required: Number(counts.reviewRequired) > 0, given: Number(counts.reviews) > 0 },
      fees: { chargeable: Number(counts.standards) > 0, charged: Number(counts.charges) > 0, unpaid: Number(counts.unpaid) > 0 },
      voidRequestedById: voids?.type === "VOID_REQUESTED" ? Number(voids.actor) : null,
      snapshot: {
        status: c.status,
        kind: c.kind,
        atHandlingPoint: c.currentPointId === c.handlingPointId,
        atRegistrationPoint: c.currentPointId === c.registeredPointId,
        paused: Number(counts.paused) > 0,
        forwarded: c.forwardedTo !== null,
        hasExtension: Number(counts.ext) > 0,
      },
    };
  }

  const callers = new Map<string, PolicyCaller & { username: string }>();
  async function callerOf(username: string): Promise<PolicyCaller & { username: string }> {
    let caller = callers.get(username);
    if (!caller) {
      const [s] = await q(`SELECT id, role, "pointId", "windowId", "departmentId" FROM staff WHERE username = '${username}'`);
      caller = { username, kind: "staff", staffId: s.id, role: s.role, pointId: s.pointId, windowId: s.windowId, departmentId: s.departmentId, scopes: [] };
      callers.set(username, caller);
    }
    return caller;
  }

  /** Whether an active letter of the caller covers the item (A2), as the caller's own letters say. */
  async function covers(client: ApiClient, role: Role, item: ItemFixture): Promise<boolean> {
    if (!["DEPUTY_DIRECTOR", "DIRECTOR", "TOWNSHIP_CLERK"].includes(role)) return false;
    const { myAuthorizationLetters } = await client.ok(`{ myAuthorizationLetters { active allItems department { code } items { code } } }`);
    return myAuthorizationLetters.some(
      (l: { active: boolean; allItems: boolean; department: { code: string }; items: { code: string }[] }) =>
        l.active && (l.allItems ? l.department.code === item.departmentCode : l.items.some((i) => i.code === item.code)),
    );
  }

  const SPECS: CallerSpec[] = [
    { label: "village agent", role: "VILLAGE_AGENT" as Role, unit: "own", username: () => home.agent },
    { label: "village agent", role: "VILLAGE_AGENT" as Role, unit: "other", username: () => neighbour.agent },
    { label: "township clerk", role: "TOWNSHIP_CLERK" as Role, unit: "own", username: () => "t01" },
    { label: "township clerk", role: "TOWNSHIP_CLERK" as Role, unit: "other", username: () => "t02" },
    { label: "window clerk", role: "WINDOW_CLERK" as Role, unit: "own", username: (k) => clerkOf(k.item) },
    { label: "window clerk", role: "WINDOW_CLERK" as Role, unit: "other", username: () => otherWindow.toLowerCase() },
    { label: "finance clerk", role: "FINANCE_CLERK" as Role, unit: "-", username: () => "c50" },
    { label: "section chief", role: "SECTION_CHIEF" as Role, unit: "own", username: (k) => headOf(k.item.departmentCode, "chief") },
    { label: "section chief", role: "SECTION_CHIEF" as Role, unit: "co", username: () => headOf(coDepartment, "chief") },
    { label: "section chief", role: "SECTION_CHIEF" as Role, unit: "other", username: () => headOf(otherDepartment, "chief") },
    { label: "deputy director", role: "DEPUTY_DIRECTOR" as Role, unit: "own", username: (k) => headOf(k.item.departmentCode, "deputy") },
    { label: "deputy director", role: "DEPUTY_DIRECTOR" as Role, unit: "other", username: () => headOf(otherDepartment, "deputy") },
    { label: "director", role: "DIRECTOR" as Role, unit: "own", username: (k) => headOf(k.item.departmentCode, "director") },
    { label: "director", role: "DIRECTOR" as Role, unit: "other", username: () => headOf(otherDepartment, "director") },
    { label: "supervisor", role: "SUPERVISOR" as Role, unit: "-", username: () => "supervisor" },
    { label: "admin", role: "CENTER_ADMIN" as Role, unit: "-", username: () => "admin" },
  ];

  /** The mutation and input of each act. */
  function attempt(client: ApiClient, a: CaseAct, number: string, item: ItemFixture) {
    const caseNumber = number;
    switch (a) {
      case CaseAct.HAND_OVER:
        return act(client, "handOverCase", { caseNumber });
      case CaseAct.ACCEPT:
        return act(client, "acceptCase", { caseNumber, kind: "COMMITTED" });
      case CaseAct.ISSUE_SUPPLEMENT:
        return act(client, "issueSupplementNotice", { caseNumber });
      case CaseAct.COMPLETE_SUPPLEMENT:
        return act(client, "completeSupplement", { caseNumber, materialIds: item.requiredIds });
      case CaseAct.RETURN:
        return act(client, "returnCase", { caseNumber, category: "BANNED", reason: "国家明令禁止的项目" });
      case CaseAct.PAUSE:
        return act(client, "pauseCase", { caseNumber, reason: "TESTING", note: "检验检测" });
      case CaseAct.RESUME:
        return act(client, "resumeCase", { caseNumber });
      case CaseAct.EXTEND:
        return act(client, "extendCase", { caseNumber, reason: "需要现场核查" });
      case CaseAct.JOINT_OPINION:
        return act(client, "giveJointOpinion", { caseNumber, opinion: "AGREE" });
      case CaseAct.REVIEW:
        return act(client, "reviewCase", { caseNumber, conclusion: "PROPOSE_APPROVE", opinion: "符合条件，拟准予。" });
      case CaseAct.DECIDE:
        return act(client, "decideCase", { caseNumber, approve: true, idempotencyKey: newKey() });
      case CaseAct.FORWARD_UP:
        return act(client, "forwardCase", { caseNumber });
      case CaseAct.RECORD_REPLY:
        return act(client, "recordHigherReply", { caseNumber, approved: true, replyText: "同意" });
      case CaseAct.HAND_BACK:
        return act(client, "handBackResult", { caseNumber });
      case CaseAct.CLOSE:
        return act(client, "closeCase", { caseNumber, via: "WINDOW" });
      case CaseAct.WITHDRAW:
        return act(client, "withdrawCase", { caseNumber, reason: "申请人撤回申请" });
      case CaseAct.REQUEST_VOID:
        return act(client, "requestVoid", { caseNumber, reason: "登记有误" });
      case CaseAct.APPROVE_VOID:
        return act(client, "approveVoid", { caseNumber });
      case CaseAct.REJECT_VOID:
        return act(client, "rejectVoid", { caseNumber, reason: "登记无误" });
      default:
        throw new Error(`${a} returns a fee payload; tests/api/fees.test.ts walks it`);
    }
  }

  /** Registers at the home village and walks the case to the city window (or stops earlier). */
  async function fromVillage(item: ItemFixture, steps: number, materials = item.materialIds): Promise<string> {
    const { number } = await registerAt(await as(home.agent), item, materials);
    if (steps >= 1) ok(await act(await as(home.agent), "handOverCase", { caseNumber: number }));
    if (steps >= 2) ok(await act(await as("t01"), "handOverCase", { caseNumber: number }));
    return number;
  }
  async function accepted(item: ItemFixture, kind: "COMMITTED" | "JOINT" | "REPORTED_UP"): Promise<string> {
    const number = await fromVillage(item, 2);
    ok(await act(await as(clerkOf(item)), "acceptCase", { caseNumber: number, kind }));
    return number;
  }
  async function decided(item: ItemFixture, backSteps: number): Promise<string> {
    const number = await accepted(item, "COMMITTED");
    ok(await act(await as(headOf(item.departmentCode, "deputy")), "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }));
    if (backSteps >= 1) ok(await act(await as(clerkOf(item)), "handBackResult", { caseNumber: number }));
    if (backSteps >= 2) ok(await act(await as("t01"), "handBackResult", { caseNumber: number }));
    return number;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    setDay(clock, "2026-06-01");
    plain = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'COMMITTED' AND EXISTS (SELECT 1 FROM material m WHERE m."itemId" = i.id AND m.required = TRUE) AND NOT EXISTS (SELECT 1 FROM item_co_department x WHERE x."itemId" = i.id)`);
    joint = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'JOINT' AND d.code <> '${plain.departmentCode}' AND EXISTS (SELECT 1 FROM item_co_department x WHERE x."itemId" = i.id)`);
    coDepartment = (await coDepartmentsOf(t, joint.code)).filter((d) => d !== plain.departmentCode)[0];
    reported = await itemFixture(t, `${CITY_ONLY} AND i."defaultKind" = 'REPORTED_UP' AND i."higherAuthority" IS NOT NULL AND w.code NOT IN ('${plain.windowCode}', '${joint.windowCode}')`);
    const used = [plain.departmentCode, joint.departmentCode, reported.departmentCode, coDepartment, ...(await coDepartmentsOf(t, joint.code))];
    const [other] = await q(`SELECT code FROM department WHERE code NOT IN (${used.map((c) => `'${c}'`).join(", ")}) ORDER BY code LIMIT 1`);
    otherDepartment = other.code;
    const [win] = await q(
      `SELECT code FROM service_window WHERE "pointId" = 1 AND kind <> 'FINANCE' AND code NOT IN ('${plain.windowCode}', '${joint.windowCode}', '${reported.windowCode}') ORDER BY code DESC LIMIT 1`,
    );
    otherWindow = win.code;
    [home, neighbour] = await villagesOf(t, "421081001", 2);

    const add = (name: string, number: string, item: ItemFixture, caseActs: CaseAct[]) => built.push({ name, number, item, acts: caseActs });
    add("registered, at the village", await fromVillage(plain, 0), plain, [CaseAct.HAND_OVER]);
    add("registered, at the township", await fromVillage(plain, 1), plain, [CaseAct.HAND_OVER]);
    add("arrived at the city (accept)", await fromVillage(plain, 2), plain, [CaseAct.ACCEPT]);
    add("arrived at the city (return)", await fromVillage(plain, 2), plain, [CaseAct.RETURN]);
    add("arrived, materials missing", await fromVillage(plain, 2, []), plain, [CaseAct.ISSUE_SUPPLEMENT]);
    const supplement = await fromVillage(plain, 2, []);
    ok(await act(await as(clerkOf(plain)), "issueSupplementNotice", { caseNumber: supplement }));
    add("waiting for a supplement", supplement, plain, [CaseAct.COMPLETE_SUPPLEMENT]);
    add("under review (pause)", await accepted(plain, "COMMITTED"), plain, [CaseAct.PAUSE]);
    add("under review (extend)", await accepted(plain, "COMMITTED"), plain, [CaseAct.EXTEND]);
    add("under review (decide)", await accepted(plain, "COMMITTED"), plain, [CaseAct.DECIDE]);
    add("under review (review)", await accepted(plain, "COMMITTED"), plain, [CaseAct.REVIEW, CaseAct.DECIDE]);
    const paused = await accepted(plain, "COMMITTED");
    ok(await act(await as(clerkOf(plain)), "pauseCase", { caseNumber: paused, reason: "TESTING", note: "检验检测" }));
    add("paused", paused, plain, [CaseAct.RESUME]);
    add("joint, opinions awaited", await accepted(joint, "JOINT"), joint, [CaseAct.JOINT_OPINION, CaseAct.DECIDE]);
    add("reported up", await accepted(reported, "REPORTED_UP"), reported, [CaseAct.FORWARD_UP]);
    const forwarded = await accepted(reported, "REPORTED_UP");
    ok(await act(await as(clerkOf(reported)), "forwardCase", { caseNumber: forwarded }));
    add("forwarded", forwarded, reported, [CaseAct.RECORD_REPLY]);
    add("decided, at the city", await decided(plain, 0), plain, [CaseAct.HAND_BACK]);
    add("decided, back at the township", await decided(plain, 1), plain, [CaseAct.HAND_BACK]);
    add("decided, back at the village", await decided(plain, 2), plain, [CaseAct.CLOSE]);
    const atCity = await registerAt(await as(clerkOf(plain)), plain);
    ok(await act(await as(clerkOf(plain)), "acceptCase", { caseNumber: atCity.number, kind: "COMMITTED" }));
    ok(await act(await as(headOf(plain.departmentCode, "deputy")), "decideCase", { caseNumber: atCity.number, approve: true, idempotencyKey: newKey() }));
    add("registered and decided at the city", atCity.number, plain, [CaseAct.CLOSE]);
    // §6 endings (E1, E2): withdrawal and void requests before a decision, a void approved or rejected by a second person.
    add("registered, at the village (withdraw)", await fromVillage(plain, 0), plain, [CaseAct.WITHDRAW]);
    add("under review (withdraw)", await accepted(plain, "COMMITTED"), plain, [CaseAct.WITHDRAW]);
    add("registered, at the township (request a void)", await fromVillage(plain, 1), plain, [CaseAct.REQUEST_VOID]);
    add("under review (request a void)", await accepted(plain, "COMMITTED"), plain, [CaseAct.REQUEST_VOID]);
    for (const [name, a] of [["void asked (approve)", CaseAct.APPROVE_VOID], ["void asked (reject)", CaseAct.REJECT_VOID]] as const) {
      const asked = await fromVillage(plain, 1);
      ok(await act(await as(home.agent), "requestVoid", { caseNumber: asked, reason: "登记有误" }));
      add(name, asked, plain, [a, CaseAct.WITHDRAW]);
    }
  }, 120_000);

  afterAll(async () => {
    for (const [name, x] of [["acts", acts], ["reads", reads]] as const) {
      const kinds = new Map<string, number>();
      for (const m of x.mismatches) kinds.set(m.replace(/ (by|on) .*$/, "").replace(/: (village agent|township clerk|window clerk|finance clerk|section chief|deputy director|director|supervisor|admin).*$/, ""), (kinds.get(m.replace(/ (by|on) .*$/, "").replace(/: (village agent|township clerk|window clerk|finance clerk|section chief|deputy director|director|supervisor|admin).*$/, "")) ?? 0) + 1);
      console.info(`[case-policy] ${name}: ${x.attempts} attempts, ${x.refusedByPolicy} refused by the policy, ${x.gotThrough} got through, ${x.wronglyRefused} wrongly refused`, Object.fromEntries(kinds));
    }
    await t?.close();
  });

  const record = (x: Tally, label: string, allowed: boolean, happened: boolean) => {
    x.attempts++;
    if (!allowed) x.refusedByPolicy++;
    if (!allowed && happened) {
      x.gotThrough++;
      x.mismatches.push(`got through: ${label}`);
    }
    if (allowed && !happened) {
      x.wronglyRefused++;
      x.mismatches.push(`wrongly refused: ${label}`);
    }
  };

  it("reads: case(number), ledger, casesAtPoint, windowQueue and the query code", async () => {
    for (const k of built) {
      const f = await factsOf(k.number);
      for (const spec of SPECS) {
        const username = spec.username(k);
        const caller = await callerOf(username);
        const client = await as(username);
        const label = `${spec.label} (${spec.unit}) on "${k.name}"`;
        const readable = canRead(caller, f).allowed;

        const one = await client.gql(CASE_READ, { n: k.number });
        record(reads, `read case: ${label}`, readable, Boolean(one.data?.case));
        if (!readable && one.errors?.[0]?.extensions?.code !== "FORBIDDEN") reads.mismatches.push(`not FORBIDDEN: ${label}`);
        record(reads, `query code: ${label}`, canPrintNotices(caller, f), Boolean(one.data?.case?.queryCode));

        const ledger = await client.gql(LEDGER, { p: f.pointCodes.registered });
        const inLedger = ledger.data?.ledger.nodes.some((n: { number: string }) => n.number === k.number) ?? false;
        const point = { id: f.registeredPointId, parentId: f.registeredPointParentId };
        record(reads, `ledger: ${label}`, readable && canListLedger(caller, point), inLedger);
        const ledgerCode = ledger.data?.ledger.nodes.find((n: { number: string }) => n.number === k.number)?.queryCode ?? null;
        if (inLedger) record(reads, `query code via ledger: ${label}`, canPrintNotices(caller, f), Boolean(ledgerCode));

        const here = await client.gql(AT_POINT, { p: f.pointCodes.current });
        const listed = (f.snapshot.status === "REGISTERED" && !f.snapshot.atHandlingPoint) || f.snapshot.status === "DECIDED";
        const atPoint = here.data?.casesAtPoint.nodes.some((n: { number: string }) => n.number === k.number) ?? false;
        record(reads, `casesAtPoint: ${label}`, listed && readable && canListAtPoint(caller, { id: f.currentPointId }), atPoint);

        const queue = await client.gql(QUEUE, { w: f.windowCode });
        const [w] = await q(`SELECT id, "pointId", "departmentId" FROM service_window WHERE code = '${f.windowCode}'`);
        const queued = queue.data?.windowQueue.nodes.some((n: { number: string }) => n.number === k.number) ?? false;
        record(reads, `windowQueue: ${label}`, readable && canListWindow(caller, w), queued);
      }
    }
    expect(reads.mismatches).toEqual([]);
  }, 180_000);

  it("printed notices (PDF) go to those who print them (they carry the query code)", async () => {
    const k = built.find((b) => b.name === "under review (decide)")!;
    const f = await factsOf(k.number);
    for (const spec of SPECS) {
      const username = spec.username(k);
      const client = await as(username);
      const response = await fetch(`${t.url}/documents/cases/${k.number}/acceptance.pdf`, { headers: { cookie: client.cookie ?? "" } });
      await response.arrayBuffer();
      const caller = await callerOf(username);
      const allowed = canRead(caller, f).allowed && canPrintNotices(caller, f);
      // Only the authorization answer is compared: on a machine without a CJK font an allowed request gets 500, not 200.
      record(reads, `PDF: ${spec.label} (${spec.unit})`, allowed, response.status !== 403);
      // Issue 9 §3: the receipt follows Q1; the case's hand-over list reading (H1); a point's day list canPrintHandOverList.
      const status = async (path: string) => {
        const res = await fetch(`${t.url}${path}`, { headers: { cookie: client.cookie ?? "" } });
        await res.arrayBuffer();
        return res.status;
      };
      record(reads, `receipt: ${spec.label} (${spec.unit})`, allowed, (await status(`/documents/cases/${k.number}/receipt.pdf`)) !== 403);
      record(reads, `hand-over list: ${spec.label} (${spec.unit})`, canRead(caller, f).allowed, (await status(`/documents/cases/${k.number}/handover.pdf`)) !== 403);
      const day = await status(`/documents/handovers/${f.pointCodes.registered}/2026-06-01.pdf`);
      record(reads, `point hand-over list: ${spec.label} (${spec.unit})`, canPrintHandOverList(caller, { id: f.registeredPointId, parentId: f.registeredPointParentId }), day !== 403 && day !== 401);
    }
    expect(reads.mismatches).toEqual([]);
  });

  it("availableActs is the policy's answer for every caller and case", async () => {
    const wrong: string[] = [];
    for (const k of built) {
      const f = await factsOf(k.number);
      for (const spec of SPECS) {
        const username = spec.username(k);
        const caller = await callerOf(username);
        const client = await as(username);
        if (!canRead(caller, f).allowed) continue;
        const expected = policyActs({ ...caller, letterCovers: await covers(client, spec.role, k.item) }, f);
        const { case: c } = await client.ok(ACTS_READ, { n: k.number });
        if (JSON.stringify(c.availableActs) !== JSON.stringify(expected)) wrong.push(`${spec.label} (${spec.unit}) on "${k.name}": ${c.availableActs} ≠ ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("acts: each refused one is refused by the API with nothing changed, each allowed one succeeds", async () => {
    for (const k of built) {
      for (const a of k.acts) {
        // Refusals first (they change nothing); the first allowed caller then acts, and the answers are re-computed.
        const plan = await Promise.all(
          SPECS.map(async (spec) => {
            const username = spec.username(k);
            const client = await as(username);
            const letterCovers = await covers(client, spec.role, k.item);
            return { spec, username, client, letterCovers };
          }),
        );
        const first = await factsOf(k.number);
        const ordered = [...plan].sort((x, y) => {
          const ax = canAct({ ...callers.get(x.username)!, letterCovers: x.letterCovers }, first, a).allowed ? 1 : 0;
          const ay = canAct({ ...callers.get(y.username)!, letterCovers: y.letterCovers }, first, a).allowed ? 1 : 0;
          return ax - ay;
        });
        for (const { spec, username, client, letterCovers } of ordered) {
          const before = await factsOf(k.number);
          const answer = canAct({ ...(await callerOf(username)), letterCovers }, before, a);
          const label = `${a} by ${spec.label} (${spec.unit}) on "${k.name}"`;
          const result = await attempt(client, a, k.number, k.item).catch((error: Error) => ({ case: null, userErrors: [], thrown: error.message }));
          const after = await factsOf(k.number);
          const happened = result.case !== null && result.userErrors.length === 0;
          record(acts, label, answer.allowed, happened);
          if (!answer.allowed) {
            if (after.version !== before.version || after.events !== before.events) acts.mismatches.push(`changed the case: ${label}`);
            const [error] = result.userErrors;
            // Roles the mutation does not admit at all are refused before the policy (GraphQL FORBIDDEN).
            if (error && (error.rule !== answer.rule || error.code !== answer.error)) acts.mismatches.push(`${label}: ${error.code} ${error.rule} ≠ ${answer.error} ${answer.rule}`);
            if (!error && !happened && !/FORBIDDEN/.test((result as { thrown?: string }).thrown ?? "")) acts.mismatches.push(`${label}: not FORBIDDEN`);
          }
        }
      }
    }
    expect(acts.mismatches).toEqual([]);
  }, 120_000);
});

/** The leaks of issue 6, each reproduced as it was reported. */
describe("regressions: the read and act leaks of issue 6", () => {
  let t: TestApp;
  const clock = new ManualClock(new Date("2026-06-02T10:00:00+08:00"));
  const as = sessions(() => t);
  let gaj: ItemFixture;
  let c02: ItemFixture;
  let gajCase: string;
  let c02Case: string;
  let c02Travelled: string;

  const decideBy = async (item: ItemFixture, number: string) =>
    ok(await act(await as(headOf(item.departmentCode, "deputy")), "decideCase", { caseNumber: number, approve: true, idempotencyKey: newKey() }));
  const version = async (number: string) => Number((await t.app.services.db.manager.query(`SELECT version FROM case_file WHERE number = '${number}'`))[0].version);

  beforeAll(async () => {
    t = await startTestApp({ clock, config: CASE_TEST_CONFIG });
    setDay(clock, "2026-06-02");
    gaj = await itemFixture(t, `${CITY_ONLY} AND d.code = 'GAJ' AND w.code <> 'C02' AND i."defaultKind" IN ('COMMITTED', 'IMMEDIATE')`);
    c02 = await itemFixture(t, `${CITY_ONLY} AND w.code = 'C02' AND i."defaultKind" IN ('COMMITTED', 'IMMEDIATE')`);
    gajCase = (await registerAt(await as(clerkOf(gaj)), gaj)).number;
    ok(await act(await as(clerkOf(gaj)), "acceptCase", { caseNumber: gajCase, kind: "COMMITTED" }));
    await decideBy(gaj, gajCase);
    c02Case = (await registerAt(await as("c02"), c02)).number;
    ok(await act(await as("c02"), "acceptCase", { caseNumber: c02Case, kind: "COMMITTED" }));
    await decideBy(c02, c02Case);
    const [{ village, agent }] = await villagesOf(t, "421081004", 1);
    expect(village).toBeTruthy();
    c02Travelled = (await registerAt(await as(agent), c02)).number;
    ok(await act(await as(agent), "handOverCase", { caseNumber: c02Travelled }));
    ok(await act(await as("t04"), "handOverCase", { caseNumber: c02Travelled }));
    ok(await act(await as("c02"), "acceptCase", { caseNumber: c02Travelled, kind: "COMMITTED" }));
    await decideBy(c02, c02Travelled);
  }, 60_000);
  afterAll(() => t?.close());

  it("mzj.chief, refused case(number) for a 公安局 case, no longer reads it through ledger or casesAtPoint", async () => {
    const chief = await as("mzj.chief");
    const one = await chief.gql(`query($n: String!) { case(number: $n) { number } }`, { n: gajCase });
    expect(one.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const { ledger, casesAtPoint } = await chief.ok(`{ ledger(pointCode: "421081", first: 100) { nodes { number queryCode } } casesAtPoint(pointCode: "421081", first: 100) { nodes { number } } }`);
    expect(ledger.nodes).toEqual([]);
    expect(casesAtPoint.nodes).toEqual([]);
    // Its own department still reads it, in both lists.
    const own = await (await as("gaj.chief")).ok(`{ ledger(pointCode: "421081", first: 100) { nodes { number queryCode } } casesAtPoint(pointCode: "421081", first: 100) { nodes { number } } }`);
    expect(own.ledger.nodes).toContainEqual({ number: gajCase, queryCode: null });
    expect(own.casesAtPoint.nodes).toContainEqual({ number: gajCase });
  });

  it("a window clerk reading ledger(pointCode: \"421081\") sees only his window's cases, with their query codes", async () => {
    const { ledger } = await (await as("c02")).ok(`{ ledger(pointCode: "421081", first: 100) { nodes { number queryCode } } }`);
    expect(ledger.nodes.map((n: { number: string }) => n.number)).toEqual([c02Case]);
    expect(ledger.nodes[0].queryCode).toMatch(/^[A-Z2-9]{6}$/);
    const other = await (await as("c41")).ok(`{ ledger(pointCode: "421081", first: 100) { nodes { number } } casesAtPoint(pointCode: "421081", first: 100) { nodes { number } } }`);
    expect(other).toEqual({ ledger: { nodes: [] }, casesAtPoint: { nodes: [] } });
  });

  it("a city clerk no longer reads another window's case(number) or its PDFs", async () => {
    const c41 = await as("c41");
    const one = await c41.gql(`query($n: String!) { case(number: $n) { number queryCode } }`, { n: c02Case });
    expect(one.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(one.data?.case ?? null).toBeNull();
    for (const kind of ["acceptance", "decision"]) {
      const response = await fetch(`${t.url}/documents/cases/${c02Case}/${kind}.pdf`, { headers: { cookie: c41.cookie ?? "" } });
      await response.arrayBuffer();
      expect(response.status).toBe(403);
    }
  });

  it("c41 can no longer close out (销号) a C02 case, nor hand back another window's result; C02 can", async () => {
    const c41 = await as("c41");
    const before = await version(c02Case);
    const close = await act(c41, "closeCase", { caseNumber: c02Case, via: "WINDOW" });
    expect(close).toMatchObject({ case: null, userErrors: [{ code: "FORBIDDEN", rule: "C2" }] });
    const back = await act(c41, "handBackResult", { caseNumber: c02Travelled });
    expect(back).toMatchObject({ case: null, userErrors: [{ code: "FORBIDDEN", rule: "C2" }] });
    expect(await version(c02Case)).toBe(before);
    expect(ok(await act(await as("c02"), "closeCase", { caseNumber: c02Case, via: "WINDOW" })).status).toBe("CLOSED");
    expect(ok(await act(await as("c02"), "handBackResult", { caseNumber: c02Travelled })).currentPoint.code).toBe("421081004");
  });

  it("the SPA's buttons come from availableActs: none for a reader who may do nothing, the right ones for the holder", async () => {
    const stranger = await (await as("gaj.chief")).ok(`query($n: String!) { case(number: $n) { availableActs decisionLetter { number } } }`, { n: gajCase });
    expect(stranger.case).toEqual({ availableActs: [], decisionLetter: null });
    const { case: c } = await (await as("t04")).ok(`query($n: String!) { case(number: $n) { availableActs queryCode } }`, { n: c02Travelled });
    expect(c).toEqual({ availableActs: ["HAND_BACK"], queryCode: null });
  });
});
