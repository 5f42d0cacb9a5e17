import { describe, expect, it } from 'vitest';
import type { Alert } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { alertFilters, alertHistoryCountText, alertStateText } from './alert-history.js';

const i18n = (locale: Locale) => ({
  locale,
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'IDR', 'UTC'),
});

const alert = (alertId: number, acknowledgedAt: string | null = null, acknowledgedBy: string | null = null): Alert => ({
  alertId, kind: 'metric_drop', metric: 'revenue', scope: 'all', granularity: 'day', customerId: null, windowStart: '1998-06-01', windowEnd: '1998-06-01',
  expected: 100, actual: 40, changePct: -60, explanation: null, raisedAt: '1998-06-02T00:00:00Z', acknowledgedAt, acknowledgedBy,
});

describe('the alerts on the Reports page', () => {
  it('asks the API for each filter by its own status, acknowledged too', () => {
    // useAlertPages (home/use-open-alert-pages.ts) sends the filter as `status`: each must be one GET /api/alerts takes (analytics.routes.ts)
    expect([...alertFilters]).toEqual(['open', 'acknowledged', 'all']);
  });

  it('says who acknowledged an alert and when, in every language', () => {
    const acknowledged = alert(1, '2026-12-07T05:32:00Z', 'user:3:ana@shop.id');
    const en = i18n('en');
    expect(alertStateText(acknowledged, en)).toBe(`Acknowledged by ana@shop.id on ${en.format.dateTime('2026-12-07T05:32:00Z')}`);
    // a reader without audit:read is given the staff member's id alone
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:3'), en)).toMatch(/^Acknowledged by staff member #3 on /);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'system'), en)).toMatch(/^Acknowledged by the system on /);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z'), en)).toMatch(/^Acknowledged on /);
    expect(alertStateText(alert(2), en)).toBe('Open');
    expect(alertStateText(acknowledged, i18n('id'))).toMatch(/^Ditinjau oleh ana@shop\.id pada /);
    expect(alertStateText(acknowledged, i18n('lv'))).toMatch(/^Izskatīja ana@shop\.id, /);
  });

  it("tells the reader their own acknowledgement is theirs, named by email or by id alone", () => {
    const en = i18n('en');
    const at = en.format.dateTime('2026-12-07T05:32:00Z');
    // an agent is given their own id alone; an owner their email
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:3'), en, 3)).toBe(`Acknowledged by you on ${at}`);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:3:ana@shop.id'), en, 3)).toBe(`Acknowledged by you on ${at}`);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:3'), i18n('id'), 3)).toMatch(/^Ditinjau oleh Anda pada /);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:3'), i18n('lv'), 3)).toMatch(/^Izskatījāt jūs, /);
    // someone else's, and the system's, as before
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:31'), en, 3)).toMatch(/^Acknowledged by staff member #31 on /);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'user:4:budi@shop.id'), en, 3)).toMatch(/^Acknowledged by budi@shop\.id on /);
    expect(alertStateText(alert(1, '2026-12-07T05:32:00Z', 'system'), en, 3)).toMatch(/^Acknowledged by the system on /);
  });

  it('counts what is listed, of the server\'s total while more pages remain', () => {
    const en = i18n('en');
    expect(alertHistoryCountText(3, 'acknowledged', { hasMore: false, total: 40 }, en)).toBe('3 acknowledged alerts');
    expect(alertHistoryCountText(1, 'open', { hasMore: false, total: 1 }, en)).toBe('1 open alert');
    expect(alertHistoryCountText(20, 'all', { hasMore: true, total: 1234 }, en)).toBe('20 of 1,234 alerts shown');
    // the server counts the acknowledged too
    expect(alertHistoryCountText(20, 'acknowledged', { hasMore: true, total: 41 }, en)).toBe('20 of 41 acknowledged alerts shown');
    expect(alertHistoryCountText(1, 'acknowledged', { hasMore: true, total: 1 }, en)).toBe('1 of 1 acknowledged alert shown');
    expect(alertHistoryCountText(20, 'acknowledged', { hasMore: true, total: 41 }, i18n('id'))).toBe('20 dari 41 peringatan sudah ditinjau ditampilkan');
    expect(alertHistoryCountText(20, 'acknowledged', { hasMore: true, total: 41 }, i18n('lv'))).toBe('Sarakstā ir 20 no 41 izskatīta brīdinājuma');
    expect(alertHistoryCountText(21, 'all', { hasMore: false, total: 21 }, i18n('lv'))).toBe('21 brīdinājums');
    expect(alertHistoryCountText(20, 'open', { hasMore: true, total: 1234 }, i18n('id'))).toBe('20 dari 1.234 peringatan terbuka ditampilkan');
  });
});
