/** Why what was typed as a customer's number cannot be looked up, or null when it can. */
export type CustomerNumberProblem = 'missing' | 'notNumber' | null;

/**
 * Reads a customer's number as typed: digits only, spaces around them allowed. Checked by the app, not
 * the browser, so the reason shows beside the field in the reader's language rather than in a bubble in
 * the browser's ("No. 926", "-5" and "abc" are not numbers the look-up can use).
 */
export function parseCustomerNumber(text: string): { id: number; problem: null } | { id: null; problem: Exclude<CustomerNumberProblem, null> } {
  const trimmed = text.trim();
  if (trimmed === '') return { id: null, problem: 'missing' };
  const id = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? { id, problem: null } : { id: null, problem: 'notNumber' };
}
