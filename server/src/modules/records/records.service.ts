import type { DataSource, EntityManager } from "typeorm";
import type { Config } from "../../config";
import type { Db } from "../../db/db";
import { AuditEntry } from "../audit/audit-entry.entity";
import { appendAuditRow } from "../audit/audit.service";
import type { Case } from "../cases/case.entity";
import { AuditHead } from "./records.entity";
import { loadRecordsKey, recordsKeyOf, useRecordsKey, type RecordsKey } from "./records-key";
import {
  auditHash,
  auditHeadSeal,
  BreakKind,
  CASE_RECORD_COLUMNS,
  cols,
  DECISION_COLUMNS,
  EVENT_COLUMNS,
  eventHash,
  GENESIS,
  legacyAuditHash,
  legacyEventHash,
  normalizeEvent,
  sealColumns,
  verifyCase,
  type CaseRecordRow,
  type EventRow,
  type RecordBreak,
  type SealColumns,
  type SealedDecision,
} from "./records";

const isPg = (em: EntityManager | DataSource) => ("connection" in em ? em.connection : em).options.type === "postgres";
const marks = (em: EntityManager, n: number, from = 1) => Array.from({ length: n }, (_, i) => (isPg(em) ? `$${from + i}` : "?")).join(", ");

export function caseRecordRow(c: Case): CaseRecordRow {
  return c as unknown as CaseRecordRow;
}

export async function decisionOf(em: EntityManager, caseId: number): Promise<SealedDecision | null> {
  const [row] = (await em.query(`SELECT ${cols(DECISION_COLUMNS)} FROM decision WHERE "caseId" = ${marks(em, 1)}`, [caseId])) as SealedDecision[];
  return row ?? null;
}

/** Re-seals a case row after its newest entry (`head`, number `count`), from the row as it is in this transaction. */
export async function resealCase(em: EntityManager, caseId: number, head: string, count: number): Promise<SealColumns> {
  const [row] = (await em.query(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE id = ${marks(em, 1)}`, [caseId])) as CaseRecordRow[];
  const seal = sealColumns(recordsKeyOf(em), row, await decisionOf(em, caseId), head, count);
  await em.query(`UPDATE case_file SET "recordsHead" = ${marks(em, 1)}, "recordsCount" = ${marks(em, 1, 2)}, "recordsState" = ${marks(em, 1, 3)}, "recordsSeal" = ${marks(em, 1, 4)} WHERE id = ${marks(em, 1, 5)}`, [
    seal.recordsHead,
    seal.recordsCount,
    seal.recordsState,
    seal.recordsSeal,
    caseId,
  ]);
  return seal;
}

export interface VerificationSummary {
  ok: boolean;
  keyId: string;
  casesChecked: number;
  eventsChecked: number;
  auditRowsChecked: number;
  breakCount: number;
  /** The first `limit` breaks, cases first (by id, then seq), then the audit log. */
  breaks: RecordBreak[];
}

const PAGE = 500;

/**
 * Verifies every case chain and the audit log, page by page (three queries per 500 cases, one per
 * 2,000 audit rows). Returns the count of breaks and the first `limit` of them.
 */
export async function verifyAllRecords(em: EntityManager, key: RecordsKey, limit = 1000, onProgress?: (cases: number) => void): Promise<VerificationSummary> {
  const summary: VerificationSummary = { ok: true, keyId: key.id, casesChecked: 0, eventsChecked: 0, auditRowsChecked: 0, breakCount: 0, breaks: [] };
  const take = (found: RecordBreak[]) => {
    summary.breakCount += found.length;
    for (const b of found) if (summary.breaks.length < limit) summary.breaks.push(b);
  };
  for (let after = 0; ; ) {
    const cases = (await em.query(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE id > ${marks(em, 1)} ORDER BY id LIMIT ${PAGE}`, [after])) as CaseRecordRow[];
    if (!cases.length) break;
    const first = cases[0].id, last = cases[cases.length - 1].id;
    const events = (await em.query(`SELECT ${cols(EVENT_COLUMNS)} FROM case_event WHERE "caseId" BETWEEN ${marks(em, 1)} AND ${marks(em, 1, 2)} ORDER BY "caseId", seq`, [first, last])) as (EventRow & { caseId: number })[];
    const decisions = (await em.query(`SELECT ${cols(DECISION_COLUMNS)} FROM decision WHERE "caseId" BETWEEN ${marks(em, 1)} AND ${marks(em, 1, 2)}`, [first, last])) as (SealedDecision & { caseId: number })[];
    const byCase = new Map<number, EventRow[]>();
    for (const e of events) {
      const list = byCase.get(Number(e.caseId)) ?? [];
      list.push(normalizeEvent(e));
      byCase.set(Number(e.caseId), list);
    }
    const decisionBy = new Map(decisions.map((d) => [Number(d.caseId), d]));
    for (const c of cases) take(verifyCase(key, { ...c, id: Number(c.id), recordsCount: Number(c.recordsCount) }, byCase.get(Number(c.id)) ?? [], decisionBy.get(Number(c.id)) ?? null));
    summary.casesChecked += cases.length;
    summary.eventsChecked += events.length;
    after = Number(last);
    onProgress?.(summary.casesChecked);
  }
  const audit = await verifyAudit(em, key);
  summary.auditRowsChecked = audit.rows;
  take(audit.breaks);
  summary.ok = summary.breakCount === 0;
  return summary;
}

