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

  @Field(() => ItemLevel, { nullable: true })
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
  @Field() @Matches(CODE_PATTERN, CODE_RULE) code: string;
  @Field() @Name() @MinLength(2) @MaxLength(120) name: string;
  @Field(() => ItemLevel) level: ItemLevel;
  @Field({ description: "Owning department's code." }) @MaxLength(20) departmentCode: string;
  @Field() @MinLength(1) @MaxLength(40) category: string;
  @Field(() => CaseKind) @IsIn([CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.REPORTED_UP], {
    message: "defaultKind: an item's default kind is IMMEDIATE, COMMITTED, JOINT or REPORTED_UP (C3)",
  })
  defaultKind: CaseKind;
  @Field(() => Int) @Min(1) @Max(365) legalLimitDays: number;
  @Field(() => Int) @Min(1) @Max(365) promisedLimitDays: number;
  @Field() @MultiLine() @MinLength(1) @MaxLength(2000) content: string;
  @Field() @MultiLine() @MinLength(1) @MaxLength(500) legalBasis: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) higherAuthority?: string;
  @Field({ defaultValue: false }) @IsBoolean() overdueCountsAsApproval: boolean;
  @Field({ defaultValue: false, description: "The procedure names the approval section's review (审查) step before the decision (A4)." }) @IsBoolean() reviewRequired: boolean;
  @Field(() => [String], { defaultValue: [], description: "Co-department codes (JOINT items)." })
  @MaxLength(20, { each: true })
  coDepartmentCodes: string[];
}

@InputType({ description: "Changes to an item; fields left out stay as they are." })
export class UpdateServiceItemInput {
  @Field() @MaxLength(30) code: string;
  @Field(() => Int, { description: "The version you read; refused if the item changed since." }) @Min(1) version: number;
  @Field({ nullable: true }) @Name() @IsOptional() @MinLength(2) @MaxLength(120) name?: string;
  @Field({ nullable: true }) @IsOptional() @MinLength(1) @MaxLength(40) category?: string;
  @Field(() => CaseKind, { nullable: true })
  @IsOptional() @IsIn([CaseKind.IMMEDIATE, CaseKind.COMMITTED, CaseKind.JOINT, CaseKind.REPORTED_UP], {
    message: "defaultKind: an item's default kind is IMMEDIATE, COMMITTED, JOINT or REPORTED_UP (C3)",
  })
  defaultKind?: CaseKind;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(365) legalLimitDays?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(365) promisedLimitDays?: number;
  @Field({ nullable: true }) @MultiLine() @IsOptional() @MinLength(1) @MaxLength(2000) content?: string;
  @Field({ nullable: true }) @MultiLine() @IsOptional() @MinLength(1) @MaxLength(500) legalBasis?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) higherAuthority?: string;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() overdueCountsAsApproval?: boolean;
  @Field({ nullable: true, description: "The procedure names the approval section's review (审查) step before the decision (A4)." }) @IsOptional() @IsBoolean() reviewRequired?: boolean;
}

@InputType({ description: "A required document to add to an item's published list." })
export class AddMaterialInput {
  @Field() @MaxLength(30) itemCode: string;
  @Field() @Name() @MinLength(1) @MaxLength(200) name: string;
  @Field({ nullable: true }) @MultiLine() @IsOptional() @MaxLength(1000) description?: string;
  @Field(() => Int, { defaultValue: 0 }) @Min(0) @Max(20) originals: number;
  @Field(() => Int, { defaultValue: 1 }) @Min(0) @Max(20) copies: number;
  @Field({ defaultValue: true }) @IsBoolean() required: boolean;
}

@InputType({ description: "Changes to a material of an item's published list; fields left out stay as they are. The guide gets a new version." })
export class UpdateMaterialInput {
  @Field(() => ID) @MaxLength(20) id: string;
  @Field({ nullable: true }) @Name() @IsOptional() @MinLength(1) @MaxLength(200) name?: string;
  @Field(() => String, { nullable: true, description: "Empty to remove the description." }) @MultiLine() @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(20) originals?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) @Max(20) copies?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() required?: boolean;
}

@InputType({ description: "Which window of a point accepts an item (N4: one per item per point)." })
export class AssignItemInput {
  @Field() @MaxLength(30) itemCode: string;
  @Field() @MaxLength(30) windowCode: string;
}

@InputType({ description: "Hand a city item down to a township (G4)." })
export class DelegateItemInput {
  @Field() @MaxLength(30) itemCode: string;
  @Field() @MaxLength(20) townshipCode: string;
  @Field(() => DelegationMode) mode: DelegationMode;
}

@InputType()
export class RevokeDelegationInput {
  @Field(() => ID) @MaxLength(20) id: string;
  @Field() @MultiLine() @MinLength(2) @MaxLength(200) reason: string;
}
