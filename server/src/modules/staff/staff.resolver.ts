import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { loaderByColumn } from "../../common/entity-loaders";
import { Connection, PageArgs, paginate } from "../../common/pagination";
import { toPayload, UserError } from "../../common/payload";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { likePattern } from "../catalogue/catalogue.service";
import { Department } from "../catalogue/department.entity";
import { networkLoaders } from "../network/network.loaders";
import { PointLevel, ServicePoint } from "../network/service-point.entity";
import { ServiceWindow } from "../network/service-window.entity";
import { AccountLocked, authService } from "./auth.service";
import { Role } from "./role";
import { CreateApiTokenInput, LoginInput, StaffSearchArgs } from "./staff.inputs";
import { ApiToken, Staff } from "./staff.entity";
import { tokenService } from "./token.service";

const StaffConnection = Connection(Staff, "Staff");
const ApiTokenConnection = Connection(ApiToken, "ApiToken");

@ObjectType({ description: "Result of a login." })
class LoginPayload {
  @Field(() => Staff, { nullable: true, description: "The staff member now logged in; null when nothing was done." }) staff: Staff | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
  @Field(() => Date, { nullable: true, description: "With ACCOUNT_LOCKED: when the lock ends (unless an admin lifts it sooner)." })
  lockedUntil: Date | null;
  @Field({ description: "True when an admin set the password (new or reset account): the session may only change it (changePassword) or log out." })
  passwordChangeRequired: boolean;
}

@ObjectType({ description: "Result of lifting a login lock." })
class UnlockStaffPayload {
  @Field(() => Staff, { nullable: true, description: "The unlocked account; null when nothing was done." }) staff: Staff | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "A new API token and its secret. Copy the secret now: it is not stored and never shown again." })
class CreatedApiToken {
  @Field(() => ApiToken, { description: "The new token (without its secret)." }) token: ApiToken;
  @Field({ description: "Send as `Authorization: Bearer <secret>`." }) secret: string;
}

@ObjectType({ description: "Result of creating an API token." })
class CreateApiTokenPayload {
  @Field(() => CreatedApiToken, { nullable: true, description: "The new token with its secret, shown this once; null when nothing was done." }) created: CreatedApiToken | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on an API token." })
class ApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: "The token; null when nothing was done." }) token: ApiToken | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

const staffOfWindow = (ctx: RequestContext) => loaderByColumn(ctx, Staff, "windowId", { where: { active: true }, order: { id: "ASC" }, name: "active" });
const staffOfDepartment = (ctx: RequestContext) =>
  loaderByColumn(ctx, Staff, "departmentId", { where: { active: true }, order: { id: "ASC" }, name: "active" });
const staffOfPoint = (ctx: RequestContext) => loaderByColumn(ctx, Staff, "pointId", { where: { active: true }, order: { id: "ASC" }, name: "active" });

@Resolver(() => Staff)
export class StaffResolver {
  @Allow("PUBLIC")
  @Query(() => Staff, { nullable: true, description: "The logged-in staff member; null when nobody is logged in." })
  me(@Ctx() ctx: RequestContext) {
    return ctx.actor.kind === "staff" ? ctx.db.manager.getRepository(Staff).findOneBy({ id: ctx.actor.staff.id }) : null;
  }

  @Allow("CENTER_ADMIN", "SUPERVISOR", "scope:staff:read")
  @Query(() => StaffConnection, { description: "Staff of the network, by role or name." })
  staffMembers(@Ctx() ctx: RequestContext, @Args() args: StaffSearchArgs) {
    const qb = ctx.db.manager.getRepository(Staff).createQueryBuilder("s");
    if (args.role) qb.andWhere("s.role = :role", { role: args.role });
    if (args.search?.trim()) {
      qb.andWhere("(LOWER(s.username) LIKE :term ESCAPE '\\' OR LOWER(s.displayName) LIKE :term ESCAPE '\\')", { term: likePattern(args.search) });
    }
    return paginate(qb, args, "id");
  }

