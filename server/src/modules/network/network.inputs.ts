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
  @Field(() => PointLevel, { nullable: true, description: "Only points of this level." }) level?: PointLevel;
  @Field({ nullable: true, description: "Only the points directly under this one." })
  @IsOptional() @MaxLength(20) parentCode?: string;
  @Field({ nullable: true, description: "Words in the point's name, or part of its code." })
  @IsOptional() @MaxLength(50) search?: string;
}

@ArgsType()
export class WindowSearchArgs extends PageArgs {
  @Field({ description: "Only windows at this point.", nullable: true }) @IsOptional() @MaxLength(20) pointCode?: string;
  @Field(() => WindowKind, { nullable: true, description: "Only windows of this kind." }) kind?: WindowKind;
  @Field({ description: "Only windows of this department.", nullable: true }) @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "A new counter at a point." })
export class CreateServiceWindowInput {
  @Field({ description: "The service point's code." }) @MaxLength(20) pointCode: string;
  @Field({ description: "The new window's code." }) @Matches(CODE_PATTERN, { message: "code: letters, digits, - and _ only, 1–30 characters" }) code: string;
  @Field(() => Int, { description: "The window's number at its point (shown above the counter)." }) @Min(1) @Max(999) number: number;
  @Field({ description: "The window's name." }) @Name() @MinLength(2) @MaxLength(100) name: string;
  @Field(() => WindowKind, { description: "What the window does." }) kind: WindowKind;
  @Field({ nullable: true, description: "Department working the window (PERMANENT and PERIODIC)." })
  @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "Changes to a window; fields left out stay as they are." })
export class UpdateServiceWindowInput {
  @Field({ description: "The code of the window to change." }) @MaxLength(30) code: string;
  @Field({ description: "The window's new name.", nullable: true }) @Name() @IsOptional() @MinLength(2) @MaxLength(100) name?: string;
  @Field(() => WindowKind, { description: "What the window does.", nullable: true }) kind?: WindowKind;
  @Field({ description: "The department the window serves; null for none.", nullable: true }) @IsOptional() @MaxLength(20) departmentCode?: string;
}

@InputType({ description: "A weekly office-hours slot of a PERIODIC window." })
export class AddWindowScheduleInput {
  @Field({ description: "The window's code." }) @MaxLength(30) windowCode: string;
  @Field(() => Int, { description: "1 = Monday … 7 = Sunday" }) @Min(1) @Max(7) weekday: number;
  @Field({ description: "Start time (HH:mm)." }) @Matches(TIME, { message: "startTime: HH:mm, 24-hour" }) startTime: string;
  @Field({ description: "End time (HH:mm)." }) @Matches(TIME, { message: "endTime: HH:mm, 24-hour" }) endTime: string;
  @Field({ description: "A note shown with the hours.", nullable: true }) @IsOptional() @MaxLength(100) note?: string;
}

@InputType({ description: "The six-ones checklist of a village station (N2)." })
export class VillageChecklistInput {
  @Field({ description: "The village station's code." }) @MaxLength(20) pointCode: string;
  @Field({ description: "The village station has an office." }) @IsBoolean() office: boolean;
  @Field({ description: "It has a notice board." }) @IsBoolean() noticeBoard: boolean;
  @Field({ description: "It has a service card." }) @IsBoolean() serviceCard: boolean;
  @Field({ description: "It keeps a service ledger." }) @IsBoolean() ledger: boolean;
  @Field({ description: "It has a telephone." }) @IsBoolean() phone: boolean;
  @Field({ description: "It has a computer." }) @IsBoolean() computer: boolean;
}