/** Walks the audit chain in id order and checks it against its sealed head. */
export async function verifyAudit(em: EntityManager, key: RecordsKey): Promise<{ rows: number; breaks: RecordBreak[] }> {
  const breaks: RecordBreak[] = [];
  const add = (row: number | null, kind: BreakKind, table = "audit_entry") => breaks.push({ caseNumber: null, table, row, kind, detail: null });
  let prev = GENESIS, rows = 0, lastId = 0;
  for (;;) {
    const page = await em.getRepository(AuditEntry).createQueryBuilder("a").where("a.id > :after", { after: lastId }).orderBy("a.id", "ASC").take(2000).getMany();
    if (!page.length) break;
    for (const row of page) {
      if (row.prevHash !== prev) add(row.id, BreakKind.AUDIT_LINK_BROKEN);
      if (auditHash(key, row.prevHash, row) !== row.hash) add(row.id, BreakKind.AUDIT_ROW_CHANGED);
      if (row.action === "RECORDS_UPGRADED") {
        // Breaks the unkeyed chain already had when it was re-keyed stay on the record.
        const detail = JSON.parse(row.detail) as { auditLegacyBreakAt?: number | null };
        if (detail.auditLegacyBreakAt) add(detail.auditLegacyBreakAt, BreakKind.LEGACY_AUDIT_BROKEN);
      }
      prev = row.hash;
      lastId = row.id;
      rows++;
    }
  }
  const head = await em.getRepository(AuditHead).findOneBy({ id: 1 });
  if (!head) add(null, BreakKind.AUDIT_HEAD_MISSING, "audit_head");
  else if (head.keyId !== key.id || auditHeadSeal(key, head) !== head.seal) add(null, BreakKind.AUDIT_HEAD_INVALID, "audit_head");
  else if (head.count !== rows || head.lastId !== lastId || head.lastHash !== prev) add(rows < head.count ? lastId + 1 : lastId, BreakKind.AUDIT_TAIL_MISSING);
  return { rows, breaks };
}

/**
 * At start (server, seed, verify): finds the records key and checks it is the one the records were
 * sealed with; on the first start of a database made by the earlier, unkeyed version, upgrades it.
 *
 * The upgrade: every case chain is first verified with the old plain SHA-256; an intact one is
 * re-keyed (HMAC) and its case row sealed; a broken one keeps its old hashes and no seal, so
 * verification reports it (UNSEALED, LEGACY_CHAIN_BROKEN at the first bad entry) for good. The
 * audit chain is verified the same way and re-keyed, and the upgrade itself is an audit row
 * (RECORDS_UPGRADED) naming how many cases were re-keyed, which were not, and the row where the
 * old audit chain broke, if it did (reported by verification as LEGACY_AUDIT_BROKEN).
 */
export async function prepareRecords(db: Db, config: Config, now: () => Date, log: (line: string) => void = (line) => console.log(line)): Promise<RecordsKey> {
  const head = await db.manager.getRepository(AuditHead).findOneBy({ id: 1 });
  const key = loadRecordsKey(config, !head);
  if (key.generated) log(`[records] generated the records key in ${key.source} (mode 0600); back it up with the database (README: Backup and restore).`);
  if (head && head.keyId !== key.id) {
    throw new Error(`records key mismatch: these records were sealed with key ${head.keyId}, but ${key.source} holds key ${key.id}. Restore the key file that goes with this database (README, "Backup and restore").`);
  }
  useRecordsKey(db.dataSource, key);
  if (!head) await upgradeRecords(db, key, now, log);
  return key;
}

