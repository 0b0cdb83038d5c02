import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { keyedHash, type RecordsKey } from "./records-key";

/**
 * Records you can verify: what is hashed, sealed and checked. Pure functions of rows and the
 * records key, shared by the server, the historical-case generator and `npm run verify`.
 *
 * - Each timeline entry (case_event) carries HMAC(key, previous hash, its fields): an edited,
 *   removed or reordered entry breaks the chain, and without the key nobody can recompute it.
 * - Each case row carries a seal: HMAC(key, number, head hash, entry count, state), where the state
 *   is what decides the case's meaning (status, outcome, deadline, the decision row with its
 *   outcome, decider, letter, seal and date …). A deleted tail, or a changed outcome or decision, no
 *   longer matches the seal.
 * - The audit log is chained the same way, and its head (audit_head) keeps the newest id, hash and
 *   the row count under a seal.
 */

/** prevHash of a case's first timeline entry and of the first audit row. */
export const GENESIS = "0".repeat(64);

export interface EventFields {
  prevHash: string;
  caseNumber: string;
  seq: number;
  type: string;
  at: Date | string;
  actorId: number | null;
  actorLabel: string;
  fromPointId: number | null;
  toPointId: number | null;
  summary: string;
  data: string;
}

/** An instant as ISO text: from a Date, or from SQLite's "YYYY-MM-DD HH:MM:SS.mmm" (UTC) as raw SQL returns it. */
export function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  const ms = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(text) ? Date.parse(`${text.replace(" ", "T")}Z`) : Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** The keyed hash of one timeline entry, chained to the previous one. */
export function eventHash(key: RecordsKey, e: EventFields): string {
  return keyedHash(key, ["event", e.prevHash, e.caseNumber, e.seq, e.type, isoOf(e.at), e.actorId, e.actorLabel, e.fromPointId, e.toPointId, e.summary, e.data]);
}

/** The plain SHA-256 of the earlier version (upgrade only: verify once, then re-key). */
export function legacyEventHash(e: EventFields): string {
  return createHash("sha256")
    .update([e.prevHash, e.caseNumber, e.seq, e.type, isoOf(e.at), e.actorLabel, e.fromPointId ?? "", e.toPointId ?? "", e.summary, e.data].join("\u001f"))
    .digest("hex");
}

export interface AuditFields {
  at: Date | string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detail: string;
}

export function auditHash(key: RecordsKey, prevHash: string, a: AuditFields): string {
  return keyedHash(key, ["audit", prevHash, isoOf(a.at), a.actor, a.action, a.entityType, a.entityId, a.detail]);
}

export function legacyAuditHash(prevHash: string, a: AuditFields): string {
  return createHash("sha256").update([prevHash, isoOf(a.at), a.actor, a.action, a.entityType, a.entityId, a.detail].join("\u001f")).digest("hex");
}

export function auditHeadSeal(key: RecordsKey, head: { lastId: number; count: number; lastHash: string; keyId: string }): string {
  return keyedHash(key, ["audit-head", head.lastId, head.count, head.lastHash, head.keyId]);
}

/** The case columns the seal covers (the case row as loaded, or as the generator builds it). */
export interface SealedCaseFields {
  number: string;
  status: string;
  kind: string | null;
  outcome: string | null;
  deadline: string | null;
  acceptedOn: string | null;
  limitDays: number | null;
  decidedAt: Date | string | null;
  closedAt: Date | string | null;
  returnCategory: string | null;
  forwardedTo: string | null;
  deliveredVia: string | null;
  itemId: number;
  applicantName: string;
  applicantIdNumber: string;
  applicantPhone: string;
}

/** The decision row (at most one per case): outcome, decider, letter, seal and date. */
export interface SealedDecision {
  id?: number;
  outcome: string;
  reason: string | null;
  decidedById: number | null;
  letterId: number | null;
  sealCode: string | null;
  decidedAt: Date | string;
}

/** Short names in the stored state, and the break each one reports when the row no longer matches. */
const STATE_FIELDS = {
  st: "status",
  kd: "kind",
  oc: "outcome",
  dl: "deadline",
  ac: "acceptedOn",
  lm: "limitDays",
  da: "decidedAt",
  ca: "closedAt",
  rc: "returnCategory",
  fw: "forwardedTo",
  dv: "deliveredVia",
  it: "itemId",
  ap: "applicant",
  dec: "decision",
} as const;
type StateKey = keyof typeof STATE_FIELDS;
type State = Record<StateKey, unknown>;

