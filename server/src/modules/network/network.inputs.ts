import { IsBoolean, IsOptional, Matches, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { CODE_PATTERN } from "../catalogue/catalogue.inputs";
import { PointLevel } from "./service-point.entity";
import { WindowKind } from "./service-window.entity";
import { Name } from "../../common/validation";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

@ArgsType()
export class PointSearchArgs extends PageArgs {
  @Field(() => PointLevel, { nullable: true }) level?: PointLevel;
  @Field({ nullable: true, description: "Only the points directly under this one." })
  @IsOptional() @MaxLength(20) parentCode?: string;
  @Field({ nullable: true, description: "Words in the point's name, or part of its code." })
  @IsOptional() @MaxLength(50) search?: string;
}

@ArgsType()
export class WindowSearchArgs extends PageArgs {
  @Field({ nullable: true }) @IsOptional() @MaxLength(20) pointCode?: string;
  @Field(() => WindowKind, { nullable: true }) kind?: WindowKind;
  @Field({ nullable: true }) @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "A new counter at a point." })
export class CreateServiceWindowInput {
  @Field() @MaxLength(20) pointCode: string;
  @Field() @Matches(CODE_PATTERN, { message: "code: letters, digits, - and _ only, 1–30 characters" }) code: string;
  @Field(() => Int) @Min(1) @Max(999) number: number;
  @Field() @Name() @MinLength(2) @MaxLength(100) name: string;
  @Field(() => WindowKind) kind: WindowKind;
  @Field({ nullable: true, description: "Department working the window (PERMANENT and PERIODIC)." })
  @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "Changes to a window; fields left out stay as they are." })
export class UpdateServiceWindowInput {
  @Field() @MaxLength(30) code: string;
  @Field({ nullable: true }) @Name() @IsOptional() @MinLength(2) @MaxLength(100) name?: string;
  @Field(() => WindowKind, { nullable: true }) kind?: WindowKind;
  @Field({ nullable: true }) @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "A weekly office-hours slot of a PERIODIC window." })
export class AddWindowScheduleInput {
  @Field() @MaxLength(30) windowCode: string;
  @Field(() => Int, { description: "1 = Monday … 7 = Sunday" }) @Min(1) @Max(7) weekday: number;
  @Field() @Matches(TIME, { message: "startTime: HH:mm, 24-hour" }) startTime: string;
  @Field() @Matches(TIME, { message: "endTime: HH:mm, 24-hour" }) endTime: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(100) note?: string;
}

@InputType({ description: "The six-ones checklist of a village station (N2)." })
export class VillageChecklistInput {
  @Field() @MaxLength(20) pointCode: string;
  @Field() @IsBoolean() office: boolean;
  @Field() @IsBoolean() noticeBoard: boolean;
  @Field() @IsBoolean() serviceCard: boolean;
  @Field() @IsBoolean() ledger: boolean;
  @Field() @IsBoolean() phone: boolean;
  @Field() @IsBoolean() computer: boolean;
}

