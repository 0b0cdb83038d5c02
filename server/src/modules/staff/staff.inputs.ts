import { ArrayMaxSize, IsOptional, Matches, Max, MaxLength, Min, MinLength } from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { PageArgs } from "../../common/pagination";
import { Role } from "./role";
import { MultiLine, Name } from "../../common/validation";

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

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
const USERNAME_RULE = { message: "username：登录名为 3–40 个小写字母、数字或 . _ -，以字母或数字开头。 3–40 lowercase letters, digits, dot, underscore or hyphen." };

@InputType({ description: "A new staff account, bound to its unit by role (ROLE_UNIT); the answer carries a one-time password." })
export class CreateStaffInput {
  @Field({ description: "Login name: 3–40 lowercase letters, digits, . _ -" }) @Matches(USERNAME, USERNAME_RULE) username: string;
  @Field({ description: "Full name." }) @Name() @MinLength(1) @MaxLength(40) displayName: string;
  @Field(() => Role, { description: "The staff member's role." }) role: Role;
  @Field({ nullable: true, description: "Village point code (VILLAGE_AGENT)." }) @IsOptional() @MaxLength(20) pointCode?: string;
  @Field({ nullable: true, description: "Window code (WINDOW_CLERK: a city window; FINANCE_CLERK: a FINANCE window; TOWNSHIP_CLERK: a township window)." })
  @IsOptional() @MaxLength(20) windowCode?: string;
  @Field({ nullable: true, description: "Department code (DIRECTOR, DEPUTY_DIRECTOR, SECTION_CHIEF)." }) @IsOptional() @MaxLength(20) departmentCode?: string;
  @Field({ description: "The staff member's telephone (shown masked).", nullable: true }) @IsOptional() @Matches(/^[0-9+\- ]{5,30}$/, { message: "phone：电话号码为 5–30 位数字。 A phone number." }) phone?: string;
}

@InputType({ description: "A new role and unit (and name) for a staff member." })
export class UpdateStaffInput {
  @Field({ description: "The staff member's user name (not changed)." }) @MaxLength(40) username: string;
  @Field({ description: "The new display name; unchanged when omitted.", nullable: true }) @Name() @IsOptional() @MinLength(1) @MaxLength(40) displayName?: string;
  @Field(() => Role, { description: "The new role; unchanged when omitted." }) role: Role;
  @Field({ description: "The new point; unchanged when omitted.", nullable: true }) @IsOptional() @MaxLength(20) pointCode?: string;
  @Field({ description: "The new window; unchanged when omitted.", nullable: true }) @IsOptional() @MaxLength(20) windowCode?: string;
  @Field({ description: "The new department; unchanged when omitted.", nullable: true }) @IsOptional() @MaxLength(20) departmentCode?: string;
  @Field({ description: "The new telephone; unchanged when omitted.", nullable: true }) @IsOptional() @Matches(/^[0-9+\- ]{5,30}$/, { message: "phone：电话号码为 5–30 位数字。 A phone number." }) phone?: string;
}

@ArgsType()
export class StaffUsernameArgs {
  @Field({ description: "The staff member's user name." }) @MinLength(1) @MaxLength(40) username: string;
}

@ArgsType()
export class DeactivateStaffArgs extends StaffUsernameArgs {
  @Field({ description: "Why the account is stopped (audited)." }) @MultiLine() @MinLength(2) @MaxLength(200) reason: string;
}

@InputType({ description: "The caller's current password and the new one." })
export class ChangePasswordInput {
  @Field({ description: "The password now in use." }) @MinLength(1) @MaxLength(200) currentPassword: string;
  @Field({ description: "At least 10 characters and hard to guess (checked with zxcvbn)." }) @MinLength(1) @MaxLength(200) newPassword: string;
}
