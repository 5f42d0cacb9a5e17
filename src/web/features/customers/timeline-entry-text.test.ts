import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { timelineEntryText, timelineEntryTime } from './timeline-entry-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string) => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, 'IDR', 'Asia/Jakarta'),
});
const entry = (kind: string, detail: Record<string, unknown>): TimelineEntry =>
  ({ kind, id: 1, at: '2026-11-30T10:00:00Z', title: 'English title from the server', detail }) as unknown as TimelineEntry;

describe('timeline entries in the reader\'s language', () => {
  it('writes a prediction with its figures, and without them still not in the server\'s English', () => {
    const prediction = entry('prediction', { pAlive: 0.98, clvMinor: 3_101_887, expectedSpendMinor: 200_000 });
    expect(timelineEntryText(prediction, i18nFor('en', 'en-GB'))).toBe(`Prediction: chance still active 98%, lifetime value ${createFormatters('en-GB', 'IDR', 'UTC').money(3_101_887)}`);
    expect(timelineEntryText(prediction, i18nFor('lv', 'lv-LV'))).toMatch(/^Prognoze: .*98\s?%/);
    expect(timelineEntryText(entry('prediction', { pAlive: null }), i18nFor('id', 'id-ID'))).toBe('Prediksi diperbarui');
  });

  it('reads a prediction\'s figures as the prediction card does', () => {
    const en = i18nFor('en', 'en-GB');
    // 0.4% alive, a year's value worth 0.02 purchases: not "0%, lifetime value IDR 102,032"
    expect(timelineEntryText(entry('prediction', { pAlive: 0.003885, clvMinor: 102_032, expectedSpendMinor: 5_717_471 }), en)).toBe('Prediction: chance still active <1%, no purchases expected');
    // a one-time buyer's chance is not estimated: not a bare "prediction updated"
    expect(timelineEntryText(entry('prediction', { pAlive: null, clvMinor: 984_895, expectedSpendMinor: 415_280 }), en))
      .toBe(`Prediction: lifetime value ${en.format.money(984_895)}, chance still active not estimated after one purchase`);
  });

  it('says when a prediction was made from data up to an earlier day', () => {
    const en = i18nFor('en', 'en-GB');
    // CDNOW: fitted on 3 Dec 2026 from the data up to 30 Jun 1998, dated the end of 30 Jun 1998 (17:00 UTC in Jakarta)
    const dataSet = { ...entry('prediction', { pAlive: 0.65, clvMinor: 7_713, expectedSpendMinor: 5_123, asOf: '1998-06-30', predictedAt: '2026-12-03T04:36:00Z' }), at: '1998-06-30T17:00:00.000Z' };
    expect(timelineEntryTime(dataSet, en.format)).toBe('30 Jun 1998');
    expect(timelineEntryText(dataSet, en)).toBe(`Prediction: chance still active 65%, lifetime value ${en.format.money(7_713)} (model fitted 3 Dec 2026 on the data up to this day)`);
    // a live store predicted on the day it describes: nothing to add
    const live = { ...entry('prediction', { pAlive: 0.65, clvMinor: 7_713, expectedSpendMinor: 5_123, asOf: '2026-12-03', predictedAt: '2026-12-03T09:34:01Z' }), at: '2026-12-03T17:00:00.000Z' };
    expect(timelineEntryText(live, en)).not.toMatch(/fitted/);
    for (const locale of ['id', 'lv'] as const) expect(timelineEntryText(dataSet, i18nFor(locale, `${locale}-${locale.toUpperCase()}`))).not.toMatch(/[{}]|timeline\./);
  });

  it('shows an order known only by its date without an invented time', () => {
    const { format } = i18nFor('en', 'en-GB');
    const dateOnly = { ...entry('order', { isDateOnly: true }), at: '1997-12-21T17:00:00.000Z' };
    expect(timelineEntryTime(dateOnly, format)).toBe('22 Dec 1997');
    expect(timelineEntryTime({ ...dateOnly, detail: { isDateOnly: false } }, format)).toBe('22 Dec 1997, 00:00');
  });

  it('translates a known interest channel and reads a store\'s own one as a name', () => {
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'mobile' }), i18nFor('en', 'en-GB'))).toBe('Sign-up via the mobile app');
    // the reviewer's "Reģistrācija caur instagram", "Jautājums caur whatsapp": the demo store's own channels, stored in lower case
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'instagram' }), i18nFor('en', 'en-GB'))).toBe('Sign-up via Instagram');
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'instagram' }), i18nFor('lv', 'lv-LV'))).toBe('Reģistrācija caur Instagram');
    expect(timelineEntryText(entry('interest', { kind: 'inquiry', channel: 'whatsapp' }), i18nFor('lv', 'lv-LV'))).toMatch(/ caur WhatsApp$/);
    expect(timelineEntryText(entry('interest', { kind: 'inquiry', channel: 'whatsapp' }), i18nFor('id', 'id-ID'))).toMatch(/ melalui WhatsApp$/);
    // one the app does not know
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'line_official' }), i18nFor('en', 'en-GB'))).toBe('Sign-up via Line official');
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: '' }), i18nFor('en', 'en-GB'))).toBe('Sign-up via another channel');
  });

  it('names a channel inside the sentence in its sentence form, not as its capitalised label', () => {
    const order = entry('order', { status: 'paid', externalId: 'A-1', amountMinor: 636_000, channel: 'store' });
    expect(timelineEntryText(order, i18nFor('id', 'id-ID'))).toMatch(/ melalui toko$/);
    expect(timelineEntryText(order, i18nFor('lv', 'lv-LV'))).toMatch(/ caur veikalu$/);
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'mobile' }), i18nFor('lv', 'lv-LV'))).toMatch(/ caur mobilo lietotni$/);
    expect(timelineEntryText(entry('interest', { kind: 'signup', channel: 'mobile' }), i18nFor('id', 'id-ID'))).toMatch(/ melalui aplikasi seluler$/);
  });

  it('says a type was left as well as taken, in each language', () => {
    const left = entry('type_change', { type: 'occasional', change: 'left' });
    expect(timelineEntryText(left, i18nFor('en', 'en-GB'))).toBe('No longer Occasional');
    expect(timelineEntryText(left, i18nFor('id', 'id-ID'))).toBe(`Tidak lagi ${lookupMessage(messagesByLocale.id, 'customerTypes.occasional')}`);
    expect(timelineEntryText(left, i18nFor('lv', 'lv-LV'))).toBe(`Vairs nav: ${lookupMessage(messagesByLocale.lv, 'customerTypes.occasional')}`);
    expect(timelineEntryText(entry('type_change', { type: 'at_risk', change: 'entered' }), i18nFor('en', 'en-GB'))).toBe('Became At risk');
  });

  it('dates a type change by its analysis day, not the midnight that ends it, and keeps other entries\' times', () => {
    const { format } = i18nFor('en', 'en-GB');
    // 2 Dec 2026 in Jakarta ends at 17:00 UTC: the exclusive end of the day the analysis ran for
    const typeChange = { ...entry('type_change', { type: 'lead' }), at: '2026-12-02T17:00:00.000Z' };
    expect(timelineEntryTime(typeChange, format)).toBe('2 Dec 2026');
    const order = { ...entry('order', {}), at: '2026-12-02T17:00:00.000Z' };
    expect(timelineEntryTime(order, format)).toBe('3 Dec 2026, 00:00');
    expect(timelineEntryTime(typeChange, i18nFor('lv', 'lv-LV').format)).toBe(createFormatters('lv-LV', 'IDR', 'Asia/Jakarta').date('2026-12-02'));
  });
});
