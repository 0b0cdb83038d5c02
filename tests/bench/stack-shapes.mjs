// What the case baselines (bare-cases-server.mjs on SQLite, bare-pg-cases-server.mjs on PostgreSQL) share: the
// columns TypeORM selects for each entity, its select-list and alias shapes, the literal open statuses, and the rules
// the stack applies to the rows (the role labels of timeline entries, query codes, China's date, C5's working days).
// One copy, so the two baselines cannot drift apart.
import { createHash } from "node:crypto";

export const ROLE_LABEL = { WINDOW_CLERK: "窗口人员", TOWNSHIP_CLERK: "乡镇窗口人员", VILLAGE_AGENT: "代办员" };
export const QUERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const sha256 = (text) => createHash("sha256").update(text).digest("hex");
export const chinaDate = (at) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** TypeORM's select list: "Alias"."col" AS "Alias_col", …, and FROM "table" "Alias". */
export const select = (alias, table, columns) => `SELECT ${columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(", ")} FROM "${table}" "${alias}"`;
export const unalias = (alias, row) => row && Object.fromEntries(Object.entries(row).map(([k, v]) => [k.slice(alias.length + 1), v]));
/** Each entity's columns, in TypeORM's order. */
export const C = {
  session: ["id", "tokenHash", "staffId", "createdAt", "lastSeenAt", "expiresAt", "revokedAt"],
  staff: ["id", "username", "displayName", "role", "pointId", "windowId", "departmentId", "phone", "passwordHash", "active", "mustChangePassword"],
  window: ["id", "code", "number", "name", "kind", "pointId", "departmentId", "active"],
  point: ["id", "code", "name", "level", "parentId", "address", "phone", "hasOffice", "hasNoticeBoard", "hasServiceCard", "hasLedger", "hasPhone", "hasComputer", "active"],
  item: ["id", "code", "name", "level", "departmentId", "category", "defaultKind", "legalLimitDays", "promisedLimitDays", "content", "legalBasis", "higherAuthority", "overdueCountsAsApproval", "reviewRequired", "active", "version"],
  case: ["id", "number", "numberReversed", "itemId", "kind", "status", "applicantName", "applicantIdNumber", "applicantPhone", "registeredAt", "registeredById", "registeredPointId", "currentPointId", "handlingPointId", "windowId", "receivedOn", "acceptedOn", "limitDays", "deadline", "forwardDue", "informDue", "deadlineProvisional", "forwardDueProvisional", "informDueProvisional", "forwardedTo", "returnCategory", "returnReason", "outcome", "decidedAt", "deliveredVia", "closedAt", "queryCode", "version", "recordsHead", "recordsCount", "recordsState", "recordsSeal"],
  pause: ["id", "caseId", "reason", "note", "startedOn", "endedOn", "startedById"],
  idempotency: ["id", "actor", "key", "operation", "requestHash", "response", "createdAt"],
  windowItem: ["id", "pointId", "windowId", "itemId"],
  material: ["id", "itemId", "seq", "name", "description", "originals", "copies", "required", "active"],
  year: ["year", "source", "loadedAt"],
  day: ["date", "kind", "name", "updatedAt", "updatedBy", "reason"],
};
export const OPEN_SQL = `"c"."status" IN ('REGISTERED', 'SUPPLEMENT', 'IN_REVIEW', 'DECIDED')`;
export const RECORD_COLUMNS = ["id", "number", "status", "kind", "outcome", "deadline", "acceptedOn", "limitDays", "decidedAt", "closedAt", "returnCategory", "forwardedTo", "deliveredVia", "itemId", "applicantName", "applicantIdNumber", "applicantPhone", "recordsHead", "recordsCount", "recordsState", "recordsSeal"];
export const DECISION_COLUMNS = ["id", "caseId", "outcome", "reason", "decidedById", "letterId", "sealCode", "decidedAt"];
export const q = (names) => names.map((n) => `"${n}"`).join(", ");

/**
 * C5 on the stored calendar: working days in (from, to], counted up to `stopAt` (as the stack's deadlineState stops
 * once the case is past yellow); weekends off unless a make-up day.
 */
export function workingDaysBetween(from, to, years, days, stopAt = Infinity) {
  let count = 0;
  for (let d = Date.parse(`${from}T00:00:00Z`) + 86_400_000; d <= Date.parse(`${to}T00:00:00Z`) && count < stopAt; d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    if (!years.has(Number(date.slice(0, 4)))) throw new Error(`no calendar for ${date}`);
    const kind = days.get(date);
    if (kind ? kind === "MAKEUP_WORKDAY" : ![0, 6].includes(new Date(d).getUTCDay())) count++;
  }
  return count;
}
