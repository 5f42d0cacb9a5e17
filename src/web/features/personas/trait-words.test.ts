import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { nameWordsOf } from './persona-name.js';
import { traitDirection, traitSentence, traitStrength, type SentenceTrait } from './trait-words.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const sentenceIn = (locale: Locale, trait: SentenceTrait) => traitSentence(trait, nameWordsOf(locale, tIn(locale)), tIn(locale));
const trait = (column: string, group: string, word: string, difference: number | null): SentenceTrait => ({ column, group, word, difference });

describe('traitStrength', () => {
  it.each([
    [0, 'barely'], [0.19, 'barely'], [-0.19, 'barely'],
    [0.2, 'slightly'], [-0.2, 'slightly'], [0.49, 'slightly'],
    [0.5, 'clearly'], [-0.5, 'clearly'], [0.79, 'clearly'],
    [0.8, 'much'], [-0.8, 'much'], [-2.4, 'much'],
  ] as const)('calls a standardised difference of %s "%s", whatever its sign', (difference, strength) => {
    expect(traitStrength(difference)).toBe(strength);
  });

  it('has no strength for a missing or broken difference', () => {
    expect(traitStrength(null)).toBeNull();
    expect(traitStrength(Number.NaN)).toBeNull();
  });
});

describe('traitDirection', () => {
  it('reads the sign: above all buyers is higher, below is lower, exactly average or missing is neither', () => {
    expect(traitDirection(0.77)).toBe('higher');
    expect(traitDirection(-0.77)).toBe('lower');
    expect(traitDirection(0)).toBeNull();
    expect(traitDirection(null)).toBeNull();
  });
});

describe('a trait in words', () => {
  it('says the direction and the strength in English', () => {
    expect(sentenceIn('en', trait('age', 'age', 'young', -0.77)).text).toBe('Younger than average (clearly)');
    expect(sentenceIn('en', trait('age', 'age', 'older', 0.81)).text).toBe('Older than average (much)');
    expect(sentenceIn('en', trait('basket', 'basket', 'big-basket', 0.3)).text).toBe('Spend more per order than average (a little)');
    expect(sentenceIn('en', trait('income', 'income', 'low-income', -1.1)).text).toBe('Lower income than average (much)');
  });

  it('names a channel by the app\'s label and a category as the store does', () => {
    expect(sentenceIn('en', trait('channel:mobile', 'channel', 'mobile', 0.9)).text).toBe('More orders via mobile app than average (much)');
    expect(sentenceIn('en', trait('category:Home & Garden', 'category', 'home & garden', -0.6)).text).toBe('Less of their spend on Home & Garden than average (clearly)');
  });

  it('writes Indonesian and Latvian, not English', () => {
    expect(sentenceIn('id', trait('age', 'age', 'young', -0.77)).text).toBe('Lebih muda daripada rata-rata (selisih jelas)');
    expect(sentenceIn('lv', trait('age', 'age', 'young', -0.77)).text).toBe('Jaunāki nekā vidēji (manāmi)');
    expect(sentenceIn('id', trait('channel:store', 'channel', 'store', 0.8)).text).toBe('Lebih banyak pesanan lewat toko daripada rata-rata (selisih besar)');
    expect(sentenceIn('lv', trait('frequency', 'frequency', 'frequent', 0.55)).text).toBe('Pērk biežāk nekā vidēji (manāmi)');
  });

  it('has a phrase for every column the server can name, in every language, in both directions', () => {
    const columns: Array<[string, string, string]> = [
      ['age', 'age', 'older'], ['income', 'income', 'affluent'], ['city_size', 'city', 'big-city'], ['organization', 'kind', 'business'],
      ['frequency', 'frequency', 'frequent'], ['spend', 'spend', 'high-spend'], ['basket', 'basket', 'big-basket'],
      ['children', 'household', 'families'], ['partnered', 'household', 'couples'], ['channel:web', 'channel', 'web'], ['category:wines', 'category', 'wines'],
    ];
    for (const locale of locales) {
      for (const [column, group, word] of columns) {
        const higher = sentenceIn(locale, trait(column, group, word, 1)).text;
        const lower = sentenceIn(locale, trait(column, group, word, -1)).text;
        expect({ locale, column, higher }).not.toMatchObject({ higher: expect.stringContaining('personas.') });
        expect({ locale, column, lower }).not.toMatchObject({ lower: expect.stringContaining('personas.') });
        expect({ locale, column, same: higher === lower }).toEqual({ locale, column, same: false });
      }
    }
  });

  it('keeps the server\'s word for a column it has no phrase for, and only the word when there is no difference', () => {
    expect(sentenceIn('en', trait('shoe_size', 'feet', 'big-footed', 1.2)).text).toBe('big-footed (much)');
    expect(sentenceIn('lv', trait('shoe_size', 'feet', 'big-footed', 1.2)).text).toBe('big-footed (krietni)');
    expect(sentenceIn('en', trait('age', 'age', 'young', null))).toEqual({ text: 'young' });
    expect(sentenceIn('id', trait('age', 'age', 'young', 0))).toEqual({ text: 'muda' });
  });
});
