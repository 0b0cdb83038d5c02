import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { Db } from "../../db/db";
import { WebhookEndpoint } from "./integrations.entity";
import { recordsKeyOf, type RecordsKey } from "../records/records-key";

/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived (HKDF-SHA256) from the records key,
 * which lives outside the database. The column holds `wh1.<iv>.<tag>.<ciphertext>` (base64url); the
 * secret is opened only to sign a delivery. The endpoint's id is the additional data, so a sealed
 * secret copied onto another endpoint's row does not open.
 */
const PREFIX = "wh1";
const INFO = "bianmin webhook secrets v1";
const KEYS = new WeakMap<Buffer, Buffer>();

function boxKey(key: RecordsKey): Buffer {
  let derived = KEYS.get(key.secret);
  if (!derived) {
    derived = Buffer.from(hkdfSync("sha256", key.secret, Buffer.alloc(0), INFO, 32));
    KEYS.set(key.secret, derived);
  }
  return derived;
}

const aad = (endpointId: number) => Buffer.from(`webhook_endpoint:${endpointId}`, "utf8");

export const isSealed = (stored: string) => stored.startsWith(`${PREFIX}.`);

export function sealSecret(key: RecordsKey, endpointId: number, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(key), iv);
  cipher.setAAD(aad(endpointId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [PREFIX, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The secret of a sealed column; throws when it is not sealed, or not by this key for this endpoint. */
export function openSecret(key: RecordsKey, endpointId: number, stored: string): string {
  const [prefix, iv, tag, body, extra] = stored.split(".");
  if (prefix !== PREFIX || !iv || !tag || body === undefined || extra !== undefined) throw new Error("webhook secret is not sealed");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(key), Buffer.from(iv, "base64url"));
  decipher.setAAD(aad(endpointId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

export const openEndpointSecret = (em: EntityManager | DataSource, endpoint: { id: number; secretSealed: string }) => openSecret(recordsKeyOf(em), endpoint.id, endpoint.secretSealed);

/**
 * At start, once the records key is known: seals the secrets still in clear (rows written before
 * migration WebhookSecretSealed, which cannot see the key). Idempotent; returns how many it sealed.
 */
export async function sealWebhookSecrets(db: Db, log: (line: string) => void = (line) => console.log(line)): Promise<number> {
  return db.transaction(async (em) => {
    const key = recordsKeyOf(em);
    const rows = await em.getRepository(WebhookEndpoint).find({ select: { id: true, secretSealed: true }, order: { id: "ASC" } });
    let sealed = 0;
    for (const row of rows) {
      if (isSealed(row.secretSealed)) continue;
      await em.getRepository(WebhookEndpoint).update({ id: row.id }, { secretSealed: sealSecret(key, row.id, row.secretSealed) });
      sealed++;
    }
    if (sealed) log(`[webhooks] sealed ${sealed} webhook secret(s) stored in clear (AES-256-GCM, key derived from the records key)`);
    return sealed;
  });
}
