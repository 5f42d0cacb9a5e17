import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { incomeBandFact } from './income-band-fact.js';

const factIn = (locale: Locale, band: string | null) => incomeBandFact(
  band, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], null, 'UTC'),
);
// Intl writes a narrow or plain no-break space between a number and its unit; the reader sees a space
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('incomeBandFact', () => {
  it('says a stored band in the reader\'s numbers: juta in Indonesian, never M, which there means miliar', () => {
    expect(spaced(factIn('id', '5-10M'))).toBe('5 jt – 10 jt');
    expect(spaced(factIn('id', '<5M'))).toBe('Di bawah 5 jt');
    expect(spaced(factIn('lv', '5-10M'))).toBe('5 milj. – 10 milj.');
    expect(factIn('en', '100k+')).toBe('100k or more');
  });

  it('shows a band of no usual shape as the store wrote it, and a dash when none is known', () => {
    expect(factIn('id', 'Rp 5-10 jt')).toBe('Rp 5-10 jt');
    expect(factIn('lv', null)).toBe('–');
    expect(factIn('en', ' ')).toBe('–');
  });
});
