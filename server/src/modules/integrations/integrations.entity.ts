import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from "typeorm";
import { CaseEventType } from "../cases/case-event-types";

/**
 * The change log's position counter: one row per feed. An act takes the row's lock (UPDATE) when it
 * appends, and keeps it until it commits, so positions are handed out in commit order on PostgreSQL
 * too (SQLite has one writer). A reader therefore never sees position n+1 before n.
 */
@Entity("feed_counter")
export class FeedCounter {
  @PrimaryColumn({ type: "varchar", length: 40 })
  name: string;

  @Column({ type: "integer" })
  last: number;
}

/** One change of a case (one timeline event), at its position in commit order. Append-only. */
@Entity("case_change")
@Index(["caseId", "position"])
export class CaseChangeRow {
  /** Gap-free, in commit order (FeedCounter). */
  @PrimaryColumn({ type: "integer" })
  position: number;

  @Column({ type: "integer" })
  caseId: number;

  @Column({ type: "varchar", length: 20 })
  caseNumber: string;

  /** The timeline event's seq within the case. */
  @Column({ type: "integer" })
  eventSeq: number;

  @Column({ type: "varchar", length: 40 })
  eventType: CaseEventType;

  /** The case's status after the change. */
  @Column({ type: "varchar", length: 12 })
  status: string;

  @Column({ type: Date })
  at: Date;
}

/** A receiver of webhooks registered by the centre's admin. */
@ObjectType({ implements: Node, description: "Webhook endpoint: where case events are POSTed, signed with HMAC-SHA256 (docs/integrations.md)." })
@Entity("webhook_endpoint")
export class WebhookEndpoint {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "http(s) URL the events are POSTed to." })
  @Column({ type: "varchar", length: 500 })
  url: string;

  /**
   * The signing secret, sealed (AES-256-GCM, key derived from the records key: secret-box.ts); opened
   * only to sign a delivery. Never shown again after registration.
   */
  @Column({ type: "text" })
  secretSealed: string;

  /** The secret's last 4 characters, to recognise it (WebhookEndpoint.secretHint). */
  @Column({ type: "varchar", length: 8 })
  secretTail: string;

  @Field(() => [String], { description: "Timeline event types sent (e.g. REGISTERED, DECIDED); empty: all." })
  @Column({ type: "simple-json" })
  eventTypes: string[];

  @Field(() => [String], { description: "Codes of the service points whose cases are sent (registered, handled or now there); empty: all." })
  @Column({ type: "simple-json" })
  pointCodes: string[];

  /** Ids of pointCodes, for matching at append time. */
  @Column({ type: "simple-json" })
  pointIds: number[];

  @Field({ description: "Enabled. A disabled endpoint gets no new events, and its queued deliveries are HELD (no attempt) until it is enabled again." })
  @Column({ type: "boolean" })
  active: boolean;

  @Field({ description: "When the endpoint was registered." })
  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: "integer" })
  createdById: number;
}

export enum DeliveryStatus {
  PENDING = "PENDING",
  HELD = "HELD",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
}
registerEnumType(DeliveryStatus, {
  name: "WebhookDeliveryStatus",
  description:
    "PENDING: not yet accepted by the receiver (retried with backoff); HELD: its endpoint is disabled (no attempt until it is enabled again); DELIVERED: a 2xx answer; FAILED: gave up after the last attempt (redeliver by hand).",
  valuesConfig: {
    PENDING: { description: "Not yet accepted by the receiver (retried with backoff)." },
    HELD: { description: "Held while its endpoint is disabled: no attempt is made; sent again, in order, when the endpoint is enabled. Not a failure." },
    DELIVERED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Gave up after the last attempt (redeliver by hand)." },
  },
});

/** The transactional outbox: one row per (endpoint, change), written in the act's transaction. */
@ObjectType({ implements: Node, description: "One event for one endpoint, and how its delivery went." })
@Entity("webhook_delivery")
@Unique(["endpointId", "position"])
@Index(["status", "nextAttemptAt"])
export class WebhookDelivery {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  endpointId: number;

  /** The change's position (CaseChangeRow): also the event id the receiver sees. */
  @Column({ type: "integer" })
  position: number;

  @Field(() => CaseEventType, { description: "The timeline event type." })
  @Column({ type: "varchar", length: 40 })
  eventType: CaseEventType;

  @Field({ description: "The number of the case the event is about." })
  @Column({ type: "varchar", length: 20 })
  caseNumber: string;

  /** The JSON body sent. */
  @Column({ type: "text" })
  payload: string;

  @Field(() => DeliveryStatus, { description: "Where the delivery stands." })
  @Column({ type: "varchar", length: 10 })
  status: DeliveryStatus;

  @Field(() => Int, { description: "Attempts made so far." })
  @Column({ type: "integer" })
  attempts: number;

  @Field({ description: "When the next attempt is due (pending deliveries)." })
  @Column({ type: Date })
  nextAttemptAt: Date;

  /** A dispatcher that claimed the row sends it until then; no other claims it meanwhile. */
  @Column({ type: Date, nullable: true })
  leaseUntil: Date | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last attempt (null: no answer)." })
  @Column({ type: "integer", nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: "Stable code of the last failure: HTTP_STATUS, TIMEOUT, ADDRESS_NOT_ALLOWED, NETWORK, SECRET_UNREADABLE (the stored secret does not open with this records key: nothing was sent)." })
  @Column({ type: "varchar", length: 40, nullable: true })
  lastError: string | null;

  @Field(() => Date, { description: "When the receiver accepted it; null until then.", nullable: true })
  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;

  @Field({ description: "When the event was queued for this endpoint." })
  @Column({ type: Date })
  createdAt: Date;
}

/** The delivery log: every attempt, kept. */
@ObjectType({ implements: Node, description: "One attempt to deliver a webhook." })
@Entity("webhook_attempt")
@Index(["endpointId", "id"])
@Index(["deliveryId"])
export class WebhookAttempt {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  deliveryId: number;

  @Column({ type: "integer" })
  endpointId: number;

  @Field(() => Int, { description: "The attempt's number, from 1." })
  @Column({ type: "integer" })
  attempt: number;

  @Field({ description: "When the attempt was made." })
  @Column({ type: Date })
  at: Date;

  @Field(() => Int, { description: "How long the receiver took, in milliseconds." })
  @Column({ type: "integer" })
  durationMs: number;

  @Field(() => Int, { description: "The receiver's HTTP status; null when there was no answer.", nullable: true })
  @Column({ type: "integer", nullable: true })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: "Failure code (see WebhookDelivery.lastError); null when delivered." })
  @Column({ type: "varchar", length: 40, nullable: true })
  error: string | null;

  @Field({ description: "Whether the attempt succeeded (2xx)." })
  @Column({ type: "boolean" })
  ok: boolean;
}

export const integrationEntities = [FeedCounter, CaseChangeRow, WebhookEndpoint, WebhookDelivery, WebhookAttempt];
