import type { Db } from "../db/db";
import { hashPassword } from "../common/password";
import { seedAuthorization } from "../modules/authorization/authorization.seed";
import { seedCalendarFromPackage } from "../modules/calendar/calendar.service";
import { seedTicketBooks } from "../modules/fees/fees.seed";
import { seedScoringFormula } from "../modules/assessment/assessment.service";
import { ServicePoint } from "../modules/network/service-point.entity";
import { buildDemoData, DEMO_PASSWORD } from "./demo-data";
import { insertDemoData } from "./insert";

/** Loads the demo network and catalogue into an empty database (first start). */
export async function seedIfEmpty(db: Db, now: Date): Promise<boolean> {
  if ((await db.manager.getRepository(ServicePoint).count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (em) => {
    await insertDemoData(em, buildDemoData(), passwordHash, db.engine);
    await seedCalendarFromPackage(em, now);
    await seedAuthorization(em, now);
    await seedTicketBooks(em, now);
    await seedScoringFormula(em, now);
  });
  return true;
}
