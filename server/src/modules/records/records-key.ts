import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DataSource, EntityManager } from "typeorm";
import type { Config } from "../../config";

/**
 * The records key: the secret behind every hash of the case timelines, the case seals and the audit
 * log (HMAC-SHA256). It lives outside the database, so whoever can edit the database cannot recompute
 * the hashes after a change. Never logged; only its id (a hash of it) is stored and shown.
 */
export interface RecordsKey {
  secret: Buffer;
  /** First 16 hex characters of SHA-256("bianmin-records-key-id" + secret): names the key, reveals nothing. */
  id: string;
  /** Where it came from, for messages: "RECORDS_KEY", "memory" or the key file's path. */
  source: string;
  /** True when the key file was written just now (first start). */
  generated: boolean;
}

export function keyFrom(secret: Buffer, source: string, generated = false): RecordsKey {
  const id = createHash("sha256").update("bianmin-records-key-id").update(secret).digest("hex").slice(0, 16);
  return { secret, id, source, generated };
}

/** RECORDS_KEY or a key file's content: 64 hex characters are the key's bytes, anything else (≥ 32 characters) its UTF-8. */
export function parseKey(text: string, source: string): RecordsKey {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return keyFrom(Buffer.from(value, "hex"), source);
  if (value.length < 32) throw new Error(`${source}: the records key must be 64 hex characters (or at least 32 characters of text).`);
  return keyFrom(Buffer.from(value, "utf8"), source);
}


/**
 * Finds the records key: RECORDS_KEY (config.recordsKey), else the key file. An in-memory SQLite
 * database (tests) gets a random key that is never written. A missing key file is generated (mode
 * 0600) only when `mayGenerate` (the database holds no sealed records yet): a database sealed with a
 * key that is gone must not silently get a new one.
 */
export function loadRecordsKey(config: Pick<Config, "recordsKey" | "recordsKeyFile" | "sqlitePath" | "databaseUrl">, mayGenerate: boolean): RecordsKey {
  if (config.recordsKey) return parseKey(config.recordsKey, "RECORDS_KEY");
  const postgres = config.databaseUrl?.startsWith("postgres");
  if (!postgres && config.sqlitePath === ":memory:") return keyFrom(randomBytes(32), "memory");
  const file = config.recordsKeyFile;
  if (fs.existsSync(file)) {
    const mode = fs.statSync(file).mode & 0o077;
    if (mode) console.warn(`[records] ${file} can be read by other users (mode ${(fs.statSync(file).mode & 0o777).toString(8)}); chmod 600 it.`);
    return parseKey(fs.readFileSync(file, "utf8"), file);
  }
  if (!mayGenerate) {
    throw new Error(`records key missing: ${file} does not exist, but this database's records were sealed with a key. Restore the key file from the backup that goes with the database (README, "Backup and restore"), or set RECORDS_KEY.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32);
  fs.writeFileSync(file, `${secret.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  fs.chmodSync(file, 0o600);
  return keyFrom(secret, file, true);
}

const KEYS = new WeakMap<DataSource, RecordsKey>();

/** Makes `key` the records key of every transaction on this data source. */
export function useRecordsKey(dataSource: DataSource, key: RecordsKey): void {
  KEYS.set(dataSource, key);
}

/** The records key of the data source an entity manager belongs to. */
export function recordsKeyOf(em: EntityManager | DataSource): RecordsKey {
  const dataSource = "connection" in em ? em.connection : em;
  const key = KEYS.get(dataSource as DataSource);
  if (!key) throw new Error("no records key for this database (prepareRecords was not run)");
  return key;
}

/** HMAC-SHA256 of the fields, joined with the unit separator, in hex. */
export function keyedHash(key: RecordsKey, fields: readonly unknown[]): string {
  return createHmac("sha256", key.secret).update(fields.map((f) => (f === null || f === undefined ? "" : String(f))).join("\u001f")).digest("hex");
}
