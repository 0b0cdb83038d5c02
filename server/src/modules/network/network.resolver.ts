import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { PageArgs } from "../../common/pagination";
import { toPayload } from "../../common/payload";
import { catalogueLoaders } from "../catalogue/catalogue.loaders";
import { Department } from "../catalogue/department.entity";
import {
  AddWindowScheduleInput,
  CreateServiceWindowInput,
  PointSearchArgs,
  UpdateServiceWindowInput,
  VillageChecklistInput,
  WindowSearchArgs,
} from "./network.inputs";
import { networkLoaders } from "./network.loaders";
import {
  NetworkSummary,
  ServicePointConnection,
  ServicePointPayload,
  ServiceWindowConnection,
  ServiceWindowPayload,
  WindowSchedulePayload,
} from "./network.payloads";
import { networkService } from "./network.service";
import { PointLevel, ServicePoint, VillageChecklist } from "./service-point.entity";
import { ServiceWindow, WindowSchedule } from "./service-window.entity";

@Resolver(() => ServicePoint)
export class ServicePointResolver {
  @Allow("PUBLIC")
  @Query(() => NetworkSummary, { description: "The network in figures: points per level, departments, windows per kind, items, delegations." })
  networkSummary(@Ctx() ctx: RequestContext) {
    return networkService.summary(ctx);
  }

  @Allow("PUBLIC")
  @Query(() => ServicePointConnection, { description: "Service points, filtered by level, parent or name." })
  servicePoints(@Ctx() ctx: RequestContext, @Args() args: PointSearchArgs) {
    return networkService.listPoints(ctx, args);
  }

  @Allow("PUBLIC")
  @Query(() => ServicePoint, { nullable: true, description: "One point by code; null when there is none." })
  servicePoint(@Ctx() ctx: RequestContext, @Arg("code", { description: "The point's code." }) code: string) {
    return networkService.findPoint(ctx, code);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: "The point above this one (none for the city)." })
  parent(@Root() point: ServicePoint, @Ctx() ctx: RequestContext) {
    return point.parentId ? networkLoaders.point(ctx).load(point.parentId) : null;
  }

  @FieldResolver(() => ServicePointConnection, { description: "The points directly under this one." })
  children(@Root() point: ServicePoint, @Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return networkService.childrenOf(ctx, point.id, args);
  }

  @FieldResolver(() => Int, { description: "How many points are directly under this one." })
  childCount(@Root() point: ServicePoint, @Ctx() ctx: RequestContext) {
    return networkLoaders.childCount(ctx).load(point.id);
  }

  @FieldResolver(() => VillageChecklist, { nullable: true, description: "The six ones (N2); village stations only." })
  checklist(@Root() point: ServicePoint): VillageChecklist | null {
    if (point.level !== PointLevel.VILLAGE) return null;
    const list = {
      office: point.hasOffice,
      noticeBoard: point.hasNoticeBoard,
      serviceCard: point.hasServiceCard,
      ledger: point.hasLedger,
      phone: point.hasPhone,
      computer: point.hasComputer,
    };
    return { ...list, met: Object.values(list).filter(Boolean).length };
  }

  @FieldResolver(() => [String], { description: "Office hours of the point's permanent windows on working days (HH:mm-HH:mm); PERIODIC windows publish their own (schedules)." })
  officeHours(@Ctx() ctx: RequestContext): string[] {
    return ctx.config.officeHours;
  }

  @FieldResolver(() => [ServiceWindow], { description: "The counters of this point." })
  windows(@Root() point: ServicePoint, @Ctx() ctx: RequestContext) {
    return networkLoaders.windowsOfPoint(ctx).load(point.id);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServicePointPayload, { description: "Record a village station's six-ones checklist (N2)." })
  updateVillageChecklist(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: VillageChecklistInput) {
    return toPayload("point", () => networkService.updateChecklist(ctx, input));
  }
}

@Resolver(() => ServiceWindow)
export class ServiceWindowResolver {
  @Allow("PUBLIC")
  @Query(() => ServiceWindowConnection, { description: "Windows, filtered by point, kind or department." })
  serviceWindows(@Ctx() ctx: RequestContext, @Args() args: WindowSearchArgs) {
    return networkService.listWindows(ctx, args);
  }

  @Allow("PUBLIC")
  @Query(() => ServiceWindow, { nullable: true, description: "One window by code; null when there is none." })
  serviceWindow(@Ctx() ctx: RequestContext, @Arg("code", { description: "The window's code." }) code: string) {
    return networkService.findWindow(ctx, code);
  }

  @FieldResolver(() => ServicePoint, { description: "The point the window is at." })
  point(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(window.pointId);
  }

  @FieldResolver(() => Department, { nullable: true, description: "The department working the window (none for AGENCY and FINANCE)." })
  department(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    return window.departmentId ? catalogueLoaders.department(ctx).load(window.departmentId) : null;
  }

  @FieldResolver(() => [WindowSchedule], { description: "Published weekly hours (PERIODIC windows)." })
  schedules(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    return networkLoaders.schedules(ctx).load(window.id);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceWindowPayload, { description: "Open a new window at a city or township centre." })
  createServiceWindow(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CreateServiceWindowInput) {
    return toPayload("window", () => networkService.createWindow(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceWindowPayload, { description: "Rename a window or change its kind or department." })
  updateServiceWindow(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: UpdateServiceWindowInput) {
    return toPayload("window", () => networkService.updateWindow(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceWindowPayload, { description: "Close a window; it stays on record." })
  deactivateServiceWindow(@Ctx() ctx: RequestContext, @Arg("code", { description: "The window's code." }) code: string) {
    return toPayload("window", () => networkService.deactivateWindow(ctx, code));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => WindowSchedulePayload, { description: "Publish a weekly office-hours slot of a PERIODIC window." })
  addWindowSchedule(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddWindowScheduleInput) {
    return toPayload("schedule", () => networkService.addSchedule(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => WindowSchedulePayload, { description: "Withdraw a weekly slot; it stays on record." })
  removeWindowSchedule(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The schedule entry (`WindowSchedule.id`)." }) id: string) {
    return toPayload("schedule", () => networkService.removeSchedule(ctx, id));
  }
}
