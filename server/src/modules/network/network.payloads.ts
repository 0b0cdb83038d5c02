import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../common/pagination";
import { UserError } from "../../common/payload";
import { ItemLevel } from "../catalogue/enums";
import { PointLevel, ServicePoint } from "./service-point.entity";
import { ServiceWindow, WindowKind, WindowSchedule } from "./service-window.entity";

export const ServicePointConnection = Connection(ServicePoint, "ServicePoint");
export const ServiceWindowConnection = Connection(ServiceWindow, "ServiceWindow");

@ObjectType({ description: "Result of a mutation on a window." })
export class ServiceWindowPayload {
  @Field(() => ServiceWindow, { description: "The window it concerns.", nullable: true }) window: ServiceWindow | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a window's weekly hours." })
export class WindowSchedulePayload {
  @Field(() => WindowSchedule, { description: "The schedule entry.", nullable: true }) schedule: WindowSchedule | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a service point." })
export class ServicePointPayload {
  @Field(() => ServicePoint, { description: "The service point it concerns.", nullable: true }) point: ServicePoint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "How many service points are at one level." }) export class LevelCount {
  @Field(() => PointLevel, { description: "The points' level." }) level: PointLevel;
  @Field(() => Int, { description: "How many points." }) count: number;
}
@ObjectType({ description: "How many windows are of one kind." }) export class WindowKindCount {
  @Field(() => WindowKind, { description: "The windows' kind." }) kind: WindowKind;
  @Field(() => Int, { description: "How many windows." }) count: number;
}
@ObjectType({ description: "How many catalogue items are at one level." }) export class ItemLevelCount {
  @Field(() => ItemLevel, { description: "The items' level." }) level: ItemLevel;
  @Field(() => Int, { description: "How many items." }) count: number;
}
@ObjectType({ description: "How many catalogue items are in one category at one level." }) export class CategoryCount {
  @Field(() => ItemLevel, { description: "The items' level." }) level: ItemLevel;
  @Field({ description: "The category." }) category: string;
  @Field(() => Int, { description: "How many items." }) count: number;
}

@ObjectType({ description: "The network in figures (active records only)." })
export class NetworkSummary {
  @Field(() => Int, { description: "Service points in all." }) totalPoints: number;
  @Field(() => [LevelCount], { description: "Service points per level." }) pointsByLevel: LevelCount[];
  @Field(() => Int, { description: "Departments stationed at the city centre." }) departments: number;
  @Field(() => Int, { description: "Windows of the city centre." }) cityWindows: number;
  @Field(() => [WindowKindCount], { description: "Windows of the whole network, per kind." }) windowsByKind: WindowKindCount[];
  @Field(() => [ItemLevelCount], { description: "Catalogue items per level." }) itemsByLevel: ItemLevelCount[];
  @Field(() => [CategoryCount], { description: "Catalogue items per category." }) itemsByCategory: CategoryCount[];
  @Field(() => Int, { description: "City items delegated to townships (distinct items)." }) delegatedItems: number;
}
