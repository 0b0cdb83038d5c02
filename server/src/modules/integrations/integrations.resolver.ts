import { ArrayMaxSize, IsOptional, MaxLength, MinLength } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { Connection, PageArgs } from "../../common/pagination";
import { UserError, toPayload } from "../../common/payload";
import { Case, CaseEvent } from "../cases/case.entity";
import { caseChanges, CaseChangeConnection, CaseChangesArgs, EVENTS_READ_SCOPE } from "./feed";
import { DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "./integrations.entity";
import { webhookService } from "./webhooks.service";

const WebhookDeliveryConnection = Connection(WebhookDelivery, "WebhookDelivery");

@InputType({ description: "A webhook endpoint to register." })
class RegisterWebhookEndpointInput {
  @Field({ description: "http(s) URL; private and loopback addresses only with WEBHOOK_ALLOW_PRIVATE on." })
  @MaxLength(500)
  url: string;

  @Field(() => String, { nullable: true, description: "Signing secret (16–200 characters); none: one is generated and returned once." })
  @IsOptional()
  @MinLength(1)
  @MaxLength(200)
  secret?: string | null;

  @Field(() => [String], { defaultValue: [], description: "Timeline event types to send (e.g. REGISTERED, DECIDED); empty: all." })
  @ArrayMaxSize(50)
  @MaxLength(40, { each: true })
  eventTypes: string[];

  @Field(() => [String], { defaultValue: [], description: "Service point codes whose cases are sent; empty: all." })
  @ArrayMaxSize(200)
  @MaxLength(40, { each: true })
  pointCodes: string[];
}

@ObjectType({ description: "A registered endpoint and its signing secret: copy the secret now, it is never shown again." })
class RegisteredWebhookEndpoint {
  @Field(() => WebhookEndpoint, { description: "The endpoint." }) endpoint: WebhookEndpoint;
  @Field({ description: "The HMAC-SHA256 key of `X-Bianmin-Signature`." }) secret: string;
}

@ObjectType({ description: "Result of registering a webhook endpoint." })
class RegisterWebhookEndpointPayload {
  @Field(() => RegisteredWebhookEndpoint, { description: "The endpoint and its secret (shown once); null when refused.", nullable: true }) registered: RegisteredWebhookEndpoint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a change to a webhook endpoint." })
class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { description: "The endpoint as it is now; null when refused.", nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a manual redelivery." })
class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { description: "The delivery, queued again; null when refused.", nullable: true }) delivery: WebhookDelivery | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: "The endpoint (`WebhookEndpoint.id`)." }) endpointId: string;
  @Field(() => DeliveryStatus, { nullable: true, description: "Only deliveries in this state." }) status?: DeliveryStatus | null;
}

@Resolver()
export class ChangeFeedResolver {
  @Allow("STAFF", `scope:${EVENTS_READ_SCOPE}`)
  @Query(() => CaseChangeConnection, {
    description:
      "变更流 Change feed: every change of the cases the caller may read, in commit order. Keep `pageInfo.endCursor` and resume after it: no change is missed or repeated. Tokens need scope events:read (and the case read scope).",
  })
  caseChanges(@Ctx() ctx: RequestContext, @Args() args: CaseChangesArgs) {
    return caseChanges(ctx, args);
  }
}

/** Case.updatedAt: the time of the case's newest timeline event (every change appends one). */
@Resolver(() => Case)
export class CaseUpdatedAtResolver {
  @FieldResolver(() => Date, { description: "When the case last changed (its newest timeline event)." })
  async updatedAt(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<Date> {
    const newest = await ctx.loaders
      .get<number, Date | null>("Case#updatedAt", async (ids) => {
        const rows: { caseId: number; at: string | Date }[] = await ctx.db.manager
          .getRepository(CaseEvent)
          .createQueryBuilder("e")
          .select("e.caseId", "caseId")
          .addSelect("MAX(e.at)", "at")
          .where("e.caseId IN (:...ids)", { ids: [...ids] })
          .groupBy("e.caseId")
          .getRawMany();
        const byId = new Map(rows.map((r) => [Number(r.caseId), r.at]));
        return ids.map((id) => {
          const at = byId.get(id);
          // SQLite hands back its UTC text; PostgreSQL a Date.
          return at instanceof Date ? at : at ? new Date(`${at.replace(" ", "T")}Z`) : null;
        });
      })
      .load(c.id);
    return newest ?? c.registeredAt;
  }
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Allow("CENTER_ADMIN")
  @Query(() => [WebhookEndpoint], { description: "Webhook endpoints (secrets are never shown)." })
  webhookEndpoints(@Ctx() ctx: RequestContext) {
    return webhookService.list(ctx);
  }

  @Allow("CENTER_ADMIN")
  @Query(() => WebhookDeliveryConnection, { description: "The delivery log of one endpoint, newest first." })
  webhookDeliveries(@Ctx() ctx: RequestContext, @Args() args: WebhookDeliveriesArgs) {
    return webhookService.deliveries(ctx, args.endpointId, args);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => RegisterWebhookEndpointPayload, { description: "Register a webhook endpoint (audited); the secret is in the answer, once." })
  registerWebhookEndpoint(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RegisterWebhookEndpointInput) {
    return toPayload("registered", () => webhookService.register(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => WebhookEndpointPayload, { description: "Turn an endpoint on or off (off: no new events are queued for it and its queued deliveries are HELD, no attempt made; on: the held ones are sent, in order)." })
  setWebhookEndpointActive(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The endpoint (`WebhookEndpoint.id`)." }) id: string, @Arg("active", { description: "On (true) or off (false)." }) active: boolean) {
    return toPayload("endpoint", () => webhookService.setActive(ctx, id, active));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => RedeliverWebhookPayload, { description: "Send a delivery again now (a fresh series of attempts; the log keeps the old ones)." })
  redeliverWebhook(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The delivery (`WebhookDelivery.id`)." }) id: string) {
    return toPayload("delivery", () => webhookService.redeliver(ctx, id));
  }

  @FieldResolver(() => Int, { description: "Deliveries held while the endpoint is disabled (status HELD): sent, in order, once it is enabled again." })
  heldDeliveries(@Root() e: WebhookEndpoint, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.loaders.get<number, number>("WebhookEndpoint#held", (ids) => webhookService.heldCounts(ctx, ids)).load(e.id);
  }

  @FieldResolver(() => String, { description: "The last 4 characters of the signing secret, to recognise it." })
  secretHint(@Root() e: WebhookEndpoint): string {
    return `…${e.secretTail}`;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: "Every attempt, oldest first (the delivery log)." })
  log(@Root() d: WebhookDelivery, @Ctx() ctx: RequestContext) {
    return webhookService.attempts(ctx, d.id);
  }

  @FieldResolver(() => String, { description: "The event id the receiver sees (X-Bianmin-Event-Id), e.g. evt_123." })
  eventId(@Root() d: WebhookDelivery): string {
    return `evt_${d.position}`;
  }
}

export const integrationResolvers = [ChangeFeedResolver, CaseUpdatedAtResolver, WebhookEndpointResolver, WebhookDeliveryResolver] as const;
