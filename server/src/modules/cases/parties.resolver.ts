import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../common/context";
import { Case } from "./case.entity";
import { PartyKind, PartyRole } from "./case-party.entity";
import { partiesForPrinting } from "./parties";

@ObjectType("CaseParty", { description: "A party of the case as staff see it: applicants (persons or enterprises) and agents; ID numbers and phones masked." })
export class CasePartyView {
  @Field(() => Int, { description: "1 is the primary applicant (Case.applicant)." }) seq: number;
  @Field(() => PartyRole, { description: "Applicant or agent." }) role: PartyRole;
  @Field(() => PartyKind, { description: "A person or an enterprise." }) kind: PartyKind;
  @Field({ description: "A person's name, or the enterprise's registered name." }) name: string;
  @Field({ description: "A person's ID number masked (4210**********1234), or an enterprise's 统一社会信用代码 in full (public)." }) identifier: string;
  @Field(() => String, { nullable: true, description: "法定代表人 of an enterprise." }) legalRepresentative: string | null;
  @Field(() => String, { nullable: true, description: "Masked, e.g. 138****5678." }) phone: string | null;
  @Field(() => String, { nullable: true, description: "An agent: the applicant they act for." }) actsForName: string | null;
}

@Resolver(() => Case)
export class CasePartiesResolver {
  @FieldResolver(() => [CasePartyView], { description: "申请人和代理人: every applicant (a marriage registration has two) and the agents acting for them, applicants first." })
  parties(@Root() c: Case, @Ctx() ctx: RequestContext): Promise<CasePartyView[]> {
    return partiesForPrinting(ctx.db.manager, c);
  }
}
