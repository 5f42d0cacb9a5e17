import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { KeyFigures } from './key-figures.js';

// GET /api/reports/summary?days=365 on the demo store (the review's screenshot): the totals equal those of ?days=7.
const summary: StoreSummary = {
  asOf: '2026-12-03T07:18:00.000Z', currency: 'IDR', hasPrices: true, from: '2025-12-04', to: '2026-12-04', previousFrom: '2024-12-04', previousTo: '2025-12-04', comparison: 'same-time',
  currentPeriod: { from: '2025-12-03T17:00:00.000Z', to: '2026-12-03T07:18:00.000Z' }, previousPeriod: { from: '2024-12-03T17:00:00.000Z', to: '2025-12-03T07:18:00.000Z' },
  current: { revenueMinor: 3_342_622_500, orders: 6897, realCustomers: 1198, activeCustomers: 877, newCustomers: 518, leads: 448, repeatPurchaseRate: 0.874 },
  previous: { revenueMinor: 2_151_305_600, orders: 4446, realCustomers: 679, activeCustomers: 554, newCustomers: 367, leads: 239, repeatPurchaseRate: 0.862 },
  change: { revenueMinor: 0.553, orders: 0.551, realCustomers: 0.764, activeCustomers: 0.583, newCustomers: 0.411, leads: 0.874, repeatPurchaseRate: 0.0139 },
};

const render = (report: StoreSummary = summary, locale: Locale = 'en') =>
  renderToStaticMarkup(createElement(I18nProvider, { locale, currency: 'IDR', timeZone: 'Asia/Jakarta', children: createElement(KeyFigures, { summary: report }) }));
const text = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, '\'').replace(/\s+/g, ' ').trim();

/** Each group's heading and, per tile, its label and the lines under the value, read from the rendered HTML. */
function renderedGroups(): Array<{ heading: string; tiles: string[] }> {
  const html = render();
  return html.split('<div class="key-figures-group"').slice(1).map((group) => ({
    heading: text(group.match(/<h3[^>]*>(.*?)<\/h3>/)![1]),
    tiles: [...group.matchAll(/<div class="key-figure">(.*?)<\/div>/g)].map((tile) => text(tile[1])),
  }));
}

describe('the key figures on Home', () => {
  it('shows the period\'s figures with their change against the previous period, and the store totals apart, each against its own total then', () => {
    const [period, totals] = renderedGroups();
    expect(period.heading).toBe('Last 365 days');
    expect(period.tiles).toContain('Orders 6,897 +55.1% vs previous period Previous period: 4,446');
    expect(totals.heading).toBe('Store totals');
    expect(totals.tiles).toEqual([
      'Real customers 1,198 +519 since 365 days ago 365 days ago: 679',
      'Leads 448 +209 since 365 days ago 365 days ago: 239',
      'Repeat-purchase rate 87.4% +1.2 points since 365 days ago 365 days ago: 86.2%',
    ]);
    // a total's growth "vs previous period" read as the year's growth of the customer base
    expect(totals.tiles.join(' ')).not.toMatch(/vs previous period|76\.4%/);
  });

  describe('the line on credit notes under the period\'s figures', () => {
    /** The muted line under the period's figures, or null when there is none. */
    const creditNotesLine = (report: Partial<StoreSummary>, locale: Locale = 'en') => {
      const html = render({ ...summary, ...report }, locale);
      const line = html.match(/<p class="muted small key-figures-credit-notes">(.*?)<\/p>/);
      return line ? text(line[1]) : null;
    };
    // the demo store with 3 credit notes cancelling sales from before its data: Rp 125.000.000 not given back (IDR has no minor unit)
    const unmatched = { hasCreditNotes: true, unappliedCredit: { creditNotes: 3, amountMinor: 125_000_000 } };
    const restate = {
      en: 'A credit note lowers the revenue of its sale\'s day, so a period\'s revenue can drop when a credit note arrives later.',
      id: 'Nota kredit mengurangi pendapatan pada hari penjualan yang dikreditnya, jadi pendapatan suatu periode bisa turun jika nota kredit datang kemudian.',
      lv: 'Kredītrēķins samazina tās pārdošanas dienas ieņēmumus, par kuru tas izrakstīts, tāpēc perioda ieņēmumi var samazināties, ja kredītrēķins pienāk vēlāk.',
    };

    it('is not shown when the store has no credit notes, nor by a server that does not say', () => {
      expect(creditNotesLine(unmatched)).not.toBeNull();
      expect(creditNotesLine({ hasCreditNotes: false, unappliedCredit: { creditNotes: 0, amountMinor: 0 } })).toBeNull();
      expect(creditNotesLine({})).toBeNull();
      expect(render(summary)).not.toMatch(/credit note/i);
    });

    it('says, when every credit note found its sale, that a credit note lowers the day of its sale', () => {
      const restated = { hasCreditNotes: true, unappliedCredit: { creditNotes: 0, amountMinor: 0 } };
      expect(creditNotesLine(restated)).toBe(restate.en);
      expect(creditNotesLine(restated, 'id')).toBe(restate.id);
      expect(creditNotesLine(restated, 'lv')).toBe(restate.lv);
    });

    // text() reads the formatter's no-break spaces ("125 000 000 IDR") as plain ones
    it('counts the credit notes that matched no sale, with their amount, as not taken off revenue, in each language', () => {
      expect(creditNotesLine(unmatched)).toBe(`${restate.en} 3 credit notes (IDR 125,000,000) matched no earlier sale and are not taken off revenue.`);
      expect(creditNotesLine({ unappliedCredit: { creditNotes: 1, amountMinor: 40_000 } })).toBe('1 credit note (IDR 40,000) matched no earlier sale and is not taken off revenue.');
      expect(creditNotesLine(unmatched, 'id')).toBe(`${restate.id} 3 nota kredit (Rp 125.000.000) tidak cocok dengan penjualan sebelumnya dan tidak dikurangkan dari pendapatan.`);
      // Latvian: 21 takes the singular form, 3 the plural, 10 the "zero" one
      expect(creditNotesLine(unmatched, 'lv')).toBe(`${restate.lv} 3 kredītrēķiniem (125 000 000 IDR) neatradās agrāka pārdošana, tāpēc tie netiek atskaitīti no ieņēmumiem.`);
      expect(creditNotesLine({ unappliedCredit: { creditNotes: 21, amountMinor: 40_000 } }, 'lv')).toBe('21 kredītrēķinam (40 000 IDR) neatradās agrāka pārdošana, tāpēc tas netiek atskaitīts no ieņēmumiem.');
      expect(creditNotesLine({ unappliedCredit: { creditNotes: 10, amountMinor: 40_000 } }, 'lv')).toBe('10 kredītrēķiniem (40 000 IDR) neatradās agrāka pārdošana, tāpēc tie netiek atskaitīti no ieņēmumiem.');
    });

    it('is not shown when the orders carry no prices: revenue is not recorded', () => {
      expect(creditNotesLine({ ...unmatched, hasPrices: true })).not.toBeNull();
      expect(creditNotesLine({ ...unmatched, hasPrices: false })).toBeNull();
    });
  });
});
