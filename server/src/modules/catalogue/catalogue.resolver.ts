import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { PageArgs } from "../../common/pagination";
import { toPayload } from "../../common/payload";
import { networkLoaders } from "../network/network.loaders";
import { ServicePoint } from "../network/service-point.entity";
import { ServiceWindow, WindowKind } from "../network/service-window.entity";
import {
  AddMaterialInput,
  AssignItemInput,
  CreateServiceItemInput,
  DelegateItemInput,
  DepartmentSearchArgs,
  ItemSearchArgs,
  RevokeDelegationInput,
  UpdateServiceItemInput,
} from "./catalogue.inputs";
import { catalogueLoaders } from "./catalogue.loaders";
import {
  DepartmentConnection,
  ItemDelegationPayload,
  MaterialPayload,
  ServiceGuide,
  ServiceItemConnection,
  ServiceItemPayload,
} from "./catalogue.payloads";
import { catalogueService } from "./catalogue.service";
import { Department } from "./department.entity";
import { FeeStandard, ItemDelegation, Material, ProcedureStep, ServiceItem } from "./service-item.entity";
import { ServiceWindowPayload } from "../network/network.payloads";

@Resolver(() => ServiceItem)
export class ServiceItemResolver {
  @Allow("PUBLIC")
  @Query(() => ServiceItemConnection, { description: "The public guide: search items by name or code, filter by department, category, level." })
  serviceItems(@Ctx() ctx: RequestContext, @Args() args: ItemSearchArgs) {
    return catalogueService.listItems(ctx, args);
  }

  @Allow("PUBLIC")
  @Query(() => ServiceItem, { nullable: true, description: "One item by code, with its guide (G2); null when there is none." })
  serviceItem(@Ctx() ctx: RequestContext, @Arg("code", { description: "Item code" }) code: string) {
    return catalogueService.findItem(ctx, code);
  }

  @FieldResolver(() => Department, { description: "Owning department." })
  department(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.department(ctx).load(item.departmentId);
  }

  @FieldResolver(() => [Material], { description: "申报材料: required documents in published order (active ones)." })
  materials(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.materials(ctx).load(item.id);
  }

  @FieldResolver(() => [ProcedureStep], { description: "办事程序: the published steps." })
  procedure(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.procedure(ctx).load(item.id);
  }

  @FieldResolver(() => [FeeStandard], { description: "收费标准 in force; empty when the item is free (F2)." })
  feeStandards(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.currentFees(ctx).load(item.id);
  }

  @FieldResolver(() => [Department], { description: "Departments that review a JOINT case in parallel." })
  coDepartments(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.coDepartments(ctx).load(item.id);
  }

  @FieldResolver(() => [ItemDelegation], { description: "Townships this item is handed down to (G4), revoked ones included." })
  delegations(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.delegationsOfItem(ctx).load(item.id);
  }

  @FieldResolver(() => [ServiceWindow], { description: "The window that accepts the item at each point (N4: one per point)." })
  async acceptingWindows(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    const links = await catalogueLoaders.windowLinksOfItem(ctx).load(item.id);
    const windows = await networkLoaders.window(ctx).loadMany(links.map((l) => l.windowId));
    return windows.filter((w): w is ServiceWindow => w instanceof ServiceWindow);
  }

  @FieldResolver(() => [ServiceWindow], {
    description: "定期办公: the owning department's PERIODIC windows at townships (N6), where its team comes on published weekdays (their schedules).",
  })
  async periodicWindows(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    const windows = await catalogueLoaders.windowsOfDepartment(ctx).load(item.departmentId);
    return windows.filter((w) => w.kind === WindowKind.PERIODIC && w.active);
  }

