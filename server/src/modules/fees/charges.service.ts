import { In, type EntityManager } from "typeorm";
import type { RequestContext } from "../../common/context";
import { UserErrorCode } from "../../common/errors";
import { missing } from "../../common/payload";
import { FeeStandard, ServiceItem } from "../catalogue/service-item.entity";
import { staffOf } from "../cases/case-access";
import { runCaseAct } from "../cases/case-act";
import { CaseEventType } from "../cases/case-event-types";
import { eventText } from "../cases/case-event-texts";
import { CaseAct } from "../cases/case-policy";
import { Case } from "../cases/case.entity";
import { amountProblem, chargeProblem, inForceOn, quantityProblem, reductionProblem, revenueTypeProblem } from "./fee-arithmetic";
import { auditFee, feeError, lockedCase, refuseProblem, today, updateVersioned } from "./fee-core";
import { CaseCharge } from "./fee.entities";
import { ChargeStatus } from "./fee.enums";
import type { AddFeeStandardVersionInput, ChargeCaseInput, ReduceChargeInput } from "./fee.inputs";

const idOf = (value: string) => (/^\d{1,10}$/.test(value) ? Number(value) : -1);

/** F1 and F2: fee standards (versions, never edits) and the charges of a case. */
export const chargesService = {
  /** F1: a new version of a standard (or a new standard of an item), effective today or later. */
  addStandardVersion(ctx: RequestContext, input: AddFeeStandardVersionInput) {
    return ctx.db.transaction(async (em) => {
      const item = await em.getRepository(ServiceItem).findOneBy({ code: input.itemCode });
      if (!item) throw missing(["input", "itemCode"], "ITEM_NOT_FOUND", { code: input.itemCode });
      refuseProblem(revenueTypeProblem(input.revenueType, input.name));
      refuseProblem(amountProblem(input.amountFen, "amountFen", { rule: "F1" }));
      const day = today(ctx);
      if (input.effectiveFrom < day) {
        throw feeError(UserErrorCode.F1_EFFECTIVE_IN_PAST, "effectiveFrom", "F1", `F1：新版本的生效日期不能早于今天（${day}）；收费标准不得追溯修改。`);
      }
      const standards = em.getRepository(FeeStandard);
      let version = 1;
      if (input.standardId) {
        const previous = await standards.findOneBy({ id: idOf(input.standardId) });
        if (!previous) throw feeError(UserErrorCode.F2_NO_STANDARD, "standardId", "F1", `F1：收费标准 ${input.standardId} 不存在。`);
        if (previous.itemId !== item.id) throw feeError(UserErrorCode.F2_STANDARD_OTHER_ITEM, "standardId", "F1", "F1：该收费标准属于其他事项。");
        const newer = await standards.findOne({ where: { itemId: item.id, name: previous.name }, order: { version: "DESC" } });
        if (previous.supersededFrom !== null || (newer && newer.id !== previous.id)) {
          throw feeError(UserErrorCode.F1_STANDARD_SUPERSEDED, "standardId", "F1", "F1：该版本已被新版本取代；请在最新版本上新增版本。");
        }
        if (input.effectiveFrom <= previous.effectiveFrom) {
          throw feeError(UserErrorCode.F1_EFFECTIVE_IN_PAST, "effectiveFrom", "F1", "", "FEE_EFFECTIVE_BEFORE_CURRENT", { from: previous.effectiveFrom });
        }
        if (input.name !== previous.name) throw feeError(UserErrorCode.INVALID, "name", "F1", "", "FEE_NAME_CHANGED");
        const result = await em
          .createQueryBuilder()
          .update(FeeStandard)
          .set({ supersededFrom: input.effectiveFrom })
          .where("id = :id AND supersededFrom IS NULL", { id: previous.id })
          .execute();
        if (result.affected !== 1) throw feeError(UserErrorCode.STALE_VERSION, "standardId", "F1", "", "FEE_STANDARD_CHANGED");
        version = previous.version + 1;
      } else if (await standards.existsBy({ itemId: item.id, name: input.name })) {
        throw feeError(UserErrorCode.DUPLICATE, "name", "F1", "", "FEE_NAME_TAKEN");
      }
      const inserted = await standards.insert({
        itemId: item.id,
        name: input.name,
        amountFen: input.amountFen,
        unit: input.unit,
        legalBasis: input.legalBasis,
        revenueType: input.revenueType,
        version,
        effectiveFrom: input.effectiveFrom,
        supersededFrom: null,
      });
      const standard = await standards.findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      await auditFee(ctx, em, "fee_standard.version_added", "fee_standard", standard.id, {
        item: item.code,
        name: standard.name,
        version,
        amountFen: standard.amountFen,
        effectiveFrom: standard.effectiveFrom,
        replaces: input.standardId ?? null,
      });
      return standard;
    });
  },

  /** F2: a charge at the standard in force on the acceptance day, by the handling window. */
  charge(ctx: RequestContext, input: ChargeCaseInput) {
    const staff = staffOf(ctx);
    return runCaseAct(ctx, { load: (em) => lockedCase(em, input.caseNumber) }, CaseAct.CHARGE, async ({ em, c, record }) => {
      refuseProblem(quantityProblem(input.quantity));
      refuseProblem(amountProblem(input.amountFen, "amountFen"));
      const standard = await em.getRepository(FeeStandard).findOneBy({ id: idOf(input.standardId) });
      if (!standard) throw feeError(UserErrorCode.F2_NO_STANDARD, "standardId", "F2", "F2：没有该收费标准；无标准不得收费。");
      if (standard.itemId !== c.itemId) throw feeError(UserErrorCode.F2_STANDARD_OTHER_ITEM, "standardId", "F2", "F2：该收费标准属于其他事项，不得跨事项收费。");
      const day = c.acceptedOn ?? today(ctx);
      if (!inForceOn(standard, day)) {
        throw feeError(UserErrorCode.F2_NOT_IN_FORCE, "standardId", "F2", `F2：该收费标准（第${standard.version}版）在受理日 ${day} 不在有效期内；应按受理日有效的标准收费。`);
      }
      refuseProblem(chargeProblem({ standardFen: standard.amountFen, quantity: input.quantity, amountFen: input.amountFen }));
      const inserted = await em.getRepository(CaseCharge).insert({
        caseId: c.id,
        standardId: standard.id,
        quantity: input.quantity,
        amountFen: input.amountFen,
        reductionFen: 0,
        reductionBasis: null,
        reductionReason: null,
        reducedById: null,
        reducedAt: null,
        letterId: null,
        status: ChargeStatus.UNPAID,
        chargedAt: ctx.clock.now(),
        chargedById: staff.id,
      });
      const charge = await em.getRepository(CaseCharge).findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
      await record({
        type: CaseEventType.CHARGED,
        summary: eventText.charged({ standard: standard.name, standardFen: standard.amountFen, quantity: input.quantity, amountFen: charge.amountFen, version: standard.version }),
        data: { chargeId: charge.id, standardId: standard.id, quantity: input.quantity, amountFen: charge.amountFen },
      });
      await auditFee(ctx, em, "fee.charged", "case_charge", charge.id, { caseNumber: c.number, standardId: standard.id, amountFen: charge.amountFen });
      return charge;
    });
  },

  /** F2/A2: a reduction or exemption, with legal basis and reason, by a holder of a covering letter. */
  reduce(ctx: RequestContext, input: ReduceChargeInput) {
    const staff = staffOf(ctx);
    const chargeCase = async (em: EntityManager) => {
      const found = await em.getRepository(CaseCharge).findOneBy({ id: idOf(input.chargeId) });
      if (!found) throw missing(["input", "chargeId"], "CHARGE_NOT_FOUND", { id: input.chargeId });
      const c0 = await em.getRepository(Case).findOneByOrFail({ id: found.caseId });
      return lockedCase(em, c0.number);
    };
    return runCaseAct(ctx, { load: chargeCase }, CaseAct.REDUCE_CHARGE, async ({ em, c, covering, record }) => {
      const charge = await em.getRepository(CaseCharge).findOneByOrFail({ id: idOf(input.chargeId) });
      if (charge.status !== ChargeStatus.UNPAID) throw feeError(UserErrorCode.F2_CHARGE_NOT_OPEN, "chargeId", "F2", "F2：只能减免尚未缴纳的收费。");
      refuseProblem(reductionProblem(charge, input.reductionFen));
      await updateVersioned(em, CaseCharge, charge, {
        reductionFen: charge.reductionFen + input.reductionFen,
        reductionBasis: input.legalBasis,
        reductionReason: input.reason,
        reducedById: staff.id,
        reducedAt: ctx.clock.now(),
        letterId: covering?.letter.id ?? null,
      }, `status = '${ChargeStatus.UNPAID}'`);
      const exempt = charge.amountFen === charge.reductionFen;
      await record({
        type: CaseEventType.REDUCED,
        summary: eventText.reduced({ exempt, reductionFen: input.reductionFen, legalBasis: input.legalBasis, letter: covering?.letter.number ?? "" }),
        data: { chargeId: charge.id, reductionFen: input.reductionFen, letterId: covering?.letter.id ?? null },
      });
      await auditFee(ctx, em, "fee.reduced", "case_charge", charge.id, { caseNumber: c.number, reductionFen: input.reductionFen, letterId: covering?.letter.id ?? null });
      return charge;
    });
  },
};

/** The charges of a case, oldest first. */
export function chargesOfCase(em: EntityManager, caseId: number) {
  return em.getRepository(CaseCharge).find({ where: { caseId }, order: { id: "ASC" } });
}

export function chargesByIds(em: EntityManager, ids: number[]) {
  return em.getRepository(CaseCharge).findBy({ id: In(ids) });
}
