import { describe, expect, it } from 'vitest';
import { buildPurchase } from './filter-text.js';
import { replaceConditionAt } from './filter-list.js';
import { hasPurchaseInput, isSamePurchaseInput, purchaseDefaults, purchaseFormOf } from './purchase-form.js';

// a condition written in the JSON editor, as a marketer's analyst writes the 12.12 group
const twelveTwelve = { purchased: { category: ['Kopi', 'Teh'], channel: ['web'], within: { from: '2025-12-12', to: '2025-12-14' }, count: { op: 'gte', value: 2 } } };

describe('a purchase condition opened in the form', () => {
  it('shows its days, the last one being the day before `to`', () => {
    expect(purchaseFormOf(twelveTwelve)).toEqual({ category: 'Kopi, Teh', channel: 'web', window: 'range', days: '', from: '2025-12-12', last: '2025-12-13', atLeast: '2' });
  });

  it.each([
    [twelveTwelve],
    [{ purchased: { category: ['Kopi'], within: { days: 30 } } }],
    [{ purchased: {} }],
    [{ purchased: { within: { from: '2025-12-31', to: '2026-01-01' } } }],
  ])('writes %j back as it was', (condition) => {
    const form = purchaseFormOf(condition);
    expect(form).not.toBeNull();
    expect(buildPurchase(form!)).toEqual({ condition });
  });

  it('is opened from a condition written in another key order, which an unchanged form leaves as it is', () => {
    const reordered = { purchased: { within: { to: '2025-12-14', from: '2025-12-12' }, category: ['Kopi'] } };
    const form = purchaseFormOf(reordered);
    expect(form).toMatchObject({ window: 'range', from: '2025-12-12', last: '2025-12-13' });
    // the form's Add writes nothing when nothing changed (condition-builder.tsx)
    expect(isSamePurchaseInput(form!, { ...form! })).toBe(true);
    expect(isSamePurchaseInput(form!, { ...form!, last: '2025-12-14' })).toBe(false);
  });

  it.each([
    [{ purchased: { sku: ['K-1'], within: { from: '2025-12-12', to: '2025-12-14' } } }],
    [{ purchased: { category: ['Kopi'], measure: 'amount_minor', count: { op: 'gte', value: 100000 } } }],
    [{ purchased: { category: ['Kopi'], count: { op: 'gte', value: 1 } } }],
    [{ purchased: { category: ['Kopi'], count: { op: 'between', value: [1, 3] } } }],
    [{ purchased: { category: [' Kopi'] } }],
    [{ purchased: { category: [] } }],
    [{ purchased: { channel: ['web', 'store'] } }],
    [{ purchased: { within: { from: { days_ago: 30 }, to: { days_ago: 0 } } } }],
    [{ purchased: { within: { from: '2025-12-12' } } }],
    [{ interest: { within: { from: '2025-12-12', to: '2025-12-14' } } }],
    [{ purchased: {}, extra: true }],
  ])('is not offered for %j, which the form would change', (condition) => {
    expect(purchaseFormOf(condition)).toBeNull();
  });
});

describe('what the purchase form holds for saving', () => {
  it('holds nothing at rest, nor in the days of a range no longer shown', () => {
    expect(hasPurchaseInput(purchaseDefaults)).toBe(false);
    expect(hasPurchaseInput({ ...purchaseDefaults, from: '2025-12-12', last: '2025-12-13' })).toBe(false);
    expect(hasPurchaseInput({ ...purchaseDefaults, window: 'range' })).toBe(true);
    expect(hasPurchaseInput({ ...purchaseDefaults, window: 'any' })).toBe(true);
  });
});

describe('replaceConditionAt', () => {
  it('puts the changed condition in its place, in a list matched by all or by any', () => {
    const changed = { purchased: { within: { from: '2025-12-12', to: '2025-12-13' } } };
    expect(replaceConditionAt({ and: [{ field: 'city', op: 'eq', value: 'Bandung' }, twelveTwelve] }, 1, changed)).toEqual({ and: [{ field: 'city', op: 'eq', value: 'Bandung' }, changed] });
    expect(replaceConditionAt({ or: [twelveTwelve, { field: 'age', op: 'gt', value: 30 }] }, 0, changed)).toEqual({ or: [changed, { field: 'age', op: 'gt', value: 30 }] });
    expect(replaceConditionAt(twelveTwelve, 0, changed)).toEqual({ and: [changed] });
  });
});
