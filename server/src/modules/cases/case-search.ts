import { IsOptional, MaxLength, MinLength, ValidateBy } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Field, InputType, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import type { EntityManager } from "typeorm";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { validCreditCode } from "../../common/credit-code";
import { forbidden } from "../../common/errors";
import { paginate, PageArgs, PageInfo, type SortKey } from "../../common/pagination";
import { badInput, fieldProblem, IsDay, Name } from "../../common/validation";
import type { Engine } from "../../db/data-source";
import { CaseKind } from "../catalogue/enums";
import { ServiceItem } from "../catalogue/service-item.entity";
import { recordsKeyOf } from "../records/records-key";
import { policyCaller } from "./case-access";
import { caseScope, type PolicyCaller } from "./case-policy";
import { validIdNumber } from "./case-rules";
import { Case } from "./case.entity";
import { CaseStatus } from "./case.enums";
import { normalizeName, searchHash, suffixRange, TOP } from "./search-keys";

/**
 * 办件查询 (issue 9 §1): staff find a case by number (in full or its last digits), a party's name
 * (prefix or contains, taken literally), ID number, credit code or phone (exact, by keyed hash), item,
 * status, kind and registration days — only among the cases they may read (case-policy.ts caseScope).
 * Every criterion that picks cases is an index range or an equality (case_file.numberReversed,
 * case_party.idHash / phoneHash, case_name_key.key), so no search reads the whole case table.
 */

/** A class-validator rule with a stable name (the `rule` of BAD_USER_INPUT) and a zh-CN message. */
const rule = (name: string, test: (value: string) => boolean, message: string) =>
  ValidateBy({ name, validator: { validate: (value: unknown) => typeof value === "string" && test(value), defaultMessage: () => message } });

export enum NameMatch {
  PREFIX = "PREFIX",
  CONTAINS = "CONTAINS",
}
registerEnumType(NameMatch, { description: "How an applicant's name is matched: from its beginning, or anywhere in it.", name: "NameMatch", valuesConfig: { PREFIX: { description: "姓名以此开头" }, CONTAINS: { description: "姓名包含此文字" } } });

@InputType({ description: "What to look for; every criterion given must match (AND). At least one besides `kind`." })
export class CaseSearchInput {
  @Field({ nullable: true, description: "The case number in full (20 digits), or its last digits." })
  @IsOptional() @rule("caseNumberDigits", (v) => /^\d{1,20}$/.test(v), "filter.number：办件编号只能是 1 至 20 位数字（完整编号或末几位）。 Digits only, 1–20.")
  number?: string;

  @Field({ nullable: true, description: "A party's name (applicant, legal representative's enterprise or agent), as typed; `%`, `_` and other signs are plain characters." })
  @IsOptional() @Name() @MinLength(1) @MaxLength(50, { message: "filter.name：姓名或名称最多 50 个字。 At most 50 characters." })
  name?: string;

  @Field(() => NameMatch, { defaultValue: NameMatch.PREFIX, description: "PREFIX (the default) or CONTAINS." })
  nameMatch: NameMatch;

  @Field({ nullable: true, description: "A party's resident ID number (18 characters, GB 11643 check digit), matched exactly." })
  @IsOptional() @rule("idNumberCheckDigit", (v) => validIdNumber(v.trim().toUpperCase()), "filter.idNumber：身份证号码应为 18 位且校验位正确（GB 11643）。 An 18-character ID number with a valid check digit.")
  idNumber?: string;

  @Field({ nullable: true, description: "An enterprise's 统一社会信用代码 (18 characters, GB 32100 check character), matched exactly." })
  @IsOptional() @rule("creditCodeCheckDigit", (v) => validCreditCode(v.trim().toUpperCase()), "filter.creditCode：统一社会信用代码应为 18 位且校验位正确（GB 32100）。 An 18-character credit code with a valid check character.")
  creditCode?: string;

  @Field({ nullable: true, description: "A party's phone (11-digit mobile, or a landline with area code), matched exactly." })
  @IsOptional() @rule("phone", (v) => /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(v.trim()), "filter.phone：电话应为 11 位手机号或带区号的固定电话。 An 11-digit mobile or a landline with area code.")
  phone?: string;

  @Field({ nullable: true, description: "The item's code." }) @IsOptional() @MaxLength(30) itemCode?: string;
  @Field(() => CaseStatus, { description: "Only cases in this state.", nullable: true }) status?: CaseStatus;
  @Field(() => CaseKind, { description: "Only cases of this kind.", nullable: true }) kind?: CaseKind;
  @Field({ nullable: true, description: "Registered on or after this day (YYYY-MM-DD, Beijing time)." }) @IsOptional() @IsDay() registeredFrom?: string;
  @Field({ nullable: true, description: "Registered on or before this day (YYYY-MM-DD, Beijing time)." }) @IsOptional() @IsDay() registeredTo?: string;
}

@ArgsType()
class SearchArgs extends PageArgs {}

@ObjectType("CaseSearchEdge", { description: "One case of a search result, with its cursor." })
class CaseSearchEdge {
  @Field(() => Case, { description: "The case." }) node: Case;
  @Field({ description: "Pass as `after` to continue after this case." }) cursor: string;
}

/** Counted up to this many: a broad search stays cheap to count. */
export const SEARCH_COUNT_CAP = 1000;

