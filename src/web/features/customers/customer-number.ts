/** Why what was typed as a customer's number cannot be looked up, or null when it can. */
export type CustomerNumberProblem = 'missing' | 'notNumber' | null;

// as the search reads one (src/customers/search-text.ts): the app writes "No. 3298" (Latvian "Nr. 3298"),
// and people copy it or write "#3298"
const customerNumberPattern = /^(?:#\s*|(?:no|nr)\.?\s*)?(\d+)$/i;

/**
 * Reads a customer's number as typed: its digits, alone or as the app and people write them ("No. 926",
 * "Nr. 926", "#926"), spaces around allowed. Checked by the app, not the browser, so the reason shows
 * beside the field in the reader's language rather than in a bubble in the browser's ("-5" and "abc"
 * are not numbers the look-up can use).
 */
export function parseCustomerNumber(text: string): { id: number; problem: null } | { id: null; problem: Exclude<CustomerNumberProblem, null> } {
  const trimmed = text.trim();
  if (trimmed === '') return { id: null, problem: 'missing' };
  const digits = customerNumberPattern.exec(trimmed)?.[1];
  const id = digits === undefined ? Number.NaN : Number(digits);
  return Number.isSafeInteger(id) && id > 0 ? { id, problem: null } : { id: null, problem: 'notNumber' };
}
