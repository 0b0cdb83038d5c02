import { ArrayMaxSize, IsOptional, MaxLength, MinLength } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { MultiLine } from "../../common/validation";

@InputType({ description: "授权委托书 to sign (A1). The letter belongs to the signing director's department." })
export class IssueLetterInput {
  @Field({ description: "The holder: a deputy director of your department, your chief representative at the department's city window (a window clerk, for listed IMMEDIATE items: 首席代表), or a township clerk (授权至乡镇)." })
  @MaxLength(40)
  holderUsername: string;

  @Field({ description: "True: every item of the department (deputy directors only); false: the items in itemCodes." })
  allItems: boolean;

  @Field(() => [String], { defaultValue: [], description: "Item codes of the department the letter covers (when allItems is false)." })
  @ArrayMaxSize(200)
  @MaxLength(30, { each: true })
  itemCodes: string[];

  @Field({ description: "Valid from this instant (at most a day in the past)." })
  validFrom: Date;

  @Field({ description: "Valid until this instant, after validFrom and at most 3 years later." })
  validTo: Date;

  @Field({ description: "Code of an active 行政审批专用章 of the department." })
  @MaxLength(40)
  sealCode: string;

  @Field({ description: "Chosen by the client, one per letter: a retry with the same key returns the same letter." })
  @MinLength(1)
  @MaxLength(100)
  idempotencyKey: string;
}

@InputType({ description: "Revoke a letter; it stays on record with the reason." })
export class RevokeLetterInput {
  @Field(() => ID, { description: "The letter (`AuthorizationLetter.id`)." }) @MaxLength(20) id: string;
  @Field({ description: "Why, 2–200 characters." }) @MultiLine() @MaxLength(200) reason: string;
}

@ArgsType()
export class LetterListArgs extends PageArgs {
  @Field({ description: "The department whose letters to list." })
  @MaxLength(20)
  departmentCode: string;

  @Field({ nullable: true, defaultValue: false, description: "Only letters active now (not revoked, not expired, already valid)." })
  @IsOptional()
  activeOnly?: boolean;
}
