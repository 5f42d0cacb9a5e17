import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('password rules', () => {
  it.each([
    ['short', /at least/],
    ['aaaaaaaaaaaa', /repetitive/],
    ['ana@x.id.long', /email/],
    ['x'.repeat(257), /at most/],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password, 'ana@x.id.long')).toMatch(reason);
  });

  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });

  it('generates one-time passwords that pass the rules and avoid look-alike characters', () => {
    const password = generateOneTimePassword();
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(passwordProblem(password)).toBeNull();
  });
});

describe('password hashing', () => {
  it('stores argon2id hashes that verify the right password only', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery staple')).toBe(false);
  });

  it('answers false for a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
