import type { EntityManager } from "typeorm";
import { TicketBook } from "./fee.entities";
import { TicketBookStatus } from "./fee.enums";

/** The first series of the demo: 鄂财通(2026) + a 5-digit book number. */
export const DEMO_SERIES = "鄂财通(2026)";
/** Numbers in each seeded book. */
export const DEMO_BOOK_SIZE = 10_000;

/**
 * F5: the first ticket book of every fee-charging department at every point that takes its fees — the
 * city centre for its items, each township for the items it handles or relays (全程代理). Later books
 * come only through an application and a passed stub audit. Runs in the seeding transaction.
 */
export async function seedTicketBooks(em: EntityManager, now: Date): Promise<void> {
  const pairs: { departmentId: number; pointId: number }[] = await em.query(
    `SELECT DISTINCT i."departmentId" AS "departmentId", wi."pointId" AS "pointId"
     FROM window_item wi JOIN service_item i ON i.id = wi."itemId"
     WHERE EXISTS (SELECT 1 FROM fee_standard f WHERE f."itemId" = i.id)
     ORDER BY wi."pointId", i."departmentId"`,
  );
  const rows = pairs.map((pair, index) => ({
    departmentId: Number(pair.departmentId),
    pointId: Number(pair.pointId),
    series: `${DEMO_SERIES}${String(index + 1).padStart(5, "0")}`,
    fromNo: 1,
    toNo: DEMO_BOOK_SIZE,
    nextNo: 1,
    status: TicketBookStatus.ACTIVE,
    issuedAt: now,
    issuedById: null,
    applicationId: null,
  }));
  if (rows.length) await em.createQueryBuilder().insert().into(TicketBook).values(rows).updateEntity(false).execute();
}
