import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { Role } from "./role";
import { Name } from "../../common/validation";

@InputType()
export class LoginInput {
  @Field() @MinLength(1) @MaxLength(40) username: string;
  @Field() @MinLength(1) @MaxLength(200) password: string;
}

@ArgsType()
export class StaffSearchArgs extends PageArgs {
  @Field(() => Role, { nullable: true }) role?: Role;
  @Field({ nullable: true, description: "Part of the username or name." }) @IsOptional() @MaxLength(40) search?: string;
}

@InputType({ description: "A new API token for a third-party system." })
export class CreateApiTokenInput {
  @Field() @Name() @MinLength(2) @MaxLength(100) name: string;
  @Field(() => [String], { description: "cases:read, cases:write, cases:export, complaints:write, evaluations:write, events:read, network:read, catalogue:read, staff:read (docs/integrations.md)." })
  @ArrayMaxSize(10) @MaxLength(40, { each: true })
  scopes: string[];
  @Field(() => Int, { defaultValue: 90, description: "Days until it stops working, 1–365." }) @Min(1) @Max(365) expiresInDays: number;
  @Field({ nullable: true, description: "Who answers for the integration (organisation and contact)." }) @IsOptional() @MaxLength(100) owner?: string;
  @Field(() => [String], { defaultValue: [], description: "Codes of the points (units) the token is bound to: cases:write registers only there; cases:read reads their cases (every case when none)." })
  @ArrayMaxSize(50) @MaxLength(40, { each: true })
  pointCodes: string[];
  @Field(() => Int, { nullable: true, description: "Requests per minute for this token (1–100000); none: the server's TOKEN_RATE_LIMIT." }) @IsOptional() @Min(1) @Max(100_000) rateLimitPerMinute?: number;
}
