import { ArrayMaxSize, IsOptional, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { Role } from "./role";
import { Name } from "../../common/validation";

@InputType({ description: "Username and password of a staff member." })
export class LoginInput {
  @Field({ description: "The staff member's username." }) @MinLength(1) @MaxLength(40) username: string;
  @Field({ description: "The password." }) @MinLength(1) @MaxLength(200) password: string;
}

@ArgsType()
export class StaffSearchArgs extends PageArgs {
  @Field(() => Role, { nullable: true, description: "Only staff with this role." }) role?: Role;
  @Field({ nullable: true, description: "Part of the username or name." }) @IsOptional() @MaxLength(40) search?: string;
}

@InputType({ description: "A new API token for a third-party system." })
export class CreateApiTokenInput {
  @Field({ description: "A name for the token (which integration uses it)." }) @Name() @MinLength(2) @MaxLength(100) name: string;
  @Field(() => [String], { description: "e.g. catalogue:read, network:read, staff:read" })
  @ArrayMaxSize(10) @MaxLength(40, { each: true })
  scopes: string[];
  @Field(() => Int, { defaultValue: 90, description: "Days until it stops working, 1–365." }) @Min(1) @Max(365) expiresInDays: number;
}