/** The state a seal covers. Personal data enters only as a keyed digest (the stored state shows none). */
export function caseState(key: RecordsKey, c: SealedCaseFields, d: SealedDecision | null): State {
  const digest = (...fields: unknown[]) => keyedHash(key, fields).slice(0, 16);
  return {
    st: c.status,
    kd: c.kind ?? null,
    oc: c.outcome ?? null,
    dl: c.deadline ?? null,
    ac: c.acceptedOn ?? null,
    lm: c.limitDays ?? null,
    da: isoOf(c.decidedAt),
    ca: isoOf(c.closedAt),
    rc: c.returnCategory ?? null,
    fw: c.forwardedTo ?? null,
    dv: c.deliveredVia ?? null,
    it: Number(c.itemId),
    ap: digest("applicant", c.applicantName, c.applicantIdNumber, c.applicantPhone),
    dec: d ? [d.outcome, d.decidedById ?? null, d.letterId ?? null, d.sealCode ?? null, isoOf(d.decidedAt), d.reason === null ? null : digest("reason", d.reason)] : null,
  };
}

export interface SealColumns {
  recordsHead: string;
  recordsCount: number;
  recordsState: string;
  recordsSeal: string;
}

export function caseSeal(key: RecordsKey, number: string, head: string, count: number, state: string): string {
  return keyedHash(key, ["case-seal", number, head, count, state]);
}

/** The four seal columns of a case row, after its newest entry (`head`, the `count`-th). */
export function sealColumns(key: RecordsKey, c: SealedCaseFields, d: SealedDecision | null, head: string, count: number): SealColumns {
  const state = JSON.stringify(caseState(key, c, d));
  return { recordsHead: head, recordsCount: count, recordsState: state, recordsSeal: caseSeal(key, c.number, head, count, state) };
}

/** What a break is: a stable code (the SPA and the CLI translate it). */
export enum BreakKind {
  /** A timeline entry's content no longer matches its hash (edited, or rewritten without the key). */
  EVENT_CHANGED = "EVENT_CHANGED",
  /** A sequence number is missing (an entry was deleted). */
  EVENT_MISSING = "EVENT_MISSING",
  /** An entry does not follow the one before it (reordered, or one before it replaced). */
  EVENT_LINK_BROKEN = "EVENT_LINK_BROKEN",
  /** Fewer entries than the case row counts (the newest ones were deleted). */
  EVENTS_TRUNCATED = "EVENTS_TRUNCATED",
  /** The newest entry is not the one the case row's head names (replaced, or added behind the server's back). */
  HEAD_MISMATCH = "HEAD_MISMATCH",
  /** The case row's seal does not verify: its head, count or state was rewritten without the key. */
  CASE_SEAL_INVALID = "CASE_SEAL_INVALID",
  STATUS_CHANGED = "STATUS_CHANGED",
  OUTCOME_CHANGED = "OUTCOME_CHANGED",
  DEADLINE_CHANGED = "DEADLINE_CHANGED",
  /** Another sealed column of the case changed (detail names it). */
  CASE_FIELD_CHANGED = "CASE_FIELD_CHANGED",
  DECISION_CHANGED = "DECISION_CHANGED",
  DECISION_REMOVED = "DECISION_REMOVED",
  DECISION_ADDED = "DECISION_ADDED",
  /** The case has no seal: never upgraded from the unkeyed version because its chain was already broken, or the seal was removed. */
  UNSEALED = "UNSEALED",
  /** The unkeyed chain of the earlier version was already broken at this entry when the records were upgraded. */
  LEGACY_CHAIN_BROKEN = "LEGACY_CHAIN_BROKEN",
  AUDIT_ROW_CHANGED = "AUDIT_ROW_CHANGED",
  AUDIT_LINK_BROKEN = "AUDIT_LINK_BROKEN",
  /** The audit log has fewer rows, or another newest row, than its sealed head records. */
  AUDIT_TAIL_MISSING = "AUDIT_TAIL_MISSING",
  AUDIT_HEAD_INVALID = "AUDIT_HEAD_INVALID",
  AUDIT_HEAD_MISSING = "AUDIT_HEAD_MISSING",
  /** The unkeyed audit chain was already broken at this row when the records were upgraded. */
  LEGACY_AUDIT_BROKEN = "LEGACY_AUDIT_BROKEN",
}

export interface RecordBreak {
  /** The case's number; null for the audit log. */
  caseNumber: string | null;
  /** case_event, case_file, decision, audit_entry or audit_head. */
  table: string;
  /** The entry's seq (case_event), the row id (decision, audit_entry), or null for the case row / audit head. */
  row: number | null;
  kind: BreakKind;
  /** For CASE_FIELD_CHANGED: which column. */
  detail: string | null;
}

export interface CaseRecordRow extends SealedCaseFields {
  id: number;
  recordsHead: string | null;
  recordsCount: number;
  recordsState: string | null;
  recordsSeal: string | null;
}

export interface EventRow {
  seq: number;
  type: string;
  at: Date | string;
  actorId: number | null;
  actorLabel: string;
  fromPointId: number | null;
  toPointId: number | null;
  summary: string;
  data: string;
  prevHash: string;
  hash: string;
}

