import type { Db } from "../db/db";
import { hashPassword } from "../common/password";
import { ServicePoint } from "../modules/network/service-point.entity";
import { buildDemoData, DEMO_PASSWORD } from "./demo-data";
import { insertDemoData } from "./insert";

/** Loads the demo network and catalogue into an empty database (first start). */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if ((await db.manager.getRepository(ServicePoint).count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction((em) => insertDemoData(em, buildDemoData(), passwordHash, db.engine));
  return true;
}
