import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImportRun, Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { RecentImportsTable } from './recent-imports.js';

// 23:30 UTC is 06:30 the next morning in Jakarta (UTC+7) and 01:30 the next night in Riga's winter (UTC+2)
const run: ImportRun = {
  import_id: 1, entity: 'orders', file_name: 'orders.csv', status: 'completed', read_count: 3, inserted_count: 3, updated_count: 0,
  unchanged_count: 0, rejected_count: 0, order_inserted_count: 3, started_at: '2026-12-06T23:30:00Z', finished_at: '2026-12-06T23:30:05Z', started_by: 'user:1',
};

/** The "started" cell, with the app's formatters in `storeZone` (as the app gives them once the store's settings have come). */
function startedCell(locale: Locale, storeZone: string): string {
  const table = createElement(RecentImportsTable, { runs: [run] });
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale, currency: null, timeZone: storeZone, children: table }));
  return html.match(/<tbody><tr><td>(.*?)<\/td>/)![1].replace(/&nbsp;|\u00a0|\u202f/g, ' ');
}

describe('the recent imports on the home page', () => {
  it.each<[Locale, RegExp, RegExp]>([
    ['lv', /^2026\. gada 7\. dec\.,? 06:30$/, /^2026\. gada 7\. dec\.,? 01:30$/],
    ['en', /^7 Dec 2026,? 06:30$/, /^7 Dec 2026,? 01:30$/],
    ['id', /^7 Des 2026,? 06[.:]30$/, /^7 Des 2026,? 01[.:]30$/],
  ])('give a run\'s start in the store\'s time zone, whatever the computer\'s (%s)', (locale, inJakarta, inRiga) => {
    expect(startedCell(locale, 'Asia/Jakarta')).toMatch(inJakarta);
    expect(startedCell(locale, 'Europe/Riga')).toMatch(inRiga);
  });

  it('write it as the app writes every time, not in a form of its own', () => {
    const table = renderToStaticMarkup(createElement(I18nProvider, { locale: 'en', currency: null, timeZone: 'Asia/Jakarta', children: createElement(RecentImportsTable, { runs: [run] }) }));
    expect(table).toContain(`<td>${createFormatters(intlTagByLocale.en, null, 'Asia/Jakarta').dateTime(run.started_at)}</td>`);
  });
});