/** Checks one case: its chain (events in seq order), its head and count, its seal and what the seal covers. */
export function verifyCase(key: RecordsKey, c: CaseRecordRow, events: EventRow[], decision: SealedDecision | null): RecordBreak[] {
  const breaks: RecordBreak[] = [];
  const add = (table: string, row: number | null, kind: BreakKind, detail: string | null = null) => breaks.push({ caseNumber: c.number, table, row, kind, detail });
  if (!c.recordsSeal) {
    add("case_file", null, BreakKind.UNSEALED);
    // Say where an unkeyed chain of the earlier version breaks, if it does.
    let prev = GENESIS;
    for (const e of events) {
      const fields = { ...e, caseNumber: c.number, prevHash: prev };
      if (e.prevHash !== prev || (legacyEventHash(fields) !== e.hash && eventHash(key, fields) !== e.hash)) {
        add("case_event", e.seq, BreakKind.LEGACY_CHAIN_BROKEN);
        break;
      }
      prev = e.hash;
    }
    return breaks;
  }
  let prev = GENESIS;
  let expected = 1;
  for (const e of events) {
    let missing = false;
    if (e.seq !== expected) {
      add("case_event", expected, e.seq > expected ? BreakKind.EVENT_MISSING : BreakKind.EVENT_LINK_BROKEN);
      missing = true;
      expected = e.seq;
    }
    if (e.prevHash !== prev && !missing) add("case_event", e.seq, BreakKind.EVENT_LINK_BROKEN);
    if (eventHash(key, { ...e, caseNumber: c.number }) !== e.hash) add("case_event", e.seq, BreakKind.EVENT_CHANGED);
    prev = e.hash;
    expected++;
  }
  const last = events[events.length - 1];
  const count = last?.seq ?? 0;
  if (count < c.recordsCount || events.length < c.recordsCount) add("case_event", count + 1, BreakKind.EVENTS_TRUNCATED);
  else if (count > c.recordsCount || (last?.hash ?? GENESIS) !== c.recordsHead) add("case_event", count, BreakKind.HEAD_MISMATCH);
  if (caseSeal(key, c.number, c.recordsHead ?? "", c.recordsCount, c.recordsState ?? "") !== c.recordsSeal) {
    add("case_file", null, BreakKind.CASE_SEAL_INVALID);
    return breaks;
  }
  let sealed: State;
  try {
    sealed = JSON.parse(c.recordsState ?? "") as State;
  } catch {
    add("case_file", null, BreakKind.CASE_SEAL_INVALID);
    return breaks;
  }
  const now = caseState(key, c, decision);
  for (const k of Object.keys(STATE_FIELDS) as StateKey[]) {
    if (JSON.stringify(now[k]) === JSON.stringify(sealed[k])) continue;
    if (k === "dec") {
      const kind = !now.dec ? BreakKind.DECISION_REMOVED : !sealed.dec ? BreakKind.DECISION_ADDED : BreakKind.DECISION_CHANGED;
      add("decision", decision?.id ?? null, kind);
    } else if (k === "st") add("case_file", null, BreakKind.STATUS_CHANGED);
    else if (k === "oc") add("case_file", null, BreakKind.OUTCOME_CHANGED);
    else if (k === "dl") add("case_file", null, BreakKind.DEADLINE_CHANGED);
    else add("case_file", null, BreakKind.CASE_FIELD_CHANGED, STATE_FIELDS[k]);
  }
  return breaks;
}

/** Column lists for raw SQL (quoted for PostgreSQL). */
export const CASE_RECORD_COLUMNS = ["id", "number", "status", "kind", "outcome", "deadline", "acceptedOn", "limitDays", "decidedAt", "closedAt", "returnCategory", "forwardedTo", "deliveredVia", "itemId", "applicantName", "applicantIdNumber", "applicantPhone", "recordsHead", "recordsCount", "recordsState", "recordsSeal"];
export const EVENT_COLUMNS = ["caseId", "seq", "type", "at", "actorId", "actorLabel", "fromPointId", "toPointId", "summary", "data", "prevHash", "hash"];
export const DECISION_COLUMNS = ["id", "caseId", "outcome", "reason", "decidedById", "letterId", "sealCode", "decidedAt"];
export const cols = (names: string[], alias = "") => names.map((n) => `${alias}"${n}"`).join(", ");

/** Loads the timeline and decision of one case (two queries) and checks them against the case row. */
export async function verifyCaseIn(em: EntityManager, key: RecordsKey, c: CaseRecordRow): Promise<RecordBreak[]> {
  const p = em.connection.options.type === "postgres" ? "$1" : "?";
  const events = (await em.query(`SELECT ${cols(EVENT_COLUMNS)} FROM case_event WHERE "caseId" = ${p} ORDER BY seq`, [c.id])) as EventRow[];
  const [decision] = (await em.query(`SELECT ${cols(DECISION_COLUMNS)} FROM decision WHERE "caseId" = ${p}`, [c.id])) as SealedDecision[];
  return verifyCase(key, c, events.map(normalizeEvent), decision ?? null);
}

export function normalizeEvent(e: EventRow): EventRow {
  return { ...e, seq: Number(e.seq), actorId: e.actorId === null ? null : Number(e.actorId), fromPointId: e.fromPointId === null ? null : Number(e.fromPointId), toPointId: e.toPointId === null ? null : Number(e.toPointId) };
}
