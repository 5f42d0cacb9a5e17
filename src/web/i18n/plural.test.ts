import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from './messages.js';
import { pluralForms, pluralFormOf, pluralKey } from './plural.js';

type Tree = { [key: string]: string | Tree };

/** Every message with plural forms: an object whose keys are exactly zero, one and other. */
function pluralMessages(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    if (typeof value === 'string') return [];
    const isPlural = Object.keys(value).sort().join() === [...pluralForms].sort().join();
    return isPlural ? [`${prefix}${key}`] : pluralMessages(value, `${prefix}${key}.`);
  });
}

describe('pluralFormOf', () => {
  it.each([
    ['lv', [[0, 'zero'], [1, 'one'], [2, 'other'], [10, 'zero'], [11, 'zero'], [19, 'zero'], [21, 'one'], [22, 'other'], [100, 'zero'], [101, 'one'], [111, 'zero'], [1001, 'one']]],
    ['en', [[0, 'other'], [1, 'one'], [2, 'other'], [21, 'other'], [1001, 'other']]],
    ['id', [[0, 'other'], [1, 'other'], [21, 'other']]],
  ] as const)('picks the %s form by the language\'s rules', (locale, table) => {
    for (const [count, form] of table) expect({ count, form: pluralFormOf(locale, count) }).toEqual({ count, form });
  });

  it('names the key of the form', () => {
    expect(pluralKey('lv', 'segments.problems', 21)).toBe('segments.problems.one');
    expect(lookupMessage(messagesByLocale.lv, pluralKey('lv', 'segments.problems', 21), { count: 21 })).toBe('Filtrā ir 21 problēma:');
    expect(lookupMessage(messagesByLocale.lv, pluralKey('lv', 'segments.problems', 10), { count: 10 })).toBe('Filtrā ir 10 problēmas:');
    expect(lookupMessage(messagesByLocale.en, pluralKey('en', 'segments.problems', 1), { count: 1 })).toBe('The filter has 1 problem:');
  });
});

describe('the messages with plural forms', () => {
  const english = pluralMessages(messagesByLocale.en as unknown as Tree);

  it('are found, so the checks below check something', () => {
    expect(english).toEqual(expect.arrayContaining(['segments.problems', 'import.start', 'import.summary', 'segments.conditions.daysAgo']));
  });

  it('are real plurals in English and Latvian: the one form differs from the other form', () => {
    for (const locale of ['en', 'lv'] as const) {
      const same = english.filter((key) => lookupMessage(messagesByLocale[locale], `${key}.one`) === lookupMessage(messagesByLocale[locale], `${key}.other`));
      expect({ locale, same }).toEqual({ locale, same: [] });
    }
  });

  // Latvian's zero category is 0, 10–20, 30, 40…: "12 rindas", "20 klienti", the noun in the form it takes after 2–9
  // (the genitive plural "10 rindu" reads as a mistake beside "12 rindas"), and the count is all that changes
  it('read in Latvian\'s zero form (10–20, 30…) as in its other form (2–9)', () => {
    const differing = english.filter((key) => lookupMessage(messagesByLocale.lv, `${key}.zero`) !== lookupMessage(messagesByLocale.lv, `${key}.other`))
      .map((key) => ({ key, zero: lookupMessage(messagesByLocale.lv, `${key}.zero`), other: lookupMessage(messagesByLocale.lv, `${key}.other`) }));
    expect(differing).toEqual([]);
  });

  it('have every form in every language', () => {
    for (const locale of locales) {
      for (const key of english) for (const form of pluralForms) expect(lookupMessage(messagesByLocale[locale], `${key}.${form}`)).not.toBe(`${key}.${form}`);
    }
  });
});
