import type { EntityManager } from "typeorm";
import type { Engine } from "../../db/data-source";
import type { Db } from "../../db/db";
import { recordsKeyOf } from "../records/records-key";
import { CaseNameKey, CaseParty, PartyKind, PartyRole } from "./case-party.entity";
import { partyRecords, type PartyRow } from "./parties";

const PAGE = 2000;
/** Bound parameters per INSERT: under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMS = 30_000;
const PARTY_COLUMNS = ["caseId", "seq", "role", "kind", "name", "idNumber", "creditCode", "legalRepresentative", "phone", "actsForSeq", "idHash", "phoneHash"] as const;
const NAME_COLUMNS = ["caseId", "partySeq", "pos", "key"] as const;

/** Multi-row INSERTs without the ORM's per-row work (a backfill writes a row per name suffix). */
async function insertRows<T extends object>(em: EntityManager, engine: Engine, table: string, columns: readonly (keyof T & string)[], rows: readonly Partial<T>[]): Promise<void> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += per) {
    const chunk = rows.slice(start, start + per);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${columns.map((c) => { params.push(row[c] ?? null); return engine === "postgres" ? `$${params.length}` : "?"; }).join(", ")})`);
    await em.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, params);
  }
}

/** The reversed case number in SQL: numbers are 20 characters (C1), so it is 20 one-character substrings. */
const REVERSED_SQL = Array.from({ length: 20 }, (_, i) => `substr(number, ${20 - i}, 1)`).join(" || ");

/**
 * Makes every case searchable, at start (and after the historical-case generator): idempotent, and a
 * no-op once done.
 * - `numberReversed` where it is NULL (rows from before the column, or written by the generator);
 * - for a case with no party rows (registered before parties existed): its applicant columns as party 1,
 *   with the keyed hashes of ID number and phone and the name's suffixes.
 * The migration cannot do the second: the hashes need the records key, which lives outside the
 * database (records-key.ts). Each page is its own transaction, so an interrupted run resumes.
 */
export async function fillSearchKeys(db: Db, log: (line: string) => void = () => undefined): Promise<{ numbers: number; cases: number }> {
  const numbers = await db.transaction(async (em) => {
    const result = await em.queryRunner!.query(`UPDATE case_file SET "numberReversed" = ${REVERSED_SQL} WHERE "numberReversed" IS NULL AND length(number) = 20`, [], true);
    return Number((result as { affected?: number }).affected ?? 0);
  });
  const key = recordsKeyOf(db.dataSource);
  let cases = 0;
  // Every case has a party 1 once filled: two index-only counts tell at once that nothing is left.
  const [{ n: all }] = await db.manager.query(`SELECT COUNT(*) AS n FROM case_file`);
  const [{ n: filled }] = await db.manager.query(`SELECT COUNT(*) AS n FROM case_party WHERE seq = 1`);
  if (Number(all) === Number(filled)) return { numbers, cases };
  for (let after = 0; ; ) {
    const done = await db.transaction(async (em) => {
      const rows: { id: number; applicantName: string; applicantIdNumber: string; applicantPhone: string }[] = await em.query(
        `SELECT c.id, c."applicantName", c."applicantIdNumber", c."applicantPhone" FROM case_file c
         WHERE c.id > ${db.engine === "postgres" ? "$1" : "?"} AND NOT EXISTS (SELECT 1 FROM case_party p WHERE p."caseId" = c.id) ORDER BY c.id LIMIT ${PAGE}`,
        [after],
      );
      if (!rows.length) return true;
      const parties: Partial<CaseParty>[] = [];
      const names: Partial<CaseNameKey>[] = [];
      for (const c of rows) {
        // Before parties, every applicant was a person with a resident ID number (GB 11643).
        const primary: PartyRow = { seq: 1, role: PartyRole.APPLICANT, kind: PartyKind.PERSON, name: c.applicantName, idNumber: c.applicantIdNumber, creditCode: null, legalRepresentative: null, phone: c.applicantPhone, actsForSeq: null };
        const records = partyRecords(key, Number(c.id), [primary]);
        parties.push(...records.parties);
        names.push(...records.names);
      }
      await insertRows(em, db.engine, "case_party", PARTY_COLUMNS, parties);
      await insertRows(em, db.engine, "case_name_key", NAME_COLUMNS, names);
      cases += rows.length;
      after = Number(rows[rows.length - 1].id);
      return false;
    });
    if (done) break;
    if (cases % 50_000 < PAGE) log(`[search] ${cases} cases made searchable`);
  }
  if (numbers || cases) log(`[search] filled the search keys: ${numbers} reversed numbers, ${cases} cases' applicants (keyed hashes and name keys).`);
  return { numbers, cases };
}
