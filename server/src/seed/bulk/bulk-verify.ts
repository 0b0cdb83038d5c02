import type { DataSource } from "typeorm";
import { CASE_RECORD_COLUMNS, cols, verifyCaseIn, type CaseRecordRow, type RecordBreak } from "../../modules/records/records";
import type { RecordsKey } from "../../modules/records/records-key";

/**
 * The records verifier (records.ts verifyCaseIn: chain, head, count, seal, decision) on `n` cases picked
 * at random: a quick check after a bulk load, where `npm run verify` would read every row.
 */
export async function verifySample(dataSource: DataSource, key: RecordsKey, n: number): Promise<{ cases: number; events: number; breaks: RecordBreak[] }> {
  if (n <= 0) return { cases: 0, events: 0, breaks: [] };
  const [{ max }] = await dataSource.query(`SELECT MAX(id) AS max FROM case_file`);
  const ids = [...new Set(Array.from({ length: n }, () => 1 + Math.floor(Math.random() * Number(max ?? 0))))];
  const cases = (await dataSource.query(`SELECT ${cols(CASE_RECORD_COLUMNS)} FROM case_file WHERE id = ANY($1)`, [ids])) as CaseRecordRow[];
  const breaks: RecordBreak[] = [];
  for (const c of cases) breaks.push(...(await verifyCaseIn(dataSource.manager, key, { ...c, id: Number(c.id), recordsCount: Number(c.recordsCount) })));
  const [{ events }] = await dataSource.query(`SELECT COUNT(*) AS events FROM case_event WHERE "caseId" = ANY($1)`, [ids]);
  return { cases: cases.length, events: Number(events), breaks };
}
