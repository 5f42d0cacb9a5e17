import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { csvTable } from '../../components/charts/chart-table.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { Locale } from '../../api/types.js';
import { PurchaseRhythmCard, purchaseRhythmFileName } from './purchase-rhythm-card.js';
import { purchaseRhythmTable } from './purchase-rhythm-table.js';

const order = (id: number, at: string, amountMinor: number): TimelineEntry => ({ at, kind: 'order', id, title: 'paid order', detail: { status: 'paid', amountMinor } });
const entries = [order(1, '2026-06-02T09:00:00Z', 1_250), order(2, '2026-06-16T09:00:00Z', 123_456)];

/** The card's hidden table as a screen reader reads it: the header cells, then each row's cells. */
function readTable(locale: Locale): string[][] {
  const card = createElement(PurchaseRhythmCard, { customerId: 1042, timeline: { entries, isComplete: true, isLoading: false, error: null, reload: () => undefined } });
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale, currency: 'EUR', timeZone: 'Europe/Riga', children: card }));
  const table = html.match(/<table>(.*?)<\/table>/)![1];
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/&nbsp;|\u00a0/g, ' ')));
}

describe("the purchase rhythm's table", () => {
  it('gives each purchase day its money in the store currency, in the reader\'s numbers, under a header without minor units', () => {
    expect(readTable('en')).toEqual([
      ['Day', 'Days since previous purchase', 'Revenue'],
      ['2 Jun 2026', '', '€12.50'],
      ['16 Jun 2026', '14', '€1,234.56'],
    ]);
    const latvian = readTable('lv');
    expect(latvian[0][2]).toBe('Ieņēmumi');
    expect(latvian[2][2]).toBe('1234,56 €');
  });

  it('writes the CSV in major units with the currency in the header', () => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
    const points = [{ day: '2026-06-02', gapDays: null, amountMinor: 1_250 }, { day: '2026-06-16', gapDays: 14, amountMinor: 123_456 }];
    expect(csvTable(purchaseRhythmTable(points, t), { currency: 'EUR', minorPerMajor: 100 })).toEqual([
      ['Day', 'Days since previous purchase', 'Revenue (EUR)'],
      ['2026-06-02', null, '12.50'],
      ['2026-06-16', 14, '1234.56'],
    ]);
  });
});

describe("the purchase rhythm's downloads", () => {
  const tOf = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

  it("carry the customer's number in the reader's language, as their subject access export does", () => {
    expect(purchaseRhythmFileName(1042, tOf('en'))).toBe('customer-1042-purchase-rhythm');
    expect(purchaseRhythmFileName(1042, tOf('id'))).toBe('pelanggan-1042-ritme-pembelian');
    expect(purchaseRhythmFileName(1042, tOf('lv'))).toBe('klients-1042-pirkumu-ritms');
    expect(purchaseRhythmFileName(7, tOf('en'))).not.toBe(purchaseRhythmFileName(8, tOf('en')));
  });
});
