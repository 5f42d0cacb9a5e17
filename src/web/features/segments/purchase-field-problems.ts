import { buildPurchase, windowFormOfInput, type PurchaseInput } from './filter-text.js';
import { windowOfForm } from './purchase-window.js';

export type PurchaseFieldProblems = { days: boolean; atLeast: boolean; from: boolean; last: boolean };

/**
 * Which of the purchase form's fields its error is about: each is checked alone, by the same rule
 * that builds the condition, so "within … days", the two days of a range and "at least …" can each be
 * marked invalid and point at the error.
 */
export function purchaseFieldProblems(input: PurchaseInput): PurchaseFieldProblems {
  const window = windowOfForm(windowFormOfInput(input));
  const fields = 'errorKey' in window ? window.fields : [];
  return {
    days: fields.includes('days'),
    atLeast: 'errorKey' in buildPurchase({ ...input, window: 'any' }),
    from: fields.includes('from'),
    last: fields.includes('last'),
  };
}

/** Whether the form's error is about the two days of a range: it is then shown beside them, not below the form. */
export function isRangeError(input: PurchaseInput, problems: PurchaseFieldProblems): boolean {
  return input.window === 'range' && (problems.from || problems.last);
}
