import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { ReportSection } from './report-section.js';

type Report = { day: string };

/** The "as of" line of a report standing on `day`, as a reader of `locale` sees it. */
function asOfLine(locale: Locale, day: string): string {
  const source: PendingData<Report> = { data: { day }, error: null, isLoading: false, reload: () => undefined, replace: () => undefined, isOffered: true, isCatalogLoaded: true };
  const section = createElement(ReportSection<Report>, { title: 'Report', source, emptyText: '', asOfDay: (data: Report) => data.day, children: () => 'chart' });
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale, currency: 'EUR', timeZone: 'Asia/Jakarta', children: section }));
  return html.match(/<p class="muted small report-as-of">(.*?)<\/p>/)![1].replace(/&nbsp;|\u00a0/g, ' ');
}

describe("a report's as-of line", () => {
  it('writes a Latvian date in full, in the case its sentence asks, never abbreviated', () => {
    // the medium form abbreviates these months ("dec.", "sept.", "apr."), which no case can be put on
    expect(asOfLine('lv', '2026-12-05')).toBe('Stāvoklis 2026. gada 5. decembrī');
    expect(asOfLine('lv', '2026-09-30')).toBe('Stāvoklis 2026. gada 30. septembrī');
    expect(asOfLine('lv', '2026-04-01')).toBe('Stāvoklis 2026. gada 1. aprīlī');
    expect(asOfLine('lv', '2026-03-31')).toBe('Stāvoklis 2026. gada 31. martā');
  });

  it('keeps the short date the other reports show in English and Indonesian, on the store day as written', () => {
    expect(asOfLine('en', '2026-12-05')).toBe('As of 5 Dec 2026');
    expect(asOfLine('id', '2026-12-05')).toBe('Per 5 Des 2026');
  });
});
