import { describe, expect, it } from 'vitest';
import { comparisonInputOf, emptyDraft } from './comparison-input.js';
import { buildComparison, buildPurchase } from './filter-text.js';
import { noPendingConditions, pendingConditionOf, saveBlocksOf } from './pending-condition.js';

const dollars = { tag: 'en-GB', minorPerMajor: 100 };
const revenue = (text: string) => buildComparison(comparisonInputOf({ name: 'revenue_minor', type: 'number' }, 'gte', { ...emptyDraft, text }, '', dollars));

describe('pendingConditionOf', () => {
  it('is clear while the form holds nothing the person entered, whatever Add would say', () => {
    expect(pendingConditionOf(false, revenue(''))).toEqual({ status: 'clear' });
  });

  it('is unfinished when what was typed would make a condition that is not added yet', () => {
    expect(pendingConditionOf(true, revenue('1,250.50'))).toEqual({ status: 'unfinished' });
    expect(pendingConditionOf(true, buildPurchase({ category: 'coffee', days: '60', atLeast: '2' }))).toEqual({ status: 'unfinished' });
  });

  it("is invalid, with Add's own problem, when what was typed is not a value yet", () => {
    expect(pendingConditionOf(true, revenue('lots'), { example: '100.50' })).toEqual({ status: 'invalid', errorKey: 'segments.builder.needsAmount', errorValues: { example: '100.50' } });
    expect(pendingConditionOf(true, buildPurchase({ category: '', days: 'soon', atLeast: '1' }))).toEqual({ status: 'invalid', errorKey: 'segments.builder.needsWholeNumber' });
  });
});

describe('saveBlocksOf', () => {
  it('lets the segment be saved when every form is clear', () => {
    expect(saveBlocksOf(noPendingConditions)).toEqual([]);
  });

  it('refuses to save over an amount that Add rejected, so the condition is not silently dropped', () => {
    const pending = { ...noPendingConditions, comparison: pendingConditionOf(true, revenue('5.000.000'), { example: '100.50' }) };
    expect(saveBlocksOf(pending)).toEqual([{ form: 'comparison', reason: 'invalid', errorKey: 'segments.builder.needsAmount', errorValues: { example: '100.50' } }]);
  });

  it('refuses to save a condition typed but not added, and names every such form in page order', () => {
    const pending = { purchase: pendingConditionOf(true, buildPurchase({ category: 'tea', days: '90', atLeast: '1' })), comparison: pendingConditionOf(true, revenue('20')) };
    expect(saveBlocksOf(pending)).toEqual([{ form: 'comparison', reason: 'unfinished' }, { form: 'purchase', reason: 'unfinished' }]);
  });
});
