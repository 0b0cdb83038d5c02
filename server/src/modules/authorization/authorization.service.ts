import { And, In, IsNull, LessThan, MoreThanOrEqual, type EntityManager, type SelectQueryBuilder } from "typeorm";
import type { RequestContext, StaffIdentity } from "../../common/context";
import { AppError, ErrorCode, forbidden, notFound, RuleViolation, UserErrorCode } from "../../common/errors";
import { once } from "../../common/idempotency";
import { paginate } from "../../common/pagination";
import { invalid, missing } from "../../common/payload";
import { appendAudit } from "../audit/audit.service";
import { Department } from "../catalogue/department.entity";
import { CaseKind, DelegationMode, ItemLevel } from "../catalogue/enums";
import { ItemDelegation, ServiceItem, WindowItem } from "../catalogue/service-item.entity";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { Role } from "../staff/role";
import { Staff } from "../staff/staff.entity";
import { ApprovalSeal, AuthorizationLetter, AuthorizationLetterItem } from "./authorization.entity";
import type { IssueLetterInput, LetterListArgs, RevokeLetterInput } from "./authorization.inputs";
import type { Reason, ReasonParams } from "../../common/reasons";
import { beijingYear, beijingYearRange, isActiveAt, letterNumber, validityProblem } from "./authorization.rules";

type LetterRequest = Omit<IssueLetterInput, "idempotencyKey">;

/** A1: the caller acts for another department, or beyond its own. */
const outsideDepartment = (field: string[], reason: Reason, params: ReasonParams = {}) => new RuleViolation(UserErrorCode.FORBIDDEN, "", field, "A1", reason, params);
/** A1: a rule of who may hold what. */
const breaksA1 = (field: string[], reason: Reason, params: ReasonParams = {}) => new RuleViolation(UserErrorCode.RULE_VIOLATION, "", field, "A1", reason, params);

function callerOf(ctx: RequestContext): StaffIdentity {
  if (ctx.actor.kind !== "staff") throw forbidden("STAFF_ONLY");
  return ctx.actor.staff;
}

/** Only a director signs and revokes, and only for their own department (A1). */
function directorOf(caller: StaffIdentity, departmentId: number | null): number {
  if (caller.role !== Role.DIRECTOR || caller.departmentId == null) {
    throw outsideDepartment([], "DIRECTOR_ONLY");
  }
  if (departmentId !== null && departmentId !== caller.departmentId) {
    throw outsideDepartment(["input", "id"], "DIRECTOR_OWN_DEPARTMENT");
  }
  return caller.departmentId;
}

/** Restricts a query of letters (alias `l`) to those active at `at`. */
function activeAt<T extends object>(qb: SelectQueryBuilder<T>, at: Date): SelectQueryBuilder<T> {
  return qb
    .andWhere("l.validFrom <= :at AND l.validTo > :at", { at })
    .andWhere("(l.revokedAt IS NULL OR l.revokedAt > :at)", { at });
}

/** A1 extended (首席代表): a window clerk holds a letter only as the department's representative at its city window. */
async function assertChiefRepresentative(em: EntityManager, holder: Staff, departmentId: number): Promise<void> {
  const window = holder.windowId ? await em.getRepository(ServiceWindow).findOneBy({ id: holder.windowId }) : null;
  const point = window ? await em.getRepository(ServicePoint).findOneBy({ id: window.pointId }) : null;
  if (!window?.active || window.departmentId !== departmentId || point?.level !== PointLevel.CITY) {
    throw outsideDepartment(["input", "holderUsername"], "LETTER_WINDOW_NOT_DEPARTMENT");
  }
}

/**
 * A1 extended: a chief representative's letter lists IMMEDIATE items (default kind) that his own
 * window accepts — he decides them at the window while the applicant waits.
 */
async function assertWindowItems(em: EntityManager, holder: Staff, items: ServiceItem[]): Promise<void> {
  const notImmediate = items.filter((i) => i.defaultKind !== CaseKind.IMMEDIATE);
  if (notImmediate.length) {
    throw breaksA1(["input", "itemCodes"], "LETTER_ITEMS_NOT_IMMEDIATE", { codes: notImmediate.map((i) => i.code).join("、") });
  }
  const accepted = await em.getRepository(WindowItem).findBy({ windowId: holder.windowId ?? -1, itemId: In(items.map((i) => i.id)) });
  const elsewhere = items.filter((i) => !accepted.some((a) => a.itemId === i.id));
  if (elsewhere.length) {
    throw breaksA1(["input", "itemCodes"], "LETTER_ITEMS_NOT_AT_WINDOW", { codes: elsewhere.map((i) => i.code).join("、") });
  }
}

