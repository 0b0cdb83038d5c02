import type { EntityManager } from "typeorm";
import type { Case } from "../cases/case.entity";
import type { CaseEventType } from "../cases/case-event-types";
import { CaseChangeRow, DeliveryStatus, FeedCounter, WebhookDelivery, WebhookEndpoint } from "./integrations.entity";

/** The feed counter's row (FeedCounter.name). */
export const CASE_FEED = "caseChanges";

/** The JSON body a webhook receiver gets for a change (no personal data: integrations read the case through the API). */
export interface WebhookEventBody {
  id: string;
  type: string;
  createdAt: string;
  data: { caseNumber: string; seq: number; status: string; position: number };
}

/**
 * The change log and the webhook outbox, in the act's transaction (called once per timeline event,
 * by appendCaseEvent). Taking the counter row's lock here serialises appends until commit, so
 * positions follow commit order on PostgreSQL as well; it is released by the commit or rollback.
 */
export async function recordCaseChange(em: EntityManager, c: Case, event: { seq: number; type: CaseEventType; at: Date }): Promise<void> {
  await em.createQueryBuilder().update(FeedCounter).set({ last: () => "last + 1" }).where("name = :name", { name: CASE_FEED }).execute();
  const counter = await em.getRepository(FeedCounter).findOneByOrFail({ name: CASE_FEED });
  const position = counter.last;
  await em.getRepository(CaseChangeRow).insert({ position, caseId: c.id, caseNumber: c.number, eventSeq: event.seq, eventType: event.type, status: c.status, at: event.at });

  const endpoints = await em.getRepository(WebhookEndpoint).find({ where: { active: true }, select: { id: true, eventTypes: true, pointIds: true } });
  const points = [c.registeredPointId, c.handlingPointId, c.currentPointId];
  const matching = endpoints.filter(
    (e) => (e.eventTypes.length === 0 || e.eventTypes.includes(event.type)) && (e.pointIds.length === 0 || e.pointIds.some((p) => points.includes(p))),
  );
  if (!matching.length) return;
  const body: WebhookEventBody = {
    id: `evt_${position}`,
    type: event.type,
    createdAt: event.at.toISOString(),
    data: { caseNumber: c.number, seq: event.seq, status: c.status, position },
  };
  const payload = JSON.stringify(body);
  await em.getRepository(WebhookDelivery).insert(
    matching.map((e) => ({
      endpointId: e.id,
      position,
      eventType: event.type,
      caseNumber: c.number,
      payload,
      status: DeliveryStatus.PENDING,
      attempts: 0,
      nextAttemptAt: event.at,
      leaseUntil: null,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
      createdAt: event.at,
    })),
  );
}
