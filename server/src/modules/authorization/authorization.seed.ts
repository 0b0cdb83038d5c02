import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
import { Department } from "../catalogue/department.entity";
import { DelegationMode, ItemLevel } from "../catalogue/enums";
import { ItemDelegation, ServiceItem } from "../catalogue/service-item.entity";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { Role } from "../staff/role";
import { Staff } from "../staff/staff.entity";
import { ApprovalSeal, AuthorizationLetter, AuthorizationLetterItem } from "./authorization.entity";
import { beijingYear, letterNumber } from "./authorization.rules";

const VALID_FROM = new Date("2025-01-01T00:00:00+08:00");
const VALID_TO = new Date("2027-12-31T23:59:59+08:00");
// Rows per statement: at most 12 columns × 1000 rows stays under both engines' parameter limits.
const CHUNK = 1000;

async function insertAll<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await em.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + CHUNK)).updateEntity(false).execute();
  }
}

/**
 * Demo seals and letters: one seal per department; each director's allItems letter to the deputy; and,
 * per (owning department, township), a letter to the township clerk listing the department's township
 * items and its items delegated HANDLE to that township (授权至乡镇). Runs in the seeding transaction.
 */
export async function seedAuthorization(em: EntityManager, now: Date): Promise<void> {
  // Issued when they took effect (or at `now`, when the demo clock lies before that).
  const issuedAt = now < VALID_FROM ? now : VALID_FROM;
  const year = beijingYear(issuedAt);
  // One after the other: a transaction's queries share one connection.
  const departments = await em.getRepository(Department).find({ order: { id: "ASC" } });
  const staff = await em.getRepository(Staff).find({
    where: { role: In([Role.DIRECTOR, Role.DEPUTY_DIRECTOR, Role.TOWNSHIP_CLERK]), active: true },
    select: { id: true, username: true, role: true, pointId: true },
    order: { id: "ASC" },
  });
  const townships = await em.getRepository(ServicePoint).find({ where: { level: PointLevel.TOWNSHIP, active: true }, order: { code: "ASC" } });
  const townshipItems = await em
    .getRepository(ServiceItem)
    .find({ where: { level: ItemLevel.TOWNSHIP, active: true }, select: { id: true, departmentId: true }, order: { id: "ASC" } });
  const handled = await em
    .getRepository(ItemDelegation)
    .createQueryBuilder("d")
    .innerJoin(ServiceItem, "i", "i.id = d.itemId")
    .select(["d.itemId AS \"itemId\"", "d.townshipId AS \"townshipId\"", "i.departmentId AS \"departmentId\""])
    .where("d.mode = :mode AND d.revokedAt IS NULL", { mode: DelegationMode.HANDLE })
    .getRawMany<{ itemId: number; townshipId: number; departmentId: number }>();
  if (!departments.length) return;

  await insertAll(em, ApprovalSeal, departments.map((d) => ({ departmentId: d.id, code: `${d.code}-SP-01`, name: `${d.name}行政审批专用章`, active: true })));
  const sealOf = new Map((await em.getRepository(ApprovalSeal).find()).map((s) => [s.departmentId, s.id]));
  const byUsername = new Map(staff.map((s) => [s.username, s]));
  const clerkOf = new Map<number, Staff>();
  for (const s of staff) if (s.role === Role.TOWNSHIP_CLERK && !clerkOf.has(s.pointId)) clerkOf.set(s.pointId, s);

  const letters: Partial<AuthorizationLetter>[] = [];
  const listed = new Map<string, number[]>();
  for (const department of departments) {
    const prefix = department.code.toLowerCase();
    const director = byUsername.get(`${prefix}.director`);
    const sealId = sealOf.get(department.id);
    if (!director || !sealId) continue;
    let seq = 0;
    const letter = (holderId: number, allItems: boolean, itemIds: number[]) => {
      const number = letterNumber(department.code, year, ++seq);
      letters.push({ number, departmentId: department.id, grantorId: director.id, holderId, allItems, validFrom: VALID_FROM, validTo: VALID_TO, sealId, issuedAt, revokedAt: null, revokedById: null, revokeReason: null });
      if (!allItems) listed.set(number, itemIds);
    };
    const deputy = byUsername.get(`${prefix}.deputy`);
    if (deputy) letter(deputy.id, true, []);
    const own = townshipItems.filter((i) => i.departmentId === department.id).map((i) => i.id);
    for (const township of townships) {
      const clerk = clerkOf.get(township.id);
      const delegated = handled.filter((d) => Number(d.departmentId) === department.id && Number(d.townshipId) === township.id).map((d) => Number(d.itemId));
      if (clerk && own.length + delegated.length > 0) letter(clerk.id, false, [...own, ...delegated]);
    }
  }
  await insertAll(em, AuthorizationLetter, letters);

  const idOf = new Map((await em.getRepository(AuthorizationLetter).find({ select: { id: true, number: true } })).map((l) => [l.number, l.id]));
  const links = [...listed].flatMap(([number, itemIds]) => itemIds.map((itemId) => ({ letterId: idOf.get(number)!, itemId })));
  await insertAll(em, AuthorizationLetterItem, links);
}
