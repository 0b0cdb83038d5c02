import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { FeeStandard } from "../catalogue/service-item.entity";
import { CaseCharge } from "./fee.entities";
import { ChargeStatus } from "./fee.enums";

/** What the case policy needs of a case's fees: charged at all, and anything still due (C7). */
export interface FeeFacts {
  /** The case's item has a fee standard at all (F2: no standard, no charge). */
  chargeable: boolean;
  charged: boolean;
  unpaid: boolean;
}

const factsOf = (chargeable: boolean, charges: Pick<CaseCharge, "status" | "amountFen" | "reductionFen">[]): FeeFacts => ({
  chargeable,
  charged: charges.length > 0,
  unpaid: charges.some((ch) => ch.status === ChargeStatus.UNPAID && ch.amountFen > ch.reductionFen),
});

const COLUMNS = { caseId: true, status: true, amountFen: true, reductionFen: true } as const;

export async function feeFactsIn(em: EntityManager, c: { id: number; itemId: number }): Promise<FeeFacts> {
  const chargeable = await em.getRepository(FeeStandard).existsBy({ itemId: c.itemId });
  return factsOf(chargeable, await em.getRepository(CaseCharge).find({ where: { caseId: c.id }, select: COLUMNS }));
}

/** Per request: the fee facts of every case shown, in two queries. */
export function feeFacts(ctx: RequestContext, c: { id: number; itemId: number }): Promise<FeeFacts> {
  return ctx.loaders
    .get<string, FeeFacts>("fees#facts", async (keys) => {
      const cases = keys.map((key) => key.split(":").map(Number)).map(([id, itemId]) => ({ id, itemId }));
      const rows = await ctx.db.manager.getRepository(CaseCharge).find({ where: { caseId: In(cases.map((k) => k.id)) }, select: COLUMNS });
      const standards = await ctx.db.manager.getRepository(FeeStandard).find({ where: { itemId: In([...new Set(cases.map((k) => k.itemId))]) }, select: { id: true, itemId: true } });
      const chargeable = new Set(standards.map((st) => st.itemId));
      return cases.map((k) => factsOf(chargeable.has(k.itemId), rows.filter((r) => r.caseId === k.id)));
    })
    .load(`${c.id}:${c.itemId}`);
}
