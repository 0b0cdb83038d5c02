import { Field, Int, ObjectType } from "type-graphql";
import { Connection } from "../../common/pagination";
import { UserError } from "../../common/payload";
import { Department } from "./department.entity";
import { FeeStandard, ItemDelegation, Material, ProcedureStep, ServiceItem } from "./service-item.entity";

export const DepartmentConnection = Connection(Department, "Department");
export const ServiceItemConnection = Connection(ServiceItem, "ServiceItem");

@ObjectType({ description: "Result of a mutation on an item." })
export class ServiceItemPayload {
  @Field(() => ServiceItem, { description: "The catalogue item.", nullable: true }) item: ServiceItem | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a material." })
export class MaterialPayload {
  @Field(() => Material, { description: "The material.", nullable: true }) material: Material | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({ description: "Result of a mutation on a delegation." })
export class ItemDelegationPayload {
  @Field(() => ItemDelegation, { description: "The delegation.", nullable: true }) delegation: ItemDelegation | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@ObjectType({
  description: "办事指南 (五公开, G2): what the public is told about an item — content, procedure, materials, promised time limit, fee basis and fee standard.",
})
export class ServiceGuide {
  @Field({ description: "服务内容" }) content: string;
  @Field(() => [ProcedureStep], { description: "办事程序" }) procedure: ProcedureStep[];
  @Field(() => [Material], { description: "申报材料 (active ones)" }) materials: Material[];
  @Field(() => Int, { description: "承诺时限, working days" }) promisedLimitDays: number;
  @Field(() => Int, { description: "法定时限, working days" }) legalLimitDays: number;
  @Field(() => [String], { description: "收费依据: the documents that set the item's fees (empty: no fee)" }) feeBasis: string[];
  @Field(() => [FeeStandard], { description: "收费标准: the fees in force (empty: no fee)" }) feeStandards: FeeStandard[];
}
