import { randomUUID } from "node:crypto";
import type { ApiClient, TestApp } from "./app";

/** A valid resident ID number (GB 11643 check digit) built from 17 digits. */
export function idNumber(first17 = "42108119800101123"): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + "10X98765432"[sum % 11];
}

export const CASE_FIELDS = `number status kind acceptedOn deadline deadlineState queryCode outcome completionCode completionReason version
  window { code } currentPoint { code } handlingPoint { code } registeredPoint { code }
  events { seq type summary actorLabel fromPoint { code } toPoint { code } }
  decision { outcome sealCode letter { number } decidedBy { username } }
  supplementNotice { missing } jointNotices { department { code } opinion dueOn }`;

export interface ItemFixture {
  code: string;
  departmentCode: string;
  windowCode: string;
  materialIds: string[];
  requiredIds: string[];
}

/** Finds a demo item by SQL, with its accepting window at the given point and its materials. */
export async function itemFixture(t: TestApp, where: string, pointCode = "421081"): Promise<ItemFixture> {
  const em = t.app.services.db.manager;
  const [row] = await em.query(
    `SELECT i.id, i.code, d.code AS dept, w.code AS win FROM service_item i
     JOIN department d ON d.id = i."departmentId"
     JOIN window_item wi ON wi."itemId" = i.id JOIN service_point p ON p.id = wi."pointId" AND p.code = '${pointCode}'
     JOIN service_window w ON w.id = wi."windowId"
     WHERE i.active = TRUE AND ${where} ORDER BY i.code LIMIT 1`,
  );
  if (!row) throw new Error(`no demo item where ${where} at ${pointCode}`);
  const materials: { id: number; required: boolean }[] = await em.query(`SELECT id, required FROM material WHERE "itemId" = ${row.id} AND active = TRUE ORDER BY seq`);
  return {
    code: row.code,
    departmentCode: row.dept,
    windowCode: row.win,
    materialIds: materials.map((m) => String(m.id)),
    requiredIds: materials.filter((m) => m.required).map((m) => String(m.id)),
  };
}

/** The first village under a township, and that village's agent. */
export async function villageOf(t: TestApp, townshipCode = "421081001"): Promise<{ village: string; agent: string }> {
  const [row] = await t.app.services.db.manager.query(
    `SELECT v.code FROM service_point v JOIN service_point t ON t.id = v."parentId" WHERE t.code = '${townshipCode}' ORDER BY v.code LIMIT 1`,
  );
  return { village: row.code, agent: `v${row.code}` };
}

export async function register(client: ApiClient, itemCode: string, materialIds: string[], extra: Record<string, unknown> = {}) {
  return client.ok(
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { case { ${CASE_FIELDS} } userErrors { field message code rule reason } } }`,
    { input: { itemCode, applicant: { name: "张三", idNumber: idNumber(), phone: "13871234567" }, materialIds, idempotencyKey: randomUUID(), ...extra } },
  );
}

/** Runs a case mutation with `input` and returns its payload. */
export async function act(client: ApiClient, mutation: string, input: Record<string, unknown>) {
  const data = await client.ok(`mutation($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { case { ${CASE_FIELDS} } userErrors { field message code rule reason } } }`, { input });
  return data[mutation] as { case: any; userErrors: { field: string[] | null; message: string; code: string; rule: string | null; reason: string | null }[] };
}

function inputType(mutation: string): string {
  const types: Record<string, string> = {
    handOverCase: "HandOverInput",
    acceptCase: "AcceptCaseInput",
    issueSupplementNotice: "SupplementNoticeInput",
    completeSupplement: "CompleteSupplementInput",
    returnCase: "ReturnCaseInput",
    pauseCase: "PauseCaseInput",
    resumeCase: "CaseRefInput",
    extendCase: "ExtendCaseInput",
    giveJointOpinion: "JointOpinionInput",
    reviewCase: "ReviewCaseInput",
    decideCase: "DecideCaseInput",
    forwardCase: "CaseRefInput",
    recordHigherReply: "HigherReplyInput",
    handBackResult: "CaseRefInput",
    closeCase: "CloseCaseInput",
    withdrawCase: "EndCaseInput",
    requestVoid: "EndCaseInput",
    approveVoid: "CaseRefInput",
    rejectVoid: "EndCaseInput",
  };
  return types[mutation];
}

export const newKey = () => randomUUID();
