import { describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { analysisDoneText } from './analysis-done-text.js';

const result = (customers: number, metricDrops: number, customerOverdue = 0, open = { metricDrops, customerOverdue }): AnalyzeResult => ({
  runId: 7, asOf: '2026-12-03', customers, realCustomers: customers, rfmScored: customers, typeChanges: { entered: 0, left: 0 },
  alerts: { new: { metricDrops, customerOverdue }, open, raised: true }, timingMs: { total: 200 },
});

const textOf = (locale: Locale, shown: AnalyzeResult) => analysisDoneText(shown, (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), createFormatters(intlTagByLocale[locale], null, 'UTC'), locale);

describe('analysisDoneText', () => {
  it('says what the analysis found in English, one alert and one customer in the singular', () => {
    expect(textOf('en', result(1646, 0))).toBe('Analysed 1,646 customers as of 3 Dec 2026: types entered 0, left 0; 0 new alerts, 0 alerts open in all (0.2 s). The reports are refreshed.');
    expect(textOf('en', result(1, 1))).toBe('Analysed 1 customer as of 3 Dec 2026: types entered 0, left 0; 1 new alert, 1 alert open in all (0.2 s). The reports are refreshed.');
    expect(textOf('en', result(2, 1, 1))).toMatch(/; 2 new alerts, 2 alerts open in all \(/);
  });

  it('tells the alerts an earlier run raised, still open, from none: 0 new, 4 open', () => {
    expect(textOf('en', result(23_570, 0, 0, { metricDrops: 0, customerOverdue: 4 }))).toMatch(/; 0 new alerts, 4 alerts open in all \(/);
    expect(textOf('id', result(23_570, 0, 0, { metricDrops: 1, customerOverdue: 3 }))).toMatch(/; 0 peringatan baru, total 4 terbuka \(/);
    expect(textOf('lv', result(23_570, 0, 0, { metricDrops: 0, customerOverdue: 4 }))).toMatch(/; 0 jauni brīdinājumi, kopā 4 atvērti brīdinājumi \(/);
  });

  it('counts in the Latvian forms: singular for 1 and 21, plural for 0 and 10–20 as for 2–9', () => {
    expect(textOf('lv', result(1646, 0))).toBe('Analīze uz 2026. gada 3. decembri: 1646 klienti; tipi iegūti 0, beigušies 0; 0 jauni brīdinājumi, kopā 0 atvērti brīdinājumi (0,2 s). Pārskati atjaunoti.');
    expect(textOf('lv', result(21, 1))).toMatch(/: 21 klients; .*; 1 jauns brīdinājums, kopā 1 atvērts brīdinājums \(/);
    expect(textOf('lv', result(11, 12))).toMatch(/: 11 klienti; .*; 12 jauni brīdinājumi, kopā 12 atvērti brīdinājumi \(/);
    expect(textOf('lv', result(2, 3))).toMatch(/: 2 klienti; .*; 3 jauni brīdinājumi, kopā 3 atvērti brīdinājumi \(/);
  });

  it('says it in Indonesian, which has one form', () => {
    expect(textOf('id', result(1, 1))).toMatch(/^1 pelanggan dianalisis per .*: perubahan tipe: 0 masuk, 0 keluar; 1 peringatan baru, total 1 terbuka \(/);
  });
});
