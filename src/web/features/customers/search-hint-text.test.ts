import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { searchHintText } from './search-hint-text.js';

const tOf = (locale: 'en' | 'id' | 'lv') => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const english = 'the server\'s own sentence';

describe('searchHintText', () => {
  it('says each hint the server codes in the reader\'s language, the country named in it', () => {
    const hint = { hint: english, hintCode: 'phone_not_valid', hintValues: { text: '+1 000 000 0000', country: 'US', example: '+1 201 555 0123' } };
    expect(searchHintText(hint, tOf('id'), 'id-ID')).toMatch(/^“\+1 000 000 0000” bukan nomor telepon yang sebenarnya/);
    expect(searchHintText({ ...hint, hintCode: 'phone_without_country_code', hintValues: { text: '0812', country: 'lv', example: '+371 2612 3456' } }, tOf('lv'), 'lv-LV')).toContain('veikala valsts (Latvija) numurs');
    for (const code of ['phone_without_country_code', 'phone_not_possible', 'phone_not_valid']) {
      for (const locale of ['en', 'id', 'lv'] as const) {
        const text = searchHintText({ ...hint, hintCode: code }, tOf(locale), 'en-GB');
        // the example is the store's country's number the server sends, never a fixed Indonesian one
        expect({ code, locale, text }).toEqual({ code, locale, text: expect.stringMatching(/^“\+1 000 000 0000”.*\+1 201 555 0123\.$/) });
      }
    }
  });

  it('falls back to the server\'s English for a code it does not know, or none', () => {
    expect(searchHintText({ hint: english, hintCode: 'some_later_code', hintValues: { text: 'x', country: 'US' } }, tOf('lv'), 'lv-LV')).toBe(english);
    expect(searchHintText({ hint: english }, tOf('id'), 'id-ID')).toBe(english);
    expect(searchHintText({ hint: english, hintCode: 'phone_without_country_code', hintValues: { text: '0812', country: 'not a code', example: '+1 201 555 0123' } }, tOf('en'), 'en-GB')).toContain('(not a code)');
    // a country without a known example: its English sentence leaves the example out, a translation could not
    expect(searchHintText({ hint: english, hintCode: 'phone_without_country_code', hintValues: { text: '0812', country: 'US' } }, tOf('id'), 'id-ID')).toBe(english);
  });
});
