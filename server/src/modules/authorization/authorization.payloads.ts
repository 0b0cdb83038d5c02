import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../common/pagination";
import { UserError } from "../../common/payload";
import { AuthorizationLetter } from "./authorization.entity";

export const AuthorizationLetterConnection = Connection(AuthorizationLetter, "AuthorizationLetter");

@ObjectType({ description: "Result of a mutation on an authorization letter." })
export class AuthorizationLetterPayload {
  @Field(() => AuthorizationLetter, { description: "The authorization letter.", nullable: true }) letter: AuthorizationLetter | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}
