import type { Locale } from '../api/types.js';
import { intlTagByLocale } from './messages.js';

/**
 * The forms a message with a count carries, as nested keys (`segments.problems.one`): the union of
 * the CLDR plural categories of the app's languages. Latvian uses all three (zero: 0, 10–20, 30…;
 * one: 1, 21, 31… but not 11; other: the rest), English one and other, Indonesian only other. Every
 * language carries all three so that the key lists stay alike (i18n-keys.test.ts); a language
 * fills a form its rules never pick with its `other` text.
 */
export const pluralForms = ['zero', 'one', 'other'] as const;
export type PluralForm = (typeof pluralForms)[number];

const rulesByLocale = new Map<Locale, Intl.PluralRules>();

function rulesOf(locale: Locale): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(intlTagByLocale[locale])));
  return rules;
}

/** The form a count takes in this language; a category none of the app's languages has (two, few, many) reads as other. */
export function pluralFormOf(locale: Locale, count: number): PluralForm {
  const category = rulesOf(locale).select(count);
  return (pluralForms as readonly string[]).includes(category) ? (category as PluralForm) : 'other';
}

/** The message key of `key`'s form for `count`: `t(pluralKey(locale, 'import.start', rows), { rows })`. */
export function pluralKey(locale: Locale, key: string, count: number): string {
  return `${key}.${pluralFormOf(locale, count)}`;
}
