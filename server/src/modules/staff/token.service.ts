import { randomBytes } from "node:crypto";
import { In } from "typeorm";
import { TOKEN_SCOPES } from "../cases/case-policy";
import { ServicePoint } from "../network/service-point.entity";
import type { RequestContext } from "../../common/context";
import { forbidden } from "../../common/errors";
import { paginate, type PageArgs } from "../../common/pagination";
import { invalid, missing } from "../../common/payload";
import { appendAudit } from "../audit/audit.service";
import { sha256, TOKEN_PREFIX } from "./auth.service";
import { ApiToken } from "./staff.entity";

export { TOKEN_SCOPES };

export const tokenService = {
  list(ctx: RequestContext, args: PageArgs) {
    return paginate(ctx.db.manager.getRepository(ApiToken).createQueryBuilder("t"), args, "id");
  },

  /** Returns the token and its secret; the secret is never stored or shown again. */
  create(ctx: RequestContext, input: { name: string; scopes: string[]; expiresInDays: number; owner?: string | null; pointCodes?: string[]; rateLimitPerMinute?: number | null }) {
    if (ctx.actor.kind !== "staff") throw forbidden("STAFF_ONLY");
    const staffId = ctx.actor.staff.id;
    const unknown = input.scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw invalid(["input", "scopes"], "TOKEN_UNKNOWN_SCOPE", { scopes: unknown.join(", "), known: TOKEN_SCOPES.join(", ") });
    if (!input.scopes.length) throw invalid(["input", "scopes"], "TOKEN_SCOPE_REQUIRED");
    const pointCodes = [...new Set(input.pointCodes ?? [])];
    if (input.scopes.includes("cases:write") && !pointCodes.length) throw invalid(["input", "pointCodes"], "TOKEN_POINTS_REQUIRED", {}, "T1");
    const rate = input.rateLimitPerMinute ?? null;
    if (rate !== null && (!Number.isInteger(rate) || rate < 1 || rate > 100_000)) throw invalid(["input", "rateLimitPerMinute"], "TOKEN_RATE_LIMIT_RANGE");
    return ctx.db.transaction(async (em) => {
      const points = pointCodes.length ? await em.getRepository(ServicePoint).findBy({ code: In(pointCodes) }) : [];
      const unknownPoints = pointCodes.filter((code) => !points.some((p) => p.code === code));
      if (unknownPoints.length) throw invalid(["input", "pointCodes"], "TOKEN_UNKNOWN_POINT", { codes: unknownPoints.join(", ") });
      const secret = TOKEN_PREFIX + randomBytes(24).toString("base64url");
      const now = ctx.clock.now();
      const token = await em.getRepository(ApiToken).save({
        name: input.name,
        prefix: secret.slice(0, 10),
        tokenHash: sha256(secret),
        scopes: [...new Set(input.scopes)],
        createdById: staffId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
        revokedAt: null,
        lastUsedAt: null,
        owner: input.owner?.trim() ?? "",
        pointIds: points.map((p) => p.id).sort((a, b) => a - b),
        rateLimitPerMinute: rate,
      });
      await appendAudit(ctx, em, "token.create", "ApiToken", token.id, { name: input.name, scopes: token.scopes, points: pointCodes, rateLimitPerMinute: rate, expiresAt: token.expiresAt.toISOString() });
      return { token, secret };
    });
  },

  revoke(ctx: RequestContext, id: string) {
    return ctx.db.transaction(async (em) => {
      const token = await em.getRepository(ApiToken).findOneBy({ id: Number(id) || -1 });
      if (!token) throw missing(["id"], "TOKEN_NOT_FOUND", { id });
      if (token.revokedAt) throw invalid(["id"], "TOKEN_ALREADY_REVOKED", { id });
      const revokedAt = ctx.clock.now();
      await em.getRepository(ApiToken).update({ id: token.id }, { revokedAt });
      await appendAudit(ctx, em, "token.revoke", "ApiToken", token.id, {});
      return { ...token, revokedAt };
    });
  },
};
