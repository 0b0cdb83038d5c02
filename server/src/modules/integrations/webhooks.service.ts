import { randomBytes } from "node:crypto";
import { In } from "typeorm";
import type { RequestContext } from "../../common/context";
import { forbidden } from "../../common/errors";
import { paginate, type PageArgs, type SortKey } from "../../common/pagination";
import { invalid, missing } from "../../common/payload";
import { appendAudit } from "../audit/audit.service";
import { ServicePoint } from "../network/service-point.entity";
import { Role } from "../staff/role";
import { recordsKeyOf } from "../records/records-key";
import { checkWebhookUrl } from "./net-guard";
import { sealSecret } from "./secret-box";
import { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "./integrations.entity";

export interface EndpointInput {
  url: string;
  secret?: string | null;
  eventTypes: string[];
  pointCodes: string[];
}

const EVENT_TYPE = /^[A-Z][A-Z_]{1,39}$/;
const NEWEST: SortKey<WebhookDelivery> = { expr: "d.id", dir: "DESC", of: (d) => d.id, type: "int" };

function adminOnly(ctx: RequestContext) {
  if (ctx.actor.kind !== "staff" || ctx.actor.staff.role !== Role.CENTER_ADMIN) throw forbidden();
  return ctx.actor.staff;
}

export const webhookService = {
  /** Registers an endpoint; returns it with its signing secret (given, or generated), shown this once. */
  async register(ctx: RequestContext, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const admin = adminOnly(ctx);
    const problem = await checkWebhookUrl(input.url, ctx.config.webhookAllowPrivate);
    if (problem) throw invalid(["input", "url"], problem);
    const secret = input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
    if (secret.length < 16) throw invalid(["input", "secret"], "WEBHOOK_SECRET_TOO_SHORT", { min: 16 });
    const badType = input.eventTypes.find((t) => !EVENT_TYPE.test(t));
    if (badType !== undefined) throw invalid(["input", "eventTypes"], "WEBHOOK_EVENT_TYPE_INVALID", { type: badType.slice(0, 40) });
    const codes = [...new Set(input.pointCodes)];
    return ctx.db.transaction(async (em) => {
      const points = codes.length ? await em.getRepository(ServicePoint).findBy({ code: In(codes) }) : [];
      const unknown = codes.find((code) => !points.some((p) => p.code === code));
      if (unknown !== undefined) throw missing(["input", "pointCodes"], "POINT_NOT_FOUND", { code: unknown });
      const endpoint = await em.getRepository(WebhookEndpoint).save({
        url: input.url,
        secretSealed: "", // sealed below, under the endpoint's id, before the transaction commits
        secretTail: secret.slice(-4),
        eventTypes: [...new Set(input.eventTypes)],
        pointCodes: codes,
        pointIds: points.map((p) => p.id),
        active: true,
        createdAt: ctx.clock.now(),
        createdById: admin.id,
      });
      endpoint.secretSealed = sealSecret(recordsKeyOf(em), endpoint.id, secret);
      await em.getRepository(WebhookEndpoint).update({ id: endpoint.id }, { secretSealed: endpoint.secretSealed });
      await appendAudit(ctx, em, "webhook.register", "WebhookEndpoint", endpoint.id, { host: new URL(input.url).host, eventTypes: endpoint.eventTypes, pointCodes: codes });
      return { endpoint, secret };
    });
  },

  /**
   * Disable: no new event is queued for the endpoint, and its queued deliveries are HELD (no attempt;
   * one already on its way finishes). Enable: the held deliveries are due now, in the order they were
   * queued (the dispatcher claims by due time, then id), with their attempts so far kept.
   */
  async setActive(ctx: RequestContext, id: string, active: boolean): Promise<WebhookEndpoint> {
    adminOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const endpoint = await em.getRepository(WebhookEndpoint).findOneBy({ id: Number(id) || -1 });
      if (!endpoint) throw missing(["id"], "WEBHOOK_ENDPOINT_NOT_FOUND", { id });
      await em.getRepository(WebhookEndpoint).update({ id: endpoint.id }, { active });
      const deliveries = em.getRepository(WebhookDelivery);
      const moved = active
        ? await deliveries.update({ endpointId: endpoint.id, status: DeliveryStatus.HELD }, { status: DeliveryStatus.PENDING, nextAttemptAt: ctx.clock.now() })
        : await deliveries.update({ endpointId: endpoint.id, status: DeliveryStatus.PENDING }, { status: DeliveryStatus.HELD });
      await appendAudit(ctx, em, active ? "webhook.enable" : "webhook.disable", "WebhookEndpoint", endpoint.id, { [active ? "resumed" : "held"]: moved.affected ?? 0 });
      return { ...endpoint, active };
    });
  },

  /** How many deliveries of each endpoint are held (its endpoint disabled). */
  async heldCounts(ctx: RequestContext, endpointIds: readonly number[]): Promise<number[]> {
    const rows: { endpointId: number; n: string | number }[] = await ctx.db.manager
      .getRepository(WebhookDelivery)
      .createQueryBuilder("d")
      .select("d.endpointId", "endpointId")
      .addSelect("COUNT(*)", "n")
      .where("d.endpointId IN (:...ids)", { ids: [...endpointIds] })
      .andWhere("d.status = :held", { held: DeliveryStatus.HELD })
      .groupBy("d.endpointId")
      .getRawMany();
    return endpointIds.map((id) => Number(rows.find((r) => Number(r.endpointId) === id)?.n ?? 0));
  },

  list(ctx: RequestContext): Promise<WebhookEndpoint[]> {
    adminOnly(ctx);
    return ctx.db.manager.getRepository(WebhookEndpoint).find({ order: { id: "ASC" } });
  },

  /** The delivery log of an endpoint, newest first. */
  async deliveries(ctx: RequestContext, endpointId: string, args: PageArgs & { status?: DeliveryStatus | null }) {
    adminOnly(ctx);
    const endpoint = await ctx.db.manager.getRepository(WebhookEndpoint).findOneBy({ id: Number(endpointId) || -1 });
    if (!endpoint) throw missing(["endpointId"], "WEBHOOK_ENDPOINT_NOT_FOUND", { id: endpointId });
    const qb = ctx.db.manager.getRepository(WebhookDelivery).createQueryBuilder("d").where("d.endpointId = :e", { e: endpoint.id });
    if (args.status) qb.andWhere("d.status = :s", { s: args.status });
    return paginate(qb, args, NEWEST);
  },

  attempts(ctx: RequestContext, deliveryId: number): Promise<WebhookAttempt[]> {
    return ctx.db.manager.getRepository(WebhookAttempt).find({ where: { deliveryId }, order: { id: "ASC" } });
  },

  /** Manual redelivery: the delivery is due again now, with a fresh series of attempts (the log keeps the old ones). */
  async redeliver(ctx: RequestContext, id: string): Promise<WebhookDelivery> {
    adminOnly(ctx);
    return ctx.db.transaction(async (em) => {
      const delivery = await em.getRepository(WebhookDelivery).findOneBy({ id: Number(id) || -1 });
      if (!delivery) throw missing(["id"], "WEBHOOK_DELIVERY_NOT_FOUND", { id });
      // For a disabled endpoint the fresh series waits, HELD, until the endpoint is enabled.
      const endpoint = await em.getRepository(WebhookEndpoint).findOneByOrFail({ id: delivery.endpointId });
      const changes = { status: endpoint.active ? DeliveryStatus.PENDING : DeliveryStatus.HELD, attempts: 0, nextAttemptAt: ctx.clock.now() };
      await em.getRepository(WebhookDelivery).update({ id: delivery.id }, changes);
      await appendAudit(ctx, em, "webhook.redeliver", "WebhookDelivery", delivery.id, { endpointId: delivery.endpointId, event: `evt_${delivery.position}` });
      return { ...delivery, ...changes };
    });
  },
};