  @FieldResolver(() => ServiceGuide, { description: "办事指南: the five public disclosures (G2)." })
  async guide(@Root() item: ServiceItem, @Ctx() ctx: RequestContext): Promise<ServiceGuide> {
    const [procedure, materials, feeStandards] = await Promise.all([
      catalogueLoaders.procedure(ctx).load(item.id),
      catalogueLoaders.materials(ctx).load(item.id),
      catalogueLoaders.currentFees(ctx).load(item.id),
    ]);
    return {
      content: item.content,
      procedure,
      materials,
      promisedLimitDays: item.promisedLimitDays,
      legalLimitDays: item.legalLimitDays,
      feeBasis: [...new Set(feeStandards.map((f) => f.legalBasis))],
      feeStandards,
    };
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceItemPayload, { description: "Add an item to the catalogue (G1)." })
  createServiceItem(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: CreateServiceItemInput) {
    return toPayload("item", () => catalogueService.createItem(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceItemPayload, { description: "Change an item; refused with STALE_VERSION if it changed since you read it." })
  updateServiceItem(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: UpdateServiceItemInput) {
    return toPayload("item", () => catalogueService.updateItem(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceItemPayload, { description: "Withdraw an item from the guide; it stays on record." })
  deactivateServiceItem(@Ctx() ctx: RequestContext, @Arg("code", { description: "The item's code." }) code: string) {
    return toPayload("item", () => catalogueService.deactivateItem(ctx, code));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => MaterialPayload, { description: "Add a required document to an item's published list." })
  addMaterial(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddMaterialInput) {
    return toPayload("material", () => catalogueService.addMaterial(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => MaterialPayload, { description: "Withdraw a document from an item's list; it stays on record." })
  deactivateMaterial(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The material (`Material.id`)." }) id: string) {
    return toPayload("material", () => catalogueService.deactivateMaterial(ctx, id));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ServiceWindowPayload, { description: "Make a window accept an item at its point (N4: refused if another window of the point does)." })
  assignItemToWindow(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AssignItemInput) {
    return toPayload("window", () => catalogueService.assignItemToWindow(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ItemDelegationPayload, { description: "Hand a city item down to a township, to relay (PROXY) or decide (HANDLE) (G4)." })
  delegateItem(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: DelegateItemInput) {
    return toPayload("delegation", () => catalogueService.delegateItem(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => ItemDelegationPayload, { description: "Take a delegation back, with a reason; it stays on record." })
  revokeItemDelegation(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: RevokeDelegationInput) {
    return toPayload("delegation", () => catalogueService.revokeDelegation(ctx, input));
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  @Allow("PUBLIC")
  @Query(() => DepartmentConnection, { description: "Departments stationed at the city centre." })
  departments(@Ctx() ctx: RequestContext, @Args() args: DepartmentSearchArgs) {
    return catalogueService.listDepartments(ctx, args);
  }

  @Allow("PUBLIC")
  @Query(() => Department, { nullable: true, description: "One department by code; null when there is none." })
  department(@Ctx() ctx: RequestContext, @Arg("code", { description: "The department's code." }) code: string) {
    return catalogueService.findDepartment(ctx, code);
  }

  @FieldResolver(() => [ServiceWindow], { description: "The department's windows." })
  windows(@Root() department: Department, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.windowsOfDepartment(ctx).load(department.id);
  }

  @FieldResolver(() => ServiceItemConnection, { description: "Active items the department owns." })
  items(@Root() department: Department, @Ctx() ctx: RequestContext, @Args() args: PageArgs) {
    return catalogueService.itemsOfDepartment(ctx, department.id, args);
  }

  @FieldResolver(() => [ItemDelegation], { description: "Delegations of the department's items to townships." })
  delegations(@Root() department: Department, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.delegationsOfDepartment(ctx).load(department.id);
  }
}

@Resolver(() => ItemDelegation)
export class ItemDelegationResolver {
  @FieldResolver(() => ServiceItem, { description: "The item handed down." })
  item(@Root() delegation: ItemDelegation, @Ctx() ctx: RequestContext) {
    return catalogueLoaders.item(ctx).load(delegation.itemId);
  }

  @FieldResolver(() => ServicePoint, { description: "The township centre the item is handed down to." })
  township(@Root() delegation: ItemDelegation, @Ctx() ctx: RequestContext) {
    return networkLoaders.point(ctx).load(delegation.townshipId);
  }
}

@Resolver(() => ServiceWindow)
export class WindowItemsResolver {
  @FieldResolver(() => [ServiceItem], { description: "Items accepted at this window." })
  async items(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    const links = await catalogueLoaders.windowLinksOfWindow(ctx).load(window.id);
    const items = await catalogueLoaders.item(ctx).loadMany(links.map((l) => l.itemId));
    return items.filter((i): i is ServiceItem => i instanceof ServiceItem && i.active);
  }

  @FieldResolver(() => Int, { description: "How many active items this window accepts." })
  async itemCount(@Root() window: ServiceWindow, @Ctx() ctx: RequestContext) {
    return (await this.items(window, ctx)).length;
  }
}
