import type { RequestContext } from "../../common/context";
import { loaderByColumn, loaderById } from "../../common/entity-loaders";
import { Staff } from "../staff/staff.entity";
import { ApprovalSeal, AuthorizationLetterItem } from "./authorization.entity";

export const authorizationLoaders = {
  seal: (ctx: RequestContext) => loaderById(ctx, ApprovalSeal),
  staff: (ctx: RequestContext) => loaderById(ctx, Staff),
  itemLinks: (ctx: RequestContext) => loaderByColumn(ctx, AuthorizationLetterItem, "letterId", { order: { itemId: "ASC" } }),
};