/**
 * The items a letter lists, after A1's scope rules: the department's own items only; a township
 * clerk only township items and items delegated HANDLE to the clerk's township (G4), never allItems;
 * a window's chief representative only IMMEDIATE items his window accepts, never allItems.
 */
async function scopeOf(em: EntityManager, departmentId: number, holder: Staff, request: LetterRequest): Promise<ServiceItem[]> {
  const clerk = holder.role === Role.TOWNSHIP_CLERK;
  if (request.allItems) {
    if (request.itemCodes.length) throw invalid(["input", "itemCodes"], "LETTER_ITEMS_WITH_ALL", {}, "A1");
    if (clerk) throw breaksA1(["input", "allItems"], "CLERK_LISTED_ITEMS_ONLY");
    if (holder.role === Role.WINDOW_CLERK) throw breaksA1(["input", "allItems"], "LETTER_WINDOW_LISTED_ONLY");
    return [];
  }
  const codes = [...new Set(request.itemCodes)];
  if (!codes.length) throw invalid(["input", "itemCodes"], "LETTER_ITEMS_REQUIRED", {}, "A1");
  const items = await em.getRepository(ServiceItem).findBy({ code: In(codes) });
  const unknown = codes.filter((code) => !items.some((item) => item.code === code));
  if (unknown.length) throw missing(["input", "itemCodes"], "LETTER_ITEM_UNKNOWN", { codes: unknown.join("、") });
  const foreign = items.filter((item) => item.departmentId !== departmentId);
  if (foreign.length) {
    throw outsideDepartment(["input", "itemCodes"], "LETTER_ITEMS_OTHER_DEPARTMENT", { codes: foreign.map((i) => i.code).join("、") });
  }
  const withdrawn = items.filter((item) => !item.active);
  if (withdrawn.length) throw invalid(["input", "itemCodes"], "LETTER_ITEM_WITHDRAWN", { codes: withdrawn.map((i) => i.code).join("、") }, "A1");
  if (holder.role === Role.WINDOW_CLERK) await assertWindowItems(em, holder, items);
  if (clerk) {
    const delegated = await em.getRepository(ItemDelegation).findBy({
      townshipId: holder.pointId,
      mode: DelegationMode.HANDLE,
      revokedAt: IsNull(),
      itemId: In(items.map((i) => i.id)),
    });
    const outside = items.filter((item) => item.level !== ItemLevel.TOWNSHIP && !delegated.some((d) => d.itemId === item.id));
    if (outside.length) {
      const township = await em.getRepository(ServicePoint).findOneBy({ id: holder.pointId });
      throw breaksA1(["input", "itemCodes"], "CLERK_ITEMS_NOT_TOWNSHIP", { codes: outside.map((i) => i.code).join("、"), township: township?.name ?? "—" });
    }
  }
  return items;
}

