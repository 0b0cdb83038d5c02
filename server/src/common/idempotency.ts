import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { actorLabel, type RequestContext } from "./context";
import { RuleViolation, UserErrorCode } from "./errors";
import { IdempotencyRecord } from "./idempotency.entity";

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/**
 * Runs a money or legal act once per (caller, key), inside the caller's transaction. A retry with the
 * same key and input returns the first answer without acting again; the same key with different input
 * is refused. `toJson`/`fromJson` turn the answer into what is kept and back.
 */
export async function once<T>(
  ctx: RequestContext,
  em: EntityManager,
  key: string,
  operation: string,
  input: unknown,
  act: () => Promise<T>,
  codec: { toJson: (value: T) => unknown; fromJson: (json: any) => Promise<T> | T },
): Promise<T> {
  const actor = actorLabel(ctx.actor);
  const requestHash = hashOf({ operation, input });
  const repo = em.getRepository(IdempotencyRecord);
  const previous = await repo.findOneBy({ actor, key });
  if (previous) {
    if (previous.operation !== operation || previous.requestHash !== requestHash) {
      throw new RuleViolation(UserErrorCode.IDEMPOTENCY_KEY_REUSED, "", ["input", "idempotencyKey"], null, "IDEMPOTENCY_KEY_REUSED");
    }
    return codec.fromJson(JSON.parse(previous.response));
  }
  const value = await act();
  await repo.insert({ actor, key, operation, requestHash, response: JSON.stringify(codec.toJson(value)), createdAt: ctx.clock.now() });
  return value;
}
