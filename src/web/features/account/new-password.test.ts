import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../auth/passwords.js';
import { newPasswordProblem } from './new-password.js';

const base = { newPassword: 'a good long passphrase', repeated: 'a good long passphrase', currentPassword: 'the old one here', email: 'ana@shop.example' };

describe('newPasswordProblem', () => {
  it('accepts a long, repeated, new password', () => {
    expect(newPasswordProblem(base)).toBeNull();
  });

  it.each([
    ['short1234', 'tooShort'],
    ['x'.repeat(257), 'tooLong'],
    ['abababababab', 'repetitive'],
    ['ANA@shop.example', 'isEmail'],
  ])('refuses %s as the server does (%s)', (password, problem) => {
    expect(newPasswordProblem({ ...base, newPassword: password, repeated: password })).toBe(problem);
    expect(passwordProblem(password, base.email)).not.toBeNull();
  });

  it('refuses the current password kept, and a repeat that differs', () => {
    expect(newPasswordProblem({ ...base, newPassword: base.currentPassword, repeated: base.currentPassword })).toBe('sameAsCurrent');
    expect(newPasswordProblem({ ...base, repeated: 'a good long passphrasE' })).toBe('mismatch');
  });

  it('says nothing of the current password when the form does not ask for it', () => {
    expect(newPasswordProblem({ ...base, currentPassword: '' })).toBeNull();
  });

  it('accepts exactly what the server accepts at the length boundary', () => {
    for (const password of ['abcdefghi', 'abcdefghij', 'x'.repeat(252) + 'abcd', 'x'.repeat(253) + 'abcd']) {
      expect(newPasswordProblem({ ...base, newPassword: password, repeated: password }) === null).toBe(passwordProblem(password, base.email) === null);
    }
  });
});