  @FieldResolver(() => ServicePoint, { description: "The point the person works at." })
  point(@Root() staff: Staff, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(staff.pointId);
  }

  @FieldResolver(() => ServiceWindow, { nullable: true, description: "The window the person works, if any." })
  window(@Root() staff: Staff, @Ctx() ctx: RequestContext) {
    return staff.windowId ? networkLoaders.window(ctx).load(staff.windowId) : null;
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department the person belongs to, if any." })
  department(@Root() staff: Staff, @Ctx() ctx: RequestContext) {
    return staff.departmentId ? catalogueLoaders.department(ctx).load(staff.departmentId) : null;
  }

  @Allow("PUBLIC")
  @Mutation(() => LoginPayload, { description: "Log in with username and password; sets an HTTP-only session cookie." })
  async login(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: LoginInput): Promise<LoginPayload> {
    let lockedUntil: Date | null = null;
    const payload = await toPayload("staff", () =>
      authService.login(ctx, input.username, input.password).catch((error: unknown) => {
        if (error instanceof AccountLocked) lockedUntil = error.lockedUntil;
        throw error;
      }),
    );
    return { ...payload, lockedUntil, passwordChangeRequired: Boolean(payload.staff?.mustChangePassword) };
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => UnlockStaffPayload, { description: "Lift the lock that repeated failed logins put on an account (audited)." })
  unlockStaff(@Ctx() ctx: RequestContext, @Arg("username", { description: "The locked account's username." }) username: string) {
    return toPayload("staff", () => authService.unlock(ctx, username));
  }

  @Allow("PUBLIC")
  @Mutation(() => Boolean, { description: "End the current session (a session that must change its password, too) on the server and clear its cookie." })
  logout(@Ctx() ctx: RequestContext) {
    return authService.logout(ctx);
  }

  @Allow("CENTER_ADMIN")
  @Query(() => ApiTokenConnection, { description: "API tokens of integrations (secrets are never shown)." })
  apiTokens(@Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return tokenService.list(ctx, args);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => CreateApiTokenPayload, { description: "Create an API token; the secret is in the answer, once." })
  createApiToken(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CreateApiTokenInput) {
    return toPayload("created", () => tokenService.create(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ApiTokenPayload, { description: "Revoke an API token at once." })
  revokeApiToken(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The token (`ApiToken.id`)." }) id: string) {
    return toPayload("token", () => tokenService.revoke(ctx, id));
  }
}

/** Staff shown on unit pages: only to logged-in staff (names and roles are not public). */
@Resolver(() => ServiceWindow)
export class WindowStaffResolver {
  @Allow("STAFF")
  @FieldResolver(() => [Staff], { description: "Who works this window (staff only)." })
  staff(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    return staffOfWindow(ctx).load(window.id);
  }
}

@Resolver(() => Department)
export class DepartmentStaffResolver {
  @Allow("STAFF")
  @FieldResolver(() => [Staff], { description: "The department's people at the centre (staff only)." })
  staff(@Root() department: Department, @Ctx() ctx: RequestContext) {
    return staffOfDepartment(ctx).load(department.id);
  }
}

@Resolver(() => ServicePoint)
export class PointAgentResolver {
  @Allow("STAFF")
  @FieldResolver(() => Staff, { nullable: true, description: "The village agent (代办员) of a village station (staff only)." })
  async agent(@Root() point: ServicePoint, @Ctx() ctx: RequestContext) {
    if (point.level !== PointLevel.VILLAGE) return null;
    const staff = await staffOfPoint(ctx).load(point.id);
    return staff.find((s) => s.role === Role.VILLAGE_AGENT) ?? null;
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @FieldResolver(() => [ServicePoint], { description: "The points (units) the token is bound to; none: cases:read reads every case." })
  async points(@Root() token: ApiToken, @Ctx() ctx: RequestContext) {
    const points = await networkLoaders.point(ctx).loadMany(token.pointIds ?? []);
    return points.filter((p): p is ServicePoint => p instanceof ServicePoint);
  }
}
