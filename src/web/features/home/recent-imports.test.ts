import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImportRun, Locale } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { RecentImportsTable } from './recent-imports.js';

// 19:37 in Riga's winter (UTC+2) is 00:37 the next day in Jakarta (UTC+7)
const run: ImportRun = {
  import_id: 1, entity: 'orders', file_name: 'orders.csv', status: 'completed', read_count: 3, inserted_count: 3, updated_count: 0,
  unchanged_count: 0, rejected_count: 0, order_inserted_count: 3, started_at: '2026-12-06T17:37:00Z', finished_at: '2026-12-06T17:37:05Z', started_by: 'user:1',
};

/** The "started" cell, with the app's formatters in `appZone` (as before the settings came: the browser's). */
function startedCell(locale: Locale, appZone: string | undefined, storeZone: string | null): string {
  const table = createElement(RecentImportsTable, { runs: [run], timeZone: storeZone });
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale, currency: null, timeZone: appZone, children: table }));
  return html.match(/<tbody><tr><td>(.*?)<\/td>/)![1].replace(/&nbsp;|\u00a0|\u202f/g, ' ');
}

describe('the recent imports on the home page', () => {
  it.each<[Locale, RegExp]>([
    ['lv', /^2026\. gada 7\. dec\.,? 00:37$/],
    ['en', /^7 Dec 2026,? 00:37$/],
  ])('give a run\'s start in the store\'s time zone, whatever zone the app\'s formatters are in (%s)', (locale, expected) => {
    expect(startedCell(locale, 'Europe/Riga', 'Asia/Jakarta')).toMatch(expected);
    expect(startedCell(locale, undefined, 'Asia/Jakarta')).toMatch(expected);
    expect(startedCell(locale, 'Asia/Jakarta', 'Europe/Riga')).toContain('19:37');
  });

  it('name the zone of a time when the store\'s is not known, so it is not taken for the store\'s', () => {
    expect(startedCell('en', 'Asia/Jakarta', null)).toMatch(/\d\d:\d\d.*(GMT|UTC|[A-Z]{2,4})/);
  });
});
