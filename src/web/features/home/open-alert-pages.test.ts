import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { openAlertsCountKey, refreshLimitOf, withNextPage } from './open-alert-pages.js';

const alerts = (...ids: number[]) => ids.map((alertId) => ({ alertId }));

describe('withNextPage', () => {
  it.each([
    ['appends a page that starts after the list', alerts(1, 2), alerts(3, 4), [1, 2, 3, 4]],
    ['lists an alert already listed once, where it was', alerts(1, 2, 3), alerts(3, 4), [1, 2, 3, 4]],
    ['keeps the list as it was when the page adds nothing new', alerts(1, 2), alerts(2), [1, 2]],
    ['takes the whole page into an empty list', [], alerts(5), [5]],
  ])('%s', (_name, loaded, page, expected) => {
    expect(withNextPage(loaded, page).map((alert) => alert.alertId)).toEqual(expected);
  });
});

describe('refreshLimitOf', () => {
  it.each([
    ['asks for a page when fewer were listed', 3, 10, 10],
    ['asks for as many as were listed after Show more', 20, 10, 20],
    ['asks for no more than the API gives at once', 640, 10, 500],
  ])('%s', (_name, loaded, pageSize, expected) => {
    expect(refreshLimitOf(loaded, pageSize)).toBe(expected);
  });
});

describe('openAlertsCountKey', () => {
  const text = (locale: 'en' | 'id' | 'lv', count: number, hasMore: boolean) =>
    lookupMessage(messagesByLocale[locale], openAlertsCountKey(locale, count, hasMore), { count });

  it.each([
    ['en', 10, true, '10 open alerts shown; more are open'],
    ['en', 1, true, '1 open alert shown; more are open'],
    ['en', 12, false, '12 open alerts'],
    ['en', 1, false, '1 open alert'],
    ['id', 10, true, '10 peringatan terbuka ditampilkan; masih ada yang lain'],
    ['id', 12, false, '12 peringatan terbuka'],
    ['lv', 10, true, 'Redzami 10 atvērti brīdinājumi; ir vēl citi'],
    ['lv', 21, true, 'Redzams 21 atvērts brīdinājums; ir vēl citi'],
    ['lv', 11, false, '11 atvērti brīdinājumi'],
    ['lv', 1, false, '1 atvērts brīdinājums'],
  ] as const)('in %s says %i open (more: %s) as "%s"', (locale, count, hasMore, expected) => {
    expect(text(locale, count, hasMore)).toBe(expected);
  });
});
