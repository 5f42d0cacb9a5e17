import { ApiError } from '../../api/client.js';

/** The profile fields that are identities: the server refuses a value it cannot read, and one another customer has. */
export type IdentityField = 'email' | 'phone';

/** What is wrong with an identity field, said under that field rather than under the form. */
export type FieldProblem =
  | { field: IdentityField; kind: 'invalid' }
  /** The server read the value but refused it (a phone it cannot place, a placeholder such as 0000000000). */
  | { field: IdentityField; kind: 'refused' }
  /** `belongsTo`: the customer who has it, when the server names them. */
  | { field: IdentityField; kind: 'taken'; belongsTo: number | null };

// Invisible characters pasted from web pages and chat apps: the server drops them too.
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;
// The server's own shape (src/customers/identity.ts): one @, a dot in the domain, no spaces.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// Loose on purpose: the server reads the number against the store's country and says more.
// Digits, spaces, dashes, dots and brackets, a leading +, and an extension (";ext=12", "ext. 12", "x12").
const phoneShape = /^\+?[0-9 ().-]+$/;
const phoneExtension = /\s*(;ext=|ext\.?|x)\s*\d+$/i;
const phoneMinDigits = 6;

/** Whether the text could be an email address as the server reads one; empty clears the field and passes. */
export function isEmailShaped(text: string): boolean {
  const trimmed = text.replace(zeroWidth, '').trim();
  return trimmed === '' || emailShape.test(trimmed.normalize('NFC'));
}

/** Whether the text could be a phone number: the characters one is written with and at least six digits; empty passes. */
export function isPhoneShaped(text: string): boolean {
  const trimmed = text.replace(zeroWidth, '').trim();
  if (trimmed === '') return true;
  const number = trimmed.replace(phoneExtension, '');
  return phoneShape.test(number) && (number.match(/\d/g)?.length ?? 0) >= phoneMinDigits;
}

/** The problems of the identity fields the form would send (only changed ones: a stored value is the server's own). */
export function draftProblems(changed: Partial<Record<IdentityField, string>>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (changed.email !== undefined && !isEmailShaped(changed.email)) problems.push({ field: 'email', kind: 'invalid' });
  if (changed.phone !== undefined && !isPhoneShaped(changed.phone)) problems.push({ field: 'phone', kind: 'invalid' });
  return problems;
}

/** A refused save that concerns one identity field (CUSTOMER_IDENTITY_INVALID or _CONFLICT naming email or phone); null for any other error. */
export function fieldProblemOf(error: Error | null): FieldProblem | null {
  if (!(error instanceof ApiError) || (error.field !== 'email' && error.field !== 'phone')) return null;
  if (error.code === 'CUSTOMER_IDENTITY_INVALID') return { field: error.field, kind: 'refused' };
  if (error.code !== 'CUSTOMER_IDENTITY_CONFLICT') return null;
  const belongsTo = error.details?.belongsTo;
  return { field: error.field, kind: 'taken', belongsTo: typeof belongsTo === 'number' && Number.isSafeInteger(belongsTo) ? belongsTo : null };
}
