import { knownCurrencyCodes } from '../../../core/money.js';
import { countriesIn } from '../customers/countries.js';
import { currencyName } from './currency-name.js';

export type Choice = { value: string; label: string };

/**
 * Current countries with no phone numbering plan of their own, which the server refuses as a phone
 * country (libphonenumber knows no numbers for them; store-setup-choices.test.ts keeps this in step).
 */
export const countriesWithoutPhonePlan: ReadonlySet<string> = new Set(['AQ', 'BV', 'GS', 'HM', 'PN', 'TF', 'UM']);

/** The currencies the server stores (those whose minor units it knows), by code, named in the reader's language. */
export function currencyChoices(tag: string): Choice[] {
  return [...knownCurrencyCodes].sort().map((code) => ({ value: code, label: `${code} · ${currencyName(code, tag)}` }));
}

/** The browser's IANA zones, with UTC and the store's own zone should the browser not list it. */
export function timeZoneChoices(current: string): Choice[] {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b)).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

/** Countries whose phone numbers can be read, by name in the reader's language, with the store's own first if it is not one. */
export function phoneCountryChoices(tag: string, current: string): Choice[] {
  const countries = countriesIn(tag).filter((country) => !countriesWithoutPhonePlan.has(country.code));
  const choices = countries.map((country) => ({ value: country.code, label: `${country.name} (${country.code})` }));
  return choices.some((choice) => choice.value === current) ? choices : [{ value: current, label: current }, ...choices];
}
