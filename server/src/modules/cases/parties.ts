import type { EntityManager } from "typeorm";
import { validCreditCode } from "../../common/credit-code";
import { RuleViolation, UserErrorCode } from "../../common/errors";
import type { Reason, ReasonParams } from "../../common/reasons";
import { maskIdNumber, maskPhone } from "../../common/redact";
import { recordsKeyOf, type RecordsKey } from "../records/records-key";
import { validIdNumber } from "./case-rules";
import { CaseNameKey, CaseParty, PartyKind, PartyRole } from "./case-party.entity";
import type { ApplicantInput, PartyInput } from "./case.inputs";
import { nameSuffixes, searchHash } from "./search-keys";

/** A party as registration writes it (seq from 1, the primary applicant first). */
export interface PartyRow {
  seq: number;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  idNumber: string | null;
  creditCode: string | null;
  legalRepresentative: string | null;
  phone: string | null;
  actsForSeq: number | null;
}

export const MAX_PARTIES = 10;

const refuse = (field: (string | number)[], reason: Reason, params: ReasonParams = {}) =>
  new RuleViolation(UserErrorCode.INVALID, "", ["input", ...field.map(String)], "C1", reason, params);

/**
 * The parties of a registration, checked: the single `applicant` of earlier callers (a person), or
 * `parties` — applicants (persons with a resident ID number, enterprises with a 统一社会信用代码 and a
 * legal representative) and agents acting for one of them. The primary applicant (seq 1) is the first
 * applicant given; agents keep their order after the applicants.
 */
export function partiesOf(input: { applicant?: ApplicantInput | null; parties?: PartyInput[] | null }): PartyRow[] {
  const given = input.parties ?? [];
  if (input.applicant && given.length) throw refuse(["parties"], "APPLICANT_OR_PARTIES");
  if (input.applicant) {
    const idNumber = input.applicant.idNumber.toUpperCase();
    if (!validIdNumber(idNumber)) throw refuse(["applicant", "idNumber"], "ID_NUMBER_CHECK_DIGIT");
    return [{ seq: 1, role: PartyRole.APPLICANT, kind: PartyKind.PERSON, name: input.applicant.name.trim(), idNumber, creditCode: null, legalRepresentative: null, phone: input.applicant.phone, actsForSeq: null }];
  }
  if (!given.length) throw refuse(["parties"], "NO_APPLICANT");
  if (given.length > MAX_PARTIES) throw refuse(["parties"], "TOO_MANY_PARTIES", { max: MAX_PARTIES });
  if (!given.some((p) => p.role === PartyRole.APPLICANT)) throw refuse(["parties"], "NO_APPLICANT");

  // Applicants first (in the order given), then agents: seq follows that order.
  const order = [...given.keys()].sort((a, b) => Number(given[a].role === PartyRole.AGENT) - Number(given[b].role === PartyRole.AGENT));
  const seqOf = new Map(order.map((index, i) => [index, i + 1]));
  const seen = new Set<string>();
  const rows = order.map((index): PartyRow => {
    const p = given[index];
    const at = ["parties", index];
    const name = p.name.trim();
    let idNumber: string | null = null, creditCode: string | null = null, legalRepresentative: string | null = null;
    if (p.kind === PartyKind.ENTERPRISE) {
      if (p.role === PartyRole.AGENT) throw refuse([...at, "kind"], "AGENT_NOT_PERSON");
      creditCode = (p.creditCode ?? "").trim().toUpperCase();
      if (!creditCode) throw refuse([...at, "creditCode"], "CREDIT_CODE_MISSING");
      if (!validCreditCode(creditCode)) throw refuse([...at, "creditCode"], "CREDIT_CODE_CHECK_DIGIT");
      legalRepresentative = p.legalRepresentative?.trim() || null;
      if (!legalRepresentative) throw refuse([...at, "legalRepresentative"], "LEGAL_REPRESENTATIVE_MISSING");
    } else {
      idNumber = (p.idNumber ?? "").trim().toUpperCase();
      if (!idNumber) throw refuse([...at, "idNumber"], "ID_NUMBER_MISSING");
      if (!validIdNumber(idNumber)) throw refuse([...at, "idNumber"], "ID_NUMBER_CHECK_DIGIT");
    }
    const identity = idNumber ?? creditCode!;
    if (seen.has(identity)) throw refuse([...at, idNumber ? "idNumber" : "creditCode"], "DUPLICATE_PARTY");
    seen.add(identity);
    let actsForSeq: number | null = null;
    if (p.role === PartyRole.AGENT) {
      const target = p.actsFor != null ? given[p.actsFor - 1] : undefined;
      if (!target || target.role !== PartyRole.APPLICANT) throw refuse([...at, "actsFor"], "AGENT_ACTS_FOR");
      actsForSeq = seqOf.get(p.actsFor! - 1)!;
    }
    return { seq: seqOf.get(index)!, role: p.role, kind: p.kind, name, idNumber, creditCode, legalRepresentative, phone: p.phone, actsForSeq };
  });
  return rows;
}

