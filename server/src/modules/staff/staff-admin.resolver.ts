import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { In } from "typeorm";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload, UserError } from "../../common/payload";
import { LoginLock } from "./login-lock.entity";
import { ChangePasswordInput, CreateStaffInput, DeactivateStaffArgs, StaffUsernameArgs, UpdateStaffInput } from "./staff.inputs";
import { Staff } from "./staff.entity";
import { staffAdminService } from "./staff-admin.service";

@ObjectType({ description: "A staff account and its one-time password. Hand the password over now: it is not stored in clear and never shown again." })
class StaffWithPassword {
  @Field(() => Staff, { description: "The staff member." }) staff: Staff;
  @Field({ description: "Valid for the first login only: the person must then choose a new password." }) temporaryPassword: string;
}

@ObjectType({ description: "Result of creating a staff account or resetting its password." })
class StaffPasswordPayload {
  @Field(() => StaffWithPassword, { description: "The staff member and the one-time password; null when refused.", nullable: true }) result: StaffWithPassword | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a change to a staff account." })
class StaffPayload {
  @Field(() => Staff, { description: "The staff member as stored; null when refused.", nullable: true }) staff: Staff | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

/** Login locks by username, one query per request. */
function lockLoader(ctx: RequestContext) {
  return ctx.loaders.get<string, Date | null>("LoginLock#username", async (names) => {
    const rows = await ctx.db.manager.getRepository(LoginLock).findBy({ username: In([...names]) });
    const now = ctx.clock.now();
    return names.map((name) => {
      const until = rows.find((r) => r.username === name)?.lockedUntil ?? null;
      return until && until > now ? until : null;
    });
  });
}

/** Staff accounts for the centre admin (create, bind, deactivate, reset), and the caller's own password. */
@Resolver(() => Staff)
export class StaffAdminResolver {
  @Allow("CENTER_ADMIN")
  @FieldResolver(() => Boolean, { name: "passwordChangeRequired", description: "The person must choose a new password at the next login (new or reset account)." })
  staffPasswordChangeRequired(@Root() staff: Staff): boolean {
    return staff.mustChangePassword;
  }

  @Allow("CENTER_ADMIN")
  @FieldResolver(() => Date, { nullable: true, description: "Until when repeated failed logins lock the account; null when not locked." })
  lockedUntil(@Root() staff: Staff, @Ctx() ctx: RequestContext) {
    return lockLoader(ctx).load(staff.username);
  }

  @Allow("CENTER_ADMIN")
  @Query(() => Staff, { nullable: true, description: "One staff account by login name." })
  staffMember(@Ctx() ctx: RequestContext, @Args() { username }: StaffUsernameArgs) {
    return ctx.db.manager.getRepository(Staff).findOneBy({ username: username.trim().toLowerCase() });
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StaffPasswordPayload, { description: "Create a staff account bound to its unit; the answer carries its one-time password, once." })
  createStaff(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CreateStaffInput) {
    return toPayload("result", () => staffAdminService.create(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StaffPayload, { description: "Give a staff member another role and unit (audited)." })
  updateStaff(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: UpdateStaffInput) {
    return toPayload("staff", () => staffAdminService.update(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StaffPayload, { description: "Stop an account at once: its sessions end; the record stays (audited, with the reason)." })
  deactivateStaff(@Ctx() ctx: RequestContext, @Args() { username, reason }: DeactivateStaffArgs) {
    return toPayload("staff", () => staffAdminService.deactivate(ctx, username, reason));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StaffPayload, { description: "Let a stopped account log in again (audited)." })
  reactivateStaff(@Ctx() ctx: RequestContext, @Args() { username }: StaffUsernameArgs) {
    return toPayload("staff", () => staffAdminService.reactivate(ctx, username));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => StaffPasswordPayload, { description: "Set a one-time password (answered once): the person's sessions end, a lock is lifted, and the next login must choose a new password." })
  resetStaffPassword(@Ctx() ctx: RequestContext, @Args() { username }: StaffUsernameArgs) {
    return toPayload("result", () => staffAdminService.resetPassword(ctx, username));
  }

  @Allow("PUBLIC")
  @Query(() => Boolean, { description: "True when the caller's session must choose a new password before anything else." })
  passwordChangeRequired(@Ctx() ctx: RequestContext): boolean {
    return ctx.actor.kind === "anonymous" && Boolean(ctx.actor.pendingPasswordChange);
  }

  @Allow("PUBLIC")
  @Mutation(() => StaffPayload, { description: "Change the caller's own password (required after an admin set it); the caller's other sessions end." })
  changePassword(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: ChangePasswordInput) {
    return toPayload("staff", () => staffAdminService.changePassword(ctx, input.currentPassword, input.newPassword));
  }
}