async function upgradeRecords(db: Db, key: RecordsKey, now: () => Date, log: (line: string) => void): Promise<void> {
  let rekeyed = 0, after = 0;
  const broken: string[] = [];
  for (;;) {
    const done = await db.transaction(async (em) => {
      const cases = (await em.query(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE id > ${marks(em, 1)} AND "recordsSeal" IS NULL ORDER BY id LIMIT ${PAGE}`, [after])) as CaseRecordRow[];
      if (!cases.length) return true;
      const first = cases[0].id, last = cases[cases.length - 1].id;
      const events = (await em.query(`SELECT id, ${cols(EVENT_COLUMNS)} FROM case_event WHERE "caseId" BETWEEN ${marks(em, 1)} AND ${marks(em, 1, 2)} ORDER BY "caseId", seq`, [first, last])) as (EventRow & { id: number; caseId: number })[];
      const decisions = (await em.query(`SELECT ${cols(DECISION_COLUMNS)} FROM decision WHERE "caseId" BETWEEN ${marks(em, 1)} AND ${marks(em, 1, 2)}`, [first, last])) as (SealedDecision & { caseId: number })[];
      for (const c of cases) {
        const list = events.filter((e) => Number(e.caseId) === Number(c.id)).map((e) => ({ ...normalizeEvent(e), id: e.id }));
        let prev = GENESIS, intact = true;
        for (const [i, e] of list.entries()) {
          if (e.seq !== i + 1 || e.prevHash !== prev || legacyEventHash({ ...e, caseNumber: c.number, prevHash: prev }) !== e.hash) intact = false;
          prev = e.hash;
        }
        if (!intact || !list.length) {
          broken.push(c.number);
          continue;
        }
        prev = GENESIS;
        for (const e of list) {
          const hash = eventHash(key, { ...e, caseNumber: c.number, prevHash: prev });
          await em.query(`UPDATE case_event SET "prevHash" = ${marks(em, 1)}, hash = ${marks(em, 1, 2)} WHERE id = ${marks(em, 1, 3)}`, [prev, hash, e.id]);
          prev = hash;
        }
        const seal = sealColumns(key, c, decisions.find((d) => Number(d.caseId) === Number(c.id)) ?? null, prev, list.length);
        await em.query(`UPDATE case_file SET "recordsHead" = ${marks(em, 1)}, "recordsCount" = ${marks(em, 1, 2)}, "recordsState" = ${marks(em, 1, 3)}, "recordsSeal" = ${marks(em, 1, 4)} WHERE id = ${marks(em, 1, 5)}`, [
          seal.recordsHead, seal.recordsCount, seal.recordsState, seal.recordsSeal, c.id,
        ]);
        rekeyed++;
      }
      after = Number(last);
      return false;
    });
    if (done) break;
    if (rekeyed >= 10_000 && rekeyed % 10_000 < PAGE) log(`[records] upgrading: ${rekeyed} case chains re-keyed`);
  }
  await db.transaction(async (em) => {
    const rows = await em.getRepository(AuditEntry).find({ order: { id: "ASC" } });
    let prev = GENESIS;
    let legacyBreak: number | null = null;
    for (const row of rows) {
      if (legacyBreak === null && (row.prevHash !== prev || legacyAuditHash(prev, row) !== row.hash)) legacyBreak = row.id;
      prev = row.hash;
    }
    prev = GENESIS;
    for (const row of rows) {
      const hash = auditHash(key, prev, row);
      await em.getRepository(AuditEntry).update({ id: row.id }, { prevHash: prev, hash });
      prev = hash;
    }
    const fresh = { id: 1, lastId: rows[rows.length - 1]?.id ?? 0, count: rows.length, lastHash: prev, keyId: key.id };
    await em.getRepository(AuditHead).insert({ ...fresh, seal: auditHeadSeal(key, fresh) });
    if (rows.length || rekeyed || broken.length) {
      const detail = { casesRekeyed: rekeyed, casesNotRekeyed: broken.length, brokenCases: broken.slice(0, 100), auditRowsRekeyed: rows.length, auditLegacyBreakAt: legacyBreak, keyId: key.id };
      await appendAuditRow(em, db.engine, now(), "system", "RECORDS_UPGRADED", "records", "all", detail);
      log(`[records] upgraded the unkeyed records to keyed hashes: ${rekeyed} case chains and ${rows.length} audit rows re-keyed; ${broken.length} broken case chains left unsealed${legacyBreak ? `; the old audit chain was already broken at row ${legacyBreak}` : ""} (audit: RECORDS_UPGRADED).`);
    }
  });
}