/** The rows to insert for the parties of a case: the parties with their search hashes, and their name suffixes. */
export function partyRecords(key: RecordsKey, caseId: number, parties: readonly PartyRow[]): { parties: Partial<CaseParty>[]; names: Partial<CaseNameKey>[] } {
  return {
    parties: parties.map((p) => ({
      ...p,
      caseId,
      idHash: p.idNumber ? searchHash(key, "id", p.idNumber) : p.creditCode ? searchHash(key, "credit", p.creditCode) : null,
      phoneHash: p.phone ? searchHash(key, "phone", p.phone) : null,
    })),
    names: parties.flatMap((p) => nameSuffixes(p.name).map((s) => ({ caseId, partySeq: p.seq, pos: s.pos, key: s.key }))),
  };
}

/** Writes a new case's parties (registration). */
export async function insertParties(em: EntityManager, caseId: number, parties: readonly PartyRow[]): Promise<void> {
  const rows = partyRecords(recordsKeyOf(em), caseId, parties);
  await em.getRepository(CaseParty).insert(rows.parties);
  for (let i = 0; i < rows.names.length; i += 200) await em.getRepository(CaseNameKey).insert(rows.names.slice(i, i + 200));
}

/** A party as printed notices and the case page show it: ID numbers and phones masked, credit codes in full. */
export interface PrintedParty {
  seq: number;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  /** The resident ID number masked, or the credit code in full (public). */
  identifier: string;
  legalRepresentative: string | null;
  phone: string | null;
  /** An agent: the name of the applicant they act for. */
  actsForName: string | null;
}

export function printedParty(p: Pick<CaseParty, "seq" | "role" | "kind" | "name" | "idNumber" | "creditCode" | "legalRepresentative" | "phone" | "actsForSeq">, all: readonly Pick<CaseParty, "seq" | "name">[]): PrintedParty {
  return {
    seq: p.seq,
    role: p.role,
    kind: p.kind,
    name: p.name,
    identifier: p.creditCode ?? (p.idNumber ? maskIdNumber(p.idNumber) : ""),
    legalRepresentative: p.legalRepresentative,
    phone: p.phone ? maskPhone(p.phone) : null,
    actsForName: p.actsForSeq ? (all.find((x) => x.seq === p.actsForSeq)?.name ?? null) : null,
  };
}

/**
 * The parties of a case for printing (notices, receipts): applicants then agents, masked. A case
 * registered before parties existed, and not yet filled in at start, falls back to its applicant columns.
 */
export async function partiesForPrinting(em: EntityManager, c: { id: number; applicantName: string; applicantIdNumber: string; applicantPhone: string }): Promise<PrintedParty[]> {
  const rows = await em.getRepository(CaseParty).find({ where: { caseId: c.id }, order: { seq: "ASC" } });
  if (!rows.length) {
    const kind = validCreditCode(c.applicantIdNumber) && !validIdNumber(c.applicantIdNumber) ? PartyKind.ENTERPRISE : PartyKind.PERSON;
    const fallback = { seq: 1, role: PartyRole.APPLICANT, kind, name: c.applicantName, idNumber: kind === PartyKind.PERSON ? c.applicantIdNumber : null, creditCode: kind === PartyKind.ENTERPRISE ? c.applicantIdNumber : null, legalRepresentative: null, phone: c.applicantPhone, actsForSeq: null };
    return [printedParty(fallback, [fallback])];
  }
  return rows.map((p) => printedParty(p, rows));
}

/** One line for a notice: "张三、李四（代理人：王五，代理张三）". */
export function partiesLine(parties: readonly PrintedParty[]): string {
  const applicants = parties.filter((p) => p.role === PartyRole.APPLICANT).map((p) => (p.legalRepresentative ? `${p.name}（法定代表人：${p.legalRepresentative}）` : p.name));
  const agents = parties.filter((p) => p.role === PartyRole.AGENT).map((p) => `代理人：${p.name}${p.actsForName ? `，代理${p.actsForName}` : ""}`);
  return `${applicants.join("、")}${agents.length ? `（${agents.join("；")}）` : ""}`;
}
