import { IsBoolean, IsIn, IsOptional, Matches, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { CaseKind, DelegationMode, ItemLevel } from "./enums";
import { MultiLine, Name } from "../../common/validation";

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/;
const CODE_RULE = { message: "$property: letters, digits, - and _ only, 1–30 characters" };

@ArgsType()
export class ItemSearchArgs extends PageArgs {
  @Field({ nullable: true, description: "Words in the item's name, or part of its code." })
  @IsOptional() @MaxLength(50)
  search?: string;

  @Field({ nullable: true, description: "Only items owned by this department." })
  @IsOptional() @MaxLength(20)
  departmentCode?: string;

  @Field({ nullable: true, description: "Only items of this category." })
  @IsOptional() @MaxLength(40)
  category?: string;

  @Field(() => ItemLevel, { nullable: true, description: "Only items of this level." })
  level?: ItemLevel;

  @Field({ nullable: true, description: "Include deactivated items (default: only active ones)." })
  includeInactive?: boolean;
}

@ArgsType()
export class DepartmentSearchArgs extends PageArgs {
  @Field({ nullable: true, description: "Words in the department's name, or its code." })
  @IsOptional() @MaxLength(50)
  search?: string;
}

@InputType({ description: "A new catalogue item (G1)." })
export class CreateServiceItemInput {
  @Field({ description: "The new item's code." }) @Matches(CODE_PATTERN, CODE_RULE) code: string;
  @Field({ description: "The item's name." }) @Name() @MinLength(2) @MaxLength(120) name: string;
  @Field(() => ItemLevel, { description: "The item's level: city, township or village." }) level: ItemLevel;
  @Field({ description: "Owning department's code." }) @MaxLength(20) departmentCode: string;
  @Field({ description: "The category." }) @MinLength(1) @MaxLength(40) category: string;
  @Field(() => CaseKind, { description: "The kind a case of this item gets by default." }) @IsIn([CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.REPORTED_UP], {
    message: "defaultKind: an item's default kind is IMMEDIATE, COMMITTED, JOINT or REPORTED_UP (C3)",
  })
  defaultKind: CaseKind;
  @Field(() => Int, { description: "The legal time limit, in working days." }) @Min(1) @Max(365) legalLimitDays: number;
  @Field(() => Int, { description: "The promised time limit, in working days (at most the legal one)." }) @Min(1) @Max(365) promisedLimitDays: number;
  @Field({ description: "What the item is about (published in the guide)." }) @MultiLine() @MinLength(1) @MaxLength(2000) content: string;
  @Field({ description: "The legal basis (published in the guide)." }) @MultiLine() @MinLength(1) @MaxLength(500) legalBasis: string;
  @Field({ description: "The higher authority the item is reported to, if any.", nullable: true }) @IsOptional() @MaxLength(100) higherAuthority?: string;
  @Field({ description: "Whether silence past the limit counts as approval (默认许可).", defaultValue: false }) @IsBoolean() overdueCountsAsApproval: boolean;
  @Field({ defaultValue: false, description: "The procedure names the approval section's review (审查) step before the decision (A4)." }) @IsBoolean() reviewRequired: boolean;
  @Field(() => [String], { defaultValue: [], description: "Co-department codes (JOINT items)." })
  @MaxLength(20, { each: true })
  coDepartmentCodes: string[];
}

@InputType({ description: "Changes to an item; fields left out stay as they are." })
export class UpdateServiceItemInput {
  @Field({ description: "The code of the item to change." }) @MaxLength(30) code: string;
  @Field(() => Int, { description: "The version you read; refused if the item changed since." }) @Min(1) version: number;
  @Field({ description: "The item's new name.", nullable: true }) @Name() @IsOptional() @MinLength(2) @MaxLength(120) name?: string;
  @Field({ description: "The category.", nullable: true }) @IsOptional() @MinLength(1) @MaxLength(40) category?: string;
  @Field(() => CaseKind, { description: "The kind a case of this item gets by default.", nullable: true })
  @IsOptional() @IsIn([CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.REPORTED_UP], {
    message: "defaultKind: an item's default kind is IMMEDIATE, COMMITTED, JOINT or REPORTED_UP (C3)",
  })
  defaultKind?: CaseKind;
  @Field(() => Int, { description: "The legal time limit, in working days.", nullable: true }) @IsOptional() @Min(1) @Max(365) legalLimitDays?: number;
  @Field(() => Int, { description: "The promised time limit, in working days (at most the legal one).", nullable: true }) @IsOptional() @Min(1) @Max(365) promisedLimitDays?: number;
  @Field({ description: "What the item is about (published in the guide).", nullable: true }) @MultiLine() @IsOptional() @MinLength(1) @MaxLength(2000) content?: string;
  @Field({ description: "The legal basis (published in the guide).", nullable: true }) @MultiLine() @IsOptional() @MinLength(1) @MaxLength(500) legalBasis?: string;
  @Field({ description: "The higher authority the item is reported to, if any.", nullable: true }) @IsOptional() @MaxLength(100) higherAuthority?: string;
  @Field({ description: "Whether silence past the limit counts as approval (默认许可).", nullable: true }) @IsOptional() @IsBoolean() overdueCountsAsApproval?: boolean;
  @Field({ nullable: true, description: "The procedure names the approval section's review (审查) step before the decision (A4)." }) @IsOptional() @IsBoolean() reviewRequired?: boolean;
}

@InputType({ description: "A required document to add to an item's published list." })
export class AddMaterialInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field({ description: "The material's name." }) @Name() @MinLength(1) @MaxLength(200) name: string;
  @Field({ nullable: true, description: "What the material is, for applicants." }) @MultiLine() @IsOptional() @MaxLength(1000) description?: string;
  @Field(() => Int, { description: "How many originals are needed.", defaultValue: 0 }) @Min(0) @Max(20) originals: number;
  @Field(() => Int, { description: "How many copies are needed.", defaultValue: 1 }) @Min(0) @Max(20) copies: number;
  @Field({ description: "Whether it is required.", defaultValue: true }) @IsBoolean() required: boolean;
}

