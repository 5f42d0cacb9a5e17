import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { openAlertsCountText, openTotalOf, refreshLimitOf, withNextPage } from './open-alert-pages.js';

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

describe('openAlertsCountText', () => {
  const text = (locale: Locale, shownOpen: number, total: number | null, hasMore: boolean) => openAlertsCountText({ shownOpen, total, hasMore }, {
    locale, t: (key, values) => lookupMessage(messagesByLocale[locale], key, values), format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta'),
  });

  it.each([
    ['en', 10, 12, true, '10 of 12 open alerts shown'],
    ['en', 10, 1_201, true, '10 of 1,201 open alerts shown'],
    ['en', 12, 12, false, '12 open alerts'],
    ['en', 1, 1, false, '1 open alert'],
    ['en', 10, null, true, '10 open alerts shown; more are open'],
    ['en', 1, null, true, '1 open alert shown; more are open'],
    ['id', 10, 12, true, '10 dari 12 peringatan terbuka ditampilkan'],
    ['id', 12, 12, false, '12 peringatan terbuka'],
    ['id', 10, null, true, '10 peringatan terbuka ditampilkan; masih ada yang lain'],
    ['lv', 10, 12, true, 'Sarakstā ir 10 no 12 atvērtiem brīdinājumiem'],
    ['lv', 20, 21, true, 'Sarakstā ir 20 no 21 atvērta brīdinājuma'],
    ['lv', 10, null, true, 'Redzami 10 atvērti brīdinājumi; ir vēl citi'],
    ['lv', 21, null, true, 'Redzams 21 atvērts brīdinājums; ir vēl citi'],
    ['lv', 11, 11, false, '11 atvērti brīdinājumi'],
    ['lv', 1, 1, false, '1 atvērts brīdinājums'],
  ] as const)('in %s says %i open of %s (more: %s) as "%s"', (locale, shownOpen, total, hasMore, expected) => {
    expect(text(locale, shownOpen, total, hasMore)).toBe(expected);
  });
});

describe('openTotalOf', () => {
  it.each([
    ['is the total counted when nothing was acknowledged since', 12, 10, 10, 12],
    ['leaves out the alerts acknowledged here since the count', 12, 10, 9, 11],
    ['counts one acknowledged on a page loaded after the count once', 25, 20, 19, 24],
    ['is never fewer than the open alerts shown', 3, 10, 9, 9],
    ['is unknown when the server gave no total', null, 10, 10, null],
  ])('%s', (_name, total, listed, shownOpen, expected) => {
    expect(openTotalOf(total, listed, shownOpen)).toBe(expected);
  });
});