async function issueLetter(ctx: RequestContext, em: EntityManager, caller: StaffIdentity, request: LetterRequest): Promise<AuthorizationLetter> {
  const departmentId = directorOf(caller, null);
  const department = await em.getRepository(Department).findOneByOrFail({ id: departmentId });
  const holder = await em.getRepository(Staff).findOneBy({ username: request.holderUsername });
  if (!holder?.active) throw missing(["input", "holderUsername"], "LETTER_HOLDER_NOT_FOUND");
  if (holder.role === Role.DEPUTY_DIRECTOR) {
    if (holder.departmentId !== departmentId) {
      throw outsideDepartment(["input", "holderUsername"], "LETTER_HOLDER_OTHER_DEPARTMENT");
    }
  } else if (holder.role === Role.WINDOW_CLERK) {
    await assertChiefRepresentative(em, holder, departmentId);
  } else if (holder.role !== Role.TOWNSHIP_CLERK) {
    throw breaksA1(["input", "holderUsername"], "LETTER_HOLDER_ROLE");
  }
  const now = ctx.clock.now();
  const problem = validityProblem(request.validFrom, request.validTo, now);
  if (problem) throw invalid(["input", problem.field], problem.reason, problem.params, "A1");
  const seal = await em.getRepository(ApprovalSeal).findOneBy({ code: request.sealCode });
  if (!seal) throw missing(["input", "sealCode"], "SEAL_NOT_FOUND", { code: request.sealCode });
  if (seal.departmentId !== departmentId) throw outsideDepartment(["input", "sealCode"], "SEAL_OTHER_DEPARTMENT", { code: seal.code });
  if (!seal.active) throw invalid(["input", "sealCode"], "SEAL_INACTIVE", { code: seal.code }, "A1");
  const items = await scopeOf(em, departmentId, holder, request);

  // Letters are never deleted, so the count of this year's letters gives the next number; a concurrent
  // twin hits the unique number and its transaction is retried (Db).
  const year = beijingYear(now);
  const [yearStart, yearEnd] = beijingYearRange(year);
  const issuedThisYear = await em
    .getRepository(AuthorizationLetter)
    .countBy({ departmentId, issuedAt: And(MoreThanOrEqual(yearStart), LessThan(yearEnd)) });
  const letter = await em.getRepository(AuthorizationLetter).save(
    em.getRepository(AuthorizationLetter).create({
      number: letterNumber(department.code, year, issuedThisYear + 1),
      departmentId,
      grantorId: caller.id,
      holderId: holder.id,
      allItems: request.allItems,
      validFrom: request.validFrom,
      validTo: request.validTo,
      sealId: seal.id,
      issuedAt: now,
      revokedAt: null,
      revokedById: null,
      revokeReason: null,
    }),
  );
  if (items.length) await em.getRepository(AuthorizationLetterItem).insert(items.map((item) => ({ letterId: letter.id, itemId: item.id })));
  await appendAudit(ctx, em, "letter.issue", "AuthorizationLetter", letter.id, {
    number: letter.number,
    holder: holder.username,
    allItems: request.allItems,
    itemCodes: items.map((i) => i.code),
    validFrom: request.validFrom,
    validTo: request.validTo,
    seal: seal.code,
  });
  return letter;
}

export const authorizationService = {
  /** A1: sign a letter, once per idempotency key. */
  issue(ctx: RequestContext, input: IssueLetterInput): Promise<AuthorizationLetter> {
    const caller = callerOf(ctx);
    const { idempotencyKey, ...request } = input;
    return ctx.db.transaction((em) =>
      once(ctx, em, idempotencyKey, "issueAuthorizationLetter", request, () => issueLetter(ctx, em, caller, request), {
        toJson: (letter) => ({ id: letter.id }),
        fromJson: (json: { id: number }) => em.getRepository(AuthorizationLetter).findOneByOrFail({ id: json.id }),
      }),
    );
  },

  /** A1: revoke with a reason; the letter stays on record. */
  revoke(ctx: RequestContext, input: RevokeLetterInput): Promise<AuthorizationLetter> {
    const caller = callerOf(ctx);
    return ctx.db.transaction(async (em) => {
      const letter = await em.getRepository(AuthorizationLetter).findOneBy({ id: Number(input.id) || -1 });
      if (!letter) throw missing(["input", "id"], "LETTER_NOT_FOUND", { id: input.id });
      directorOf(caller, letter.departmentId);
      const reason = input.reason.trim();
      if (reason.length < 2) throw invalid(["input", "reason"], "REVOCATION_REASON_REQUIRED", {}, "A1");
      const revokedAt = ctx.clock.now();
      const result = await em
        .createQueryBuilder()
        .update(AuthorizationLetter)
        .set({ revokedAt, revokedById: caller.id, revokeReason: reason })
        .where("id = :id AND revokedAt IS NULL", { id: letter.id })
        .execute();
      if (result.affected !== 1) throw breaksA1(["input", "id"], "LETTER_ALREADY_REVOKED", { number: letter.number });
      await appendAudit(ctx, em, "letter.revoke", "AuthorizationLetter", letter.id, { number: letter.number, reason });
      return { ...letter, revokedAt, revokedById: caller.id, revokeReason: reason };
    });
  },

  /** A department's letters, for its heads, the supervisor and the centre admin. */
  async list(ctx: RequestContext, args: LetterListArgs) {
    const caller = callerOf(ctx);
    const department = await ctx.db.manager.getRepository(Department).findOneBy({ code: args.departmentCode });
    if (!department) throw notFound("DEPARTMENT_NOT_FOUND", { code: args.departmentCode }, "departmentCode");
    const readsAll = caller.role === Role.SUPERVISOR || caller.role === Role.CENTER_ADMIN;
    if (!readsAll && caller.departmentId !== department.id) {
      throw new AppError(ErrorCode.FORBIDDEN, "LETTERS_OWN_DEPARTMENT", {}, { rule: "A1" });
    }
    const qb = ctx.db.manager.getRepository(AuthorizationLetter).createQueryBuilder("l").where("l.departmentId = :departmentId", { departmentId: department.id });
    if (args.activeOnly) activeAt(qb, ctx.clock.now());
    return paginate(qb, args, "id");
  },

  /** The caller's own letters as holder, active ones first, then the most recent (at most 100). */
  async mine(ctx: RequestContext): Promise<AuthorizationLetter[]> {
    const caller = callerOf(ctx);
    const letters = await ctx.db.manager.getRepository(AuthorizationLetter).find({
      where: { holderId: caller.id },
      order: { validTo: "DESC", id: "DESC" },
      take: 100,
    });
    const now = ctx.clock.now();
    return [...letters.filter((l) => isActiveAt(l, now)), ...letters.filter((l) => !isActiveAt(l, now))];
  },

  async seals(ctx: RequestContext, departmentCode: string): Promise<ApprovalSeal[]> {
    const department = await ctx.db.manager.getRepository(Department).findOneBy({ code: departmentCode });
    if (!department) throw notFound("DEPARTMENT_NOT_FOUND", { code: departmentCode }, "departmentCode");
    return ctx.db.manager.getRepository(ApprovalSeal).find({ where: { departmentId: department.id }, order: { code: "ASC" } });
  },
};

