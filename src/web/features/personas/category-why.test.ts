import { describe, expect, it } from 'vitest';
import type { PersonaProfile } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { categoryWhys, categoryWhyText, type StoreCategory } from './category-why.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const textsIn = (locale: Locale, profile: Pick<PersonaProfile, 'traits' | 'categories'>, store: StoreCategory[] | null) =>
  categoryWhys(profile, store).map((why) => spaced(categoryWhyText(why, tIn(locale), createFormatters(intlTagByLocale[locale], null, 'UTC'))));

// "Older big-basket, store, “bread”" of the synthetic demo store (1,500 customers): bread is its third category
const older: Pick<PersonaProfile, 'traits' | 'categories'> = {
  traits: [
    { word: 'older', group: 'age', column: 'age', difference: 1.02 },
    { word: 'store', group: 'channel', column: 'channel:store', difference: 0.85 },
    { word: 'bread', group: 'category', column: 'category:bread', difference: 0.66 },
    { word: 'big-basket', group: 'basket', column: 'basket', difference: 0.51 },
  ],
  categories: [{ label: 'cake', share: 0.34501 }, { label: 'beans', share: 0.30330 }, { label: 'bread', share: 0.12726 }],
};
// what all buyers spent per category (shares 37.1%, 26.3%, 10.2%, 9.3%, 7.6%, 3.4%, 3.2%, 3.0%)
const store: StoreCategory[] = [
  { category: 'cake', revenueMinor: 371 }, { category: 'sandwich', revenueMinor: 263 }, { category: 'coffee', revenueMinor: 102 }, { category: 'pastry', revenueMinor: 93 },
  { category: 'beans', revenueMinor: 76 }, { category: 'tea', revenueMinor: 34 }, { category: 'Bread', revenueMinor: 32 }, { category: 'merchandise', revenueMinor: 30 },
];

describe('why a category names a persona', () => {
  it('says the persona\'s share of spending on it beside the store\'s, in each language', () => {
    expect(textsIn('en', older, store)).toEqual(['bread: 12.7% of their spending, 4× the store\'s average of 3.2%']);
    expect(textsIn('id', older, store)).toEqual(['bread: 12,7% dari belanja mereka, 4× rata-rata toko (3,2%)']);
    expect(textsIn('lv', older, store)).toEqual(['bread: 12,7% no viņu tēriņiem, 4× vairāk nekā veikalā vidēji (3,2%)']);
  });

  it('gives the multiple to one decimal below ten, and sets the shares side by side when they are close', () => {
    const twice = { ...older, categories: [{ label: 'bread', share: 0.08 }] };
    expect(textsIn('en', twice, store)).toEqual(['bread: 8% of their spending, 2.5× the store\'s average of 3.2%']);
    expect(textsIn('lv', twice, store)).toEqual(['bread: 8% no viņu tēriņiem, 2,5× vairāk nekā veikalā vidēji (3,2%)']);
    const close = { ...older, categories: [{ label: 'bread', share: 0.033 }] };
    expect(textsIn('en', close, store)).toEqual(['bread: 3.3% of their spending; the store\'s average is 3.2%']);
    expect(textsIn('id', close, store)).toEqual(['bread: 3,3% dari belanja mereka; rata-rata toko 3,2%']);
  });

  it('says only the persona\'s share when the store\'s cannot be read', () => {
    expect(textsIn('en', older, null)).toEqual(['bread: 12.7% of their spending']);
    expect(textsIn('lv', older, [])).toEqual(['bread: 12,7% no viņu tēriņiem']);
  });

  it('says nothing of a naming category outside the profile\'s top categories, nor of personas named without one', () => {
    expect(textsIn('en', { ...older, categories: older.categories.slice(0, 2) }, store)).toEqual([]);
    expect(textsIn('en', { ...older, traits: older.traits.filter((trait) => trait.group !== 'category') }, store)).toEqual([]);
  });
});
