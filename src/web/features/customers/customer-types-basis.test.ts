import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typesBasisText } from './customer-types-card.js';
import { rfmStalenessText } from './derived-staleness-text.js';

const i18nOf = (locale: Locale) => ({
  locale, t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(intlTagByLocale[locale], 'USD', 'America/New_York'),
});

// CDNOW analysed as of 30 June 1998 (the types' asOf: the end of that store day, exclusive), run on 7 December 2026
const asOf = '1998-07-01T04:00:00.000Z';
const rfm = { r_score: 1, f_score: 1, m_score: 1, segment: 'Lost', as_of: '1998-06-30', analysed_at: '2026-12-07T17:32:00.000Z', orders_recorded_since: 0 };

describe('the customer page dating its types and its RFM score', () => {
  it.each(['en', 'id', 'lv'] as const)('says in %s when the analysis ran and the day it stands on, as the RFM card does', (locale) => {
    const i18n = i18nOf(locale);
    const text = typesBasisText(asOf, rfm, i18n);
    expect(text).toBe(rfmStalenessText(rfm, i18n).basis);
  });

  it('reads "From the analysis of 7 Dec 2026, 12:32, purchases up to 30 Jun 1998", not the purchases\' day as the analysis\'s', () => {
    expect(typesBasisText(asOf, rfm, i18nOf('en'))).toBe('From the analysis of 7 Dec 2026, 12:32, purchases up to 30 Jun 1998');
  });

  it('gives the day alone when the latest analysis (that of its RFM score) is not the one the types stand on, or there is no score', () => {
    const en = i18nOf('en');
    expect(typesBasisText(asOf, { ...rfm, as_of: '1998-05-31' }, en)).toBe('Judged on purchases up to 30 Jun 1998');
    expect(typesBasisText(asOf, null, en)).toBe('Judged on purchases up to 30 Jun 1998');
    expect(typesBasisText(asOf, null, i18nOf('lv'))).toBe('Pēc pirkumiem līdz 1998. gada 30. jūn.');
  });
});
