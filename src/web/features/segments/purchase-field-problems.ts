import { buildPurchase, type PurchaseInput } from './filter-text.js';

/**
 * Which of the purchase form's number fields its error is about: each is checked alone, by the same rule
 * that builds the condition, so "within … days" and "at least …" can each be marked invalid and point at the error.
 */
export function purchaseFieldProblems(input: PurchaseInput): { days: boolean; atLeast: boolean } {
  return {
    days: 'errorKey' in buildPurchase({ ...input, atLeast: '' }),
    atLeast: 'errorKey' in buildPurchase({ ...input, days: '' }),
  };
}
