import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { predictionStalenessText, rfmStalenessText } from './derived-staleness-text.js';
import { predictionStaleness } from './prediction-staleness.js';

const i18nOf = (locale: Locale) => ({
  locale, t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(intlTagByLocale[locale], 'USD', 'America/New_York'),
});

// the reviewer's CDNOW customer: scored "Lost" by an analysis as of 1998-06-30, then $500 of 1998-06-20 imported
const rfm = { r_score: 1, f_score: 1, m_score: 1, segment: 'Lost', as_of: '1998-06-30', analysed_at: '2026-12-05T15:00:00.000Z', orders_recorded_since: 1 };
const prediction = { asOf: '1998-06-30', predictedAt: '2026-12-05T15:10:00.000Z' };

describe('the customer page on RFM scores and predictions older than the latest orders', () => {
  it('says an RFM score misses the order recorded since its analysis, and what brings it in', () => {
    const { basis, stale } = rfmStalenessText(rfm, i18nOf('en'));
    expect(basis).toBe('From the analysis of 5 Dec 2026, 10:00, purchases up to 30 Jun 1998');
    expect(stale).toBe('The 1 order recorded or changed since this analysis (a late import, a refund) is not in this score. The next analysis includes it.');
    expect(rfmStalenessText({ ...rfm, orders_recorded_since: 3 }, i18nOf('en')).stale).toMatch(/^The 3 orders recorded or changed since .* includes them\.$/);
    expect(rfmStalenessText({ ...rfm, orders_recorded_since: 0 }, i18nOf('en')).stale).toBeNull();
  });

  it('says the prediction misses it, though the order is dated before the day the prediction describes', () => {
    const staleness = predictionStaleness(prediction, [], 42, 1);
    expect(staleness).not.toBeNull();
    expect(predictionStalenessText(staleness!, prediction, i18nOf('en')))
      .toBe('Made on 5 Dec 2026, 10:10 from purchases up to 30 Jun 1998: the 1 order recorded or changed since (a late import, a refund) is not in these figures. The next prediction run includes it.');
  });

  it('says it in Latvian, with the count in the case its verb asks, and in Indonesian', () => {
    const latvian = i18nOf('lv');
    // abbreviated months read in any case (date-case.ts)
    expect(rfmStalenessText(rfm, latvian).basis).toBe('Analīze veikta 2026. gada 5. dec. 10:00 pēc pirkumiem līdz 1998. gada 30. jūn.');
    expect(rfmStalenessText(rfm, latvian).stale).toBe('Šis vērtējums neietver 1 pasūtījumu, kas ierakstīts vai mainīts pēc šīs analīzes (vēlāks imports, atmaksa). Nākamā analīze to iekļauj.');
    expect(predictionStalenessText({ reason: 'recorded', count: 2 }, prediction, latvian)).toContain('neietver 2 pasūtījumus, kas ierakstīti vai mainīti vēlāk');
    expect(rfmStalenessText(rfm, i18nOf('id')).stale).toContain('1 pesanan yang dicatat atau diubah sesudah analisis ini');
  });

  it('says an RFM score made before a merge leaves out the orders it brought, in all three languages', () => {
    const merge = { reason: 'merge' as const, at: '2026-12-06T15:00:00.000Z', otherCustomerId: 926 };
    expect(rfmStalenessText(rfm, i18nOf('en'), merge).stale)
      .toBe('Scored from the analysis of 5 Dec 2026, 10:00, purchases up to 30 Jun 1998, before the merge with No. 926 on 6 Dec 2026, 10:00: this score does not count the orders it brought here. The next analysis includes them.');
    expect(rfmStalenessText(rfm, i18nOf('lv'), merge).stale).toContain('pirms apvienošanas ar Nr. 926');
    expect(rfmStalenessText(rfm, i18nOf('id'), merge).stale).toContain('sebelum penggabungan dengan No. 926');
    expect(rfmStalenessText(rfm, i18nOf('en'), { ...merge, reason: 'mergeUndone' }).stale).toContain('was undone on 6 Dec 2026, 10:00: this score still counts');
    expect(rfmStalenessText({ ...rfm, orders_recorded_since: 0 }, i18nOf('en'), null).stale).toBeNull();
  });

  it('leaves out the line under the scores when a merge notice already names the analysis', () => {
    const merge = { reason: 'merge' as const, at: '2026-12-06T15:00:00.000Z', otherCustomerId: 926 };
    for (const locale of ['en', 'id', 'lv'] as const) {
      expect(rfmStalenessText(rfm, i18nOf(locale), merge).basis).toBeNull();
      expect(rfmStalenessText(rfm, i18nOf(locale), { ...merge, reason: 'mergeUndone' }).basis).toBeNull();
    }
    // a late order's notice does not: the line under the scores is the one that says when
    expect(rfmStalenessText(rfm, i18nOf('en'), { reason: 'recorded', count: 1 }).basis).toBe('From the analysis of 5 Dec 2026, 10:00, purchases up to 30 Jun 1998');
  });

  it('names no command of the command line, and tells one who may run the analysis where it is', () => {
    const merge = { reason: 'merge' as const, at: '2026-12-06T15:00:00.000Z', otherCustomerId: 926 };
    const prediction = { asOf: '1998-06-30', predictedAt: '2026-12-05T15:10:00.000Z' };
    for (const locale of ['en', 'id', 'lv'] as const) {
      const texts = [
        rfmStalenessText(rfm, i18nOf(locale)).stale, rfmStalenessText(rfm, i18nOf(locale), merge).stale,
        rfmStalenessText(rfm, i18nOf(locale), { ...merge, reason: 'mergeUndone' }).stale,
        ...(['merge', 'mergeUndone'] as const).map((reason) => predictionStalenessText({ reason, at: merge.at, otherCustomerId: 926 }, prediction, i18nOf(locale))),
        predictionStalenessText({ reason: 'orders', count: 2, at: '1998-07-02' }, prediction, i18nOf(locale)),
        predictionStalenessText({ reason: 'recorded', count: 2 }, prediction, i18nOf(locale)),
      ];
      for (const text of texts) expect(text).not.toMatch(/\((analyze|models predict)\)/);
    }
    expect(rfmStalenessText(rfm, i18nOf('en'), merge, { canRunAnalysis: true }).stale).toMatch(/The next analysis includes them\. To run it now: “Run analysis” on the Reports page\.$/);
    expect(rfmStalenessText(rfm, i18nOf('lv'), undefined, { canRunAnalysis: true }).stale).toMatch(/Nākamā analīze to iekļauj\. Lai to palaistu tūlīt: “Palaist analīzi” lapā Pārskati\.$/);
    expect(rfmStalenessText(rfm, i18nOf('id'), undefined, { canRunAnalysis: true }).stale).toContain('“Jalankan analisis” di halaman Laporan.');
    expect(rfmStalenessText(rfm, i18nOf('en'), merge).stale).not.toContain('Reports');
  });
});
