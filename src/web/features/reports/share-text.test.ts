import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { shareText } from './share-text.js';
import { typeTooltipLines } from './types-chart-option.js';

describe('shareText', () => {
  it.each([['lv', '<0,1%'], ['en', '<0.1%'], ['id', '<0,1%']] as const)('writes (%s) a share that is not zero but rounds to it as "%s", as the CLI does', (locale, expected) => {
    // "Nedrīkst zaudēt": 6 of 23,570 customers
    expect(shareText(6 / 23570, createFormatters(locale, 'EUR', 'UTC'))).toBe(expected);
  });

  it.each([['lv', 3029 / 23570, '12,9%'], ['en', 0.0005, '0.1%'], ['id', 0, '0%'], ['en', 14742 / 23570, '62.5%']] as const)('writes (%s) %d as "%s", rounded once', (locale, share, expected) => {
    expect(shareText(share, createFormatters(locale, 'EUR', 'UTC'))).toBe(expected);
  });
});

describe('typeTooltipLines', () => {
  it('writes a revenue share that is not zero but rounds to it as "<0.1%"', () => {
    const row = { type: 'regular', customers: 6, primaryCustomers: 6, share: 6 / 23570, revenueLast365DaysMinor: 100, revenueLast365DaysShare: 0.0001, revenueLifetimeMinor: 100, revenueLifetimeShare: 0.0001 };
    expect(typeTooltipLines(row, (key, values) => `${key} ${JSON.stringify(values)}`, createFormatters('en', 'EUR', 'UTC'))[3]).toBe('reports.types.tooltipRevenue {"revenue":"€1.00","share":"<0.1%"}');
  });
});
