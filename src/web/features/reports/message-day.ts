import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';

/**
 * A report's day as the placeholder `name` of message `key` needs it ("As of 5 Dec 2026", "Stāvoklis
 * 2026. gada 5. decembrī"). Where the locale's sentence puts the date in a case (Latvian: `{date:locative}`),
 * it is written in full: the medium form abbreviates most months ("dec."), and an abbreviation cannot
 * take the case (date-case.ts). Where it does not (English, Indonesian), the medium form the rest of
 * the reports show is kept.
 */
export function dayForMessage(day: string, message: { key: string; name: string }, locale: Locale, format: Pick<Formatters, 'date'>): string {
  // without variables a message comes back with its placeholders as written
  const inflects = new RegExp(`\\{${message.name}:\\w+\\}`).test(lookupMessage(messagesByLocale[locale], message.key));
  return inflects ? fullDay(day, locale) : format.date(day);
}

/** A store calendar day ("2026-12-05") with its month in full; as a bare day it is never shifted by a time zone. */
export function fullDay(day: string, locale: Locale): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`A report's day is written as YYYY-MM-DD, not "${day}"`);
  return new Intl.DateTimeFormat(intlTagByLocale[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
