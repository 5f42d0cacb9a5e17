import type { I18n } from '../../i18n/i18n-context.js';

/**
 * GET /api/customers's word on a search that found no one: `hint` in English, and `hintCode` with
 * the `hintValues` it names, for the app to say the same in its reader's language.
 */
export type SearchHint = { hint: string; hintCode?: string; hintValues?: { text: string; country: string; example?: string } };

/**
 * The hint in the reader's language, the store's country named in it and a number of that country
 * as its example; the server's English when it sends a code this app does not know yet (a server
 * newer than the page) or none, or no example (a country without one, which its English leaves out).
 */
export function searchHintText(hint: SearchHint, t: I18n['t'], tag: string): string {
  if (!hint.hintCode || !hint.hintValues?.example) return hint.hint;
  const { text, country, example } = hint.hintValues;
  const key = `customers.searchHints.${hint.hintCode}`;
  const translated = t(key, { text, country: countryName(country, tag), example });
  return translated === key ? hint.hint : translated;
}

/** The country in the reader's language; its code when ICU cannot name it (or it is no region code at all, which ICU refuses). */
function countryName(code: string, tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