@ObjectType("CaseSearchConnection", { description: "A page of found cases, newest first." })
export class CaseSearchConnection {
  @Field(() => [CaseSearchEdge], { description: "The page's cases with their cursors." }) edges: CaseSearchEdge[];
  @Field(() => [Case], { description: "The page's cases." }) nodes: Case[];
  @Field(() => PageInfo, { description: "Cursors and whether more pages follow." }) pageInfo: PageInfo;
  @Field(() => Int, { description: `How many match, counted up to ${SEARCH_COUNT_CAP} (see totalCountCapped).` }) totalCount: number;
  @Field({ description: `More than ${SEARCH_COUNT_CAP} match: narrow the search.` }) totalCountCapped: boolean;
}

const NEWEST_KEY: SortKey<Case> = { expr: "c.id", dir: "DESC", of: (c) => c.id, type: "int" };

/** A criterion problem, as a BAD_USER_INPUT field problem (the catalogues word `fieldRules.<rule>`). */
function refuse(field: string, rule: string) {
  return badInput([fieldProblem(field, rule)]);
}

/** The search as SQL over case_file `c`: the filter's criteria and the caller's read scope (no order, no page). */
export async function searchQuery(em: EntityManager, engine: Engine, caller: PolicyCaller, filter: CaseSearchInput) {
  const picks = [filter.number, filter.name, filter.idNumber, filter.creditCode, filter.phone, filter.itemCode, filter.status, filter.registeredFrom, filter.registeredTo];
  if (!picks.some((v) => v !== undefined && v !== null && String(v).trim() !== "")) {
    throw refuse("filter", "searchCriterion");
  }
  const key = recordsKeyOf(em);
  const qb = em.getRepository(Case).createQueryBuilder("c");
  const number = filter.number?.trim();
  if (number) {
    if (number.length === 20) qb.andWhere("c.number = :sNumber", { sNumber: number });
    else {
      const { lo, hi } = suffixRange(number);
      qb.andWhere(`c.numberReversed >= :sRevLo`, { sRevLo: lo });
      if (hi) qb.andWhere(`c.numberReversed < :sRevHi`, { sRevHi: hi });
    }
  }
  const byParty = (column: "idHash" | "phoneHash", param: string, hash: string) =>
    qb.andWhere(`c.id IN (SELECT p."caseId" FROM case_party p WHERE p."${column}" = :${param})`, { [param]: hash });
  if (filter.idNumber) byParty("idHash", "sIdHash", searchHash(key, "id", filter.idNumber));
  if (filter.creditCode) byParty("idHash", "sCreditHash", searchHash(key, "credit", filter.creditCode));
  if (filter.phone) byParty("phoneHash", "sPhoneHash", searchHash(key, "phone", filter.phone));
  if (filter.name !== undefined && filter.name !== null) {
    const name = normalizeName(filter.name);
    if (!name) throw refuse("filter.name", "visible");
    // A byte range [name, name + U+10FFFF): the text is a bound value, never a pattern.
    const k = engine === "postgres" ? `k."key" COLLATE "C"` : `k."key"`;
    const prefixOnly = filter.nameMatch === NameMatch.CONTAINS ? "" : ` AND k.pos = 0`;
    qb.andWhere(`c.id IN (SELECT k."caseId" FROM case_name_key k WHERE ${k} >= :sNameLo AND ${k} < :sNameHi${prefixOnly})`, { sNameLo: name, sNameHi: name + TOP });
  }
  if (filter.itemCode) {
    const item = await em.getRepository(ServiceItem).findOne({ where: { code: filter.itemCode }, select: { id: true } });
    qb.andWhere("c.itemId = :sItem", { sItem: item?.id ?? -1 });
  }
  if (filter.status) qb.andWhere("c.status = :sStatus", { sStatus: filter.status });
  if (filter.kind) qb.andWhere("c.kind = :sKind", { sKind: filter.kind });
  if (filter.registeredFrom) qb.andWhere("c.registeredAt >= :sFrom", { sFrom: new Date(`${filter.registeredFrom}T00:00:00+08:00`) });
  if (filter.registeredTo) qb.andWhere("c.registeredAt < :sTo", { sTo: new Date(new Date(`${filter.registeredTo}T00:00:00+08:00`).getTime() + 86_400_000) });
  const scope = caseScope(caller, "c");
  if (scope) qb.andWhere(scope.where, scope.params);
  return qb;
}

export async function searchCases(ctx: RequestContext, filter: CaseSearchInput, args: PageArgs): Promise<CaseSearchConnection> {
  if (ctx.actor.kind !== "staff") throw forbidden("STAFF_ONLY");
  const qb = await searchQuery(ctx.db.manager, ctx.db.engine, policyCaller(ctx.actor), filter);
  const counted = await qb.clone().select("c.id", "id").orderBy("c.id", "DESC").limit(SEARCH_COUNT_CAP + 1).getRawMany();
  const page = await paginate(qb, args, NEWEST_KEY);
  return { edges: page.edges, nodes: page.nodes, pageInfo: page.pageInfo, totalCount: Math.min(counted.length, SEARCH_COUNT_CAP), totalCountCapped: counted.length > SEARCH_COUNT_CAP };
}

@Resolver()
export class CaseSearchResolver {
  @Allow("STAFF")
  @Query(() => CaseSearchConnection, { description: "办件查询: cases you may see matching the filter, newest first (issue 9 §1)." })
  searchCases(@Ctx() ctx: RequestContext, @Arg("filter", () => CaseSearchInput, { description: "What to search for (case number, applicant, item, state, days)." }) filter: CaseSearchInput, @Args() args: SearchArgs) {
    return searchCases(ctx, filter, args);
  }
}
