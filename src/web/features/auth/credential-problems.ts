import { ApiError } from '../../api/client.js';
import { newPasswordProblem } from '../account/new-password.js';

/** What is wrong with a form before (or after) it is sent: the field it concerns and the message key to show under it. */
export type FieldProblem<Field extends string> = { field: Field; key: string };

export type SignInField = 'email' | 'password';

/** An empty field is said under it before anything is sent, rather than refused by the server in its own words. */
export function signInProblem(input: { email: string; password: string }): FieldProblem<SignInField> | null {
  if (input.email.trim() === '') return { field: 'email', key: 'signIn.emailMissing' };
  if (input.password === '') return { field: 'password', key: 'signIn.passwordMissing' };
  return null;
}

/**
 * A refused sign-in in words: wrong email and wrong password read the same on purpose (the server
 * does not say which). A value the server refuses as invalid (empty, or longer than any account's)
 * is said under its field, never in the server's validation text.
 */
export function signInRefusal(error: unknown, input: { email: string; password: string }): { field: SignInField | null; key: string } {
  if (!(error instanceof ApiError)) return { field: null, key: 'signIn.failed' };
  if (error.status === 429) return { field: null, key: 'signIn.tooManyAttempts' };
  if (error.status === 401) return { field: null, key: 'signIn.wrongCredentials' };
  if (error.code === 'REQUEST_INVALID') {
    if (error.field === 'email' && input.email.trim() === '') return { field: 'email', key: 'signIn.emailMissing' };
    if (error.field === 'password' && input.password === '') return { field: 'password', key: 'signIn.passwordMissing' };
    if (error.field === 'email' || error.field === 'password') return { field: null, key: 'signIn.wrongCredentials' };
  }
  return { field: null, key: 'signIn.failed' };
}

export type PasswordField = 'current' | 'new';

/**
 * The first thing wrong with the password form before it is sent, top to bottom: the current (or
 * one-time) password left empty when the form asks for it, then the new one (newPasswordProblem).
 * `currentMissingKey` says which ("Enter your current password", "Enter your one-time password").
 */
export function passwordFormProblem(input: { asksCurrent: boolean; currentPassword: string; newPassword: string; repeated: string; email: string; currentMissingKey: string }): FieldProblem<PasswordField> | null {
  if (input.asksCurrent && input.currentPassword === '') return { field: 'current', key: input.currentMissingKey };
  const problem = newPasswordProblem(input);
  return problem ? { field: 'new', key: `passwordForm.problems.${problem}` } : null;
}

/**
 * A REQUEST_INVALID the server still returns for the current password is said under that field in
 * words: empty, it asks for it; otherwise (longer than any password can be) it is wrong. Any other
 * refusal (and any when the form does not show the field) is null: the form shows it as an error message.
 */
export function passwordRefusalProblem(error: unknown, input: { asksCurrent: boolean; currentPassword: string; currentMissingKey: string }): FieldProblem<PasswordField> | null {
  if (!input.asksCurrent || !(error instanceof ApiError) || error.code !== 'REQUEST_INVALID' || error.field !== 'currentPassword') return null;
  return { field: 'current', key: input.currentPassword === '' ? input.currentMissingKey : 'errors.codes.AUTH_CURRENT_PASSWORD_INVALID' };
}
