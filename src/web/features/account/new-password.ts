import { brokenPasswordRule, type PasswordRule } from '../../../auth/password-rules.js';

export type NewPasswordProblem = PasswordRule | 'sameAsCurrent' | 'mismatch';

/**
 * The first thing wrong with a new password before it is sent: the server's own rules (shared
 * with it), then the two a form adds, a password kept as it was and a repeat that differs.
 */
export function newPasswordProblem(input: { newPassword: string; repeated: string; currentPassword: string; email: string }): NewPasswordProblem | null {
  const rule = brokenPasswordRule(input.newPassword, input.email);
  if (rule) return rule;
  if (input.currentPassword !== '' && input.newPassword === input.currentPassword) return 'sameAsCurrent';
  if (input.newPassword !== input.repeated) return 'mismatch';
  return null;
}
