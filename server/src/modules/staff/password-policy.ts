import { randomInt } from "node:crypto";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { RuleViolation, UserErrorCode } from "../../common/errors";

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 guessability score a new password must reach (3: "safely unguessable", about 10^8 guesses or more). */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
/** zxcvbn with its common-password, name and keyboard-pattern dictionaries, built on first use. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return factory;
}

/**
 * Refuses a password too short or too easy to guess (zxcvbn: common passwords, keyboard walks, dates,
 * the person's own login and name). `field` is the input path of the password; the password itself is
 * never part of a message.
 */
export function checkPasswordStrength(password: string, personal: string[], field: string[]): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new RuleViolation(UserErrorCode.INVALID, "", field, null, "PASSWORD_TOO_SHORT", { min: MIN_PASSWORD_LENGTH });
  }
  const { score } = estimator().check(password, [...personal.filter(Boolean), "bianmin", "shishou"]);
  if (score < MIN_PASSWORD_SCORE) {
    throw new RuleViolation(UserErrorCode.INVALID, "", field, null, "PASSWORD_TOO_WEAK");
  }
}

const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A one-time password for a new or reset account: 4 groups of 4 unambiguous characters (about 92 bits), shown once. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return [group(), group(), group(), group()].join("-");
}