@InputType({ description: "Changes to a material of an item's published list; fields left out stay as they are. The guide gets a new version." })
export class UpdateMaterialInput {
  @Field(() => ID, { description: "The material (`Material.id`)." }) @MaxLength(20) id: string;
  @Field({ description: "The new name; unchanged when omitted.", nullable: true }) @Name() @IsOptional() @MinLength(1) @MaxLength(200) name?: string;
  @Field(() => String, { nullable: true, description: "Empty to remove the description." }) @MultiLine() @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Int, { description: "How many originals are shown; unchanged when omitted.", nullable: true }) @IsOptional() @Min(0) @Max(20) originals?: number;
  @Field(() => Int, { description: "How many copies are handed in; unchanged when omitted.", nullable: true }) @IsOptional() @Min(0) @Max(20) copies?: number;
  @Field({ description: "Whether the material is required; unchanged when omitted.", nullable: true }) @IsOptional() @IsBoolean() required?: boolean;
}

@InputType({ description: "Which window of a point accepts an item (N4: one per item per point)." })
export class AssignItemInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field({ description: "The window that accepts the item." }) @MaxLength(30) windowCode: string;
}

@InputType({ description: "Hand a city item down to a township (G4)." })
export class DelegateItemInput {
  @Field({ description: "The catalogue item's code." }) @MaxLength(30) itemCode: string;
  @Field({ description: "The township centre's code." }) @MaxLength(20) townshipCode: string;
  @Field(() => DelegationMode, { description: "How the item is handed down." }) mode: DelegationMode;
}

@InputType({ description: "Revoke a delegation of an item to a township, with a reason." })
export class RevokeDelegationInput {
  @Field(() => ID, { description: "The delegation (`ItemDelegation.id`)." }) @MaxLength(20) id: string;
  @Field({ description: "Why the delegation is revoked." }) @MultiLine() @MinLength(2) @MaxLength(200) reason: string;
}
