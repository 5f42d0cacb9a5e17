import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';
import { brokenPasswordRule, maximumPasswordLength, minimumPasswordLength, type PasswordRule } from './password-rules.js';

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): ~20–40 ms
 * per sign-in on a small server, expensive for an offline guesser.
 * 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
 */
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { maximumPasswordLength, minimumPasswordLength } from './password-rules.js';

export async function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** False (not an exception) for a malformed stored hash, so a bad row cannot become a 500 at sign-in. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows: verified against when the email is unknown so timing does not reveal which emails exist. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${randomInt(1 << 30)}`);
  return decoyHash;
}

const ruleMessages: Record<PasswordRule, string> = {
  tooShort: `Use at least ${minimumPasswordLength} characters.`,
  tooLong: `Use at most ${maximumPasswordLength} characters.`,
  repetitive: 'Use a less repetitive password.',
  isEmail: 'Do not use your email, or its part before the @, as the password.',
};

/** Why a password is refused, in words for the API's error message, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  const rule = brokenPasswordRule(password, email);
  return rule ? ruleMessages[rule] : null;
}

// No 0/O/1/l/I: one-time passwords are read off a terminal and typed by hand.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from 56 ≈ 93 bits: a one-time password the owner types once. */
export function generateOneTimePassword(length = 16): string {
  let password = '';
  for (let index = 0; index < length; index += 1) password += alphabet[randomInt(alphabet.length)];
  return password;
}