/** Active letters of a holder at `at` whose seal is still in use (a withdrawn seal stamps nothing). */
function activeLettersOf(em: EntityManager, holderId: number, at: Date) {
  const qb = em
    .getRepository(AuthorizationLetter)
    .createQueryBuilder("l")
    .innerJoin(ApprovalSeal, "s", "s.id = l.sealId AND s.active = :sealActive", { sealActive: true })
    .where("l.holderId = :holderId", { holderId });
  return activeAt(qb, at);
}

/**
 * A2: the active letter of `holderId` covering `itemId` at `at` (an allItems letter covers every item
 * of its department), with its seal; null when there is none. Call it inside the decision's transaction.
 */
export async function findCoveringLetter(
  em: EntityManager,
  holderId: number,
  itemId: number,
  at: Date,
): Promise<{ letter: AuthorizationLetter; seal: ApprovalSeal } | null> {
  const item = await em.getRepository(ServiceItem).findOne({ where: { id: itemId }, select: { id: true, departmentId: true } });
  if (!item) return null;
  const letter = await activeLettersOf(em, holderId, at)
    .leftJoin(AuthorizationLetterItem, "li", "li.letterId = l.id AND li.itemId = :itemId", { itemId })
    .andWhere("l.departmentId = :departmentId", { departmentId: item.departmentId })
    .andWhere("(l.allItems = :allItems OR li.id IS NOT NULL)", { allItems: true })
    .orderBy("l.validTo", "DESC")
    .addOrderBy("l.id", "DESC")
    .getOne();
  if (!letter) return null;
  const seal = await em.getRepository(ApprovalSeal).findOneByOrFail({ id: letter.sealId });
  return { letter, seal };
}

/** A3: what a holder may decide at `at`: departments of allItems letters, and listed item ids. */
export async function coveredItemIdsOf(em: EntityManager, holderId: number, at: Date): Promise<{ all: number[]; items: number[] }> {
  const letters = await activeLettersOf(em, holderId, at).select(["l.id", "l.allItems", "l.departmentId"]).getMany();
  const listed = letters.filter((l) => !l.allItems).map((l) => l.id);
  const rows = listed.length ? await em.getRepository(AuthorizationLetterItem).find({ where: { letterId: In(listed) }, select: { itemId: true } }) : [];
  return {
    all: [...new Set(letters.filter((l) => l.allItems).map((l) => l.departmentId))].sort((a, b) => a - b),
    items: [...new Set(rows.map((r) => r.itemId))].sort((a, b) => a - b),
  };
}
