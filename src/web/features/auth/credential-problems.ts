import { ApiError } from '../../api/client.js';
import { newPasswordProblem } from '../account/new-password.js';

/** What is wrong with a form before (or after) it is sent: the field it concerns and the message key to show under it. */
export type FieldProblem<Field extends string> = { field: Field; key: string };

export type SignInField = 'email' | 'password';

/**
 * Whether a typed email has an email's shape: one @ with text either side and no spaces. Not a full
 * address check (the server has the accounts): only enough that a slip is not sent as a sign-in attempt.
 */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(email.trim());
}

/**
 * An empty field, or an email not shaped like one, is said under it before anything is sent (and so
 * never counts against the sign-in attempt limit), rather than refused by the server in its own words.
 */
export function signInProblem(input: { email: string; password: string }): FieldProblem<SignInField> | null {
  if (input.email.trim() === '') return { field: 'email', key: 'signIn.emailMissing' };
  if (!looksLikeEmail(input.email)) return { field: 'email', key: 'signIn.emailInvalid' };
  if (input.password === '') return { field: 'password', key: 'signIn.passwordMissing' };
  return null;
}

/** Where keyboard focus goes after a refusal: the field it concerns, or the (again enabled) submit button to try again. */
export type SignInFocus = SignInField | 'submit';

/**
 * A refused sign-in in words: wrong email and wrong password read the same on purpose (the server
 * does not say which). A value the server refuses as invalid (empty, or longer than any account's)
 * is said under its field, never in the server's validation text. `field` is where the message is
 * said (null: below the form); `focus` where keyboard focus goes: "not right" goes to the password,
 * the field one retypes (the email is usually right), with the message read as its description.
 */
export function signInRefusal(error: unknown, input: { email: string; password: string }): { field: SignInField | null; key: string; focus: SignInFocus } {
  if (!(error instanceof ApiError)) return { field: null, key: 'signIn.failed', focus: 'submit' };
  if (error.status === 429) return { field: null, key: 'signIn.tooManyAttempts', focus: 'submit' };
  if (error.status === 401) return { field: null, key: 'signIn.wrongCredentials', focus: 'password' };
  if (error.code === 'REQUEST_INVALID') {
    if (error.field === 'email' && input.email.trim() === '') return { field: 'email', key: 'signIn.emailMissing', focus: 'email' };
    if (error.field === 'password' && input.password === '') return { field: 'password', key: 'signIn.passwordMissing', focus: 'password' };
    if (error.field === 'email' || error.field === 'password') return { field: null, key: 'signIn.wrongCredentials', focus: 'password' };
  }
  return { field: null, key: 'signIn.failed', focus: 'submit' };
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
 * A refusal of the current password is said under that field in words, in the field's own terms
 * (`currentWrongKey`: "The current password is wrong", "The one-time password is wrong"): a wrong
 * one (AUTH_CURRENT_PASSWORD_INVALID), or a REQUEST_INVALID the server still returns for it (empty,
 * it asks for it; otherwise, longer than any password can be, it is wrong). Any other refusal (and
 * any when the form does not show the field) is null: the form shows it as an error message.
 */
export function passwordRefusalProblem(error: unknown, input: { asksCurrent: boolean; currentPassword: string; currentMissingKey: string; currentWrongKey: string }): FieldProblem<PasswordField> | null {
  if (!input.asksCurrent || !(error instanceof ApiError) || error.field !== 'currentPassword') return null;
  if (error.code === 'AUTH_CURRENT_PASSWORD_INVALID') return { field: 'current', key: input.currentWrongKey };
  if (error.code !== 'REQUEST_INVALID') return null;
  return { field: 'current', key: input.currentPassword === '' ? input.currentMissingKey : input.currentWrongKey };
}

/**
 * Where keyboard focus goes after the server refuses the password form (the submit button was
 * disabled while sending, so focus would otherwise fall to the page): the field the refusal names
 * when the form shows it, else the submit button, to try again.
 */
export function passwordRefusalFocus(error: unknown, input: { asksCurrent: boolean }): PasswordField | 'submit' {
  if (!(error instanceof ApiError)) return 'submit';
  if (error.field === 'currentPassword') return input.asksCurrent ? 'current' : 'submit';
  if (error.field === 'newPassword') return 'new';
  return 'submit';
}
