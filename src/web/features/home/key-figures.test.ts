import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../api/analytics-types.js';
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

/** Each group's heading and, per tile, its label and the lines under the value, read from the rendered HTML. */
function renderedGroups(): Array<{ heading: string; tiles: string[] }> {
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale: 'en', currency: 'IDR', timeZone: 'Asia/Jakarta', children: createElement(KeyFigures, { summary }) }));
  const text = (fragment: string) => fragment.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, '\'').replace(/\s+/g, ' ').trim();
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
});
