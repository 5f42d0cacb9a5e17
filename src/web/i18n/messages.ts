import en from './en.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };
import lv from './lv.json' with { type: 'json' };
import type { Locale } from '../api/types.js';
import { inflectDate, isGrammaticalCase } from './date-case.js';

export type Messages = typeof en;

/** Every language must carry every key of English: the test in i18n-keys.test.ts checks it. */
export const messagesByLocale: Record<Locale, Messages> = { en, id, lv };

export const locales: readonly Locale[] = ['en', 'id', 'lv'];

/** BCP 47 tags for Intl: Indonesian groups with dots ("Rp 4.310.000"), Latvian with spaces. */
export const intlTagByLocale: Record<Locale, string> = { en: 'en-GB', id: 'id-ID', lv: 'lv-LV' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Looks up `a.b.c` in nested messages; a missing key shows itself, so gaps are visible rather than blank.
 * `{date:genitive}` puts a formatted date in the case its sentence asks (Latvian: "no 2. marta"), see date-case.ts.
 */
export function lookupMessage(messages: Messages, key: string, variables: Record<string, string | number> = {}): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') return key;
  return node.replace(/\{(\w+)(?::(\w+))?\}/g, (match, name: string, grammaticalCase: string | undefined) => {
    if (!(name in variables)) return match;
    const value = String(variables[name]);
    return grammaticalCase && isGrammaticalCase(grammaticalCase) ? inflectDate(value, grammaticalCase) : value;
  });
}
