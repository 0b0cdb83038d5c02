import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload } from "../../common/payload";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { Staff } from "../staff/staff.entity";
import { ApprovalSeal, AuthorizationLetter } from "./authorization.entity";
import { IssueLetterInput, LetterListArgs, RevokeLetterInput } from "./authorization.inputs";
import { authorizationLoaders } from "./authorization.loaders";
import { AuthorizationLetterConnection, AuthorizationLetterPayload } from "./authorization.payloads";
import { isActiveAt } from "./authorization.rules";
import { authorizationService } from "./authorization.service";

@Resolver(() => AuthorizationLetter)
export class AuthorizationLetterResolver {
  @Allow("DIRECTOR")
  @Mutation(() => AuthorizationLetterPayload, {
    description: "Sign a 授权委托书 for a deputy director of your department, your chief representative at its city window (listed IMMEDIATE items), or a township clerk (A1). Retries with the same idempotencyKey return the same letter.",
  })
  issueAuthorizationLetter(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: IssueLetterInput) {
    return toPayload("letter", () => authorizationService.issue(ctx, input));
  }

  @Allow("DIRECTOR")
  @Mutation(() => AuthorizationLetterPayload, { description: "Revoke a letter of your department, with a reason; it stays on record (A1)." })
  revokeAuthorizationLetter(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RevokeLetterInput) {
    return toPayload("letter", () => authorizationService.revoke(ctx, input));
  }

  @Allow("DIRECTOR", "DEPUTY_DIRECTOR", "SECTION_CHIEF", "SUPERVISOR", "CENTER_ADMIN")
  @Query(() => AuthorizationLetterConnection, { description: "A department's letters, oldest first; department heads see their own department only." })
  authorizationLetters(@Ctx() ctx: RequestContext, @Args() args: LetterListArgs) {
    return authorizationService.list(ctx, args);
  }

  @Allow("STAFF")
  @Query(() => [AuthorizationLetter], { description: "Letters you hold, active ones first (the latest 100)." })
  myAuthorizationLetters(@Ctx() ctx: RequestContext) {
    return authorizationService.mine(ctx);
  }

  @FieldResolver(() => Department, { description: "The department whose power is delegated." })
  department(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.department(ctx).load(letter.departmentId);
  }

  @FieldResolver(() => Staff, { description: "The director who signed it." })
  grantor(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return authorizationLoaders.staff(ctx).load(letter.grantorId);
  }

  @FieldResolver(() => Staff, { description: "The person authorised to decide." })
  holder(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return authorizationLoaders.staff(ctx).load(letter.holderId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: "The director who revoked it, if revoked." })
  revokedBy(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return letter.revokedById ? authorizationLoaders.staff(ctx).load(letter.revokedById) : null;
  }

  @FieldResolver(() => ApprovalSeal, { description: "The seal decisions under this letter carry." })
  seal(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return authorizationLoaders.seal(ctx).load(letter.sealId);
  }

  @FieldResolver(() => [ServiceItem], { description: "The listed items; empty when the letter covers all of the department's items (allItems)." })
  async items(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    if (letter.allItems) return [];
    const links = await authorizationLoaders.itemLinks(ctx).load(letter.id);
    const items = await catalogueLoaders.item(ctx).loadMany(links.map((l) => l.itemId));
    return items.filter((i): i is ServiceItem => i instanceof ServiceItem).sort((a, b) => a.code.localeCompare(b.code));
  }

  @FieldResolver(() => Boolean, { description: "Active now: not revoked, already valid, not expired (A1)." })
  active(@Root() letter: AuthorizationLetter, @Ctx() ctx: RequestContext) {
    return isActiveAt(letter, ctx.clock.now());
  }
}

@Resolver(() => ApprovalSeal)
export class ApprovalSealResolver {
  @Allow("STAFF")
  @Query(() => [ApprovalSeal], { description: "A department's 行政审批专用章, in use or withdrawn." })
  approvalSeals(@Ctx() ctx: RequestContext, @Arg("departmentCode", { description: "The department's code." }) departmentCode: string) {
    return authorizationService.seals(ctx, departmentCode);
  }

  @FieldResolver(() => Department, { description: "The department the seal belongs to." })
  department(@Root() seal: ApprovalSeal, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.department(ctx).load(seal.departmentId);
  }
}
