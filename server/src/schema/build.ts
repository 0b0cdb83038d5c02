import "reflect-metadata";
import { buildSchema, type NonEmptyArray } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "../common/access";
import { validateArgument } from "../common/validation";
import {
  DepartmentResolver,
  ItemDelegationResolver,
  ServiceItemResolver,
  WindowItemsResolver,
} from "../modules/catalogue/catalogue.resolver";
import { ServicePointResolver, ServiceWindowResolver } from "../modules/network/network.resolver";
import { DepartmentStaffResolver, PointAgentResolver, StaffResolver, WindowStaffResolver } from "../modules/staff/staff.resolver";

export const resolvers: NonEmptyArray<Function> = [
  ServicePointResolver,
  ServiceWindowResolver,
  ServiceItemResolver,
  DepartmentResolver,
  ItemDelegationResolver,
  WindowItemsResolver,
  StaffResolver,
  WindowStaffResolver,
  DepartmentStaffResolver,
  PointAgentResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/** The schema is built once per process (type-graphql's metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    authMode: "error",
    validateFn: validateArgument,
  });
  return built;
}
