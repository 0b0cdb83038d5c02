import type DataLoader from "dataloader";
import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { CaseCharge } from "./fee.entities";
import { ChargeStatus } from "./fee.enums";

/** What the case policy needs of a case's fees: charged at all, and anything still due (C7). */
export interface FeeFacts {
  charged: boolean;
  unpaid: boolean;
}

const factsOf = (charges: Pick<CaseCharge, "status" | "amountFen" | "reductionFen">[]): FeeFacts => ({
  charged: charges.length > 0,
  unpaid: charges.some((ch) => ch.status === ChargeStatus.UNPAID && ch.amountFen > ch.reductionFen),
});

const COLUMNS = { caseId: true, status: true, amountFen: true, reductionFen: true } as const;

export async function feeFactsIn(em: EntityManager, caseId: number): Promise<FeeFacts> {
  return factsOf(await em.getRepository(CaseCharge).find({ where: { caseId }, select: COLUMNS }));
}

export function feeFactsLoader(ctx: RequestContext): DataLoader<number, FeeFacts> {
  return ctx.loaders.get<number, FeeFacts>("fees#facts", async (ids) => {
    const rows = await ctx.db.manager.getRepository(CaseCharge).find({ where: { caseId: In([...ids]) }, select: COLUMNS });
    return ids.map((id) => factsOf(rows.filter((r) => r.caseId === id)));
  });
}
