import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readableAuditDetail, staffMemberEmail } from './audit-detail-text.js';

const i18n = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
});

describe('an audit entry\'s details', () => {
  it('name its facts and their known values (roles, yes and no) in the reader\'s language', () => {
    const { t, format } = i18n('lv');
    expect(readableAuditDetail({ email: 'owner@clientele.local', role: 'owner', bootstrap: true }, t, format, 'lv'))
      .toEqual([['e-pasts', 'owner@clientele.local'], ['loma', 'Īpašnieks'], ['veikala pirmais īpašnieks', 'Jā']]);
    expect(readableAuditDetail({ ip: '127.0.0.1' }, t, format, 'lv')).toEqual([['IP adrese', '127.0.0.1']]);
    const indonesian = i18n('id');
    expect(readableAuditDetail({ changed: { role: 'analyst', disabled: false } }, indonesian.t, indonesian.format, 'id'))
      .toEqual([['diubah › peran', 'Analis'], ['diubah › masuk diblokir', 'Tidak']]);
  });

  it('keep a fact this app does not know readable as words, lists joined, fractions in the reader\'s format, and nothing for none', () => {
    const { t, format } = i18n('lv');
    expect(readableAuditDetail({ laterGifts: 2, scopes: ['read', 'ingest'], previousRate: null, newRate: 1.25 }, t, format, 'lv'))
      .toEqual([['later gifts', '2'], ['atļaujas', 'read, ingest'], ['iepriekšējais kurss', '—'], ['new rate', '1,25']]);
    expect(readableAuditDetail({}, t, format, 'lv')).toEqual([]);
    expect(readableAuditDetail(null, t, format, 'lv')).toEqual([]);
  });

  it('say why a sign-in failed in the reader\'s language, and a reason this app does not know as recorded', () => {
    const failed = { email: 'anna@veikals.lv', reason: 'wrong-password' };
    const reasonOf = (locale: Locale, detail: object) => Object.fromEntries(readableAuditDetail(detail, i18n(locale).t, i18n(locale).format, locale))[lookupMessage(messagesByLocale[locale], 'settings.audit.detailKeys.reason')];
    expect(reasonOf('en', failed)).toBe('wrong password');
    expect(reasonOf('id', failed)).toBe('kata sandi salah');
    expect(reasonOf('lv', failed)).toBe('nepareiza parole');
    for (const locale of ['en', 'id', 'lv'] as const) {
      for (const code of ['unknown-email', 'disabled']) expect({ locale, code, text: reasonOf(locale, { reason: code }) }).not.toEqual({ locale, code, text: code });
    }
    expect(reasonOf('lv', { reason: 'API key #3, which made this key, was revoked.' })).toBe('API key #3, which made this key, was revoked.');
  });

  it('say why a signed-in caller was refused, and what a backup held and when it was taken, in the reader\'s language', () => {
    const refusal = { permission: 'customers:merge', code: 'AUTH_FORBIDDEN', method: 'DELETE', route: '/api/customers/:customerId', count: 3 };
    const backup = { file: '/backups/shop.tar.gz', bytes: 1234567, takenAt: '2026-12-01T08:30:00.000Z' };
    const lines = (locale: Locale, detail: object) => readableAuditDetail(detail, i18n(locale).t, i18n(locale).format, locale);
    expect(lines('en', refusal)).toEqual([['permission needed', 'customers:merge'], ['why', 'the permission is missing'], ['method', 'DELETE'], ['API route', '/api/customers/:customerId'], ['times', '3']]);
    expect(lines('lv', { ...refusal, code: 'AUTH_CSRF_INVALID' })).toEqual([['nepieciešamā atļauja', 'customers:merge'], ['iemesls', 'nav drošības marķiera (CSRF) vai tas ir nepareizs'], ['metode', 'DELETE'], ['API maršruts', '/api/customers/:customerId'], ['reizes', '3']]);
    expect(lines('id', refusal)[1]).toEqual(['alasan', 'izin tidak dimiliki']);
    // a session on a one-time password reaching past the password change (src/server/plugins/authenticate.ts)
    const temporary = { ...refusal, code: 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN' };
    expect([lines('en', temporary)[1], lines('id', temporary)[1], lines('lv', temporary)[1]]).toEqual([
      ['why', 'the one-time password has not been changed yet'], ['alasan', 'kata sandi sekali pakai belum diganti'], ['iemesls', 'vienreizējā parole vēl nav nomainīta'],
    ]);
    expect(lines('id', { code: 'SOMETHING_NEW' })).toEqual([['alasan', 'SOMETHING_NEW']]);
    expect(lines('en', backup)).toEqual([['file', '/backups/shop.tar.gz'], ['size (bytes)', '1,234,567'], ['backup taken', '1 Dec 2026, 08:30']]);
    expect(lines('lv', backup)).toEqual([['fails', '/backups/shop.tar.gz'], ['izmērs (baitos)', '1\u00a0234\u00a0567'], ['rezerves kopija izveidota', '2026. gada 1. dec. 08:30']]);
    expect(lines('id', backup)).toEqual([['berkas', '/backups/shop.tar.gz'], ['ukuran (byte)', '1.234.567'], ['cadangan dibuat', '1 Des 2026, 08.30']]);
  });

  it('show a finished import\'s counts, and a setting\'s change from → to, in the reader\'s language', () => {
    const imported = { entity: 'orders', file: 'pasutijumi.csv', read: 12000, inserted: 11000, updated: 500, unchanged: 400, rejected: 100 };
    const lines = (locale: Locale, detail: object) => readableAuditDetail(detail, i18n(locale).t, i18n(locale).format, locale);
    expect(lines('lv', imported)).toEqual([['dati', 'Pasūtījumi'], ['fails', 'pasutijumi.csv'], ['rindas', '12\u00a0000'], ['jaunas', '11\u00a0000'], ['atjauninātas', '500'], ['nemainītas', '400'], ['noraidītas', '100']]);
    expect(lines('id', { entity: 'customers', read: 2 })).toEqual([['data', 'Pelanggan'], ['baris', '2']]);
    // counts are grouped as the reader writes numbers; an import's number, an id, is not
    expect(lines('id', { read: 2000, inserted: 54883 })).toEqual([['baris', '2.000'], ['baru', '54.883']]);
    expect(lines('en', { orders: 1200, orderLines: 3400, suppressedIdentities: 2, importId: 12345 })).toEqual([
      ['orders', '1,200'], ['order lines', '3,400'], ['emails and phones kept as suppression digests', '2'], ['import', '12345']]);
    expect(lines('lv', { currency: { from: 'EUR', to: 'USD' }, ratesCleared: ['GBP'] })).toEqual([['valūta', 'EUR → USD'], ['dzēstie valūtas kursi', 'GBP']]);
    expect(lines('id', { timeZone: { from: 'UTC', to: 'Asia/Jakarta' } })).toEqual([['zona waktu', 'UTC → Asia/Jakarta']]);
    // a consent authority's batch (consent.override)
    expect(lines('lv', { importId: 9, records: 40, refusalsOverridden: 3 })).toEqual([['imports', '9'], ['rindas', '40'], ['aizstātie atteikumi', '3']]);
    // half a change keeps its parts, named
    expect(lines('lv', { name: { to: 'Kopi' } })).toEqual([['nosaukums › uz', 'Kopi']]);
  });

  it('show a type policy change as each threshold, by the label the settings give it, from → to', () => {
    const detail = { thresholds: { newWithinDays: { from: 30, to: 40 }, 'vip.topPercent': { from: 5, to: 10 }, 'lapsed.pAliveBelow': { from: 0.3, to: 0.25 }, 'alerts.zThreshold': { from: 3.5, to: 4 }, 'vip.basis': { from: 'revenue', to: 'frequency' } } };
    const indonesian = i18n('id');
    expect(readableAuditDetail(detail, indonesian.t, indonesian.format, 'id')).toEqual([
      ['Baru selama sekian hari setelah pembelian pertama', '30 hari → 40 hari'],
      ['Bagian teratas pelanggan nyata', '5% → 10%'],
      ['Atau perkiraan peluang masih membeli di bawah', '30% → 25%'],
      ['Peringatan di atas sekian simpangan robust', '3,5 → 4'],
      ['Diurutkan menurut', 'Pendapatan → Hari pembelian'],
    ]);
    const latvian = i18n('lv');
    expect(readableAuditDetail(detail, latvian.t, latvian.format, 'lv')).toEqual([
      ['Jauns tik dienas pēc pirmā pirkuma', '30 dienas → 40 dienas'],
      ['Augšējā daļa no īstajiem klientiem', '5% → 10%'],
      ['Vai prognozētā iespēja vēl pirkt zem', '30% → 25%'],
      ['Brīdināt virs tik robustām novirzēm', '3,5 → 4'],
      ['Sakārtots pēc', 'Ieņēmumi → Pirkumu dienas'],
    ]);
  });

  it('give every threshold with a unit its unit, in every language, and the minimum expected in the store\'s money', () => {
    const detail = { thresholds: { 'lapsed.quietDays': { from: 500, to: 180 }, 'alerts.weeksOfHistory': { from: 8, to: 10 }, 'loyal.periodMonths': { from: 6, to: 3 },
      'atRisk.overdueFactor': { from: 2, to: 2.5 }, 'regular.minIntervals': { from: 3, to: 4 }, 'alerts.minExpected': { from: 5, to: 1000 } } };
    const values = (locale: Locale, currency: string | null = 'EUR') => readableAuditDetail(detail, i18n(locale).t, createFormatters(intlTagByLocale[locale], currency, 'UTC'), locale).map(([, value]) => value);
    expect(values('id')).toEqual(['500 hari → 180 hari', '8 minggu → 10 minggu', '6 bulan → 3 bulan', '2× → 2,5×', '3 → 4', '5 → 1.000 (pesanan atau pelanggan; pendapatan €0,05 → €10,00)']);
    expect(values('en')).toEqual(['500 days → 180 days', '8 weeks → 10 weeks', '6 months → 3 months', '2× → 2.5×', '3 → 4', '5 → 1,000 (orders or customers; revenue €0.05 → €10.00)']);
    expect(values('lv')).toEqual(['500 dienas → 180 dienas', '8 nedēļas → 10 nedēļas', '6 mēneši → 3 mēneši', '2× → 2,5×', '3 → 4', '5 → 1000 (pasūtījumi vai klienti; ieņēmumi 0,05\u00a0€ → 10,00\u00a0€)']);
    // IDR has no minor unit: 5 is Rp 5
    expect(values('id', 'IDR').at(-1)).toBe('5 → 1.000 (pesanan atau pelanggan; pendapatan Rp\u00a05 → Rp\u00a01.000)');
    // without the store's currency, the unit is named
    expect(values('id', null).at(-1)).toBe('5 → 1.000 (pesanan atau pelanggan; pendapatan dalam satuan terkecil mata uang)');
  });

  it('never show a fraction of the smallest unit rounded as if it were equal', () => {
    const minExpected = (locale: Locale, currency: string, from: number, to: number) => readableAuditDetail({ thresholds: { 'alerts.minExpected': { from, to } } }, i18n(locale).t, createFormatters(intlTagByLocale[locale], currency, 'UTC'), locale)[0][1];
    expect(minExpected('en', 'IDR', 5, 0.4)).toBe('5 → 0.4 (orders or customers; revenue IDR\u00a05 → IDR\u00a00.4)');
    expect(minExpected('id', 'IDR', 2.5, 5)).toBe('2,5 → 5 (pesanan atau pelanggan; pendapatan Rp\u00a02,5 → Rp\u00a05)');
    expect(minExpected('lv', 'EUR', 5, 0.5)).toBe('5 → 0,5 (pasūtījumi vai klienti; ieņēmumi 0,05\u00a0€ → 0,005\u00a0€)');
  });

  it('count days, weeks and months by the reader\'s plural rules (Latvian 1, 21, 31… singular; Indonesian without plural)', () => {
    const values = (locale: Locale, detail: object) => readableAuditDetail({ thresholds: detail }, i18n(locale).t, i18n(locale).format, locale).map(([, value]) => value);
    const counted = { newWithinDays: { from: 1, to: 2 }, 'lapsed.quietDays': { from: 21, to: 11 }, 'alerts.weeksOfHistory': { from: 31, to: 22 }, 'loyal.periodMonths': { from: 1, to: 10 }, 'regular.frequentWithinDays': { from: 0, to: 1 } };
    expect(values('en', counted)).toEqual(['1 day → 2 days', '21 days → 11 days', '31 weeks → 22 weeks', '1 month → 10 months', '0 days → 1 day']);
    expect(values('lv', counted)).toEqual(['1 diena → 2 dienas', '21 diena → 11 dienas', '31 nedēļa → 22 nedēļas', '1 mēnesis → 10 mēneši', '0 dienas → 1 diena']);
    expect(values('id', counted)).toEqual(['1 hari → 2 hari', '21 hari → 11 hari', '31 minggu → 22 minggu', '1 bulan → 10 bulan', '0 hari → 1 hari']);
    // an older entry's value asked for is counted the same way
    expect(readableAuditDetail({ change: { newWithinDays: 1 } }, i18n('lv').t, i18n('lv').format, 'lv')).toEqual([['Jauns tik dienas pēc pirmā pirkuma', '→ 1 diena']]);
    expect(readableAuditDetail({ change: { newWithinDays: 1 } }, i18n('en').t, i18n('en').format, 'en')[0][1]).toBe('→ 1 day');
  });

  it('show an older policy entry, which kept only the change asked for, by the same labels', () => {
    const { t, format } = i18n('id');
    expect(readableAuditDetail({ change: { newWithinDays: 40, vip: { topPercent: 3 } } }, t, format, 'id'))
      .toEqual([['Baru selama sekian hari setelah pembelian pertama', '→ 40 hari'], ['Bagian teratas pelanggan nyata', '→ 3%']]);
    // a change that is not a policy's keeps the generic reading
    expect(readableAuditDetail({ change: { colour: 'red' } }, t, format, 'id')).toEqual([['perubahan › colour', 'red']]);
  });
});

describe('the staff member an audit entry is about', () => {
  it('is named by the email recorded with it, or by the actor\'s own when it is the same person', () => {
    expect(staffMemberEmail({ actor: 'user:1:owner@clientele.local', entityId: '3', detail: { email: 'anna@veikals.lv', role: 'analyst' } })).toBe('anna@veikals.lv');
    expect(staffMemberEmail({ actor: 'user:1:owner@clientele.local', entityId: '1', detail: { ip: '127.0.0.1' } })).toBe('owner@clientele.local');
    expect(staffMemberEmail({ actor: 'user:1:owner@clientele.local', entityId: '2', detail: null })).toBeNull();
    expect(staffMemberEmail({ actor: 'user:1', entityId: '1', detail: null })).toBeNull();
  });
});
