import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { checkFilter } from '../../../segments/filter-schema.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { Locale } from '../../api/types.js';
import { comparisonInputOf, emptyDraft } from './comparison-input.js';
import { describeCondition, type DescribeContext } from './describe-condition.js';
import { builderOperatorsOf, operatorLabel, withinNextOperator } from './field-kinds.js';
import { buildComparison } from './filter-text.js';

// "Expected to buy in the next 7 days" (Klaviyo's "expected date of next order is in the next X days")
// could only be written as fixed dates in the editor, which go stale in a saved segment.
const nextPurchase = { name: 'next_purchase_day', type: 'date' as const, operators: ['gt', 'gte', 'lt', 'lte', 'between', 'is_null'] };
const amountFormat = { tag: 'en-GB', minorPerMajor: 100 };
const contextIn = (locale: Locale): DescribeContext => ({
  t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables),
  locale,
  format: createFormatters(locale === 'en' ? 'en-GB' : locale === 'lv' ? 'lv-LV' : 'id-ID', 'USD', 'UTC'),
  typeOf: (field) => filterFields[field]?.type,
});

describe('the builder offers "in the next N days" for a date field', () => {
  it('lists it for dates only, in words', () => {
    expect(builderOperatorsOf(nextPurchase)).toContain(withinNextOperator);
    expect(builderOperatorsOf({ name: 'age', type: 'number', operators: ['gt', 'between'] })).not.toContain(withinNextOperator);
    const t = contextIn('en').t;
    expect(operatorLabel(t, 'date', withinNextOperator)).toBe('in the next … days');
  });

  it('builds a range of relative days the server accepts, which moves on with the as-of day', () => {
    const built = buildComparison(comparisonInputOf(nextPurchase, withinNextOperator, { ...emptyDraft, text: '7' }, '', amountFormat));
    expect(built).toEqual({ condition: { field: 'next_purchase_day', op: 'between', value: [{ days_ahead: 0 }, { days_ahead: 7 }] } });
    expect('condition' in built && checkFilter(built.condition).problems).toEqual([]);
    expect(buildComparison(comparisonInputOf(nextPurchase, withinNextOperator, { ...emptyDraft, text: '2026-12-01' }, '', amountFormat))).toEqual({ errorKey: 'segments.builder.needsWholeNumber' });
  });

  it.each([
    ['en', 'Likely next purchase in the next 7 days', 'Likely next purchase on or before in 1 day'],
    ['lv', 'Iespējamais nākamais pirkums nākamajās 7 dienās', 'Iespējamais nākamais pirkums tajā dienā vai pirms pēc 1 dienas'],
    ['id', 'Perkiraan pembelian berikutnya dalam 7 hari ke depan', 'Perkiraan pembelian berikutnya pada atau sebelum 1 hari lagi'],
  ] as const)('reads the condition back in words (%s)', (locale, range, single) => {
    expect(describeCondition({ field: 'next_purchase_day', op: 'between', value: [{ days_ahead: 0 }, { days_ahead: 7 }] }, contextIn(locale))).toEqual({ isSimple: true, text: range });
    expect(describeCondition({ field: 'next_purchase_day', op: 'lte', value: { days_ahead: 1 } }, contextIn(locale)).text).toBe(single);
  });
});
