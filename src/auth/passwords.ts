import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

/**
 * argon2id with OWASP's minimum profile (19 MiB, 2 passes, 1 lane): ~20–40 ms
 * per sign-in on a small server, expensive for an offline guesser.
 * 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
 */
const argon2Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const minimumPasswordLength = 10;
// argon2 accepts any length; the cap keeps a megabyte "password" from costing CPU.
export const maximumPasswordLength = 256;

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

/** Why a password is refused, or null. Length is what matters (NIST 800-63B); no composition rules. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minimumPasswordLength) return `Use at least ${minimumPasswordLength} characters.`;
  if (password.length > maximumPasswordLength) return `Use at most ${maximumPasswordLength} characters.`;
  if (new Set(password).size < 4) return 'Use a less repetitive password.';
  if (email && password.toLowerCase() === email.toLowerCase()) return 'Do not use your email as the password.';
  return null;
}

// No 0/O/1/l/I: one-time passwords are read off a terminal and typed by hand.
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from 56 ≈ 93 bits: a one-time password the owner types once. */
export function generateOneTimePassword(length = 16): string {
  let password = '';
  for (let index = 0; index < length; index += 1) password += alphabet[randomInt(alphabet.length)];
  return password;
}
