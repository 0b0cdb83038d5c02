import type { EntityManager } from "typeorm";
import { Field, ObjectType } from "type-graphql";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow, WindowKind, WindowSchedule } from "../network/service-window.entity";
import { Staff } from "../staff/staff.entity";
import type { CollectionText } from "../documents/paper";
import { Case } from "./case.entity";

/**
 * Where and when the applicant collects the result (C2, C7): results travel back to the point that
 * registered the case. At the handling point that is the case's window; elsewhere the registering
 * point (a village station's agent, or the window of the clerk who registered it at a township).
 * Printed on the receipt and shown on the public status page; no personal data.
 */

/** Office hours of permanent windows and stations on legal working days (调休 days included), China time. */
export const OFFICE_HOURS = ["08:30-12:00", "14:30-17:30"] as const;

@ObjectType({ description: "A published weekly slot of a PERIODIC window where the result is collected." })
export class CollectionSlot {
  @Field({ description: "ISO weekday: 1 = Monday … 7 = Sunday." }) weekday: number;
  @Field({ description: "When the window opens (HH:mm)." }) startTime: string;
  @Field({ description: "When the window closes (HH:mm)." }) endTime: string;
}

@ObjectType({ description: "Where and when to collect the result: the registering point (and window), its address, phone and hours." })
export class CollectionPlace {
  @Field({ description: "The point where the result is collected." }) pointName: string;
  @Field(() => String, { nullable: true, description: "The window, when the result is handed out at one; null at a village station (the agent)." }) windowName: string | null;
  @Field(() => String, { description: "The window where the result is collected.", nullable: true }) windowCode: string | null;
  @Field(() => String, { description: "The point's address.", nullable: true }) address: string | null;
  @Field(() => String, { description: "The point's telephone.", nullable: true }) phone: string | null;
  @Field(() => [CollectionSlot], { description: "A PERIODIC window's published weekly hours; empty when the place keeps the office hours below." }) schedule: CollectionSlot[];
  @Field(() => [String], { description: "Office hours on legal working days (HH:mm-HH:mm), when there is no weekly schedule." }) officeHours: string[];
  @Field({ description: "The result is at that place now (handed back, not yet collected)." }) ready: boolean;
}

export async function collectionPlace(em: EntityManager, c: Case): Promise<CollectionPlace> {
  const point = await em.getRepository(ServicePoint).findOneByOrFail({ id: c.registeredPointId });
  let window: ServiceWindow | null = null;
  if (c.registeredPointId === c.handlingPointId) window = await em.getRepository(ServiceWindow).findOneBy({ id: c.windowId });
  else {
    const registrar = await em.getRepository(Staff).findOne({ where: { id: c.registeredById }, select: { id: true, windowId: true } });
    if (registrar?.windowId) window = await em.getRepository(ServiceWindow).findOneBy({ id: registrar.windowId });
  }
  const schedule =
    window?.kind === WindowKind.PERIODIC
      ? (await em.getRepository(WindowSchedule).find({ where: { windowId: window.id, active: true }, order: { weekday: "ASC", startTime: "ASC" } })).map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime }))
      : [];
  return {
    pointName: point.name,
    windowName: window?.name ?? null,
    windowCode: window?.code ?? null,
    address: point.address,
    phone: point.phone,
    schedule,
    officeHours: schedule.length ? [] : [...OFFICE_HOURS],
    ready: c.currentPointId === c.registeredPointId,
  };
}

const WEEKDAYS = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/** The place in words, for paper. */
export function collectionText(p: CollectionPlace): CollectionText {
  const hours = p.schedule.length
    ? p.schedule.map((s) => `${WEEKDAYS[s.weekday]} ${s.startTime}—${s.endTime}`).join("；")
    : `法定工作日 ${p.officeHours.map((h) => h.replace("-", "—")).join("、")}`;
  return {
    place: `${p.pointName}${p.windowName ? ` ${p.windowName}（${p.windowCode}）` : "（代办员）"}`,
    address: p.address,
    phone: p.phone,
    hours,
  };
}
