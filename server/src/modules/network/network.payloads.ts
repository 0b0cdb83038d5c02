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
  @Field(() => ServiceWindow, { nullable: true }) window: ServiceWindow | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a window's weekly hours." })
export class WindowSchedulePayload {
  @Field(() => WindowSchedule, { nullable: true }) schedule: WindowSchedule | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a service point." })
export class ServicePointPayload {
  @Field(() => ServicePoint, { nullable: true }) point: ServicePoint | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType() export class LevelCount {
  @Field(() => PointLevel) level: PointLevel;
  @Field(() => Int) count: number;
}
@ObjectType() export class WindowKindCount {
  @Field(() => WindowKind) kind: WindowKind;
  @Field(() => Int) count: number;
}
@ObjectType() export class ItemLevelCount {
  @Field(() => ItemLevel) level: ItemLevel;
  @Field(() => Int) count: number;
}
@ObjectType() export class CategoryCount {
  @Field(() => ItemLevel) level: ItemLevel;
  @Field() category: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: "The network in figures (active records only)." })
export class NetworkSummary {
  @Field(() => Int, { description: "Service points in all." }) totalPoints: number;
  @Field(() => [LevelCount]) pointsByLevel: LevelCount[];
  @Field(() => Int, { description: "Departments stationed at the city centre." }) departments: number;
  @Field(() => Int, { description: "Windows of the city centre." }) cityWindows: number;
  @Field(() => [WindowKindCount], { description: "Windows of the whole network, per kind." }) windowsByKind: WindowKindCount[];
  @Field(() => [ItemLevelCount]) itemsByLevel: ItemLevelCount[];
  @Field(() => [CategoryCount]) itemsByCategory: CategoryCount[];
  @Field(() => Int, { description: "City items delegated to townships (distinct items)." }) delegatedItems: number;
}
